"""The window when the disk fills mid-answer: real recorder on the PulseAudio virtual
microphone, real Whisper streaming, real store, and the recordings folder
($MICDROP_HOME/recordings) on a real tmpfs with room for about five seconds of audio.

The take must stop by itself, say what happened and what to do, keep a valid WAV with
feedback on it, and leave the window usable: Record works again once space is freed.
"""

from __future__ import annotations

import time
import wave

import pytest
from PySide6.QtCore import Qt

from audio.errors import DiskFullError
from desktop import paths
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.store import Store
from desktop.window_devices import real_devices
from question_bank import load_bank
from tests.desktop.test_window_fakes import STORY, make_window

ANSWER = (
    "Just to be clear, you are asking about a time I failed. "
    "Last year I was the data scientist on a churn project at a telecom company. "
    "I owned the model, and it missed its launch date by two weeks. "
    "I added tests and monitoring, and errors fell by forty percent."
)
DISK_KB, FILLER_KB = 320, 160  # about 5 s of 16 kHz audio fit beside the filler


def test_a_write_failure_reported_by_the_recorder_ends_the_take_on_the_next_tick(
        qtbot, tmp_path, monkeypatch):
    """The window's side alone, with fake devices: no Stop press is needed."""
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    window, *_ = make_window(qtbot, tmp_path)
    window.picker.select_question(STORY.id)
    qtbot.keyClick(window, Qt.Key.Key_R)
    recorder = window.recorder
    message = (f"The disk is full: the recording stopped at 0:05 and what was recorded is "
               f"kept in {recorder.path}. Free some space, then record again.")
    recorder.problem = DiskFullError(message, recorder.path, 5.0)
    qtbot.waitUntil(lambda: window.recorder is None, timeout=2000)
    assert window.feedback.message_label.text() == message
    qtbot.waitUntil(lambda: window.last_outcome is not None)
    assert window.feedback.analysis is not None
    assert window.feedback.message_label.text() == message  # still says why, above it
    assert window.controls.record_button.isEnabled() and window.picker.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.recorder is not None


@pytest.mark.slow
def test_a_disk_filling_mid_take_stops_it_says_so_and_record_works_again(
        qtbot, virtual_mic, espeak_wav, tiny_disk, tmp_path, monkeypatch):
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    answer_wav = espeak_wav(ANSWER, "answer.wav", rate=150)
    disk = tiny_disk(DISK_KB, at=tmp_path / "home" / "recordings", filler_kb=FILLER_KB)
    assert paths.recordings_dir() == disk
    bank = load_bank(paths.data_dir())
    store = Store(paths.database_path())
    window = MainWindow(bank, store, real_devices(), Settings(), ask=lambda *_: False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model_ready, timeout=120_000)
    question = next(q for q in bank.questions if q.kind == "story")
    assert window.picker.select_question(question.id)
    qtbot.waitUntil(lambda: not window.workers.busy(), timeout=30_000)
    window.player.wait(timeout=30)

    qtbot.mouseClick(window.controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is not None, window.feedback.message_label.text()
    speaking = virtual_mic.play(answer_wav)
    try:
        # Nobody presses Stop: the take ends by itself once the disk is full.
        qtbot.waitUntil(lambda: window.recorder is None, timeout=30_000)
        assert speaking.poll() is None  # long before the answer was over
        message = window.feedback.message_label.text()
        assert message.startswith("The disk is full: the recording stopped at 0:0"), message
        assert message.endswith("Free some space, then record again.")
        assert not window._tick.isActive()  # the timer stopped with the take
        qtbot.waitUntil(lambda: window.last_outcome is not None, timeout=60_000)
    finally:
        speaking.kill()
        speaking.wait()

    # Feedback on what was kept, the reason still shown above it, and the window usable.
    outcome = window.last_outcome
    assert outcome.analysis is not None, window.feedback.message_label.text()
    assert window.feedback.message_label.text().startswith("The disk is full")
    assert window.feedback.message_label.isVisibleTo(window)
    assert window.controls.record_button.isEnabled()
    assert not window.controls.stop_button.isEnabled()
    assert window.picker.isEnabled() and window.card.read_button.isEnabled()
    assert "Recording" not in window.controls.state_label.text()
    assert "Recording" not in window.feedback.verdict_label.text()
    with wave.open(str(outcome.wav)) as kept:
        kept_s = kept.getnframes() / kept.getframerate()
    assert 44 + 2 * round(kept_s * 16000) == outcome.wav.stat().st_size
    assert 4.0 <= kept_s <= (DISK_KB - FILLER_KB) * 1024 / 32000
    assert f"stopped at 0:0{int(kept_s)} and what was recorded is kept in {outcome.wav}" in (
        window.feedback.message_label.text())
    assert window.controls.timer._elapsed_s == pytest.approx(kept_s, abs=0.05)
    [record] = store.attempts()
    assert record.wav_path == outcome.wav

    # Still full: Record says so plainly and nothing breaks.
    qtbot.mouseClick(window.controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is None
    assert "The disk is full, so the recording could not start" in (
        window.feedback.message_label.text())
    # Space freed: Record works again.
    (disk / "filler.bin").unlink()
    qtbot.mouseClick(window.controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is not None, window.feedback.message_label.text()
    started = time.monotonic()
    qtbot.waitUntil(lambda: window.recorder.elapsed_s > 0.5, timeout=10_000)
    qtbot.mouseClick(window.controls.stop_button, Qt.MouseButton.LeftButton)
    assert window.recorder is None and time.monotonic() - started < 10
    qtbot.waitUntil(lambda: window.controls.record_button.isEnabled(), timeout=60_000)
    store.close()
