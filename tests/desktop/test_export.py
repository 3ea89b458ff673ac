"""Export: the format from the name, stored attempts in order, a whole file or none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.export import ExportError, format_for, items_from_store, write_report
from desktop.store import Store
from question_bank.model import Question
from scoring import Transcript, analyze

QUESTION = Question(id="q", text="Tell me about a time you failed.", kind="story")


def _store(tmp_path: Path) -> tuple[Store, list[int]]:
    store = Store(tmp_path / "db.sqlite3")
    ids = []
    for text in ("I shipped the model late. We lost a week.", "I cut latency by 40%."):
        a = analyze(Transcript.from_text(text), QUESTION, None)
        ids.append(store.add_attempt("q", QUESTION.text, "story", None, None, a.to_dict(),
                                     a.score, a.duration_s))
    return store, ids


def test_the_format_comes_from_the_name_or_the_option():
    assert format_for(Path("r.PDF")) == "pdf"
    assert format_for(Path("r.markdown")) == "md"
    assert format_for(Path("r.txt"), "json") == "json"
    with pytest.raises(ExportError, match=r"end the name in \.pdf"):
        format_for(Path("report.docx"))
    with pytest.raises(ExportError, match="choose one of pdf, md, html, json"):
        format_for(Path("r.pdf"), "docx")


def test_exports_stored_attempts_in_the_order_asked(tmp_path: Path):
    store, ids = _store(tmp_path)
    items = items_from_store(store, list(reversed(ids)))
    out = write_report(items, "json", tmp_path / "r.json")
    data = json.loads(out.read_text())
    assert [a["attempt_id"] for a in data["attempts"]] == list(reversed(ids))
    assert data["attempts"][0]["analysis"] == store.attempt(ids[1]).analysis
    with pytest.raises(ExportError, match="No attempt with id 999"):
        items_from_store(store, [ids[0], 999])


def test_a_failed_write_leaves_no_file(tmp_path: Path):
    store, ids = _store(tmp_path)
    target = tmp_path / "missing-folder" / "r.md"
    with pytest.raises(ExportError, match="Could not write"):
        write_report(items_from_store(store, ids), "md", target)
    assert not target.exists() and not list(tmp_path.glob("**/*.part"))
