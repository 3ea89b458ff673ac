"""Recordings cut short by a crash: a marker beside each WAV while it is being written.

The recorder drops `<name>.wav.recording` next to the WAV when it starts and removes it on a
clean stop, so a marker that outlives its process means the app died mid-answer. The WAV
itself is then playable up to its last header patch; `recover` extends the header to every
sample that reached the disk and removes the marker. The desktop offers the result as an
attempt.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from audio.wavfile import PRIVATE_MODE, repair_header

MARKER_SUFFIX = ".recording"


def marker_for(wav: Path) -> Path:
    return Path(wav).with_name(Path(wav).name + MARKER_SUFFIX)


def write_marker(wav: Path, samplerate: int) -> None:
    """Note that `wav` is being recorded by this process (pid lets a second instance skip it).

    Private (0600) like the recording it stands beside; a stale marker left by a deleted
    take is overwritten and made private too.
    """
    info = {"pid": os.getpid(), "samplerate": samplerate, "started": time.time()}
    fd = os.open(marker_for(wav), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as marker:
        if hasattr(os, "fchmod"):
            os.fchmod(marker.fileno(), PRIVATE_MODE)
        marker.write(json.dumps(info))


def remove_marker(wav: Path) -> None:
    marker_for(wav).unlink(missing_ok=True)


def _pid_alive(pid: int) -> bool:
    """True when a process with this pid runs; on Windows os.kill would terminate, so no probe."""
    if os.name != "posix" or pid <= 0:
        return pid == os.getpid()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _writer_pid(marker: Path) -> int:
    try:
        return int(json.loads(marker.read_text(encoding="utf-8")).get("pid", -1))
    except (OSError, ValueError, AttributeError):
        return -1


def find_unfinished(folder: Path) -> list[Path]:
    """WAVs under `folder` (recursively) whose recording never stopped cleanly.

    A recording still being written by a live process (this one or another instance) is
    left out, so offering recovery never touches a file in use.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for marker in sorted(folder.rglob("*" + MARKER_SUFFIX)):
        wav = marker.with_name(marker.name[: -len(MARKER_SUFFIX)])
        if wav.is_file() and not _pid_alive(_writer_pid(marker)):
            found.append(wav)
    return found


def recover(path: Path) -> Path:
    """Make an interrupted recording a valid WAV of everything on disk; returns its path.

    Raises AudioFileError when the file is missing or has no WAV header (nothing to save).
    """
    path = Path(path)
    repair_header(path)
    remove_marker(path)
    return path
