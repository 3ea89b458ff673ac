"""16-bit PCM WAV files written while they grow, repaired after a crash, and read back.

The recorder appends PCM as it arrives and rewrites the two size fields of the header
every ~0.5 s, so a process killed mid-answer leaves a file whose header is at most half a
second behind its data; `repair_header` then makes the header match whatever the disk
holds. The stdlib `wave` writer only fixes its header on close, hence this small writer.

A write the disk refuses (full, drive gone) ends the file at once: the writer stops, patches
the header to the whole samples that reached the disk and raises RecordingWriteError, whose
message says how much was kept, where, and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import struct
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from audio.errors import AudioFileError, DiskFullError, RecordingWriteError

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

    error: RecordingWriteError | None = None  # set once the disk refused a write

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
        """Append float samples; every HEADER_EVERY_S the header is patched and synced.

        Each block is handed to the OS at once (a write call, no fsync), so a full disk shows
        on the very block that did not fit and `data_bytes` never counts audio that only
        sat in a buffer. Raises RecordingWriteError once the disk refuses; see `_give_up`.
        """
        self._raise_if_failed()
        pcm = to_pcm16(samples)
        try:
            self._file.write(pcm)
            self._file.flush()
        except OSError as exc:
            raise self._give_up(exc) from exc
        self.data_bytes += len(pcm)
        if time.monotonic() - self._last_patch >= HEADER_EVERY_S:
            self.flush()

    def flush(self) -> None:
        """Make the file on disk a complete, playable WAV of everything written so far.

        Called from the recorder's writer thread, never the audio thread, so the fsync
        cannot glitch the capture. Raises RecordingWriteError if the disk refuses.
        """
        self._raise_if_failed()
        try:
            self._file.seek(0)
            self._file.write(_header(self.samplerate, self.data_bytes))
            self._file.seek(0, os.SEEK_END)
            self._file.flush()
            os.fsync(self._file.fileno())  # survives a power cut too, not only a killed app
        except OSError as exc:
            raise self._give_up(exc) from exc
        self._last_patch = time.monotonic()

    def close(self) -> None:
        """Finish the file; a failed last write raises RecordingWriteError, the file being
        left as a valid WAV of what reached the disk (closing twice is a no-op)."""
        if self._file.closed:
            return
        self.flush()
        try:
            self._file.close()
        except OSError as exc:
            raise self._give_up(exc) from exc

    def _raise_if_failed(self) -> None:
        if self.error is not None:
            raise self.error

    def _give_up(self, exc: OSError) -> RecordingWriteError:
        """Stop writing for good and leave the best valid file: close it (what never reached
        the disk is dropped), then patch the header to the whole samples on disk."""
        with contextlib.suppress(OSError):
            self._file.close()
        kept_s = _salvage(self.path)
        if kept_s is not None:
            self.data_bytes = round(kept_s * self.samplerate) * SAMPLE_BYTES
        self.error = write_error(exc, self.path, kept_s)
        return self.error


def _salvage(path: Path) -> float | None:
    """Seconds kept in a file whose writing failed, its header patched to them; None (and no
    file) when not even the header reached the disk, None too when it cannot be read back."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a device such as /dev/full is never touched
            return None
        if info.st_size < HEADER_BYTES:
            path.unlink()
            return None
        return repair_header(path)
    except (OSError, AudioFileError):
        return None


def write_error(exc: OSError, path: Path, kept_s: float | None) -> RecordingWriteError:
    """The error a failed recording write becomes: what happened, what is kept, what to do."""
    full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if exc.errno == errno.EDQUOT:
        cause = "Your disk quota is used up"
    elif full:
        cause = "The disk is full"
    else:
        cause = f"The recording could not be written ({exc.strerror or exc})"
    if kept_s is not None:
        what = f"the recording stopped at {_clock(kept_s)} and what was recorded is kept in {path}"
    elif path.exists():
        what = f"the recording stopped; what was recorded is in {path} but may be incomplete"
    else:
        what = "nothing could be kept of this recording"
    action = ("Free some space, then record again." if full else
              "Check that the drive is still connected and has space, then record again.")
    kind = DiskFullError if full else RecordingWriteError
    return kind(f"{cause}: {what}. {action}", path if kept_s is not None else None,
                kept_s or 0.0)


def create_error(path: Path, exc: Exception) -> AudioFileError:
    """Why a recording could not even begin, in words: a full disk says so plainly."""
    cause = exc.__cause__ if isinstance(exc, RecordingWriteError) else exc
    if isinstance(exc, DiskFullError) or getattr(cause, "errno", None) == errno.ENOSPC:
        return DiskFullError(f"The disk is full, so the recording could not start "
                             f"({path.parent}). Free some space, then record again.")
    reason = getattr(cause, "strerror", None) or cause
    return AudioFileError(
        f"Could not create the recording {path.name}: {reason}. "
        "Check that the data folder exists, is writable and the disk is not full.")


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


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
    """Mono float32 samples and the sample rate of a PCM WAV (8/16/32-bit, any channels).

    Reads the samples the file holds, whatever its header claims: a recording cut short
    (a full disk, a copy interrupted) declares more than it has, and a half-written last
    frame is left out rather than failing the whole read."""
    path = Path(path)
    try:
        layout = pcm_layout(path)
        if layout is None:
            raise wave.Error("not a PCM WAV file")
        with open(path, "rb") as f:
            f.seek(layout.data_offset)
            raw = f.read(layout.frames * layout.block_align)
    except (OSError, EOFError, wave.Error) as exc:
        raise AudioFileError(
            f"Could not read {path.name} as a WAV file ({exc}). "
            "Check the file exists and is not damaged, or record it again."
        ) from exc
    rate, width, channels = layout.rate, layout.width, layout.channels
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


# Data sizes that mean "unknown" (written by streaming tools before they know the length).
_UNKNOWN_SIZES = (0, 0xFFFFFFFF)
_PCM, _EXTENSIBLE = 1, 0xFFFE


@dataclass(frozen=True)
class PcmLayout:
    """Where a PCM WAV's samples are and how many whole frames the file really holds."""

    rate: int
    width: int
    channels: int
    data_offset: int
    frames: int

    @property
    def block_align(self) -> int:
        return self.width * self.channels

    @property
    def duration_s(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


def pcm_layout(path: Path) -> PcmLayout | None:
    """The layout of an integer-PCM RIFF/WAVE file, or None for anything else (float WAV,
    compressed WAV, not a WAV: those are for a decoder).

    The stdlib `wave` trusts the data chunk's declared size; here the frames are what the
    file holds: the declared size capped by the bytes on disk, whole frames only."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        fmt: tuple[int, int, int, int] | None = None
        while True:
            chunk = f.read(8)
            if len(chunk) < 8:
                return None
            name, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if name == b"fmt ":
                fmt = _pcm_format(f.read(length))
                f.seek(length % 2, os.SEEK_CUR)
            elif name == b"data":
                if fmt is None:
                    return None
                tag, channels, rate, bits = fmt
                offset = f.tell()
                held = size - offset
                declared = held if length in _UNKNOWN_SIZES else min(length, held)
                width = bits // 8
                if tag != _PCM or channels < 1 or width < 1:
                    return None
                return PcmLayout(rate, width, channels, offset, declared // (width * channels))
            else:
                f.seek(length + length % 2, os.SEEK_CUR)


def _pcm_format(body: bytes) -> tuple[int, int, int, int] | None:
    """(format tag, channels, rate, bits) of a fmt chunk; extensible PCM counts as PCM."""
    if len(body) < 16:
        return None
    tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", body)
    if tag == _EXTENSIBLE and len(body) >= 26:
        tag = struct.unpack_from("<H", body, 24)[0]
    return tag, channels, rate, bits
