"""Whose database file this is, and what to tell the user when SQLite fails.

Kept apart from the store's reads and writes: these decide when MicDrop must leave a file
alone (another program's, or a damaged one) and how to say so without ever quoting a
stored transcript.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from desktop.schema import SCHEMA_VERSION

# PRAGMA application_id of every MicDrop database ("MicD"), so another program's SQLite file
# at the store's path is recognised and left alone.
APPLICATION_ID = 0x4D696344
# How long a write waits for another process's write before giving up.
BUSY_TIMEOUT_S = 15.0
# Who a database file belongs to (see `owner`).
OURS, NEW, UNMARKED, FOREIGN = "ours", "new", "unmarked", "foreign"
# What the schema was before databases were marked, to recognise those databases.
_ATTEMPT_COLUMNS = ("id", "question_id", "question_text", "kind", "company", "wav_path",
                    "analysis_json", "score", "duration_s", "created_at")
_OLD_OBJECTS = {"attempts", "attempts_by_question", "sqlite_sequence"}


def owner(db: sqlite3.Connection) -> tuple[str, int]:
    """Whose file this is (OURS, NEW, UNMARKED or FOREIGN) and its user_version.

    MicDrop marks its databases with APPLICATION_ID. Databases made before that mark are
    recognised by their shape: a user_version and only the tables and index MicDrop made."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app_id == APPLICATION_ID:
        return OURS, version
    if app_id != 0:
        return FOREIGN, version
    objects = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    if not objects and version == 0:
        return NEW, version
    columns = tuple(row[1] for row in db.execute("PRAGMA table_info(attempts)"))
    if 0 < version <= SCHEMA_VERSION and columns == _ATTEMPT_COLUMNS and objects <= _OLD_OBJECTS:
        return UNMARKED, version
    return FOREIGN, version


def foreign(path: Path) -> str:
    return (f"{path} belongs to another program (it is not a MicDrop database), so MicDrop "
            "leaves it untouched. Move that file elsewhere, or set MICDROP_HOME to another "
            "folder.")


def damaged(path: Path) -> str:
    return (f"{path} is not a readable MicDrop database (damaged?). Move it aside and "
            "MicDrop will start a new one; your recordings are not in it and are kept.")


def explain(error: Exception, path: Path) -> str:
    """Turn SQLite's terse errors into what the user can do about them.

    Only SQLite's own messages are read (they name tables and columns, never values). The
    errors Python's sqlite3 raises itself, such as a stored text that is not UTF-8, quote
    the row, which holds the user's transcript: those are never read or passed on."""
    if isinstance(error, OSError):
        return explain_os(error, path)
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(error, sqlite3.Error) and name is None:
        if isinstance(error, sqlite3.OperationalError):  # e.g. "Could not decode ... text"
            return damaged(path)
        return f"Database error in {path} ({type(error).__name__}). Try again."
    text = f"{name or ''} {error}".lower()
    if "readonly" in text or "read-only" in text or "permission" in text:
        return (f"Cannot save to {path}: the folder or file is read-only. Make it writable "
                "or set MICDROP_HOME to a writable folder.")
    if "full" in text or "no space" in text:
        return f"Cannot save to {path}: the disk is full. Free some space and try again."
    if "locked" in text or "busy" in text:
        return (f"{path} is busy: another MicDrop kept it locked for over "
                f"{BUSY_TIMEOUT_S:g} s. Try again; if it persists, close the other MicDrop.")
    if "unable to open" in text or "cantopen" in text:
        return (f"Cannot open the database {path}: check that the folder exists and is "
                "writable, or set MICDROP_HOME to another folder.")
    if any(sign in text for sign in ("notadb", "not a database", "malformed", "corrupt")):
        return damaged(path)
    return f"Database error in {path} ({name or type(error).__name__}). Try again."


def explain_os(error: OSError, path: Path) -> str:
    """Creating the database file failed: by its errno, not its text (which holds paths)."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Cannot save to {path}: the folder or file is read-only. Make it writable "
                "or set MICDROP_HOME to a writable folder.")
    if error.errno == errno.ENOSPC:
        return f"Cannot save to {path}: the disk is full. Free some space and try again."
    return (f"Cannot open the database {path} ({(error.strerror or 'error').lower()}): check "
            "that the folder exists and is writable, or set MICDROP_HOME to another folder.")
