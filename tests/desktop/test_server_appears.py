"""A sound server that starts after MicDrop: PortAudio lists devices only when it initializes,
so the recorder rescans when it finds no microphone. Driven in-process against a private
PulseAudio server that is not running when the "app" starts."""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np
import pytest
import sounddevice as sd
from PySide6.QtCore import Qt

from audio.capture import Recorder, list_input_devices
from audio.errors import MicrophoneError
from audio.wavfile import read_wav
from desktop import paths
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.store import Store
from desktop.window_devices import real_devices
from question_bank import load_bank

pytestmark = pytest.mark.slow

ENV_KEYS = ("HOME", "XDG_RUNTIME_DIR", "PULSE_SERVER", "PULSE_SOURCE")


def _reinit_portaudio() -> None:
    sd._terminate()
    sd._initialize()


@pytest.fixture
def server_later(private_pulse) -> Iterator:
    """This process starts with no sound server (PortAudio initialized without one); the
    test starts it. Afterwards the environment and PortAudio are as they were, so the
    session's virtual microphone works for the tests that follow."""
    saved = {key: os.environ.get(key) for key in ENV_KEYS}
    os.environ.update({key: private_pulse.env[key] for key in ENV_KEYS})
    try:
        _reinit_portaudio()
        if list_input_devices():
            pytest.skip("this machine has a microphone besides the sound server")
        yield private_pulse
    finally:
        private_pulse.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _reinit_portaudio()


def test_the_recorder_finds_a_server_that_started_after_it(server_later, espeak_wav,
                                                           tmp_path) -> None:
    recorder = Recorder()
    with pytest.raises(MicrophoneError, match="No microphone was found"):
        recorder.start(tmp_path / "before.wav")
    mic = server_later.start()
    clip = espeak_wav("I owned the migration and cut the latency by forty percent.")

    recorder.start(tmp_path / "after.wav")
    mic.play(clip).wait(timeout=30)
    wav = recorder.stop()
    samples, rate = read_wav(wav)
    assert rate == 16000 and len(samples) / rate >= 2.0
    assert np.sqrt(np.mean(samples**2)) > 0.01  # the clip, not silence


def test_the_window_started_without_a_server_records_once_one_runs(
        server_later, qtbot, espeak_wav, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    bank = load_bank(paths.data_dir())
    store = Store(paths.database_path())
    window = MainWindow(bank, store, real_devices(), Settings(), ask=lambda *_: False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model_ready, timeout=120_000)
    assert window.picker.select_question("failure-learned")
    qtbot.waitUntil(lambda: not window.workers.busy(), timeout=30_000)  # no voice out: a notice
    qtbot.mouseClick(window.controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is None
    assert "No microphone was found" in window.feedback.message_label.text()

    mic = server_later.start()
    answer = espeak_wav("Last year I owned a pricing launch and it failed. I rolled it back "
                        "and errors fell by eighteen percent.", "answer.wav")
    qtbot.mouseClick(window.controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is not None, window.feedback.message_label.text()
    speaking = mic.play(answer)
    qtbot.waitUntil(lambda: speaking.poll() is not None, timeout=60_000)
    qtbot.wait(700)
    qtbot.mouseClick(window.controls.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.last_outcome is not None, timeout=60_000)
    assert window.feedback.analysis is not None, window.feedback.message_label.text()
    assert "pricing" in window.feedback.transcript.text().lower()
    [attempt] = store.attempts()
    assert attempt.question_id == "failure-learned"
    window.close()
    store.close()
