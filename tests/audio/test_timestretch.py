"""Replay speed changes the tempo, never the pitch, and leaves no gaps or clicks."""

from __future__ import annotations

import numpy as np
import pytest

from audio.timestretch import SPEEDS, stretch

RATE = 16000


def _tone(freq: float, seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _peak_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / RATE)[np.argmax(spectrum)])


@pytest.mark.parametrize("speed", [s for s in SPEEDS if s != 1.0])
def test_speed_changes_length_not_pitch(speed: float):
    tone = _tone(180.0, 3.0)
    out = stretch(tone, RATE, speed)
    assert abs(len(out) / RATE - 3.0 / speed) < 0.01
    assert abs(_peak_hz(out) - 180.0) < 3.0  # plain resampling would move it to 180 * speed


@pytest.mark.parametrize("speed", [0.75, 1.5])
def test_the_stretched_tone_has_no_gaps(speed: float):
    out = stretch(_tone(150.0, 2.0), RATE, speed)
    body = out[RATE // 10 : -RATE // 10]  # the edges fade in and out with the window
    frames = body[: len(body) // 160 * 160].reshape(-1, 160)
    rms = np.sqrt((frames ** 2).mean(axis=1))
    assert rms.min() > 0.7 * rms.max()  # in-phase overlaps: no dips where frames meet


def test_normal_speed_is_untouched():
    tone = _tone(200.0, 1.0)
    assert np.array_equal(stretch(tone, RATE, 1.0), tone)


def test_an_absurd_speed_is_refused():
    with pytest.raises(ValueError):
        stretch(_tone(200.0, 0.5), RATE, 10.0)
