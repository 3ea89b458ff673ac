"""A mock interview's sequence: one background question, then stories that probe widely.

A real interviewer opens with "walk me through your background", then asks for stories
that test different competencies, and leans on what the company cares about. The plan does
the same, and leans on the company's values that the user's story vault does not cover yet
(red in the values grid first, then amber), because that is where rehearsal helps most.

A value is tied to question competencies through its own words (name, description and
keywords) against the competency signal words the story checks use (`scoring.competency`):
"Customer Obsession ... earn and keep their trust" carries "customer", so it is probed by
a `customer_impact` question. Deterministic for a seed, so a resumed interview, a test and
a screenshot see the same questions. No Qt, no database: the window stores the plan.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass

from question_bank.model import Bank, Company, Question, Value
from scoring.competency import SIGNALS
from scoring.stories import SIGNAL_NAMES, Story, human, values_grid
from scoring.text import stem, tokens

# Fit of a story question for the next slot: probing the targeted value weighs most, each
# competency the interview has not asked about yet adds, each one asked again subtracts.
VALUE_WEIGHT = 3
NEW_COMPETENCY_WEIGHT = 1
REPEAT_PENALTY = 2
# Not a competency a story shows: background questions carry these.
NOT_STORY = frozenset({"background", "motivation"})


@dataclass(frozen=True)
class PlannedQuestion:
    """One question of the plan, the value it probes (if any) and why it was chosen."""

    question_id: str
    kind: str
    competencies: tuple[str, ...] = ()
    value: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class InterviewPlan:
    """The questions in the order they are asked, for one company (or none)."""

    company: str | None
    items: tuple[PlannedQuestion, ...]

    def to_json(self) -> str:
        return json.dumps({"company": self.company, "items": [asdict(i) for i in self.items]})

    @classmethod
    def from_json(cls, text: str) -> InterviewPlan:
        data = json.loads(text)
        items = tuple(PlannedQuestion(i["question_id"], i["kind"], tuple(i["competencies"]),
                                      i.get("value"), i.get("reason", ""))
                      for i in data["items"])
        return cls(data.get("company"), items)

    @property
    def values(self) -> tuple[str, ...]:
        """The company values the plan probes, in order, each once."""
        return tuple(dict.fromkeys(i.value for i in self.items if i.value))


def value_competencies(value: Value, names: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The competency names (from `names`, the bank's) whose signal words, or own name,
    appear in the value's name, description or keywords; most hits first."""
    text = " ".join((value.name, value.description, *value.keywords))
    words = {stem(t) for t in tokens(text)}
    hits: dict[str, int] = {}
    for name in sorted(names - NOT_STORY):
        signals = SIGNALS.get(SIGNAL_NAMES.get(name, name), ())
        own = {stem(w) for w in name.split("_")}
        count = len(({stem(w) for w in signals if " " not in w} | own) & words)
        if count:
            hits[name] = count
    return tuple(sorted(hits, key=lambda n: -hits[n]))


def build_plan(bank: Bank, company: Company | None, stories: list[Story] | tuple[Story, ...],
               length: int, seed: int = 0) -> InterviewPlan:
    """Background + `length` story questions (fewer if the bank has fewer), each story
    question covering competencies not asked yet, aimed at the company's values with the
    fewest vault stories first."""
    rng = random.Random(seed)
    items: list[PlannedQuestion] = []
    backgrounds = [q for q in bank.questions if q.kind == "background"]
    # "Walk me through your background" opens; "why us" only when the bank has no such.
    backgrounds = [q for q in backgrounds if "background" in q.competencies] or backgrounds
    if backgrounds:
        q = rng.choice(backgrounds)
        items.append(PlannedQuestion(q.id, q.kind, tuple(q.competencies),
                                     reason="Interviews open with your background."))
    pool = [q for q in bank.questions if q.kind == "story"]
    rng.shuffle(pool)  # ties go to a seeded draw, not to the bank's file order
    targets = _targets(bank, company, stories)
    covered: set[str] = set()
    for _ in range(min(length, len(pool))):
        items.append(_next_story(pool, targets, covered))
    return InterviewPlan(company.name if company else None, tuple(items))


@dataclass
class _Target:
    value: str
    competencies: tuple[str, ...]
    stories: int


def _targets(bank: Bank, company: Company | None,
             stories: list[Story] | tuple[Story, ...]) -> list[_Target]:
    """The company's values a question can probe, fewest vault stories first (stable, so
    the company's own order breaks ties)."""
    if company is None:
        return []
    names = {c for q in bank.questions if q.kind == "story" for c in q.competencies}
    by_name = {v.name: v for v in company.values}
    found = [_Target(cell.value, value_competencies(by_name[cell.value], names),
                     len(cell.stories)) for cell in values_grid(company, stories)]
    return sorted((t for t in found if t.competencies), key=lambda t: t.stories)


def _next_story(pool: list[Question], targets: list[_Target],
                covered: set[str]) -> PlannedQuestion:
    """Take the best question for the first target any question still probes."""
    target = next((t for t in targets
                   if any(set(t.competencies) & set(q.competencies) for q in pool)), None)

    def fit(q: Question) -> int:
        comps = set(q.competencies) - NOT_STORY
        aimed = target is not None and bool(comps & set(target.competencies))
        return (VALUE_WEIGHT * aimed + NEW_COMPETENCY_WEIGHT * len(comps - covered)
                - REPEAT_PENALTY * len(comps & covered))

    best = max(pool, key=fit)  # max keeps the first of equals: the seeded order decides
    pool.remove(best)
    aimed = target is not None and bool(set(best.competencies) & set(target.competencies))
    if aimed and target is not None:
        targets.remove(target)
    new = [human(c) for c in best.competencies if c not in covered and c not in NOT_STORY]
    covered.update(best.competencies)
    return PlannedQuestion(best.id, best.kind, tuple(best.competencies),
                           target.value if aimed and target else None,
                           _reason(target if aimed else None, new))


def _reason(target: _Target | None, new: list[str]) -> str:
    parts = []
    if target is not None:
        vault = ("no story in your vault yet" if target.stories == 0 else
                 "one story in your vault" if target.stories == 1 else
                 f"{target.stories} stories in your vault")
        parts.append(f"Probes “{target.value}” ({vault}).")
    if new:
        parts.append(f"Asks about {', '.join(new)} for the first time.")
    return " ".join(parts) or "Another story question."
