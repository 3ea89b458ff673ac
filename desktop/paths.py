"""Where MicDrop keeps the user's data: one folder, overridable with `MICDROP_HOME`.

Everything the user owns (attempts database, recordings, their own questions and companies,
cached speech) lives under it, so backing up or wiping MicDrop is one folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "micdrop"


def data_dir() -> Path:
    """The data folder, created if needed: MICDROP_HOME, else the platform's convention."""
    override = os.environ.get("MICDROP_HOME")
    if override:
        root = Path(override).expanduser()
    elif sys.platform == "win32":
        root = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "MicDrop"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support" / "MicDrop"
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        root = Path(base) / APP_DIR_NAME
    root.mkdir(parents=True, exist_ok=True)
    return root


def recordings_dir() -> Path:
    """Recordings of attempts, one WAV each, beside the database."""
    path = data_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    """The SQLite store of attempts."""
    return data_dir() / "micdrop.sqlite3"


def speech_cache_dir() -> Path:
    """Synthesized questions, so replaying a question is instant."""
    path = data_dir() / "cache" / "speech"
    path.mkdir(parents=True, exist_ok=True)
    return path
