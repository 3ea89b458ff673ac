"""What a question is testing (its competencies) and whether a story shows it.

Bank questions carry their competencies; a free-text question gets them inferred from its
words. A story "answers" a competency when its own words carry that competency's signal:
a failure question wants a failure, not a success told with pride.
"""

from __future__ import annotations

from question_bank.model import Question
from scoring.text import phrases, spoken_tokens, stem, tokens

# Competency -> words that signal it, in a question or in a story (matched by stem).
SIGNALS: dict[str, tuple[str, ...]] = {
    "failure": ("fail", "failed", "failure", "mistake", "wrong", "setback", "regret", "missed",
                "lost", "broke", "broken", "error", "mess", "worst", "underestimated",
                "overlooked", "blame", "fault", "oversight", "incident", "embarrassing",
                "didn't work", "went wrong", "should have", "rolled back", "my fault",
                "backfired", "flawed", "misleading", "wasted"),
    "deadline": ("deadline", "deadlines", "tight", "pressure", "urgent", "quickly", "days",
                 "weeks", "due", "launch", "date", "hours", "friday", "sprint", "demo", "before",
                 "until", "fast", "clock", "crunch", "rush", "rushed", "freeze", "asap"),
    "conflict": ("conflict", "disagree", "disagreed", "disagreement", "pushback", "pushed",
                 "argue", "argued", "tension", "difficult", "convince", "convinced", "opposed",
                 "objection", "compromise", "stakeholder", "agreed", "reluctantly",
                 "make that case", "didn't think", "concern", "concerns", "persuade", "against",
                 "worried", "push back"),
    "leadership": ("lead", "led", "leader", "mentor", "mentored", "influence", "influenced",
                   "organized", "coordinated", "drove", "initiative"),
    "teamwork": ("team", "collaborate", "collaborated", "together", "partner", "cross",
                 "helped", "colleague", "colleagues"),
    "ambiguity": ("ambiguous", "ambiguity", "unclear", "uncertain", "unknown", "unknowns",
                  "vague", "undefined", "nobody", "clear", "sure", "picture", "guess",
                  "assumption", "assumptions", "hypothesis", "reversible", "incomplete",
                  "figure", "define", "defined", "meant", "spec", "open-ended", "without",
                  "scope", "direction", "options"),
    "ownership": ("own", "owned", "ownership", "responsible", "initiative", "stepped"),
    "learning": ("learn", "learned", "new", "skill", "taught", "study", "studied", "curious"),
    "customer": ("customer", "customers", "user", "users", "client", "clients"),
    "influence": ("persuade", "persuaded", "convince", "convinced", "influence", "buy"),
    "prioritization": ("prioritize", "prioritized", "priority", "priorities", "tradeoff",
                       "trade", "focus"),
    "success": ("proud", "success", "successful", "achievement", "accomplishment", "best"),
    "data": ("data", "analysis", "metric", "metrics", "experiment", "model", "insight"),
}
# Words in a question that name each competency (narrower than the story signals).
_QUESTION_WORDS: dict[str, tuple[str, ...]] = {
    "failure": ("fail", "failed", "failure", "mistake", "wrong", "setback", "regret"),
    "deadline": ("deadline", "deadlines", "tight", "pressure", "urgent", "quickly"),
    "conflict": ("conflict", "disagree", "disagreed", "disagreement", "pushback", "difficult"),
    "leadership": ("lead", "led", "leadership", "mentor", "influence"),
    "teamwork": ("team", "teamwork", "collaborate", "collaborated", "cross-functional"),
    "ambiguity": ("ambiguous", "ambiguity", "unclear", "uncertain"),
    "ownership": ("ownership", "owned", "initiative", "beyond"),
    "learning": ("learn", "learned", "new", "skill"),
    "customer": ("customer", "customers", "user", "users", "client"),
    "influence": ("persuade", "convince", "influence"),
    "prioritization": ("prioritize", "priorities", "trade-off", "tradeoff"),
    "success": ("proud", "success", "successful", "achievement", "accomplishment"),
    "data": ("data", "analysis", "metric", "experiment"),
}
# Competencies whose absence from a story means it did not answer the question.
CHECKED = ("failure", "conflict", "deadline", "ambiguity")
# How many signal words a story needs to count as showing a competency.
MIN_SIGNALS = 2


def competencies(question: Question) -> tuple[str, ...]:
    """The question's competencies, inferred from its words when it carries none."""
    if question.competencies:
        return tuple(question.competencies)
    stems = {stem(t) for t in tokens(question.text)}
    return tuple(c for c, words in _QUESTION_WORDS.items() if stems & {stem(w) for w in words})


def signal_words(text: str, competency: str) -> list[str]:
    """Words and phrases of the text that signal the competency, in order, each once.

    Single words match by stem; phrases ("went wrong", "should have") word for word, because
    their words alone ("should", "went") signal nothing."""
    signals = SIGNALS.get(competency, ())
    single = {stem(w) for w in signals if " " not in w}
    multi = phrases(*(w for w in signals if " " in w))
    toks = spoken_tokens(text)
    seen: list[str] = []
    i = 0
    while i < len(toks):
        phrase = next((p for p in multi.items if tuple(toks[i : i + len(p)]) == p), None)
        found = " ".join(phrase) if phrase else toks[i] if stem(toks[i]) in single else None
        if found and found not in seen:
            seen.append(found)
        i += len(phrase) if phrase else 1
    return seen


def unanswered(text: str, question: Question) -> list[str]:
    """The checked competencies of the question that the story shows no sign of."""
    return [
        c for c in competencies(question)
        if c in CHECKED and len(signal_words(text, c)) < MIN_SIGNALS
    ]
