"""A disk that fills up mid-recording, on a real tiny tmpfs: the write that does not fit is
the one reported, the take's file stays a valid WAV of every sample that reached the disk,
stop() does not raise, and the log gets one line, not a traceback per block.

The microphone is the injected fake PortAudio of test_capture_errors (10x real time); the
disk is real (the `tiny_disk` fixture mounts a tmpfs), so ENOSPC comes from the kernel.
"""

from __future__ import annotations

import logging
import os
import time
import wave
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from audio import capture
from audio.capture import Recorder
from audio.errors import AudioFileError, DiskFullError, RecordingWriteError
from audio.recovery import marker_for
from audio.wavfile import HEADER_BYTES, WavWriter
from tests.audio.test_capture_errors import FakeBackend, tone

RATE = 16_000
BYTES_PER_S = RATE * 2


class SpyWriter(WavWriter):
    """The real writer, noting when each write call happened and which ones raised."""

    calls: ClassVar[list[tuple[float, bool]]] = []

    def write(self, samples: np.ndarray) -> None:
        try:
            super().write(samples)
        except Exception:
            SpyWriter.calls.append((time.monotonic(), False))
            raise
        SpyWriter.calls.append((time.monotonic(), True))


def wav_frames(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2") / 32768.0
        return pcm.astype(np.float32), w.getframerate()


def free_bytes(folder: Path) -> int:
    info = os.statvfs(folder)
    return info.f_bavail * info.f_frsize


def test_a_disk_filling_mid_take_stops_writing_at_once_and_keeps_a_valid_wav(
        tiny_disk, monkeypatch, caplog) -> None:
    disk = tiny_disk(256)
    monkeypatch.setattr(capture, "WavWriter", SpyWriter)
    SpyWriter.calls = []
    backend = FakeBackend()
    # 60 s of audio (6 s at the fake's 10x speed) for a disk that holds about 8 s: the
    # fill comes long before the end even when a busy machine slows the writer thread.
    answer = tone(RATE, 60.0)
    backend.signal = lambda rate: tone(rate, 60.0)
    fed: list[np.ndarray] = []
    problems: list[tuple[float, Exception]] = []
    recorder = Recorder(backend=backend)
    caplog.set_level(logging.DEBUG)
    recorder.start(disk / "take.wav", on_block=fed.append,
                   on_problem=lambda p: problems.append((time.monotonic(), p)))
    deadline = time.monotonic() + 20
    while not problems and time.monotonic() < deadline:
        time.sleep(0.01)
    assert problems, "a full disk was never reported"
    reported_at, problem = problems[0]
    assert isinstance(problem, DiskFullError) and recorder.problem is problem
    assert backend.streams[-1]._thread.is_alive()  # reported mid-take, not at the end
    time.sleep(0.3)  # the microphone goes on delivering until the owner stops
    path = recorder.stop()  # must not raise

    # Detected on the first refused write, and no write was tried after it.
    failed = [at for at, ok in SpyWriter.calls if not ok]
    assert len(failed) == 1 and SpyWriter.calls[-1][1] is False
    assert reported_at - failed[0] < 0.5  # same thread, right after the refused write
    assert len(problems) == 1

    # The file is a valid WAV of everything on disk, and the disk really was full.
    assert path == disk / "take.wav" and not marker_for(path).exists()
    samples, rate = wav_frames(path)
    assert rate == RATE
    assert HEADER_BYTES + 2 * len(samples) == path.stat().st_size
    kept_s = len(samples) / RATE
    assert 7.0 <= kept_s <= 256 * 1024 / BYTES_PER_S
    assert np.allclose(samples, answer[: len(samples)], atol=2 / 32768)
    assert problem.kept_s == pytest.approx(kept_s, abs=1e-3)
    assert recorder.elapsed_s == pytest.approx(kept_s, abs=1e-3)
    # The transcriber was fed what the file holds (the block that did not fit is not fed).
    fed_s = sum(len(b) for b in fed) / RATE
    assert kept_s - 0.06 <= fed_s <= kept_s

    # Plain words: what happened, where the take is, what to do.
    message = str(problem)
    assert message.startswith("The disk is full: the recording stopped at 0:0")
    assert f"what was recorded is kept in {path}" in message
    assert message.endswith("Free some space, then record again.")
    assert "Errno" not in message and "Traceback" not in message
    # One log line, no traceback (today: one traceback per block, thousands in a long take).
    assert len(caplog.records) <= 1
    assert all(r.exc_info is None for r in caplog.records)


def test_a_disk_already_full_refuses_to_start_and_leaves_nothing(tiny_disk) -> None:
    disk = tiny_disk(64, filler_kb=64)
    backend = FakeBackend()
    recorder = Recorder(backend=backend)
    with pytest.raises(DiskFullError) as caught:
        recorder.start(disk / "take.wav")
    assert str(caught.value) == (f"The disk is full, so the recording could not start ({disk}). "
                                 "Free some space, then record again.")
    assert not recorder.is_recording and recorder.problem is None
    assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]
    (disk / "filler.bin").unlink()  # the user frees some space
    recorder.start(disk / "take.wav")
    time.sleep(0.3)
    recorder.stop()
    assert recorder.problem is None and wav_frames(disk / "take.wav")[0].size > 0


def test_the_writer_alone_keeps_what_fit_and_then_refuses_quietly(tiny_disk) -> None:
    disk = tiny_disk(64)
    writer = WavWriter(disk / "w.wav", RATE)
    block = tone(RATE, 0.05)
    with pytest.raises(DiskFullError) as caught:
        for _ in range(1000):
            writer.write(block)
    error = caught.value
    assert isinstance(error, RecordingWriteError) and isinstance(error, AudioFileError)
    with pytest.raises(DiskFullError):  # refused again, the same error, nothing written
        writer.write(block)
    writer.close()  # the file is already finished: closing is quiet
    samples, _rate = wav_frames(disk / "w.wav")
    assert HEADER_BYTES + 2 * len(samples) == (disk / "w.wav").stat().st_size
    assert error.path == disk / "w.wav" and error.kept_s == pytest.approx(len(samples) / RATE)
    assert writer.duration_s == pytest.approx(error.kept_s)
    assert free_bytes(disk) < 4096


def test_a_device_file_at_the_name_is_never_written_or_removed(tmp_path) -> None:
    """A name already taken, even by a link to /dev/full, is never opened: the recording is
    created new beside it (exclusive open), so neither a write nor the salvage after a
    failed write can touch the device or the link."""
    link = tmp_path / "full.wav"
    link.symlink_to("/dev/full")
    writer = WavWriter(link, RATE)
    writer.write(np.zeros(RATE // 10, np.float32))
    writer.close()
    assert writer.path != link and writer.path.is_file() and not writer.path.is_symlink()
    assert link.is_symlink() and Path("/dev/full").exists()
