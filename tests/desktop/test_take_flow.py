"""From Stop to feedback in the window, when the answer's end is still being transcribed.

A stand-in streaming transcriber holds a backlog at Stop and finishes only when the test
says so, so these tests can look at the window while it waits: the recording state is gone
at once, progress is shown, and Cancel gives the window back with the recording kept.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.store import Store
from desktop.take_flow import cancelled_message
from scoring.transcript import Transcript
from tests.desktop.test_window_fakes import ANSWER, STORY, FakeStreaming, make_window


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


class SlowStreaming(FakeStreaming):
    """Holds `backlog_s` seconds at Stop; `finish` waits for `release` or `cancel`."""

    def __init__(self, text: str, backlog_s: float = 12.0) -> None:
        super().__init__(text)
        self.backlog_s = backlog_s
        self.release = threading.Event()
        self.finishing = threading.Event()

    def cancel(self) -> None:
        super().cancel()
        self.release.set()

    def finish(self, duration_s: float) -> Transcript:
        self.finishing.set()
        self.release.wait(30)
        if self.cancelled:
            raise RuntimeError("cancelled")  # as the real one raises TranscriptionCancelled
        self.backlog_s = 0.0
        return Transcript.from_text(self.text)


def slow_window(qtbot, tmp_path, store=None):
    streams: list[SlowStreaming] = []

    def streaming(_transcriber) -> SlowStreaming:
        streams.append(SlowStreaming(ANSWER))
        return streams[-1]

    window, *_ = make_window(qtbot, tmp_path, store=store,
                             devices_extra={"streaming": streaming})
    window.picker.select_question(STORY.id)
    qtbot.mouseClick(window.controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is not None
    return window, streams


def test_stop_leaves_the_recording_state_at_once_and_shows_progress(qtbot, tmp_path, home):
    store = Store(tmp_path / "attempts.sqlite3")
    window, [stream] = slow_window(qtbot, tmp_path, store)
    controls = window.controls
    assert "Recording" in controls.state_label.text()
    qtbot.mouseClick(controls.stop_button, Qt.MouseButton.LeftButton)
    # Before any event is processed: the window no longer claims to be recording.
    for text in (controls.state_label.text(), window.feedback.verdict_label.text()):
        assert "Recording" not in text and "last 12 s" in text, text
    assert controls.finish_bar.isVisibleTo(window) and controls.finish_bar.value() == 0
    assert controls.cancel_button.isVisibleTo(window) and controls.cancel_button.isEnabled()
    assert not controls.meter.isVisibleTo(window) and not controls.stop_button.isVisibleTo(window)
    assert not controls.record_button.isEnabled()
    qtbot.waitUntil(stream.finishing.is_set)
    stream.backlog_s = 3.0
    qtbot.waitUntil(lambda: controls.finish_bar.value() == 75)
    assert "last 3 s" in controls.state_label.text()
    stream.release.set()
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
    assert not controls.finish_bar.isVisibleTo(window)
    assert not controls.cancel_button.isVisibleTo(window)
    assert controls.meter.isVisibleTo(window) and controls.record_button.isEnabled()
    assert len(store.attempts()) == 1


def test_cancel_returns_to_ready_and_keeps_the_recording(qtbot, tmp_path, home):
    store = Store(tmp_path / "attempts.sqlite3")
    window, [stream] = slow_window(qtbot, tmp_path, store)
    qtbot.mouseClick(window.controls.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(stream.finishing.is_set)
    wav = window.finisher._take.wav
    qtbot.mouseClick(window.controls.cancel_button, Qt.MouseButton.LeftButton)
    assert stream.cancelled
    controls = window.controls
    assert controls.record_button.isEnabled() and controls.state_label.text() == "Ready"
    assert not controls.cancel_button.isVisibleTo(window)
    message = window.feedback.message_label.text()
    assert wav.name in message and "micdrop analyze" in message
    assert f"--question-id {STORY.id}" in message
    qtbot.waitUntil(lambda: not window.workers.busy())
    assert wav.exists() and store.attempts() == []
    assert window.feedback.analysis is None and window.feedback.message_label.text() == message
    # A new take can start straight away.
    qtbot.mouseClick(controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is not None


def test_a_short_tail_shows_no_progress_bar(qtbot, tmp_path, home):
    window, [stream] = slow_window(qtbot, tmp_path)
    stream.backlog_s = 0.4
    qtbot.mouseClick(window.controls.stop_button, Qt.MouseButton.LeftButton)
    assert "Recording" not in window.controls.state_label.text()
    assert not window.controls.finish_bar.isVisibleTo(window)
    stream.release.set()
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)


def test_the_cancel_message_names_the_file_and_the_command(tmp_path):
    from desktop.take_flow import Take

    take = Take(object(), tmp_path / "20260101T000000__story-failure.wav", STORY, None, None,
                12.0)
    message = cancelled_message(take)
    assert "20260101T000000__story-failure.wav" in message
    assert f'micdrop analyze "{take.wav}" --question-id story-failure' in message


def test_record_and_stop_leave_the_focus_with_the_window(qtbot, tmp_path, home):
    """A disabled button's focus would pass to the transcript, scrolling a short window's
    answer column away from the question; and Space would type into it, not stop."""
    from PySide6.QtWidgets import QApplication

    window, [stream] = slow_window(qtbot, tmp_path)  # clicked Record
    assert QApplication.focusWidget() is not window.feedback.transcript
    qtbot.mouseClick(window.controls.stop_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is not window.feedback.transcript
    stream.release.set()
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
