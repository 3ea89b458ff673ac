"""Several MicDrop processes on one database at once: the window, `micdrop rehearse` in a
terminal, `micdrop history` in another. Real processes on a real SQLite file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.store import APPLICATION_ID, SCHEMA_VERSION, Store

REPO = Path(__file__).resolve().parents[2]

# Each child imports the store, says it is ready, then waits for the parent's go so that all
# of them open (or write) at the same moment.
_CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from desktop.store import Store
    path, inserts = Path(sys.argv[1]), int(sys.argv[2])
    print("ready", flush=True)
    sys.stdin.readline()
    with Store(path) as store:
        for n in range(inserts):
            store.add_attempt(f"q{n}", "Q?", "story", None, None, {"n": n}, 50, 90.0)
    print("done", flush=True)
""")


def _run_together(path: Path, processes: int, inserts: int,
                  hold_s: float = 0.0) -> list[subprocess.CompletedProcess]:
    """Start the children, release them at once, and collect them. With `hold_s`, another
    connection holds the database's write lock for that long after the go: every child
    then reads the fresh file before any of them can write, the widest race there is."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get(
        "PYTHONPATH", "")])}
    children = [
        subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(inserts)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=env, cwd=REPO)
        for _ in range(processes)
    ]
    for child in children:
        assert child.stdout.readline().strip() == "ready"
    blocker = sqlite3.connect(path, isolation_level=None)
    if hold_s:
        blocker.execute("BEGIN IMMEDIATE")
    for child in children:  # the go signal, as close together as the parent can send it
        child.stdin.write("go\n")
        child.stdin.flush()
    time.sleep(hold_s)
    blocker.close()  # rolls back: the file is still empty
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    return results


def _objects_of_one_store(path: Path) -> list[str]:
    """The tables and indexes one store makes on its own: the schema, built once."""
    Store(path).close()
    with sqlite3.connect(path) as db:
        return sorted(r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


@pytest.mark.parametrize("hold_s", [0.0, 0.0, 1.5])
def test_thirty_processes_opening_a_fresh_database_all_succeed(tmp_path: Path,
                                                               hold_s: float) -> None:
    path = tmp_path / "micdrop.sqlite3"
    results = _run_together(path, processes=30, inserts=0, hold_s=hold_s)
    failures = [r.stderr.strip().splitlines()[-1] for r in results if r.returncode != 0]
    assert failures == []
    with sqlite3.connect(path) as db:
        objects = sorted(r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        assert objects == _objects_of_one_store(tmp_path / "alone.sqlite3")
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "micdrop.sqlite3"
    results = _run_together(path, processes=2, inserts=500, hold_s=1.0)  # both open it new
    assert [(r.returncode, r.stdout.split()) for r in results] == [(0, ["done"])] * 2, [
        r.stderr[-500:] for r in results]
    with Store(path) as store:
        assert len(store.attempts()) == 1000
