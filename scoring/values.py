"""Link back: which of the company's values an answer ties to, and where.

No model and no network: a value matches a sentence by its own vocabulary (keywords and name,
compared by stem so "owned" meets "ownership"), by a small table of synonyms, or by meaning
approximated as overlap with the words of the value's description.
"""

from __future__ import annotations

from dataclasses import dataclass

from question_bank.model import Company, Value
from scoring.text import STOPWORDS, content_stems, stem, tokens, wordset

# Families of words that name the same working habit; a match on one counts for all.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(w) for w in group.split())
    for group in (
        "own owner ownership accountable accountability responsible responsibility",
        "customer customers user users client clients consumer consumers merchant merchants",
        "fast quick quickly speed urgency urgent iterate iteration ship",
        "learn learning learned curious curiosity student students grow growth",
        "team teams teamwork collaborate collaboration together partner partners one",
        "data metric metrics measure measured evidence experiment experiments",
        "simple simplicity simplify",
        "quality excellence standard standards bar rigor",
        "invent invention innovate innovation create creative build builder maker makers",
        "trust honest honesty transparent transparency candid candor integrity",
        "lead leader leaders leadership",
        "impact results outcome outcomes deliver delivered",
        "frugal frugality cost costs efficient efficiency",
        "diverse diversity inclusion inclusive respect",
    )
)
# Words of value names and descriptions too common in any answer to tie it to a value.
GENERIC_NAME_WORDS = frozenset(
    stem(w) for w in wordset(
        "company work think big make people open play bring broad success scale best great good "
        "thing things way day every always high have be do get like take see through keep help "
        "use want need new even still well much many know"
    )
)
# Description overlap of this many content stems counts as a tie "by meaning".
DESCRIPTION_MIN_OVERLAP = 2

# How a close ties the outcome to how the candidate works, when no company is chosen.
WORK_STYLE_CUES = frozenset(
    stem(w) for w in wordset(
        "always believe approach learned lesson taught now principle habit value values care "
        "try way since"
    )
)


@dataclass(frozen=True)
class ValueLink:
    """One value the answer ties to: the sentences where, and the words that tied it."""

    value: str
    sentences: tuple[int, ...]
    words: tuple[str, ...]


def link_values(sentences: list[str], company: Company | None) -> list[ValueLink]:
    """Values of the company the sentences tie to, in the company's order."""
    if company is None:
        return []
    stems = [content_stems(text) for text in sentences]
    found = []
    for value in company.values:
        matcher = _Matcher(value)
        where, words = [], set()
        for i, sentence_stems in enumerate(stems):
            matched = matcher.match(sentence_stems)
            if matched:
                where.append(i)
                words |= matched
        if where:
            found.append(ValueLink(value.name, tuple(where), tuple(sorted(words))))
    return found


def ties_to_work_style(text: str) -> bool:
    """Whether a closing sentence speaks about how the candidate works in general."""
    toks = tokens(text)
    has_self = any(t in ("i", "i'm", "i've", "my", "me") for t in toks)
    return has_self and bool({stem(t) for t in toks} & WORK_STYLE_CUES)


class _Matcher:
    """A value's vocabulary prepared once, then matched against each sentence's stems."""

    def __init__(self, value: Value) -> None:
        self.vocabulary = _vocabulary(value)
        multi = [k for k in value.keywords if len(tokens(k)) > 1]
        self.phrases = [(k, content_stems(k)) for k in multi if content_stems(k)]
        self.description = content_stems(value.description) - GENERIC_NAME_WORDS

    def match(self, stems: set[str]) -> set[str]:
        """The answer stems and keyword phrases that tie a sentence to the value."""
        direct = stems & self.vocabulary
        phrase_hits = {k for k, needed in self.phrases if needed <= stems}
        meaning = stems & self.description
        if len(meaning) < DESCRIPTION_MIN_OVERLAP:
            meaning = set()
        return direct | phrase_hits | meaning


def _vocabulary(value: Value) -> set[str]:
    """Stems of the value's single keywords and name words, widened by the synonym families
    they or the description's words belong to."""
    keywords = {stem(t) for k in value.keywords if len(tokens(k)) == 1 for t in tokens(k)}
    name = {stem(t) for t in tokens(value.name) if t not in STOPWORDS} - GENERIC_NAME_WORDS
    described = content_stems(value.description)
    base = keywords | name
    for group in SYNONYMS:
        if (base | described) & group:  # a description word that names a habit counts too
            base |= group
    return base
