"""Whether a sentence states the candidate's task: an obligation, an assignment, ownership, a
goal or a deadline.

Why families of meaning rather than a list of task phrases: a task is said in endlessly many
ways ("the ask was...", "it was on me to...", "I had until Friday", "what mattered to me
was...", "I took it on to..."), and phrase lists written from one batch of answers missed
a quarter of the tasks of the next batch. What every phrasing shares is one of a few jobs:
something had to be done, someone gave it to the candidate, it was theirs, it had an aim, or
it had a clock. Each family below is one job, written broadly; a sentence's evidence is how
many of the families it shows. The families say nothing about where a sentence stands: the
part decode (`scoring.features`, `scoring.parts`) weighs this evidence with the sentence's
place and words.
"""

from __future__ import annotations

from itertools import pairwise

from scoring.text import PhraseSet, phrases, spoken_tokens, wordset

FAMILIES: dict[str, PhraseSet] = {
    # Something had to be done, or could not be done otherwise (the constraint).
    "obligation": phrases(
        "had to", "have to", "has to", "needed to", "need to", "needed a", "i needed",
        "we needed", "was supposed to", "were supposed to", "must", "couldn't", "could not",
        "can't", "cannot", "without breaking", "without losing", "without access", "no extra",
        "had no choice", "it was on me", "made sure", "make sure",
    ),
    # Someone gave it to the candidate, or the candidate took it on.
    "assignment": phrases(
        "asked me", "asked us", "was asked", "were asked", "been asked", "was given",
        "were given", "the ask", "wanted me to", "told me to", "said to me", "tasked",
        "assigned me", "volunteered", "took it on", "took on", "set out to", "set myself",
        "gave myself", "my manager asked", "i offered to", "i decided to take", "take it on",
        "to just take it", "picked it up",
    ),
    # It was the candidate's to carry.
    "ownership": phrases(
        "my job", "my task", "my role", "my part", "my piece", "my responsibility",
        "responsible for", "in charge", "on call", "on me", "up to me", "fell to me", "it was my",
        "it was me", "i owned", "i own", "i was the one", "i was leading", "my name on",
        "my call", "end to end", "mine to", "was mine", "owning", "nobody owned",
        "no one owned", "on my plate",
    ),
    # It had an aim, or a measure of success.
    "goal": phrases(
        "the goal", "my goal", "our goal", "the aim", "objective", "target", "success",
        "the bar", "criteria", "what mattered", "mattered to me", "what i cared",
        "i wanted to", "we wanted", "i wanted", "the point was", "worth it", "the question was",
        "so that", "in order to", "was to", "were to", "is to", "i hoped to", "i meant to",
        "i aimed", "my question was", "how do i", "how can i", "how could i", "how would i",
        "how do we", "the deal was",
    ),
    # It had a clock.
    "deadline": phrases(
        "until", "deadline", "notice", "due", "before the", "by the end", "within",
        "a day or two", "freeze", "weeks out", "days out", "in time for", "by friday",
        "by thursday", "by wednesday", "by tuesday", "by monday", "by saturday", "by sunday",
        "by tomorrow", "by morning", "over the weekend", "by end of",
        "end of the day", "end of day", "end of the week", "end of the quarter",
    ),
}
# "I had three weeks to...", "four hours to...": a time budget followed by what it was for.
TIME_UNITS = wordset("minutes hours day days week weeks month months quarter sprint")
# How far after "I had" a time unit still names the budget ("I had one slide and five minutes").
BUDGET_REACH = 6
# Who may carry a task: the candidate, their team, or the task itself ("the ask", "the goal").
ANCHORS = wordset("i i'm i'd i've me my mine myself we we'd our us")


def task_families(text: str) -> set[str]:
    """The families of task evidence a sentence shows."""
    toks = spoken_tokens(text)
    found = {name for name, family in FAMILIES.items() if family.found(toks)}
    if any(t in TIME_UNITS and (toks[k + 1:k + 2] == ["to"] or _budgeted(toks, k))
           for k, t in enumerate(toks)):
        found.add("deadline")
    return found


def states_task(text: str, found: set[str] | None = None) -> bool:
    """Whether the sentence states a task that is the candidate's (or their team's): one
    family of evidence, said by "I"/"we" or about the task itself ("the goal was...").
    `found` is the sentence's `task_families`, when the caller has them already."""
    found = task_families(text) if found is None else found
    if not found:
        return False
    anchored = bool(ANCHORS.intersection(spoken_tokens(text)))
    return anchored or bool(found & {"goal", "assignment"})


def _budgeted(toks: list[str], k: int) -> bool:
    """"I had one slide and five minutes to...": a time unit shortly after "I had"/"we had"
    is a budget the candidate worked within."""
    before = toks[max(0, k - BUDGET_REACH):k]
    return any(a in ("i", "we") and b == "had" for a, b in pairwise(before))
