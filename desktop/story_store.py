"""The story vault in the attempts database: the `StoryRepository` the vault screen uses.

Stories live beside the attempts they were told in (`attempts.story_id`), so a story's
rehearsals are one query away and deleting a story keeps its attempts (ON DELETE SET NULL).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from desktop.store import Store
from scoring.stories import Story

_FIELDS = ("title", "type", "situation", "task", "action", "result")
_SELECT = f'SELECT id, {", ".join(_FIELDS)}, competencies, "values" FROM stories'


class StoryStore:
    """Stories in the store's database (same file, same locks, same transactions)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def list_stories(self) -> list[Story]:
        with self.store.transaction() as db:
            rows = db.execute(_SELECT + " ORDER BY title COLLATE NOCASE, id").fetchall()
        return [_story(row) for row in rows]

    def story(self, story_id: int) -> Story | None:
        with self.store.transaction() as db:
            row = db.execute(_SELECT + " WHERE id = ?", (story_id,)).fetchone()
        return _story(row) if row else None

    def save_story(self, story: Story) -> Story:
        """Insert a new story (returned with its id) or update an existing one."""
        now = datetime.now(UTC).isoformat()
        values = (*(getattr(story, f) for f in _FIELDS), json.dumps(list(story.competencies)),
                  json.dumps(list(story.values)))
        with self.store.transaction(write=True) as db:
            if story.id is None:
                cursor = db.execute(
                    f'INSERT INTO stories ({", ".join(_FIELDS)}, competencies, "values", '
                    "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", (*values, now, now))
                return replace(story, id=cursor.lastrowid)
            sets = ", ".join(f"{f} = ?" for f in _FIELDS)
            db.execute(f'UPDATE stories SET {sets}, competencies = ?, "values" = ?, '
                       "updated_at = ? WHERE id = ?", (*values, now, story.id))
        return story

    def delete_story(self, story_id: int) -> None:
        """Forget a story; attempts that told it stay, unlinked."""
        with self.store.transaction(write=True) as db:
            db.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def attempts_of(self, story_id: int) -> list[int]:
        """Ids of the attempts that told this story, newest first."""
        with self.store.transaction() as db:
            rows = db.execute("SELECT id FROM attempts WHERE story_id = ? "
                              "ORDER BY created_at DESC, id DESC", (story_id,)).fetchall()
        return [r[0] for r in rows]


def _story(row: tuple) -> Story:
    story_id, *fields, competencies, values = row
    return Story(story_id, *fields, competencies=tuple(json.loads(competencies)),
                 values=tuple(json.loads(values)))
