"""Interviews in the real SQLite store: created, advanced, linked, listed, finished."""

from __future__ import annotations

from desktop.interview_store import InterviewStore
from desktop.store import Store
from scoring.interview_plan import InterviewPlan, PlannedQuestion

PLAN = InterviewPlan("Acme", (PlannedQuestion("bg", "background", ("background",)),
                              PlannedQuestion("fail", "story", ("failure",), "Grit", "why")))


def add(store: Store, question_id: str) -> int:
    return store.add_attempt(question_id, "text", "story", "Acme", None,
                             {"score": 50, "duration_s": 10.0}, 50, 10.0)


def test_an_interview_keeps_its_plan_position_and_linked_answers(tmp_path):
    with Store(tmp_path / "a.sqlite3") as store:
        interviews = InterviewStore(store)
        made = interviews.create(PLAN)
        other = interviews.create(PLAN)
        first, probe, stray = add(store, "bg"), add(store, "bg.follow-up"), add(store, "x")
        interviews.link_attempt(first, made.id)
        interviews.link_attempt(probe, made.id, follows_id=first)
        interviews.advance(made.id, 3)
        again = interviews.interview(made.id)
        assert again.plan == PLAN and again.position == 3
        assert again.item == 1 and again.at_follow_up
        assert "Acme · 1 of 2 questions answered" in again.label()
        assert [(r.id, f) for r, f in interviews.answers(made.id)] == [(first, None),
                                                                       (probe, first)]
        assert stray not in [r.id for r, _ in interviews.answers(made.id)]
        assert [i.id for i in interviews.unfinished()] == [other.id, made.id]
        interviews.advance(made.id, 4, finished=True)
        assert [i.id for i in interviews.unfinished()] == [other.id]
        assert interviews.interview(made.id).finished_at is not None
        store.delete_attempt(first)  # the follow-up stays, no longer linked to it
        assert [(r.id, f) for r, f in interviews.answers(made.id)] == [(probe, None)]
