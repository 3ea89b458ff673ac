"""What the window records, plays, speaks and transcribes with, and where takes are kept.

Devices come in as factories built from the user's settings, so a test can drive the window
with the real recorder on a virtual microphone, or with fakes that raise the errors users
meet. No Qt here: this is the window's contract with `audio`, not part of the window.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.settings import Settings
from question_bank.model import Question


@dataclass
class Devices:
    """Factories for everything that touches sound, given the user's settings."""

    recorder: Callable[[Settings], Any]
    speaker: Callable[[Settings], Any]
    player: Callable[[Settings], Any]
    transcriber: Callable[[Settings], Any]
    streaming: Callable[[Any], Any]
    find_unfinished: Callable[[Path], list[Path]]
    recover: Callable[[Path], Path]
    input_devices: Callable[[], list[str]] = list
    model_names: tuple[str, ...] = ()
    needs_download: Callable[[str | None], bool] = lambda _model: False
    download: Callable[[str, Callable[[int, int], None]], Path] | None = None


def real_devices() -> Devices:
    """The audio package's own classes (imported here so tests of widgets never load them)."""
    from audio.capture import Recorder, list_input_devices
    from audio.models import BUNDLED, HUB_REPOS, download_model, is_downloaded
    from audio.playback import Player
    from audio.recovery import find_unfinished, recover
    from audio.streaming import StreamingTranscriber
    from audio.transcribe import Transcriber
    from audio.tts import Speaker

    models_dir = paths.data_root() / "models"  # read here; made only by a download
    return Devices(
        recorder=lambda s: Recorder(device=s.input_device),
        speaker=lambda s: Speaker(cache_dir=_speech_cache(), voice=s.voice, rate=s.rate),
        player=lambda _s: Player(),
        transcriber=lambda s: Transcriber(s.model, models_dir=models_dir),
        streaming=StreamingTranscriber,
        find_unfinished=find_unfinished,
        recover=recover,
        input_devices=lambda: [d.name for d in list_input_devices()],
        model_names=tuple(HUB_REPOS),
        needs_download=lambda m: m in HUB_REPOS and m != BUNDLED and not is_downloaded(
            m, models_dir),
        # data_dir() first: an unwritable data folder is said in plain words before any fetch
        download=lambda name, progress: download_model(name, paths.data_dir() / "models",
                                                       progress),
    )


def _speech_cache() -> Path | None:
    """The speech cache folder, or None when the data folder cannot be written: the Speaker
    then uses a private temporary folder, so questions are still spoken, just not kept."""
    try:
        return paths.speech_cache_dir()
    except paths.DataFolderError:
        return None


def recording_path(question: Question, folder: Path | None = None,
                   when: datetime | None = None) -> Path:
    """<folder>/<UTC stamp>-<pid>-<n>__<question id>.wav, the one name every take gets.

    The window and `micdrop rehearse` both call this, so recovery can always tell a take's
    question from its name. Sortable by time; the process id and a per-process counter keep
    two takes apart even when they start in the same microsecond, in one process or two.
    (The recorder still opens the file exclusively, so not even a clash can mix two takes.)
    `folder` defaults to the data folder's recordings.
    """
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%f")
    safe_id = re.sub(r"[^A-Za-z0-9_.-]", "-", question.id)
    take = f"{stamp}-{os.getpid()}-{next(_takes)}"
    return (folder or paths.recordings_dir()) / f"{take}__{safe_id}.wav"


_takes = itertools.count(1)  # next() on a count is atomic in CPython: safe across threads
# `micdrop rehearse` before names were shared: <YYYYmmdd-HHMMSS>-<question id>.wav
_OLD_TERMINAL_NAME = re.compile(r"^\d{8}-\d{6}-(?P<id>.+)$")


def question_id_of(wav: Path) -> str | None:
    """The question id a recording was named after, if its name follows `recording_path`
    (also when the recorder had to number it, `...~2.wav`, or the terminal named it before
    names were shared)."""
    stem = re.sub(r"~\d+$", "", wav.stem)
    _, sep, rest = stem.partition("__")
    if sep:
        return rest or None
    old = _OLD_TERMINAL_NAME.match(stem)
    return old["id"] if old else None
