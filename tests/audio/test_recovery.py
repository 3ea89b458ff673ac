"""Crash recovery and the pieces it rests on: the growing WAV, its repair, the resampler."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from audio.capture import StreamResampler
from audio.errors import AudioFileError
from audio.recovery import find_unfinished, marker_for, recover, write_marker
from audio.wavfile import WavWriter, read_wav, repair_header


def frames_in(path: Path) -> int:
    with wave.open(str(path), "rb") as w:
        return w.getnframes()


def dead_pid() -> int:
    """The pid of a process that has certainly exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def interrupted_recording(folder: Path, name: str, seconds: float) -> Path:
    """A WAV as a killed recorder leaves it: header behind the data, marker of a dead pid."""
    path = folder / name
    writer = WavWriter(path, 16000)
    writer.write(np.full(8000, 0.25, dtype=np.float32))
    writer.flush()  # the last header patch: 0.5 s
    writer._file.write(b"\x10\x00" * int(16000 * (seconds - 0.5)) + b"\x01")  # + half a sample
    writer._file.flush()
    marker_for(path).write_text(json.dumps({"pid": dead_pid(), "samplerate": 16000}))
    return path


def test_growing_wav_is_playable_at_every_header_patch(tmp_path: Path) -> None:
    writer = WavWriter(tmp_path / "a.wav", 16000)
    writer.write(np.zeros(16000, dtype=np.float32))
    writer.flush()
    assert frames_in(tmp_path / "a.wav") == 16000  # readable while still open
    writer.write(np.ones(4000, dtype=np.float32) * 2.0)  # clipped, not wrapped
    writer.close()
    samples, rate = read_wav(tmp_path / "a.wav")
    assert rate == 16000 and len(samples) == 20000
    assert samples[-1] == pytest.approx(32767 / 32768)


def test_find_and_recover_an_interrupted_recording(tmp_path: Path) -> None:
    (tmp_path / "2026").mkdir()
    path = interrupted_recording(tmp_path / "2026", "attempt.wav", seconds=2.5)
    assert frames_in(path) == 8000  # as the crash left it: only the patched half second
    assert find_unfinished(tmp_path) == [path]
    assert recover(path) == path
    assert frames_in(path) == 40000
    assert path.stat().st_size == 44 + 80000  # the half-written sample is cut off
    assert not marker_for(path).exists()
    assert find_unfinished(tmp_path) == []


def test_a_recording_still_in_progress_is_not_offered(tmp_path: Path) -> None:
    writer = WavWriter(tmp_path / "live.wav", 16000)
    write_marker(tmp_path / "live.wav", 16000)  # marked by this (living) process
    assert find_unfinished(tmp_path) == []
    writer.close()


def test_recover_refuses_a_file_that_is_not_a_recording(tmp_path: Path) -> None:
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"not a wav at all, just some text" * 4)
    with pytest.raises(AudioFileError, match="not a recording MicDrop can repair"):
        recover(junk)
    with pytest.raises(AudioFileError, match=r"Could not repair missing\.wav"):
        repair_header(tmp_path / "missing.wav")
    assert find_unfinished(tmp_path / "nowhere") == []


def test_read_wav_explains_a_corrupt_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF\x00\x00")
    with pytest.raises(AudioFileError, match=r"Could not read bad\.wav as a WAV file"):
        read_wav(bad)


@pytest.mark.parametrize("src_rate", [48000, 44100, 22050, 32000])
def test_resampler_keeps_length_and_pitch_across_blocks(src_rate: int) -> None:
    t = np.arange(src_rate * 2) / src_rate
    signal = (0.5 * np.sin(2 * np.pi * 700.0 * t)).astype(np.float32)
    resampler = StreamResampler(src_rate, 16000)
    sizes = np.random.default_rng(1).integers(100, 3000, size=200)
    pieces, start = [], 0
    for size in sizes:
        pieces.append(resampler.process(signal[start : start + size]))
        start += size
        if start >= len(signal):
            break
    out = np.concatenate(pieces)
    assert abs(len(out) - 32000) <= 1
    delay = (128 // 2) / src_rate * 16000  # the filter's group delay, in output samples
    shifted = 0.5 * np.sin(2 * np.pi * 700.0 * ((np.arange(len(out)) - delay) / 16000))
    assert np.max(np.abs(out[200:-200] - shifted[200:-200])) < 0.02


def test_resampler_removes_what_would_alias_into_speech() -> None:
    t = np.arange(48000) / 48000
    whistle = np.sin(2 * np.pi * 12000.0 * t).astype(np.float32)  # would fold to 4 kHz
    out = StreamResampler(48000, 16000).process(whistle)
    assert np.sqrt(np.mean(out[200:] ** 2)) < 0.01


def test_resampler_at_the_same_rate_is_identity() -> None:
    block = np.linspace(-1, 1, 999, dtype=np.float32)
    assert np.array_equal(StreamResampler(16000, 16000).process(block), block)


def test_marker_holds_the_writer_pid(tmp_path: Path) -> None:
    write_marker(tmp_path / "a.wav", 16000)
    assert json.loads(marker_for(tmp_path / "a.wav").read_text())["pid"] == os.getpid()
