"""The attempts database: one SQLite file in the data folder, recordings beside it.

The store keeps each attempt's analysis exactly as `Analysis.to_dict()` produced it, so the
history, the replay view and every export read what was shown at the time instead of
re-deriving it with whatever scoring rules exist later.

The schema evolves by appending to `MIGRATIONS`; `PRAGMA user_version` records how many have
run, so an old database is upgraded in place when it is opened.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
    """Attempts in SQLite. Safe to share between the GUI thread and its workers."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are opened explicitly in `_transaction`, so DDL in
            # migrations is atomic too.
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._migrate()
        except (OSError, sqlite3.Error) as error:
            raise StoreError(_explain(error, self.path)) from error

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
        with self._transaction(wav_path) as db:
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
        return [_record(row) for row in rows]

    def attempt(self, attempt_id: int) -> AttemptRecord | None:
        """The attempt with this id, or None."""
        with self._transaction() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
        return _record(row) if row else None

    def delete_attempt(self, attempt_id: int) -> bool:
        """Forget an attempt (its recording file is the caller's to remove)."""
        with self._transaction() as db:
            return db.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,)).rowcount > 0

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        """Run the migrations this database has not had yet, each in its own transaction,
        so a failure leaves the database at the last good version."""
        with self._lock:
            current = self._db.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer MicDrop (schema {current}, this one "
                f"knows {SCHEMA_VERSION}): update MicDrop or point MICDROP_HOME elsewhere."
            )
        for version in range(current, SCHEMA_VERSION):
            with self._transaction() as db:
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")

    @contextmanager
    def _transaction(self, wav_path: Path | str | None = None) -> Iterator[sqlite3.Connection]:
        """One locked transaction; SQLite failures become a StoreError naming the file."""
        with self._lock:
            try:
                self._db.execute("BEGIN")
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
    """Turn SQLite's terse errors into what the user can do about them."""
    text = str(error).lower()
    if "readonly" in text or "read-only" in text or "permission" in text:
        return (f"Cannot save to {path}: the folder or file is read-only. Make it writable "
                "or set MICDROP_HOME to a writable folder.")
    if "full" in text or "no space" in text:
        return f"Cannot save to {path}: the disk is full. Free some space and try again."
    if "unable to open" in text:
        return (f"Cannot open the database {path}: check that the folder exists and is "
                "writable, or set MICDROP_HOME to another folder.")
    if "not a database" in text or "malformed" in text:
        return (f"{path} is not a readable MicDrop database (damaged?). Move it aside and "
                "MicDrop will start a new one.")
    return f"Database error in {path}: {error}."
