"""The attempts database: one SQLite file in the data folder, recordings beside it.

The store keeps each attempt's analysis exactly as `Analysis.to_dict()` produced it, so the
history, the replay view and every export read what was shown at the time instead of
re-deriving it with whatever scoring rules exist later.

The schema evolves by appending to `MIGRATIONS`; `PRAGMA user_version` records how many have
run, so an old database is upgraded in place when it is opened. `PRAGMA application_id` marks
the file as MicDrop's: another program's SQLite file at the same path is refused untouched.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.history_query import (
    HistoryFilter,
    HistoryRow,
    count_sql,
    history_row,
    history_sql,
)
from desktop.paths import PRIVATE_FILE_MODE, DataFolderError, private_dir, private_file
from desktop.schema import MIGRATIONS, SCHEMA_VERSION, SUMMARY, statements, summary_of
from desktop.store_health import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    FOREIGN,
    OURS,
    damaged,
    explain,
    foreign,
    owner,
)

WAL_RETRY_S = 0.02

_COLUMNS = ("a.id, a.question_id, a.question_text, a.kind, a.company, a.wav_path, an.json, "
            "a.score, a.duration_s, a.created_at")
_FROM = "attempts AS a JOIN analyses AS an ON an.attempt_id = a.id"
_INSERTED = ("question_id, question_text, kind, company, wav_path, score, duration_s, "
             "created_at, " + ", ".join(SUMMARY))


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
            self._db.execute("PRAGMA foreign_keys = ON")  # per connection, not per file
        except DataFolderError as error:
            raise StoreError(str(error)) from error
        except (OSError, sqlite3.Error) as error:
            raise StoreError(explain(error, self.path)) from error
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
        data = json.loads(analysis_json) if isinstance(analysis_json, str) else analysis_json
        when = (created_at or datetime.now(UTC)).isoformat()
        row = (question_id, question_text, kind, company, _path_text(wav_path), int(score),
               float(duration_s), when, *summary_of(data, duration_s))
        sql = f"INSERT INTO attempts ({_INSERTED}) VALUES ({', '.join('?' * len(row))})"
        with self._transaction(wav_path, write=True) as db:
            attempt_id = db.execute(sql, row).lastrowid
            db.execute("INSERT INTO analyses (attempt_id, json) VALUES (?, ?)",
                       (attempt_id, json.dumps(data)))
        return attempt_id

    def attempts(self, question_id: str | None = None) -> list[AttemptRecord]:
        """Attempts oldest first, all of them or those of one question."""
        sql = f"SELECT {_COLUMNS} FROM {_FROM}"
        args: tuple[str, ...] = ()
        if question_id is not None:
            sql += " WHERE a.question_id = ?"
            args = (question_id,)
        with self._transaction() as db:
            rows = db.execute(sql + " ORDER BY a.created_at, a.id", args).fetchall()
        return [self._record(row) for row in rows]

    def attempt(self, attempt_id: int) -> AttemptRecord | None:
        """The attempt with this id, or None."""
        with self._transaction() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM {_FROM} WHERE a.id = ?", (attempt_id,)
            ).fetchone()
        return self._record(row) if row else None

    def history(self, wanted: HistoryFilter) -> list[HistoryRow]:
        """The history list: summary columns only, filtered and sorted by SQLite."""
        sql, args = history_sql(wanted)
        with self._transaction() as db:
            rows = db.execute(sql, args).fetchall()
        return [history_row(row) for row in rows]

    def history_count(self, wanted: HistoryFilter) -> int:
        sql, args = count_sql(wanted)
        with self._transaction() as db:
            return db.execute(sql, args).fetchone()[0]

    def scores_by_question(self) -> dict[str, tuple[int, int]]:
        """Each rehearsed question's best and latest score, for the question list."""
        sql = """SELECT question_id, MAX(score), (SELECT score FROM attempts AS last
                   WHERE last.question_id = a.question_id
                   ORDER BY created_at DESC, id DESC LIMIT 1)
                 FROM attempts AS a GROUP BY question_id"""
        with self._transaction() as db:
            return {qid: (best, latest) for qid, best, latest in db.execute(sql)}

    def replace_analysis(self, attempt_id: int, analysis: Mapping[str, Any]) -> None:
        """Show a new analysis for an attempt (an edited transcript rescored); the first
        analysis it ever had is kept in `analyses.original_json`, never overwritten."""
        sets = ", ".join(f"{column} = ?" for column in SUMMARY)
        with self._transaction(write=True) as db:
            row = db.execute("SELECT duration_s FROM attempts WHERE id = ?",
                             (attempt_id,)).fetchone()
            if row is None:
                raise StoreError(f"Attempt #{attempt_id} is no longer in the history.")
            db.execute("UPDATE analyses SET original_json = coalesce(original_json, json), "
                       "json = ? WHERE attempt_id = ?", (json.dumps(analysis), attempt_id))
            db.execute(f"UPDATE attempts SET score = ?, {sets} WHERE id = ?",
                       (int(analysis["score"]), *summary_of(analysis, row[0]), attempt_id))

    def link_story(self, attempt_id: int, story_id: int | None) -> None:
        """Which vault story an attempt told (None: none of them)."""
        with self._transaction(write=True) as db:
            db.execute("UPDATE attempts SET story_id = ? WHERE id = ?", (story_id, attempt_id))

    def transaction(self, write: bool = False) -> AbstractContextManager[sqlite3.Connection]:
        """A locked transaction for the store's companions (the story vault)."""
        return self._transaction(write=write)

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
            who, current = owner(db)
        self._refuse(who, current)
        self._make_private()
        self._use_wal()
        if who != OURS or current != SCHEMA_VERSION:
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
            who, current = owner(db)  # again, now that no one else can change it
            self._refuse(who, current)
            for version in range(current, SCHEMA_VERSION):
                for step in statements(MIGRATIONS[version]):
                    if callable(step):
                        step(db)
                    else:
                        db.execute(step)
                db.execute(f"PRAGMA user_version = {version + 1}")
            if who != OURS:  # a new database, or one from before databases were marked
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _refuse(self, who: str, version: int) -> None:
        """Stop before touching a file that is not ours, or one a newer MicDrop wrote."""
        if who == FOREIGN:
            raise StoreError(foreign(self.path))
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
                message = explain(error, self.path)
                if wav_path is not None:
                    message += f" The recording is kept at {wav_path}."
                raise StoreError(message) from error

    def _record(self, row: tuple[Any, ...]) -> AttemptRecord:
        """A row as a record; a row that does not parse means a damaged file, said without
        quoting the row (it holds the user's transcript)."""
        try:
            return _record(row)
        except (ValueError, TypeError, KeyError) as error:
            raise StoreError(damaged(self.path)) from error


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
