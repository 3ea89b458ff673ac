"""The user's choices (voice, rate, microphone, speech model, thinking time) as a small JSON file.

Plain JSON in the data folder rather than QSettings, so the file sits beside the user's
other MicDrop data, can be read or fixed by hand, and loads without Qt.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from desktop.paths import data_dir, data_root, write_private_text

FILE_NAME = "settings.json"
DEFAULT_RATE = 160
RATE_RANGE = (80, 300)
# Seconds to think between hearing a mock-interview question and the recording starting.
THINKING_RANGE = (0, 30)


class SettingsError(Exception):
    """The settings file cannot be used; `str()` says which file, what, and what to do."""


@dataclass(frozen=True)
class Settings:
    """None means "the default": the system voice, the default microphone, bundled tiny.en."""

    voice: str | None = None
    rate: int = DEFAULT_RATE
    input_device: str | None = None
    model: str | None = None
    thinking_s: int = 0


def settings_path() -> Path:
    """Where the settings live; reading them never creates the data folder."""
    return data_root() / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, defaults if there are none; raises SettingsError on a bad file."""
    path = path or settings_path()
    try:
        if not path.exists():
            return Settings()
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SettingsError(
            f"{path}: cannot read the settings ({error}). Fix or delete the file; "
            "MicDrop uses its defaults meanwhile."
        ) from error
    if not isinstance(raw, dict):
        raise SettingsError(f"{path}: expected a JSON object of settings; delete the file.")
    return _validated(raw, path)


def _validated(raw: dict, path: Path) -> Settings:
    known = {f.name for f in fields(Settings)}
    values = {key: value for key, value in raw.items() if key in known}
    for key in ("voice", "input_device", "model"):
        if values.get(key) is not None and not isinstance(values[key], str):
            raise SettingsError(f"{path}: {key} must be text or null; fix or delete the file.")
    rate = values.get("rate", DEFAULT_RATE)
    if not isinstance(rate, int) or isinstance(rate, bool) or not (
        RATE_RANGE[0] <= rate <= RATE_RANGE[1]
    ):
        raise SettingsError(
            f"{path}: rate must be a whole number of words per minute between "
            f"{RATE_RANGE[0]} and {RATE_RANGE[1]}; fix or delete the file."
        )
    thinking = values.get("thinking_s", 0)
    if not isinstance(thinking, int) or isinstance(thinking, bool) or not (
        THINKING_RANGE[0] <= thinking <= THINKING_RANGE[1]
    ):
        raise SettingsError(
            f"{path}: thinking_s must be a whole number of seconds between "
            f"{THINKING_RANGE[0]} and {THINKING_RANGE[1]}; fix or delete the file."
        )
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically and privately (0600); raises OSError (a DataFolderError when the
    data folder cannot be written) for the caller to report."""
    if path is None:
        path = data_dir() / FILE_NAME
    write_private_text(path, json.dumps(asdict(settings), indent=2) + "\n")
    return path
