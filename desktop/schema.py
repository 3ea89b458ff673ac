"""The attempts database's schema, as the ordered migrations that build it.

Entry i upgrades a database from version i to i + 1 (`PRAGMA user_version` counts them). An
entry is SQL, or a function of the open connection for a step SQL cannot say portably
(reading the stored analysis JSON to fill new columns). Never edit an entry that has
shipped: add a new one, and a test that upgrades a database made by the previous version.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

Step = str | Callable[[sqlite3.Connection], None]

# The summary columns: what the history lists, filters, sorts and charts, so 10,000
# attempts never need their analysis JSON parsed to be listed.
SUMMARY = ("answer_s", "band_min_s", "band_max_s", "verdict", "wpm", "fillers_per_min")


def summary_of(analysis: Mapping[str, Any], duration_s: float) -> tuple[Any, ...]:
    """The summary columns of one stored analysis (`Analysis.to_dict()`), in SUMMARY order."""
    timing = analysis.get("timing", {})
    delivery = analysis.get("delivery", {})
    return (float(analysis.get("answer_s", duration_s)), timing.get("target_min_s"),
            timing.get("target_max_s"), timing.get("verdict"), delivery.get("wpm"),
            delivery.get("fillers_per_min"))


def _fill_summaries(db: sqlite3.Connection) -> None:
    """Version 4: the summary columns of every attempt saved before them, from its analysis."""
    rows = db.execute("SELECT a.id, an.json, a.duration_s FROM attempts AS a "
                      "JOIN analyses AS an ON an.attempt_id = a.id").fetchall()
    sets = ", ".join(f"{column} = ?" for column in SUMMARY)
    for attempt_id, text, duration in rows:
        try:
            values = summary_of(json.loads(text), duration)
        except (ValueError, TypeError, AttributeError):
            values = (duration, None, None, None, None, None)  # listed, if not charted
        db.execute(f"UPDATE attempts SET {sets} WHERE id = ?", (*values, attempt_id))


MIGRATIONS: tuple[Step, ...] = (
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
    # 3: the analyses move to a table of their own. A row of `attempts` is then a few
    # hundred bytes, so listing 10,000 of them never walks tens of KB of JSON per row (SQLite
    # reads a row's overflow pages to reach columns stored after a large one). The first
    # analysis of an attempt whose transcript was edited is kept in `original_json`.
    # Then the summary columns and the indexes the history's filters and sorts use.
    """
    CREATE TABLE analyses (
        attempt_id    INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
        json          TEXT NOT NULL,
        original_json TEXT
    );
    INSERT INTO analyses (attempt_id, json) SELECT id, analysis_json FROM attempts;
    ALTER TABLE attempts DROP COLUMN analysis_json;
    ALTER TABLE attempts ADD COLUMN answer_s REAL;
    ALTER TABLE attempts ADD COLUMN band_min_s REAL;
    ALTER TABLE attempts ADD COLUMN band_max_s REAL;
    ALTER TABLE attempts ADD COLUMN verdict TEXT;
    ALTER TABLE attempts ADD COLUMN wpm REAL;
    ALTER TABLE attempts ADD COLUMN fillers_per_min REAL;
    CREATE INDEX attempts_by_date ON attempts (created_at);
    CREATE INDEX attempts_by_company ON attempts (company, created_at);
    CREATE INDEX attempts_by_kind ON attempts (kind, created_at);
    CREATE INDEX attempts_by_score ON attempts (score);
    """,
    _fill_summaries,
    # 5: the story vault, mock interviews, and what links attempts to them.
    """
    CREATE TABLE stories (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        title        TEXT NOT NULL,
        type         TEXT NOT NULL,
        situation    TEXT NOT NULL DEFAULT '',
        task         TEXT NOT NULL DEFAULT '',
        action       TEXT NOT NULL DEFAULT '',
        result       TEXT NOT NULL DEFAULT '',
        competencies TEXT NOT NULL DEFAULT '[]',
        "values"     TEXT NOT NULL DEFAULT '[]',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    );
    CREATE TABLE interviews (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        company     TEXT,
        plan_json   TEXT NOT NULL,
        position    INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        finished_at TEXT
    );
    ALTER TABLE attempts ADD COLUMN story_id INTEGER
        REFERENCES stories (id) ON DELETE SET NULL;
    ALTER TABLE attempts ADD COLUMN follows_id INTEGER
        REFERENCES attempts (id) ON DELETE SET NULL;
    ALTER TABLE attempts ADD COLUMN interview_id INTEGER
        REFERENCES interviews (id) ON DELETE SET NULL;
    CREATE INDEX attempts_by_story ON attempts (story_id);
    CREATE INDEX attempts_by_interview ON attempts (interview_id);
    CREATE INDEX attempts_following ON attempts (follows_id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def statements(step: Step) -> list[Step]:
    """A migration as what to run: its SQL split into statements (executescript would
    commit behind the migration's transaction), or the function itself."""
    if callable(step):
        return [step]
    return [s.strip() for s in step.split(";") if s.strip()]
