"""Recorder on a real PulseAudio virtual microphone: what is played in is what lands on disk."""

from __future__ import annotations

import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from audio.capture import BLOCK_S, Recorder, StreamResampler, list_input_devices
from audio.recovery import find_unfinished, marker_for, recover
from audio.wavfile import read_wav

pytestmark = pytest.mark.slow

LEAD_S = 0.6  # recording runs this long before the clip starts: must come out silent
FRAME = 320  # 20 ms envelope frames at 16 kHz


def envelope(samples: np.ndarray) -> np.ndarray:
    frames = samples[: len(samples) // FRAME * FRAME].reshape(-1, FRAME)
    return np.sqrt(np.mean(frames**2, axis=1))


def best_alignment(recorded: np.ndarray, clip: np.ndarray) -> tuple[int, float]:
    """Lag (in envelope frames) and Pearson correlation where the clip fits the recording best."""
    best = (0, -1.0)
    for lag in range(len(recorded) - len(clip) + 1):
        window = recorded[lag : lag + len(clip)]
        r = float(np.corrcoef(window, clip)[0, 1]) if window.std() > 0 else 0.0
        best = max(best, (lag, r), key=lambda x: x[1])
    return best


def test_records_the_clip_played_into_the_microphone(virtual_mic, espeak_wav, tmp_path: Path):
    clip_path = espeak_wav("Tell me about a time you led a project under a tight deadline.")
    clip, clip_rate = read_wav(clip_path)
    clip16 = StreamResampler(clip_rate, 16000).process(clip)
    assert any(d.is_default for d in list_input_devices())

    recorder = Recorder()
    levels: list[float] = []
    recorder.start(tmp_path / "answer.wav", on_level=levels.append)
    # Wall time counts from the first block heard, not from start(): opening the device
    # (slow on a freshly started sound server) is not audio the recording could have lost.
    deadline = time.monotonic() + 5
    while not levels and time.monotonic() < deadline:
        time.sleep(0.005)
    started = time.monotonic() - BLOCK_S
    time.sleep(LEAD_S)
    virtual_mic.play(clip_path).wait(timeout=20)
    time.sleep(0.5)
    path = recorder.stop()
    wall_s = time.monotonic() - started

    with wave.open(str(path), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        seconds = w.getnframes() / w.getframerate()
    assert seconds == pytest.approx(wall_s, abs=0.35)
    assert seconds == pytest.approx(recorder.elapsed_s, abs=0.06)
    assert not marker_for(path).exists()
    assert recorder.problem is None
    assert max(levels) > 0.1

    recorded, _ = read_wav(path)
    lag, r = best_alignment(envelope(recorded), envelope(clip16))
    assert r > 0.9, f"recording does not match the clip (r={r:.2f})"
    assert lag * FRAME / 16000 == pytest.approx(LEAD_S, abs=0.35)
    lead = recorded[: int(16000 * LEAD_S * 0.7)]
    assert np.sqrt(np.mean(lead**2)) < 1e-3
    speech = recorded[lag * FRAME : lag * FRAME + len(clip16)]
    assert np.sqrt(np.mean(speech**2)) == pytest.approx(np.sqrt(np.mean(clip16**2)), rel=0.3)


RECORD_UNTIL_KILLED = """
import sys, time
from pathlib import Path
from audio.capture import Recorder
recorder = Recorder()
recorder.start(Path(sys.argv[1]))
print("recording", flush=True)
time.sleep(600)
"""


def test_sigkill_mid_answer_leaves_a_recoverable_recording(virtual_mic, espeak_wav, tmp_path):
    clip = espeak_wav("I owned the migration and cut the latency by forty percent.")
    path = tmp_path / "recordings" / "attempt.wav"
    child = subprocess.Popen(
        [sys.executable, "-c", RECORD_UNTIL_KILLED, str(path)],
        env=virtual_mic.env, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "recording"
    started = time.monotonic()
    player = virtual_mic.play(clip)
    time.sleep(3.0)
    child.kill()  # SIGKILL: no handler, no cleanup, no final header
    recorded_s = time.monotonic() - started
    child.wait()
    player.wait(timeout=20)

    assert find_unfinished(tmp_path) == [path]
    assert recover(path) == path
    assert find_unfinished(tmp_path) == []
    assert not marker_for(path).exists()
    with wave.open(str(path), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        seconds = w.getnframes() / w.getframerate()
    assert recorded_s - 1.0 <= seconds <= recorded_s + 0.2
    samples, _ = read_wav(path)
    assert np.sqrt(np.mean(samples[8000:] ** 2)) > 0.01  # the clip is in there
