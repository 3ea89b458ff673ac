"""16-bit PCM WAV files written while they grow, repaired after a crash, and read back.

The recorder appends PCM as it arrives and rewrites the two size fields of the header
every ~0.5 s, so a process killed mid-answer leaves a file whose header is at most half a
second behind its data; `repair_header` then makes the header match whatever the disk
holds. The stdlib `wave` writer only fixes its header on close, hence this small writer.
"""

from __future__ import annotations

import errno
import os
import struct
import time
import wave
from pathlib import Path
from typing import BinaryIO

import numpy as np

from audio.errors import AudioFileError

HEADER_BYTES = 44
SAMPLE_BYTES = 2
HEADER_EVERY_S = 0.5
# A recording is the user's voice: readable by them only, whatever the umask says.
PRIVATE_MODE = 0o600
# How many numbered alternatives `create_new` tries before giving up on a name.
MAX_NUMBERED = 1000


def _header(samplerate: int, data_bytes: int) -> bytes:
    """The canonical 44-byte RIFF header for mono 16-bit PCM."""
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF", 36 + data_bytes, b"WAVE",
        b"fmt ", 16, 1, 1, samplerate, samplerate * SAMPLE_BYTES, SAMPLE_BYTES, 16,
        b"data", data_bytes,
    )


def to_pcm16(samples: np.ndarray) -> bytes:
    """Float samples in -1..1 as little-endian int16 bytes; clipping, not wrapping, on overs."""
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    return (clipped * 32767.0).round().astype("<i2").tobytes()


def numbered(path: Path, n: int) -> Path:
    """The n-th alternative to a taken name: `take.wav` -> `take~2.wav` (`~` never appears
    in the names MicDrop makes, so the original name stays recoverable from it)."""
    return path.with_name(f"{path.stem}~{n}{path.suffix}")


def create_new(path: Path, mode: int = PRIVATE_MODE) -> tuple[BinaryIO, Path]:
    """Create and open a file that did not exist, never one another take is writing.

    O_EXCL makes the check and the creation one step, so two recorders (threads or
    processes) handed the same name cannot both open it: the second gets the next free
    numbered name instead. Returns the open file and the name it got.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for n in range(1, MAX_NUMBERED + 1):
        candidate = path if n == 1 else numbered(path, n)
        try:
            fd = os.open(candidate, flags, mode)
        except FileExistsError:
            continue
        return os.fdopen(fd, "wb"), candidate
    raise FileExistsError(errno.EEXIST, "every numbered name is taken", str(path))


class WavWriter:
    """Append-only mono 16-bit WAV whose header is kept current on disk.

    Not thread-safe: one thread (the recorder's writer thread) owns it. The file is created
    new (0600); when `path` is taken, `.path` is the numbered name actually written.
    """

    def __init__(self, path: Path, samplerate: int) -> None:
        self.samplerate = samplerate
        self.data_bytes = 0
        self._file, self.path = create_new(Path(path))
        self._file.write(_header(samplerate, 0))
        self._last_patch = time.monotonic()

    @property
    def duration_s(self) -> float:
        return self.data_bytes / SAMPLE_BYTES / self.samplerate

    def write(self, samples: np.ndarray) -> None:
        """Append float samples; every HEADER_EVERY_S the header is patched and flushed."""
        pcm = to_pcm16(samples)
        self._file.write(pcm)
        self.data_bytes += len(pcm)
        if time.monotonic() - self._last_patch >= HEADER_EVERY_S:
            self.flush()

    def flush(self) -> None:
        """Make the file on disk a complete, playable WAV of everything written so far.

        Called from the recorder's writer thread, never the audio thread, so the fsync
        cannot glitch the capture.
        """
        self._file.seek(0)
        self._file.write(_header(self.samplerate, self.data_bytes))
        self._file.seek(0, os.SEEK_END)
        self._file.flush()
        os.fsync(self._file.fileno())  # survives a power cut too, not only a killed app
        self._last_patch = time.monotonic()

    def close(self) -> None:
        if self._file.closed:
            return
        self.flush()
        self._file.close()


def repair_header(path: Path) -> float:
    """Rewrite the header of a WAV made by WavWriter to cover all whole samples on disk.

    Returns the repaired duration in seconds. A trailing odd byte (a half-written
    sample) is cut off.
    """
    path = Path(path)
    try:
        with open(path, "r+b") as f:
            head = f.read(HEADER_BYTES)
            if len(head) < HEADER_BYTES or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                raise AudioFileError(
                    f"{path.name} is not a recording MicDrop can repair (no WAV header). "
                    "Delete it, or open it in an audio editor as raw 16-bit PCM."
                )
            samplerate = struct.unpack_from("<I", head, 24)[0]
            size = f.seek(0, os.SEEK_END)
            data_bytes = (size - HEADER_BYTES) // SAMPLE_BYTES * SAMPLE_BYTES
            f.truncate(HEADER_BYTES + data_bytes)
            f.seek(0)
            f.write(_header(samplerate, data_bytes))
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        raise AudioFileError(
            f"Could not repair {path.name}: {exc.strerror or exc}. "
            "Check that the file exists and the folder is writable."
        ) from exc
    return data_bytes / SAMPLE_BYTES / samplerate


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono float32 samples and the sample rate of a PCM WAV (8/16/32-bit, any channels)."""
    path = Path(path)
    try:
        with wave.open(str(path), "rb") as w:
            rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
            raw = w.readframes(w.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise AudioFileError(
            f"Could not read {path.name} as a WAV file ({exc}). "
            "Check the file exists and is not damaged, or record it again."
        ) from exc
    if width == 1:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width in (2, 4):
        dtype, scale = ("<i2", 32768.0) if width == 2 else ("<i4", 2147483648.0)
        samples = np.frombuffer(raw, dtype=dtype).astype(np.float32) / scale
    else:
        raise AudioFileError(
            f"{path.name} uses {8 * width}-bit samples, which MicDrop cannot play. "
            "Convert it to 16-bit PCM WAV."
        )
    return samples.reshape(-1, channels).mean(axis=1).astype(np.float32), rate
