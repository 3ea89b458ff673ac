"""The store behind History: an upgrade from today's schema keeps every attempt, the
summary columns answer filters and sorts, and an edited analysis keeps the original."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.history_query import HistoryFilter
from desktop.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Store, StoreError
from question_bank.model import Question
from scoring import Transcript, analyze

STORY = Question(id="fail", text="Tell me about a failure.", kind="story")
BACKGROUND = Question(id="bg", text="Walk me through your background.", kind="background")
START = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _analysis(question: Question, n: int) -> dict:
    text = "I rebuilt the churn model and cut churn by 4%. " * (n + 1)
    return analyze(Transcript.from_text(text), question, None).to_dict()


def _old_database(path: Path, attempts: int) -> None:
    """A database exactly as the released MicDrop (schema 2, marked) leaves it."""
    with sqlite3.connect(path) as db:
        for script in MIGRATIONS[:2]:
            db.executescript(script)
        db.execute("PRAGMA user_version = 2")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for n in range(attempts):
            q = STORY if n % 2 else BACKGROUND
            a = _analysis(q, n)
            db.execute(
                "INSERT INTO attempts (question_id, question_text, kind, company, wav_path, "
                "analysis_json, score, duration_s, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (q.id, q.text, q.kind, "Amazon" if n % 3 else None, f"/r/{n}.wav",
                 json.dumps(a), a["score"], a["duration_s"] + 3.0,
                 (START + timedelta(days=n)).isoformat()))
    db.close()


def test_an_old_database_with_data_is_upgraded_and_loses_nothing(tmp_path: Path):
    path = tmp_path / "micdrop.sqlite3"
    _old_database(path, 6)
    with sqlite3.connect(path) as db:
        before = db.execute("SELECT id, analysis_json, score, duration_s, created_at "
                            "FROM attempts ORDER BY id").fetchall()
    db.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        after = [(a.id, json.dumps(a.analysis), a.score, a.duration_s,
                  a.created_at.isoformat()) for a in store.attempts()]
        rows = store.history(HistoryFilter(sort="date", descending=False))
    assert [(r[0], json.loads(r[1]), r[2], r[3], r[4]) for r in before] == [
        (r[0], json.loads(r[1]), r[2], r[3], r[4]) for r in after]
    analyses = [json.loads(r[1]) for r in before]
    assert [r.duration_s for r in rows] == [a["answer_s"] for a in analyses]  # not +3 s
    assert [r.verdict for r in rows] == [a["timing"]["verdict"] for a in analyses]
    assert [r.band for r in rows] == [(a["timing"]["target_min_s"], a["timing"]["target_max_s"])
                                      for a in analyses]


def _filled(tmp_path: Path) -> Store:
    store = Store(tmp_path / "micdrop.sqlite3")
    for n in range(8):
        q = STORY if n % 2 else BACKGROUND
        a = _analysis(q, n)
        store.add_attempt(q.id, q.text, q.kind, "Amazon" if n < 4 else "Meta", None, a,
                          a["score"], a["duration_s"], START + timedelta(days=n))
    return store


def test_filters_and_sorts(tmp_path: Path):
    store = _filled(tmp_path)
    assert len(store.history(HistoryFilter())) == 8
    stories = store.history(HistoryFilter(kind="story"))
    assert {r.question_id for r in stories} == {"fail"} and len(stories) == 4
    meta = store.history(HistoryFilter(company="Meta", question_id="bg"))
    assert [r.created_at.day for r in meta] == [7, 5]  # newest first
    recent = store.history(HistoryFilter(since=START + timedelta(days=6)))
    assert len(recent) == 2
    by_score = store.history(HistoryFilter(sort="score", descending=False))
    assert [r.score for r in by_score] == sorted(r.score for r in by_score)
    with pytest.raises(ValueError):
        store.history(HistoryFilter(sort="transcript"))


def test_best_and_latest_score_per_question(tmp_path: Path):
    store = _filled(tmp_path)
    rows = store.history(HistoryFilter())
    for qid, (best, latest) in store.scores_by_question().items():
        mine = [r for r in rows if r.question_id == qid]
        assert best == max(r.score for r in mine)
        assert latest == mine[0].score


def test_an_edited_analysis_keeps_the_first_one(tmp_path: Path):
    store = _filled(tmp_path)
    first = store.attempt(1).analysis
    for score in (91, 77):
        store.replace_analysis(1, {**first, "score": score})
    assert store.attempt(1).score == 77
    with sqlite3.connect(store.path) as db:
        original = db.execute("SELECT original_json FROM analyses WHERE attempt_id = 1"
                              ).fetchone()[0]
    db.close()
    assert json.loads(original) == first
    with pytest.raises(StoreError, match="no longer in the history"):
        store.replace_analysis(999, first)


def test_foreign_keys_are_enforced(tmp_path: Path):
    store = _filled(tmp_path)
    with pytest.raises(StoreError):
        store.link_story(1, 12345)  # no such story
    assert store.delete_attempt(2)
    with sqlite3.connect(store.path) as db:  # its analysis went with it
        assert db.execute("SELECT count(*) FROM analyses WHERE attempt_id = 2").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM analyses").fetchone() == (7,)
    db.close()
