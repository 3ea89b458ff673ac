"""The history list as SQL: filters and sort orders the database answers with its indexes.

A history of 10,000 attempts must list and filter in milliseconds, so rows carry only the
summary columns (never the analysis JSON, which is parsed only for the attempt opened) and
every filter and sort is a WHERE and ORDER BY the database can serve from an index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

# What a column header sorts by. Keys are the names the view uses.
SORTS = {
    "date": "created_at",
    "question": "question_text COLLATE NOCASE",
    "company": "company COLLATE NOCASE",
    "score": "score",
    "duration": "answer_s",
    "verdict": "verdict",
}

SUMMARY_COLUMNS = ("id, created_at, question_id, question_text, kind, company, score, "
                   "coalesce(answer_s, duration_s), band_min_s, band_max_s, verdict, "
                   "wav_path, wpm, fillers_per_min, story_id")


@dataclass(frozen=True)
class HistoryFilter:
    """Which attempts to list; None means any. Dates are inclusive bounds."""

    question_id: str | None = None
    company: str | None = None
    kind: str | None = None
    story_id: int | None = None  # the attempts that told this vault story
    since: datetime | None = None
    until: datetime | None = None
    sort: str = "date"
    descending: bool = True
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history: enough to list, filter, chart and compare without the JSON."""

    id: int
    created_at: datetime
    question_id: str
    question_text: str
    kind: str
    company: str | None
    score: int
    duration_s: float  # the answer's time, first word to last, as the verdict judged it
    band: tuple[float, float]
    verdict: str
    wav_path: Path | None
    wpm: float | None = None
    fillers_per_min: float | None = None
    story_id: int | None = None


def history_sql(f: HistoryFilter) -> tuple[str, list[Any]]:
    """The SELECT for a filter, with its arguments (values are bound, never pasted)."""
    where, args = _where(f)
    if f.sort not in SORTS:
        raise ValueError(f"unknown sort {f.sort!r}; one of {', '.join(SORTS)}")
    way = "DESC" if f.descending else "ASC"
    # id breaks ties in the same direction, so a (column, rowid) index serves the whole order.
    sql = f"SELECT {SUMMARY_COLUMNS} FROM attempts{where} ORDER BY {SORTS[f.sort]} {way}, id {way}"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [int(f.limit), int(f.offset)]
    return sql, args


def count_sql(f: HistoryFilter) -> tuple[str, list[Any]]:
    """How many attempts a filter matches (the list itself loads a page at a time)."""
    where, args = _where(f)
    return f"SELECT count(*) FROM attempts{where}", args


def _where(f: HistoryFilter) -> tuple[str, list[Any]]:
    where, args = [], []
    for column, value in (("question_id", f.question_id), ("company", f.company),
                          ("kind", f.kind), ("story_id", f.story_id)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if f.since is not None:
        where.append("created_at >= ?")
        args.append(f.since.isoformat())
    if f.until is not None:
        where.append("created_at <= ?")
        args.append(f.until.isoformat())
    return (" WHERE " + " AND ".join(where) if where else ""), args


def history_row(row: tuple[Any, ...]) -> HistoryRow:
    (id_, created, question_id, text, kind, company, score, duration, low, high, verdict,
     wav, wpm, fillers, story_id) = row
    return HistoryRow(id_, datetime.fromisoformat(created), question_id, text, kind, company,
                      score, duration, (low or 0.0, high or 0.0), verdict or "",
                      Path(wav) if wav else None, wpm, fillers, story_id)
