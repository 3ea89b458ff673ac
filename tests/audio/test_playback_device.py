"""Player on the real PulseAudio virtual sink: what it plays is what the sink receives."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from audio.playback import Player
from audio.wavfile import read_wav

pytestmark = pytest.mark.slow


def envelope(samples: np.ndarray, rate: int) -> np.ndarray:
    """RMS in 20 ms frames, so recordings at different rates compare frame by frame."""
    frame = rate // 50
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    return np.sqrt(np.mean(frames**2, axis=1))


def best_correlation(recorded: np.ndarray, clip: np.ndarray) -> float:
    scores = [
        float(np.corrcoef(recorded[lag : lag + len(clip)], clip)[0, 1])
        for lag in range(len(recorded) - len(clip) + 1)
        if recorded[lag : lag + len(clip)].std() > 0
    ]
    return max(scores, default=0.0)


def captured(process: subprocess.Popen, path: Path) -> tuple[np.ndarray, int]:
    process.send_signal(signal.SIGINT)  # parecord finishes the WAV header on SIGINT
    process.wait(timeout=10)
    return read_wav(path)


def test_plays_the_clip_into_the_sink(virtual_mic, espeak_wav, tmp_path: Path) -> None:
    clip_path = espeak_wav("What would you change next time, and why?")
    clip, clip_rate = read_wav(clip_path)
    recording = virtual_mic.record_sink(tmp_path / "sink.wav")
    time.sleep(0.3)
    positions: list[float] = []
    finished: list[bool] = []
    player = Player(on_position=positions.append, on_finished=lambda: finished.append(True))
    player.play(clip_path)
    time.sleep(1.0)
    assert 0.5 < player.position_s < 1.3  # the position follows the clock
    assert player.wait(timeout=15)
    time.sleep(0.3)
    sink, sink_rate = captured(recording, tmp_path / "sink.wav")

    assert finished == [True]
    assert positions == sorted(positions) and positions[-1] > player.duration_s - 0.3
    r = best_correlation(envelope(sink, sink_rate), envelope(clip, clip_rate))
    assert r > 0.9, f"the sink did not receive the clip (r={r:.2f})"


def test_seek_and_stop_on_the_real_output(virtual_mic, espeak_wav, tmp_path: Path) -> None:
    clip_path = espeak_wav("Tell me about the hardest bug you ever fixed in production.")
    recording = virtual_mic.record_sink(tmp_path / "sink.wav")
    time.sleep(0.3)
    player = Player()
    player.play(clip_path)
    time.sleep(0.4)
    player.seek(2.0)
    assert player.position_s == pytest.approx(2.0, abs=0.25)
    time.sleep(0.5)
    assert 2.15 < player.position_s < 2.8
    player.stop()
    stopped_at = player.position_s
    assert not player.is_playing
    time.sleep(1.0)
    assert player.position_s == stopped_at
    sink, sink_rate = captured(recording, tmp_path / "sink.wav")

    loud = envelope(sink, sink_rate) > 0.01
    assert loud.sum() * 0.02 == pytest.approx(0.9, abs=0.35)  # 0.4 s + 0.5 s of speech, no more
    tail = sink[-int(0.6 * sink_rate) :]
    assert np.sqrt(np.mean(tail**2)) < 1e-3  # silence after stop
