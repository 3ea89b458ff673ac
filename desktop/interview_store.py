"""Mock interviews in the attempts database: the plan, how far it got, and its answers.

The position is saved after every answer, in the same job that saves the answer, so an
interview closed half way (or a crash) resumes at the first question not yet answered.
A position counts steps: step 2*i asks plan item i, step 2*i+1 asks its follow-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.store import AttemptRecord, Store
from scoring.interview_plan import InterviewPlan


@dataclass(frozen=True)
class InterviewRecord:
    """One saved interview; `position` is the next step to ask."""

    id: int
    company: str | None
    plan: InterviewPlan
    position: int
    created_at: datetime
    finished_at: datetime | None = None

    @property
    def item(self) -> int:
        """The plan item the next step belongs to."""
        return self.position // 2

    @property
    def at_follow_up(self) -> bool:
        return self.position % 2 == 1

    def label(self) -> str:
        """How the resume list names it: company, progress, when it started."""
        when = self.created_at.astimezone().strftime("%d %b %H:%M")
        done = min(self.item, len(self.plan.items))
        return (f"{self.company or 'No company'} · {done} of {len(self.plan.items)} "
                f"questions answered · started {when}")


class InterviewStore:
    """Interviews in the store's database (same file, same locks, same transactions)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, plan: InterviewPlan) -> InterviewRecord:
        now = datetime.now(UTC)
        with self.store.transaction(write=True) as db:
            cursor = db.execute(
                "INSERT INTO interviews (company, plan_json, position, created_at) "
                "VALUES (?, ?, 0, ?)", (plan.company, plan.to_json(), now.isoformat()))
        return InterviewRecord(cursor.lastrowid, plan.company, plan, 0, now)

    def interview(self, interview_id: int) -> InterviewRecord | None:
        with self.store.transaction() as db:
            row = db.execute(_SELECT + " WHERE id = ?", (interview_id,)).fetchone()
        return _record(row) if row else None

    def unfinished(self) -> list[InterviewRecord]:
        """Interviews not finished, newest first: what the user may resume."""
        with self.store.transaction() as db:
            rows = db.execute(_SELECT + " WHERE finished_at IS NULL "
                              "ORDER BY created_at DESC, id DESC").fetchall()
        return [_record(row) for row in rows]

    def advance(self, interview_id: int, position: int, finished: bool = False) -> None:
        """Save how far the interview got; `finished` closes it (it leaves the resume list)."""
        done = datetime.now(UTC).isoformat() if finished else None
        with self.store.transaction(write=True) as db:
            db.execute("UPDATE interviews SET position = ?, finished_at = ? WHERE id = ?",
                       (position, done, interview_id))

    def link_attempt(self, attempt_id: int, interview_id: int,
                     follows_id: int | None = None) -> None:
        """An answer belongs to the interview; a follow-up's answer also to the first."""
        with self.store.transaction(write=True) as db:
            db.execute("UPDATE attempts SET interview_id = ?, follows_id = ? WHERE id = ?",
                       (interview_id, follows_id, attempt_id))

    def answers(self, interview_id: int) -> list[tuple[AttemptRecord, int | None]]:
        """The interview's attempts in the order they were given, each with the attempt it
        follows up (None for a first answer)."""
        with self.store.transaction() as db:
            rows = db.execute("SELECT id, follows_id FROM attempts WHERE interview_id = ? "
                              "ORDER BY id", (interview_id,)).fetchall()
        found = [(self.store.attempt(attempt_id), follows) for attempt_id, follows in rows]
        return [(record, follows) for record, follows in found if record is not None]


_SELECT = "SELECT id, company, plan_json, position, created_at, finished_at FROM interviews"


def _record(row: tuple) -> InterviewRecord:
    interview_id, company, plan, position, created, finished = row
    return InterviewRecord(interview_id, company, InterviewPlan.from_json(plan), position,
                           datetime.fromisoformat(created),
                           datetime.fromisoformat(finished) if finished else None)
