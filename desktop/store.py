"""The attempts database: one SQLite file in the data folder, recordings beside it.

The store keeps each attempt's analysis exactly as `Analysis.to_dict()` produced it, so the
history, the replay view and every export read what was shown at the time instead of
re-deriving it with whatever scoring rules exist later.

The schema evolves by appending to `MIGRATIONS`; `PRAGMA user_version` records how many have
run, so an old database is upgraded in place when it is opened. `PRAGMA application_id` marks
the file as MicDrop's: another program's SQLite file at the same path is refused untouched.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.paths import PRIVATE_FILE_MODE, DataFolderError, private_dir, private_file

# Ordered schema changes; entry i upgrades a database from version i to i + 1. Never edit an
# entry that has shipped: add a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE attempts (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        question_id   TEXT NOT NULL,
        question_text TEXT NOT NULL,
        kind          TEXT NOT NULL,
        company       TEXT,
        wav_path      TEXT,
        analysis_json TEXT NOT NULL,
        score         INTEGER NOT NULL,
        duration_s    REAL NOT NULL,
        created_at    TEXT NOT NULL
    );
    """,
    """
    CREATE INDEX attempts_by_question ON attempts (question_id, created_at);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

# PRAGMA application_id of every MicDrop database ("MicD"), so another program's SQLite file
# at the store's path is recognised and left alone.
APPLICATION_ID = 0x4D696344
# How long a write waits for another process's write before giving up.
BUSY_TIMEOUT_S = 15.0
WAL_RETRY_S = 0.02
# Who a database file belongs to (see `_owner`).
OURS, NEW, UNMARKED, FOREIGN = "ours", "new", "unmarked", "foreign"
# What today's schema made, for recognising databases from before the application id.
_ATTEMPT_COLUMNS = ("id", "question_id", "question_text", "kind", "company", "wav_path",
                    "analysis_json", "score", "duration_s", "created_at")
_OLD_OBJECTS = {"attempts", "attempts_by_question", "sqlite_sequence"}

_COLUMNS = (
    "id, question_id, question_text, kind, company, wav_path, analysis_json, score, "
    "duration_s, created_at"
)


class StoreError(Exception):
    """The database cannot be read or written; `str()` says why and what to do."""


@dataclass(frozen=True)
class AttemptRecord:
    """One saved attempt. `analysis` is the stored `Analysis.to_dict()`, untouched."""

    id: int
    question_id: str
    question_text: str
    kind: str
    company: str | None
    wav_path: Path | None
    analysis: dict[str, Any]
    score: int
    duration_s: float
    created_at: datetime


class Store:
    """Attempts in SQLite. Safe to share between the GUI thread and its workers, and between
    processes (the window and `micdrop rehearse` at once): writes take SQLite's write lock
    up front and wait up to BUSY_TIMEOUT_S for another process's write to finish."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            private_dir(self.path.parent)
            private_file(self.path)
            # Autocommit mode: transactions are opened explicitly in `_transaction`, so DDL in
            # migrations is atomic too.
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S,
                                       check_same_thread=False, isolation_level=None)
        except DataFolderError as error:
            raise StoreError(str(error)) from error
        except (OSError, sqlite3.Error) as error:
            raise StoreError(_explain(error, self.path)) from error
        try:
            self._open()
        except BaseException:
            self._db.close()
            raise

    @property
    def version(self) -> int:
        """How many migrations this database has had."""
        with self._lock:
            return self._db.execute("PRAGMA user_version").fetchone()[0]

    def add_attempt(
        self,
        question_id: str,
        question_text: str,
        kind: str,
        company: str | None,
        wav_path: Path | str | None,
        analysis_json: str | Mapping[str, Any],
        score: int,
        duration_s: float,
        created_at: datetime | None = None,
    ) -> int:
        """Save an attempt and return its id. A failed write raises StoreError and leaves
        the recording where it is, so the user loses nothing but the history entry."""
        text = analysis_json if isinstance(analysis_json, str) else json.dumps(analysis_json)
        when = (created_at or datetime.now(UTC)).isoformat()
        row = (question_id, question_text, kind, company, _path_text(wav_path), text,
               int(score), float(duration_s), when)
        sql = f"INSERT INTO attempts ({_COLUMNS.removeprefix('id, ')}) VALUES (?,?,?,?,?,?,?,?,?)"
        with self._transaction(wav_path, write=True) as db:
            return db.execute(sql, row).lastrowid

    def attempts(self, question_id: str | None = None) -> list[AttemptRecord]:
        """Attempts oldest first, all of them or those of one question."""
        sql = f"SELECT {_COLUMNS} FROM attempts"
        args: tuple[str, ...] = ()
        if question_id is not None:
            sql += " WHERE question_id = ?"
            args = (question_id,)
        with self._transaction() as db:
            rows = db.execute(sql + " ORDER BY created_at, id", args).fetchall()
        return [self._record(row) for row in rows]

    def attempt(self, attempt_id: int) -> AttemptRecord | None:
        """The attempt with this id, or None."""
        with self._transaction() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
        return self._record(row) if row else None

    def delete_attempt(self, attempt_id: int) -> bool:
        """Forget an attempt (its recording file is the caller's to remove)."""
        with self._transaction(write=True) as db:
            return db.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,)).rowcount > 0

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> None:
        """Refuse another program's file before changing anything in it; then make it
        private, switch to WAL (readers never wait for a writer) and migrate."""
        with self._transaction() as db:
            owner, current = _owner(db)
        self._refuse(owner, current)
        self._make_private()
        self._use_wal()
        if owner != OURS or current != SCHEMA_VERSION:
            self._migrate()

    def _make_private(self) -> None:
        """The database and its -wal/-shm files hold transcripts: 0600. SQLite gives the
        side files the database file's mode, so an old 0644 database is fixed here."""
        for suffix in ("", "-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            try:
                if side.exists() and side.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
                    os.chmod(side, PRIVATE_FILE_MODE)
            except OSError:
                pass  # not ours to chmod (another user's file): writes report what matters

    def _use_wal(self) -> None:
        """WAL lets `history` read while the window writes. Switching needs a moment alone
        with the file, and SQLite answers "locked" at once (no busy wait) while another
        connection holds the write lock, so it is retried for up to the busy timeout; if
        the file stays busy that long, rollback journaling is still correct (every write
        takes the lock first), so WAL is wanted, never required."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                with self._lock:
                    self._db.execute("PRAGMA journal_mode = WAL").fetchone()
                return  # WAL, or a file system without it: either way, nothing to retry
            except sqlite3.OperationalError:
                if time.monotonic() > deadline:
                    return
            time.sleep(WAL_RETRY_S)

    def _migrate(self) -> None:
        """Run the migrations this database has not had yet, in one transaction that holds
        the write lock from its start: a second process opening the same new file waits, then
        reads the version the first one wrote and has nothing left to do."""
        with self._transaction(write=True) as db:
            owner, current = _owner(db)  # again, now that no one else can change it
            self._refuse(owner, current)
            for version in range(current, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")
            if owner != OURS:  # a new database, or one from before databases were marked
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _refuse(self, owner: str, version: int) -> None:
        """Stop before touching a file that is not ours, or one a newer MicDrop wrote."""
        if owner == FOREIGN:
            raise StoreError(_foreign(self.path))
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer MicDrop (schema {version}, this one "
                f"knows {SCHEMA_VERSION}): update MicDrop or point MICDROP_HOME elsewhere."
            )

    @contextmanager
    def _transaction(self, wav_path: Path | str | None = None,
                     write: bool = False) -> Iterator[sqlite3.Connection]:
        """One locked transaction; SQLite failures become a StoreError naming the file.

        A write takes SQLite's write lock at BEGIN (IMMEDIATE), where a busy database makes
        it wait for the timeout; a deferred transaction that upgrades later would fail at
        once instead."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield self._db
                    self._db.execute("COMMIT")
                finally:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
            except sqlite3.Error as error:
                message = _explain(error, self.path)
                if wav_path is not None:
                    message += f" The recording is kept at {wav_path}."
                raise StoreError(message) from error

    def _record(self, row: tuple[Any, ...]) -> AttemptRecord:
        """A row as a record; a row that does not parse means a damaged file, said without
        quoting the row (it holds the user's transcript)."""
        try:
            return _record(row)
        except (ValueError, TypeError, KeyError) as error:
            raise StoreError(_damaged(self.path)) from error


def _owner(db: sqlite3.Connection) -> tuple[str, int]:
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


def _foreign(path: Path) -> str:
    return (f"{path} belongs to another program (it is not a MicDrop database), so MicDrop "
            "leaves it untouched. Move that file elsewhere, or set MICDROP_HOME to another "
            "folder.")


def _damaged(path: Path) -> str:
    return (f"{path} is not a readable MicDrop database (damaged?). Move it aside and "
            "MicDrop will start a new one; your recordings are not in it and are kept.")


def _statements(script: str) -> list[str]:
    """Split a migration into statements; executescript would commit behind our back."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _path_text(path: Path | str | None) -> str | None:
    return None if path is None else str(path)


def _record(row: tuple[Any, ...]) -> AttemptRecord:
    (id_, question_id, question_text, kind, company, wav, analysis, score, duration,
     created) = row
    return AttemptRecord(
        id=id_, question_id=question_id, question_text=question_text, kind=kind,
        company=company, wav_path=Path(wav) if wav else None, analysis=json.loads(analysis),
        score=score, duration_s=duration, created_at=datetime.fromisoformat(created),
    )


def _explain(error: Exception, path: Path) -> str:
    """Turn SQLite's terse errors into what the user can do about them.

    Only SQLite's own messages are read (they name tables and columns, never values). The
    errors Python's sqlite3 raises itself, such as a stored text that is not UTF-8, quote
    the row, which holds the user's transcript: those are never read or passed on."""
    if isinstance(error, OSError):
        return _explain_os(error, path)
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(error, sqlite3.Error) and name is None:
        if isinstance(error, sqlite3.OperationalError):  # e.g. "Could not decode ... text"
            return _damaged(path)
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
        return _damaged(path)
    return f"Database error in {path} ({name or type(error).__name__}). Try again."


def _explain_os(error: OSError, path: Path) -> str:
    """Creating the database file failed: by its errno, not its text (which holds paths)."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Cannot save to {path}: the folder or file is read-only. Make it writable "
                "or set MICDROP_HOME to a writable folder.")
    if error.errno == errno.ENOSPC:
        return f"Cannot save to {path}: the disk is full. Free some space and try again."
    return (f"Cannot open the database {path} ({(error.strerror or 'error').lower()}): check "
            "that the folder exists and is writable, or set MICDROP_HOME to another folder.")
