"""The window fits a 1280x800 screen at 100 % and 150 % scale, with nothing overlapping.

Qt's scale factor is read once per process (QT_SCALE_FACTOR before QApplication), so each
scale is measured in a fresh Python process running `measure()` below: the window with
fake devices, after one take with a long question and a long answer, at its minimum size
and at its default size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREEN = (1280, 800)  # device pixels
MIN_TRANSCRIPT_LINES = 8
LONG_QUESTION = ("Tell me about a time you disagreed with your manager about the direction of "
                 "a project, and what you did about it.")


def overlaps(root) -> list[str]:
    """Pairs of visible sibling widgets that overlap, and widgets sticking out of their
    parent, anywhere under `root` (the insides of Qt's own composite widgets aside)."""
    from PySide6.QtWidgets import QAbstractScrollArea, QComboBox, QScrollArea, QWidget

    found: list[str] = []

    def name(w: QWidget) -> str:
        return f"{type(w).__name__}#{w.objectName()}"

    def visit(parent: QWidget) -> None:
        kids = [c for c in parent.findChildren(QWidget, options=_direct())
                if c.isVisible() and not c.objectName().startswith("qt_")]
        for i, a in enumerate(kids):
            if not parent.rect().contains(a.geometry()):
                found.append(f"{name(a)} {a.geometry().getRect()} outside {name(parent)} "
                             f"{parent.rect().getRect()}")
            for b in kids[i + 1 :]:
                if a.geometry().intersects(b.geometry()):
                    found.append(f"{name(a)} {a.geometry().getRect()} overlaps {name(b)} "
                                 f"{b.geometry().getRect()}")
        for kid in kids:
            if isinstance(kid, QScrollArea) and kid.widget() is not None:
                visit(kid.widget())
            elif not isinstance(kid, QAbstractScrollArea | QComboBox):
                visit(kid)

    visit(root)
    return found


def _direct():
    from PySide6.QtCore import Qt

    return Qt.FindChildOption.FindDirectChildrenOnly


def transcript_lines(view) -> float:
    """How many lines of the transcript fit in its viewport, at the line height the
    transcript is really laid out with (its HTML sets 150 %)."""
    document = view.document()
    block, lines = document.firstBlock(), 0
    while block.isValid():
        lines += block.layout().lineCount()
        block = block.next()
    margins = 2 * document.documentMargin()
    line_height = (document.size().height() - margins) / max(1, lines)
    return view.viewport().height() / line_height


def measure() -> None:
    """Run in a fresh process: print the window's figures at this process's scale."""
    import dataclasses
    import tempfile

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    os.environ["MICDROP_HOME"] = tempfile.mkdtemp()
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from desktop.widgets.theme import WINDOW_SIZE
    from desktop.window_devices import Devices
    from question_bank.model import Bank
    from tests.desktop import test_window_fakes as fakes

    question = dataclasses.replace(fakes.STORY, text=LONG_QUESTION)
    folder = Path(tempfile.mkdtemp())
    devices = Devices(
        recorder=lambda _s: fakes.FakeRecorder(), speaker=lambda _s: fakes.FakeSpeaker(folder),
        player=lambda _s: fakes.FakePlayer(), transcriber=lambda _s: fakes.FakeTranscriber(),
        streaming=lambda _t: fakes.FakeStreaming(fakes.ANSWER * 3),
        find_unfinished=lambda _f: [], recover=lambda p: p)
    bank = Bank(questions=(question,), companies=(fakes.ACME,))
    from desktop.store import Store

    store = Store(Path(tempfile.mkdtemp()) / "micdrop.sqlite3")  # every screen, as users have
    window = MainWindow(bank, store, devices, Settings(), ask=lambda *_: False)
    window.show()
    window.picker.select_company("acme")
    window.picker.select_question(question.id)
    window.start_recording()
    window.stop_recording()
    while window.feedback.analysis is None:
        app.processEvents()

    def settle(width: int, height: int) -> None:
        window.resize(width, height)
        for _ in range(5):
            app.processEvents()

    for _ in range(5):  # the feedback and the replay bar lay themselves out
        app.processEvents()
    minimum = window.minimumSizeHint()
    settle(minimum.width(), minimum.height())
    at_minimum = {"size": window.size().toTuple(), "overlaps": overlaps(window.centralWidget())}
    settle(*WINDOW_SIZE)
    print(json.dumps({
        "ratio": window.devicePixelRatio(),
        "minimum": minimum.toTuple(),
        "at_minimum": at_minimum,
        "default_lines": transcript_lines(window.feedback.transcript),
        "default_overlaps": overlaps(window.centralWidget()),
    }))


def figures(scale: str) -> dict:
    env = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    code = "from tests.desktop.test_layout import measure; measure()"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_the_window_fits_1280x800_with_nothing_overlapping(scale):
    got = figures(scale)
    assert got["ratio"] == float(scale)
    width, height = (round(v * got["ratio"]) for v in got["minimum"])
    assert width <= SCREEN[0] and height <= SCREEN[1], (width, height)
    assert tuple(got["at_minimum"]["size"]) == tuple(got["minimum"])
    assert got["at_minimum"]["overlaps"] == []
    assert got["default_overlaps"] == []


def test_the_transcript_shows_at_least_8_lines_at_the_default_size():
    got = figures("1")
    assert got["default_lines"] >= MIN_TRANSCRIPT_LINES, got["default_lines"]
