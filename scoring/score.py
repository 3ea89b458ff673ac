"""The 0-100 score, the tips and the follow-up question.

The score is a weighted checklist: each named item below earns a fraction of its weight, and
the score is the share of the applicable weight earned, capped for an answer far too short
to be complete (`scoring.checklist.SHORT_CAP_BASE`). Required parts weigh most; Repeat and
Link are coached as improvements (plain STAR is a valid answer), so they weigh little. Every
lost point becomes a tip carrying its evidence, and tips are ordered by the points they would
win back, so the three with the most impact come first.
"""

from __future__ import annotations

from dataclasses import dataclass

# Weights of the checklist items, per kind of answer.
STORY_WEIGHTS = {
    "situation": 8, "task": 8, "action": 12, "result": 12,  # required R-STAR-L core
    "repeat": 3, "link": 5,  # improvements, not requirements
    "quantified_result": 10, "vague_outcome": 4, "i_vs_we": 6, "tradeoff": 4,
    "quality_ethics": 4, "deadline_criteria": 4, "lesson": 5, "answers_question": 8,
    "length": 14, "shape": 5,  # a 30 s story is thin however well it is shaped
    "pace": 4, "fillers": 4, "long_pauses": 3,
}
BACKGROUND_WEIGHTS = {
    "now": 12, "then": 10, "why": 12, "bridge": 12,
    "link": 4, "quantified_result": 6, "vague_outcome": 3, "i_vs_we": 3,
    "length": 14, "shape": 4, "pace": 4, "fillers": 4, "long_pauses": 3,
}


@dataclass(frozen=True)
class Item:
    """One checklist item: how much of it was earned, the tip if not, and its evidence."""

    key: str
    earned: float
    tip: str = ""
    evidence: tuple[str, ...] = ()
    # The most of the whole score this item allows: a story a third as long as it should be
    # cannot score 85 however well its few sentences are shaped.
    cap: float = 1.0


@dataclass(frozen=True)
class Tip:
    key: str
    text: str
    evidence: tuple[str, ...]
    impact: float

    def to_dict(self) -> dict:
        return {"key": self.key, "tip": self.text, "evidence": list(self.evidence),
                "impact": round(self.impact, 1)}


def weights_for(kind: str) -> dict[str, int]:
    return BACKGROUND_WEIGHTS if kind == "background" else STORY_WEIGHTS


def score(kind: str, items: list[Item]) -> int:
    """Share of the applicable weight earned, 0-100 (items not in the table do not count)."""
    weights = weights_for(kind)
    counted = [i for i in items if i.key in weights]
    possible = sum(weights[i.key] for i in counted)
    if not possible:
        return 0
    earned = sum(weights[i.key] * max(0.0, min(1.0, i.earned)) for i in counted)
    cap = min((i.cap for i in counted), default=1.0)
    return round(100 * min(earned / possible, cap))


def tips(kind: str, items: list[Item]) -> list[Tip]:
    """Tips for the points lost, the ones that would win back most first."""
    weights = weights_for(kind)
    found = [
        Tip(i.key, i.tip, i.evidence, weights.get(i.key, 1) * (1 - i.earned))
        for i in items if i.tip and i.earned < 1
    ]
    return sorted(found, key=lambda t: -t.impact)


# What to ask next, by what the answer left out, in order of priority.
FOLLOW_UPS = (
    ("quantified_result", "How did you measure the impact, and what were the numbers?"),
    ("lesson", "What would you change if you faced the same situation again?"),
    ("i_vs_we", "What was your specific contribution, as opposed to the team's?"),
    ("result", "How did it turn out in the end?"),
    ("action", "What exactly did you do, step by step?"),
    ("task", "What exactly were you responsible for, and what would success have looked like?"),
    ("quality_ethics", "How did you validate the model before and after it shipped?"),
    ("tradeoff", "Why that approach? What alternatives did you consider?"),
    ("deadline_criteria", "What was the deadline, and how did you define success?"),
    ("answers_question", "Can you give an example that fits the question more closely?"),
    ("why", "Why this role, and why now?"),
    ("bridge", "What would you contribute in your first months here?"),
    ("link", "What does this story say about how you would work here?"),
)
DEFAULT_FOLLOW_UP = "What would you do differently next time?"


def follow_up(items: list[Item], question_follow_ups: tuple[str, ...]) -> str:
    """A question aimed at what the answer left out, else the question's own follow-up."""
    missed = {i.key for i in items if i.earned < 1}
    for key, text in FOLLOW_UPS:
        if key in missed:
            return text
    return question_follow_ups[0] if question_follow_ups else DEFAULT_FOLLOW_UP
