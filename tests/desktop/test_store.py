"""The attempts store against real SQLite files in a temporary folder."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Store, StoreError

ANALYSIS = {"schema": "micdrop.analysis/1", "kind": "story", "score": 71, "tips": ["Add numbers."]}


def _add(store: Store, question_id: str = "q1", when: datetime | None = None, **overrides) -> int:
    fields = dict(
        question_id=question_id, question_text="Tell me about a time you failed.", kind="story",
        company="DoorDash", wav_path=Path("rec/a.wav"), analysis_json=ANALYSIS, score=71,
        duration_s=104.5, created_at=when or datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    fields.update(overrides)
    return store.add_attempt(**fields)


def test_new_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "micdrop.sqlite3"
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION == len(MIGRATIONS)
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert {"attempts", "attempts_by_question"} <= tables


def test_attempt_round_trips_every_field(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        attempt_id = _add(store)
        record = store.attempt(attempt_id)
    assert record is not None
    assert record.id == attempt_id
    assert (record.question_id, record.kind, record.company) == ("q1", "story", "DoorDash")
    assert record.question_text == "Tell me about a time you failed."
    assert record.wav_path == Path("rec/a.wav")
    assert record.analysis == ANALYSIS
    assert (record.score, record.duration_s) == (71, 104.5)
    assert record.created_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_analysis_given_as_json_text_is_kept_verbatim(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        attempt_id = _add(store, analysis_json='{"score": 5, "tips": []}', company=None)
        record = store.attempt(attempt_id)
    assert record.analysis == {"score": 5, "tips": []}
    assert record.company is None


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        first = _add(store)
    with Store(path) as store:
        second = _add(store, question_id="q2")
        assert [a.id for a in store.attempts()] == [first, second]
        assert store.version == SCHEMA_VERSION


def test_attempts_filter_by_question_oldest_first(tmp_path: Path) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    with Store(tmp_path / "db.sqlite3") as store:
        late = _add(store, "q1", start + timedelta(days=2))
        _add(store, "q2", start + timedelta(days=1))
        early = _add(store, "q1", start)
        assert [a.id for a in store.attempts("q1")] == [early, late]
        assert len(store.attempts()) == 3
        assert store.attempts("nope") == []


def test_missing_attempt_is_none_and_delete_forgets(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        attempt_id = _add(store)
        assert store.attempt(attempt_id + 100) is None
        assert store.delete_attempt(attempt_id) is True
        assert store.attempt(attempt_id) is None
        assert store.delete_attempt(attempt_id) is False


def test_old_database_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as db:  # a database written when only migration 1 existed
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO attempts (question_id, question_text, kind, analysis_json, score, "
            "duration_s, created_at) VALUES ('old', 'Q?', 'story', '{}', 50, 90.0, "
            "'2025-01-01T00:00:00+00:00')"
        )
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        assert [a.question_id for a in store.attempts()] == ["old"]


def test_database_from_a_newer_version_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as db:  # a newer MicDrop marks its file as every version does
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError, match="newer MicDrop"):
        Store(path)


def test_garbage_file_is_reported_as_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a readable MicDrop database"):
        Store(path)


def _full_disk(store: Store) -> None:
    """SQLite's own page cap gives the same SQLITE_FULL error a full disk gives."""
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")


def _read_only(store: Store) -> None:
    """query_only gives the SQLITE_READONLY error of a read-only file, even as root."""
    store._db.execute("PRAGMA query_only = 1")


@pytest.mark.parametrize(("break_it", "expected"), [
    (_full_disk, "disk is full"), (_read_only, "read-only"),
])
def test_unwritable_database_fails_clearly_and_keeps_the_wav(tmp_path: Path, break_it,
                                                            expected: str) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        _add(store)
        break_it(store)
        with pytest.raises(StoreError) as caught:
            _add(store, wav_path=tmp_path / "take.wav", analysis_json={"x": "y" * 50_000})
        assert len(store.attempts()) == 1  # nothing half-written, reads still work
    assert expected in str(caught.value)
    assert str(tmp_path / "take.wav") in str(caught.value)


def test_failed_write_is_rolled_back_and_reported_with_the_wav(tmp_path: Path) -> None:
    """A write SQLite refuses (here a NOT NULL breach standing in for a full disk) leaves
    no partial row and names the kept recording."""
    with Store(tmp_path / "db.sqlite3") as store:
        with pytest.raises(StoreError) as caught:
            _add(store, question_id=None, wav_path=tmp_path / "take.wav")
        assert str(tmp_path / "take.wav") in str(caught.value)
        assert store.attempts() == []
        assert _add(store) > 0  # the connection is usable afterwards
