"""The mock interview screen with fake devices: set up, state line, stop and resume, summary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.settings import Settings
from desktop.store import Store
from desktop.views.mock_view import MockInterviewView
from desktop.workers import Workers
from tests.desktop.mock_fakes import ACME, BANK, Rig


@pytest.fixture
def view(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    rig = Rig(tmp_path)
    store = Store(tmp_path / "attempts.sqlite3")
    workers = Workers()
    said: list[str] = []
    made = MockInterviewView(rig.devices, Settings, lambda: None, BANK, store, workers,
                             said.append, company=lambda: ACME, silence_s=2.0)
    made.rig, made.said, made.keep = rig, said, workers
    qtbot.addWidget(made)
    made.resize(1000, 700)
    made.show()
    yield made
    made.stop_interview()
    workers.wait_all()
    store.close()


def until_recording(qtbot, view, asked: int) -> None:
    rig = view.rig
    qtbot.waitUntil(lambda: len(rig.player.played) == asked, timeout=5000)
    assert view.state_line.text() == "Listening…"
    rig.player.is_playing = False
    qtbot.waitUntil(lambda: view.state_line.text().startswith("Recording"), timeout=5000)


def test_setup_then_interview_then_summary(qtbot, view):
    assert view.company_combo.currentText() == "Acme"  # the window's company
    assert not view.resume_button.isEnabled()
    view.length.setValue(1)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    until_recording(qtbot, view, 1)
    assert view.question_label.text() == "Walk me through your background."
    assert view.progress_label.text() == "QUESTION 1 OF 2"
    view.rig.recorder.push(43, loud=True)
    qtbot.waitUntil(lambda: "0:43" in view.state_line.text(), timeout=3000)
    assert view.state_line.text().startswith("Recording 0:43 / aim 1:00–1:30")
    assert view.countdown.text() == "0:43" and view.stop_answer_button.isEnabled()
    qtbot.mouseClick(view.stop_answer_button, Qt.MouseButton.LeftButton)
    until_recording(qtbot, view, 2)
    assert view.progress_label.text() == "QUESTION 1 OF 2 · FOLLOW-UP"
    assert view.answered.count() == 1 and "/100" in view.answered.item(0).text()
    for asked in (3, 4):
        view.rig.recorder.push(1, loud=True)
        view.stop_answer()
        until_recording(qtbot, view, asked)
    view.stop_answer()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.summary_page, timeout=5000)
    rows = view.summary_page.rows()
    assert [r[0] for r in rows][::2] == ["Walk me through your background.",
                                         "Tell me about a time you failed."]
    assert all(r[0].startswith("↳ Follow-up: ") for r in rows[1::2])
    assert all(r[1].isdigit() for r in rows)
    assert all("aim" in r[2] for r in rows[::2])  # a first answer has its verdict
    assert all(r[2].count(":") == 1 and r[3] == "—" for r in rows[1::2])  # a follow-up, length
    assert "over 2 questions (follow-ups not counted)" in view.summary_page.mean.text()
    assert "Acme" in view.summary_page.title.text()
    assert view.said[-1] == "Mock interview finished: here is the summary."


def test_a_stopped_interview_is_listed_and_resumed(qtbot, view):
    view.length.setValue(1)
    view.start()
    until_recording(qtbot, view, 1)
    qtbot.mouseClick(view.stop_interview_button, Qt.MouseButton.LeftButton)
    assert view.pages.currentIndex() == 0
    assert "Resume continues at question 1" in view.notice.text()
    assert view.unfinished.count() == 1 and view.resume_button.isEnabled()
    assert "Acme · 0 of 2 questions answered" in view.unfinished.item(0).text()
    qtbot.mouseClick(view.resume_button, Qt.MouseButton.LeftButton)
    until_recording(qtbot, view, 2)
    assert view.question_label.text() == "Walk me through your background."
