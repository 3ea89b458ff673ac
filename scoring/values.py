"""Link back: which of the company's values an answer ties its outcome to, and where.

No model and no network: a value matches a sentence by its own vocabulary (keywords and name,
compared by stem so "owned" meets "ownership"), by a small table of synonyms, or by meaning
approximated as overlap with the words of the value's description.

A match is not yet a link. Work stories are full of words that also name values ("team",
"learn", "customer", "built"), so a value's word merely appearing somewhere (the setup's "I
was the only data scientist on the pricing team") says nothing about the candidate tying the
outcome to it. A value counts as linked only where the answer does the tying:

- `link`: in the link part, where the candidate speaks about values, any match counts;
- `close`: with no link part, in the closing sentences, a specific match (below) does;
- `tie_back`: anywhere after the setup, a match inside tie-back framing ("that's what",
  "that's how", "it taught me") does;
- `action`: in the action or result, a specific match in a sentence about what "I" did
  ("I took ownership of the rollout") shows the value rather than naming it.

Specific means a multi-word keyword phrase ("made the call", "shared credit") or a single
keyword or value-name word that is not everyday story vocabulary; synonyms and description
overlap are weaker evidence and count only in the link part or inside tie-back framing.
"""

from __future__ import annotations

from dataclasses import dataclass

from question_bank.model import Company, Value
from scoring.text import STOPWORDS, content_stems, phrases, spoken_tokens, stem, tokens, wordset

# Families of words that name the same working habit; a match on one counts for all.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(w) for w in group.split())
    for group in (
        "own owner ownership accountable accountability responsible responsibility",
        "customer customers user users client clients consumer consumers merchant merchants",
        "fast quick quickly speed urgency urgent iterate iteration ship",
        "learn learning learned curious curiosity student students grow growth",
        "team teams teamwork collaborate collaboration together partner partners one",
        "data metric metrics measure measured evidence",
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
# Everyday vocabulary of any data or engineering story: these words name values too, but an
# answer uses them to tell what happened, so alone they are no sign of a tie to a value.
GENERIC_STORY_WORDS = frozenset(
    stem(w) for w in wordset(
        "team teams together learn learned learning customer customers user users client "
        "clients build built ship shipped launch launched deliver delivered result results "
        "impact feedback data metric metrics cost costs quality change changed improve improved "
        "year years open care cared grow grew mistake experiment trust respect speed quick "
        "quickly fast direct directly listen listened commit committed love enjoy enjoyed fun "
        "budget develop developed mission future vision lead led leader work help partner "
        "energy bias detail details fair secure security privacy reliable environment "
        "equal creative long term sustainable safe balance heart one "
        "passion community responsible responsibility challenge challenged hire adoption"
    )
)
# A close, when there is no link part, is the answer's last sentences.
CLOSING_SENTENCES = 2
# Description overlap of this many content stems counts as a tie "by meaning".
DESCRIPTION_MIN_OVERLAP = 2
# Parts that set a story up: a value's word there describes the context, not the candidate.
SETUP_PARTS = frozenset({"repeat", "situation", "task"})
# Parts that tell what the candidate did and what came of it; a specific value word ties
# there only as something "I" did.
DOING_PARTS = frozenset({"action", "result"})
I_SUBJECTS = wordset("i i'm i've i'd")
# A value word this many words or fewer after "I" is about what the candidate did or was.
I_REACH = 3

# Tie-back frames: how a sentence turns from the story to what it says about the candidate.
TIE_BACK_FRAMES = phrases(
    "that's what", "that's how", "that's the", "that's kind of", "i think that's",
    "i think it's", "i think it", "for me that's", "it comes back to", "it connects to",
    "in line with", "fits the", "tie it to", "what it means", "that's why", "this is why",
    "which is why", "taught me", "it showed me", "it reminded me", "what you call",
    "you talk about", "you call", "your values", "means to me", "that's exactly",
    "this is exactly", "is exactly what", "the kind of",
)

# How a close ties the outcome to how the candidate works, when no company is chosen.
WORK_STYLE_CUES = frozenset(
    stem(w) for w in wordset(
        "always believe approach learned lesson taught now principle habit value values care "
        "try way since"
    )
)


@dataclass(frozen=True)
class ValueLink:
    """One value the answer ties to: the sentences where, how each one ties it (`link`,
    `close`, `tie_back` or `action`, see the module docstring), and the words that tied it."""

    value: str
    sentences: tuple[int, ...]
    words: tuple[str, ...]
    ways: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Match:
    """The words of one sentence that name a value, split by how much they say alone."""

    specific: frozenset[str]
    weak: frozenset[str]
    acted: bool


def link_values(sentences: list[str], labels: list[str], company: Company | None
                ) -> list[ValueLink]:
    """Values of the company the answer ties to, in the company's order.

    `labels` are the sentences' parts: where a word stands decides whether it ties."""
    if company is None:
        return []
    toks = [spoken_tokens(text) for text in sentences]  # "thats what" frames too
    stems = [content_stems(text) for text in sentences]
    framed = [bool(TIE_BACK_FRAMES.found(t)) for t in toks]
    found = []
    for value in company.values:
        matcher = _Matcher(value, company.name)
        where, ways, words = [], [], set()
        for i, label in enumerate(labels):
            match = matcher.match(toks[i], stems[i])
            way = _tie(i, label, labels, match, framed[i])
            if way:
                where.append(i)
                ways.append(way)
                words |= match.specific | match.weak
        if where:
            found.append(ValueLink(value.name, tuple(where), tuple(sorted(words)), tuple(ways)))
    return found


def _tie(i: int, label: str, labels: list[str], match: _Match, framed: bool) -> str:
    """How sentence i ties the value ("" if it does not): the rules of the module docstring."""
    if not (match.specific or match.weak) or label == "repeat":
        return ""
    if label == "link":
        return "link"
    if framed and label not in SETUP_PARTS:
        return "tie_back"
    if not match.specific:
        return ""
    closing = "link" not in labels and i >= len(labels) - CLOSING_SENTENCES
    if closing and label not in SETUP_PARTS:
        return "close"
    if label in DOING_PARTS and match.acted:
        return "action"
    return ""


def ties_to_work_style(text: str) -> bool:
    """Whether a closing sentence speaks about how the candidate works in general."""
    toks = spoken_tokens(text)
    has_self = any(t in ("i", "i'm", "i've", "my", "me") for t in toks)
    return has_self and bool({stem(t) for t in toks} & WORK_STYLE_CUES)


class _Matcher:
    """A value's vocabulary prepared once, then matched against each sentence."""

    def __init__(self, value: Value, company_name: str) -> None:
        # "Microsoft" in a close names the company, not its value "One Microsoft".
        own = _own_words(value) - {stem(t) for t in tokens(company_name)}
        self.specific = own - GENERIC_STORY_WORDS
        # A value with no keywords has only its description to speak for it.
        habits = own if value.keywords else own | content_stems(value.description)
        self.weak = _widened(habits) - self.specific
        multi = [k for k in value.keywords if len(tokens(k)) > 1]
        self.phrases = {k: tuple(stem(t) for t in tokens(k)) for k in multi}
        # Description words that name another habit ("ahead of your own") do not count.
        foreign = set().union(*(g for g in SYNONYMS if not g & habits))
        self.description = content_stems(value.description) - GENERIC_NAME_WORDS - foreign

    def match(self, toks: list[str], stems: set[str]) -> _Match:
        """The keyword phrases and stems of one sentence that name the value; `acted` tells
        whether a specific one is something "I" did ("I owned", "I was curious")."""
        said = [stem(t) for t in toks]
        starts = {k: _starts(said, seq) for k, seq in self.phrases.items()}
        phrase_hits = {k for k, at in starts.items() if at}
        meaning = stems & self.description
        if len(meaning) < DESCRIPTION_MIN_OVERLAP:
            meaning = set()
        at = [k for k in range(len(said)) if said[k] in self.specific]
        at += [k for found in starts.values() for k in found]
        acted = any(_after_i(toks, k) for k in at)
        return _Match(frozenset(phrase_hits | (stems & self.specific)),
                      frozenset((stems & self.weak) | meaning), acted)


def _own_words(value: Value) -> set[str]:
    """Stems of the value's single keywords and of the distinctive words of its name."""
    keywords = {stem(t) for k in value.keywords if len(tokens(k)) == 1 for t in tokens(k)}
    name = {stem(t) for t in tokens(value.name) if t not in STOPWORDS} - GENERIC_NAME_WORDS
    return keywords | name


def _widened(words: set[str]) -> set[str]:
    """The words plus the synonym families they belong to. Description words widen a value
    only when it has no keywords: "ahead of your own" in a team value's description would
    otherwise drag in the ownership family."""
    widened = set(words)
    for group in SYNONYMS:
        if words & group:
            widened |= group
    return widened


def _after_i(toks: list[str], k: int) -> bool:
    """Whether word k follows "I" closely enough to be what the candidate did or was ("I
    owned", "I was curious", "I really iterated"), not a thing the story is about ("I
    interviewed five hosts")."""
    return any(toks[j] in I_SUBJECTS for j in range(max(k - I_REACH, 0), k))


def _starts(said: list[str], seq: tuple[str, ...]) -> list[int]:
    """Where the stemmed phrase occurs as consecutive words ("one team", not any "team")."""
    n = len(seq)
    return [i for i in range(len(said) - n + 1) if tuple(said[i:i + n]) == seq]
