"""What the window records, plays, speaks and transcribes with, and where takes are kept.

Devices come in as factories built from the user's settings, so a test can drive the window
with the real recorder on a virtual microphone, or with fakes that raise the errors users
meet. No Qt here: this is the window's contract with `audio`, not part of the window.
"""

from __future__ import annotations

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


def recording_path(question: Question, when: datetime | None = None) -> Path:
    """recordings/<UTC stamp>__<question id>.wav: sortable, and recoverable to its question."""
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%f")
    safe_id = re.sub(r"[^A-Za-z0-9_.-]", "-", question.id)
    return paths.recordings_dir() / f"{stamp}__{safe_id}.wav"


def question_id_of(wav: Path) -> str | None:
    """The question id a recording was named after, if its name follows `recording_path`."""
    _, sep, rest = wav.stem.partition("__")
    return rest if sep and rest else None
