"""The story vault: the few substantial stories a candidate knows inside out, and what they fit.

A story is company-independent notes per STAR part plus the competencies and values it shows.
From those, pure functions answer the method's preparation questions: which story fits this
question and why, which story an answer told, which of a company's values the notes show
(through the link-back check's own matcher, so the two never disagree), and which values
still lack a story. No Qt, no database: the window stores stories and shows these results.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from question_bank.model import Company, Question
from scoring import competency
from scoring.text import STOPWORDS, stem, tokens, wordset
from scoring.values import link_values

StoryType = Literal["success", "failure", "teamwork_leadership", "other"]
STORY_TYPES: tuple[StoryType, ...] = ("success", "failure", "teamwork_leadership", "other")
TYPE_LABELS: dict[str, str] = {
    "success": "Success", "failure": "Failure",
    "teamwork_leadership": "Teamwork / leadership", "other": "Other",
}
PARTS = ("situation", "task", "action", "result")

# Which story type a question wants, from its competencies: first match wins, because a
# question about a failed deadline wants the failure, not the teamwork around it.
WANTED_TYPE: tuple[tuple[StoryType, frozenset[str]], ...] = (
    ("failure", frozenset({"failure"})),
    ("teamwork_leadership", frozenset({"teamwork", "leadership", "conflict", "influence"})),
    # Not "ownership": an incident or a risk is owned too, and is no success story.
    ("success", frozenset({"success", "customer_impact"})),
)
# Question words that ask for a success whatever the tags ("the work you are proudest of").
SUCCESS_WORDS = frozenset(stem(w) for w in ("proud", "proudest", "achievement", "success",
                                            "successful", "impact", "accomplishment"))
QUESTION_TYPE_WORDS = {"failure": "a failure question",
                       "teamwork_leadership": "a teamwork or leadership question",
                       "success": "a success question"}
# Bank competencies whose signal words competency.SIGNALS keeps under a shorter name.
SIGNAL_NAMES = {"customer_impact": "customer", "data_quality": "data"}
# Weights of the fit: the right type of story counts as much as two competencies shown.
TYPE_WEIGHT = 2.0
TAGGED_WEIGHT = 1.0
NOTES_WEIGHT = 0.5

# Detection: an answer must share this much weighted vocabulary with a story to count as it.
# Answers retelling a vault story score about 0.45-0.6 against it (a 245-word telling with
# its own repeat and link: 0.45); another failure told with the same ML words ("model",
# "rolled back", "pipeline") about 0.23; generic ML talk about 0.1.
MIN_SIMILARITY = 0.3
# Below this lead over the runner-up the match is shown as a guess the user should check.
MIN_MARGIN = 0.05
# Spoken filler that says nothing about which story is told.
FILLERS = wordset("um uh like yeah okay ok basically actually kind sort know think mean "
                  "really right well guess")


@dataclass(frozen=True)
class Story:
    """One vault story: notes per STAR part (the result's with its figures), and what it shows.

    `values` are value names, tagged against whichever company the user prepares for; the
    story itself belongs to no company, since one story serves many interviews."""

    id: int | None
    title: str
    type: StoryType = "other"
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    competencies: tuple[str, ...] = ()
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in STORY_TYPES:
            raise ValueError(f"story type must be one of {', '.join(STORY_TYPES)}")

    def notes(self) -> str:
        """The four parts' notes as one text."""
        return "\n".join(getattr(self, part) for part in PARTS)

    def text(self) -> str:
        """Title and notes: everything the story says in words."""
        return f"{self.title}\n{self.notes()}"


@dataclass(frozen=True)
class StoryFit:
    """How well one story answers a question, 0..1, and why in words shown to the user."""

    story: Story
    score: float
    reason: str


@dataclass(frozen=True)
class StoryMatch:
    """The story an answer told, how similar they are (cosine 0..1), and the runner-up's
    margin: a small margin means the guess is close and the user should check it."""

    story: Story
    similarity: float
    runner_up: Story | None
    margin: float

    @property
    def confident(self) -> bool:
        return self.margin >= MIN_MARGIN


Status = Literal["red", "amber", "green"]
STATUS_LABELS: dict[str, str] = {"red": "No story", "amber": "One story",
                                 "green": "Two or more"}


@dataclass(frozen=True)
class ValueCell:
    """One row of the values grid: a value, the stories tagged with it, and its status."""

    value: str
    stories: tuple[Story, ...]
    status: Status

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def human(name: str) -> str:
    """A competency name in plain words: "customer_impact" -> "customer impact"."""
    return name.replace("_", " ")


# --- which story for this question ------------------------------------------------------

def wanted_type(question: Question) -> StoryType | None:
    """The story type a question asks for, or None when any type will do."""
    if question.kind == "background":
        return None
    wanted = set(competency.competencies(question))
    for story_type, names in WANTED_TYPE:
        if wanted & names:
            return story_type
    if {stem(t) for t in tokens(question.text)} & SUCCESS_WORDS:
        return "success"
    return None


def rank_stories(question: Question, stories: list[Story] | tuple[Story, ...]
                 ) -> list[StoryFit]:
    """The stories ranked by fit to the question, best first (ties by title)."""
    fits = [_fit(question, story) for story in stories]
    return sorted(fits, key=lambda f: (-f.score, f.story.title.casefold()))


def _fit(question: Question, story: Story) -> StoryFit:
    """Score a story on type and competencies, and say so."""
    wanted = competency.competencies(question)
    want_type = wanted_type(question)
    tagged = [c for c in wanted if c in story.competencies]
    in_notes = [c for c in wanted if c not in tagged and _notes_show(story, c)]
    possible = (TYPE_WEIGHT if want_type else 0.0) + TAGGED_WEIGHT * len(wanted)
    earned = TAGGED_WEIGHT * len(tagged) + NOTES_WEIGHT * len(in_notes)
    if want_type and story.type == want_type:
        earned += TYPE_WEIGHT
    score = earned / possible if possible else 0.0
    return StoryFit(story, round(score, 3), _reason(story, want_type, wanted, tagged, in_notes))


def _notes_show(story: Story, name: str) -> bool:
    """Whether the notes carry the competency's signal words, as the content check counts."""
    words = competency.signal_words(story.text(), SIGNAL_NAMES.get(name, name))
    return len(words) >= competency.MIN_SIGNALS


def _reason(story: Story, want_type: StoryType | None, wanted: tuple[str, ...],
            tagged: list[str], in_notes: list[str]) -> str:
    """Plain words: "failure story for a failure question; shows ownership, learning"."""
    kind = f"{TYPE_LABELS[story.type].lower()} story"
    if want_type is None:
        first = kind.capitalize()
    elif story.type == want_type:
        first = f"{kind.capitalize()} for {QUESTION_TYPE_WORDS[want_type]}"
    else:
        first = f"{kind.capitalize()}, but this is {QUESTION_TYPE_WORDS[want_type]}"
    parts = [first]
    if tagged:
        parts.append("shows " + ", ".join(human(c) for c in tagged))
    if in_notes:
        parts.append("notes suggest " + ", ".join(human(c) for c in in_notes))
    if wanted and not tagged and not in_notes:
        parts.append("shows none of " + ", ".join(human(c) for c in wanted))
    return "; ".join(parts)


# --- which story an answer told ---------------------------------------------------------

def detect_story(transcript_text: str, stories: list[Story] | tuple[Story, ...]
                 ) -> StoryMatch | None:
    """The vault story the answer told, by TF-IDF cosine over stems, or None if none is close.

    Document frequencies come from the vault itself, so words every story shares ("model",
    "team") weigh less than the words that tell one story from another."""
    docs = [_stems(story.text()) for story in stories]
    if not docs:
        return None
    idf = _idf(docs)
    answer = _vector(_stems(transcript_text), idf, len(docs))
    scored = sorted(((_cosine(answer, _vector(d, idf, len(docs))), i) for i, d in
                     enumerate(docs)), key=lambda p: (-p[0], p[1]))
    best, index = scored[0]
    if best < MIN_SIMILARITY:
        return None
    runner = scored[1] if len(scored) > 1 else None
    return StoryMatch(stories[index], round(best, 3),
                      stories[runner[1]] if runner else None,
                      round(best - (runner[0] if runner else 0.0), 3))


def _stems(text: str) -> Counter[str]:
    """Content stems and their counts, stopwords and spoken filler dropped."""
    return Counter(stem(t) for t in tokens(text)
                   if t not in STOPWORDS and t not in FILLERS and len(t) > 1)


def _idf(docs: list[Counter[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency over the vault."""
    n = len(docs)
    df = Counter(s for d in docs for s in d)
    return {s: math.log((1 + n) / (1 + k)) + 1 for s, k in df.items()}


def _vector(counts: Counter[str], idf: dict[str, float], n: int) -> dict[str, float]:
    """Log-scaled term frequency times idf; a word in no story weighs as the rarest would,
    so an answer full of other things stays far from every story."""
    unseen = math.log(1 + n) + 1
    return {s: (1 + math.log(c)) * idf.get(s, unseen) for s, c in counts.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b[s] for s, w in a.items() if s in b)
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


# --- values ------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def suggest_values(story: Story, company: Company | None) -> list[str]:
    """The company's values the story's notes show, in the company's order.

    The action and result notes are what the candidate did and what came of it; they are
    read as a link part would be (the candidate saying what the story shows), with the
    link-back check's own matcher. The situation and task only set the scene, as in an
    answer, so a "pricing team" there suggests no team value."""
    if company is None:
        return []
    sentences = [s for part in (story.action, story.result)
                 for s in _SENTENCE_END.split(part) if s.strip()]
    return _matched_values(sentences, company)


def _matched_values(sentences: list[str], company: Company) -> list[str]:
    """The one call into the link-back matcher, kept here so a change to its API is one edit."""
    links = link_values(sentences, ["link"] * len(sentences), company)
    return [link.value for link in links]


def values_grid(company: Company, stories: list[Story] | tuple[Story, ...]) -> list[ValueCell]:
    """Each of the company's values with the stories tagged with it: red with none, amber
    with one, green with two or more (the method asks for at least one, ideally two)."""
    cells = []
    for value in company.values:
        key = value.name.casefold()
        tagged = tuple(s for s in stories if key in {v.casefold() for v in s.values})
        status: Status = "red" if not tagged else "amber" if len(tagged) == 1 else "green"
        cells.append(ValueCell(value.name, tagged, status))
    return cells


# --- export ------------------------------------------------------------------------------

def story_markdown(stories: list[Story] | tuple[Story, ...]) -> str:
    """The vault as Markdown: one section per story, its parts, competencies and values."""
    lines = ["# Story vault", ""]
    if not stories:
        lines.append("No stories yet.")
    for story in stories:
        lines += [f"## {story.title}", "", f"*{TYPE_LABELS[story.type]}*", ""]
        for part in PARTS:
            note = getattr(story, part).strip()
            if note:
                lines += [f"**{part.capitalize()}.** " + " ".join(note.split()), ""]
        if story.competencies:
            lines += ["Competencies: " + ", ".join(human(c) for c in story.competencies), ""]
        if story.values:
            lines += ["Values: " + ", ".join(story.values), ""]
    return "\n".join(lines).rstrip() + "\n"
