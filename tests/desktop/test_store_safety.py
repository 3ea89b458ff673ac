"""The store refuses files that are not its own, and never quotes a damaged database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Store, StoreError

SECRET = "purple elephant ledger"
REPO = Path(__file__).resolve().parents[2]


def _other_app_with_tables(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE bookmarks (url TEXT, title TEXT)")
    db.execute("INSERT INTO bookmarks VALUES ('https://example.org', 'Example')")


def _other_app_with_a_version(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("PRAGMA user_version = 1")


def _other_app_id(db: sqlite3.Connection) -> None:
    db.executescript(MIGRATIONS[0])  # even our own table shape, under another app's mark
    db.execute("PRAGMA application_id = 1234")
    db.execute("PRAGMA user_version = 1")


def _our_table_beside_theirs(db: sqlite3.Connection) -> None:
    db.executescript(MIGRATIONS[0])
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("PRAGMA user_version = 1")


@pytest.mark.parametrize("make", [_other_app_with_tables, _other_app_with_a_version,
                                  _other_app_id, _our_table_beside_theirs])
def test_another_programs_database_is_refused_untouched(tmp_path: Path, make) -> None:
    path = tmp_path / "micdrop.sqlite3"
    with sqlite3.connect(path) as db:
        make(db)
    db.close()
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert "belongs to another program" in message and str(path) in message
    assert "MICDROP_HOME" in message
    assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["micdrop.sqlite3"]  # no -wal, -shm


def test_a_new_database_is_marked_as_micdrops(tmp_path: Path) -> None:
    path = tmp_path / "micdrop.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    with Store(path) as store:  # and opens again as its own
        assert store.version == SCHEMA_VERSION


def test_a_database_from_before_the_mark_is_kept_and_marked(tmp_path: Path) -> None:
    """Databases written before application_id existed: today's schema, user_version 2."""
    path = tmp_path / "micdrop.sqlite3"
    with sqlite3.connect(path) as db:
        for script in MIGRATIONS[:2]:  # the schema as it stood before the mark
            db.executescript(script)
        db.execute("PRAGMA user_version = 2")
        db.execute("INSERT INTO attempts (question_id, question_text, kind, analysis_json, "
                   "score, duration_s, created_at) VALUES ('old', 'Q?', 'story', '{}', 50, "
                   "90.0, '2025-01-01T00:00:00+00:00')")
    db.close()
    with Store(path) as store:
        assert [a.question_id for a in store.attempts()] == ["old"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


def _database_with_a_secret(path: Path) -> None:
    with Store(path) as store:
        for n in range(40):  # enough rows to fill many pages
            transcript = (f"In that job I said {SECRET} number {n}. The room was full and "
                          "the file was locked. " + "and then " * 100)
            store.add_attempt("q", "Q?", "story", None, None, {"transcript": transcript},
                              50, 90.0)


def _bad_utf8_before_the_secret(data: bytearray) -> None:
    at = data.find(SECRET.encode(), len(data) // 2)
    data[at - 3:at] = b"\xff\xfe\xfd"


def _broken_json_before_the_secret(data: bytearray) -> None:
    at = data.find(SECRET.encode(), len(data) // 2)
    data[at - 20:at - 19] = b"}"


def _garbage_page_in_the_middle(data: bytearray) -> None:
    middle = len(data) // 2
    data[middle:middle + 4096] = bytes(range(256)) * 16


@pytest.mark.parametrize("damage", [_bad_utf8_before_the_secret, _broken_json_before_the_secret,
                                    _garbage_page_in_the_middle])
def test_a_damaged_database_is_reported_without_quoting_it(tmp_path: Path, damage) -> None:
    path = tmp_path / "micdrop.sqlite3"
    _database_with_a_secret(path)
    data = bytearray(path.read_bytes())
    assert SECRET.encode() in data
    damage(data)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught, Store(path) as store:
        store.attempts()
    message = str(caught.value)
    assert SECRET not in message and "number" not in message
    assert "damaged" in message and str(path) in message
    assert "full" not in message and "busy" not in message  # read from the row, not SQLite


def test_history_of_a_damaged_database_is_one_plain_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = home / "micdrop.sqlite3"
    home.mkdir()
    _database_with_a_secret(path)
    data = bytearray(path.read_bytes())
    _bad_utf8_before_the_secret(data)
    path.write_bytes(bytes(data))
    env = {**os.environ, "MICDROP_HOME": str(home), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "desktop", "history"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"micdrop: {path} is not a readable MicDrop database")
    assert SECRET not in done.stderr


def test_the_window_opens_without_history_when_the_database_is_not_ours(tmp_path, monkeypatch):
    from desktop import startup

    monkeypatch.setenv("MICDROP_HOME", str(tmp_path))
    with sqlite3.connect(tmp_path / "micdrop.sqlite3") as db:
        _other_app_with_tables(db)
    db.close()
    assert startup.data_folder_problem() is None
    store, problem = startup.open_store()
    assert store is None
    assert "belongs to another program" in problem and "will not be saved" in problem


def test_a_file_that_is_not_sqlite_at_all_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "micdrop.sqlite3"
    path.write_text("my notes, not a database\n" * 200)
    os.chmod(path, 0o644)
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
    with pytest.raises(StoreError, match="not a readable MicDrop database"):
        Store(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["micdrop.sqlite3"]
