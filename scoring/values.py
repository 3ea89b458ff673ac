"""Link back: which of the company's values an answer ties its outcome to, and where.

No model and no network: a value matches a sentence by its own vocabulary (its name, its
keywords, compared by stem so "owned" meets "ownership"), by a small table of close synonyms,
or by meaning approximated as overlap with the words of the value's description.

A match is not yet a link. Work stories are full of words that also name values ("team",
"data", "customer", "built", "deliveries"), so a value's word merely appearing somewhere says
nothing about the candidate tying the outcome to it, not even in the closing sentences. A
coach would defend a link only on evidence, so a value counts as linked in a sentence after
the setup only when the sentence

- names the value itself (its name as a phrase: "that's invent and simplify to me");
- or shows it as the candidate's own conduct: a specific word or phrase of the value (a
  keyword that is not everyday story vocabulary, or a keyword phrase such as "took
  ownership") said about "I" ("I took ownership", "an ownership call I would make again");
- or ties it back explicitly: any word of the value, even an everyday one or a close
  synonym, inside tie-back framing ("that's what", "for me", "it taught me").

The way is recorded per sentence: `name`, `action` (conduct) or `tie_back`, with the part it
stood in (`link`, or `close` for the last sentences when there is no link part, keep their
old names so reports read the same). The words that made the link are kept and shown.

These rules are strict and blind to conduct told in other words: on the round-1 held-out
link set they scored precision 0.33, recall 0.02. When the analysis has sentence vectors and
the embedding callable, `scoring.value_meaning` decides instead (the rules' verdict is one of
its features): a link it makes on its own is recorded with the way `meaning` and shown with
the sentence's words nearest the value. Without vectors these rules are the fallback.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from question_bank.model import Company, Value
from scoring import value_meaning
from scoring.text import STOPWORDS, phrases, spoken_tokens, stem, tokens, wordset


def value_stem(word: str) -> str:
    """The stem value words are compared by: "deliveries" is a delivery, not "deliver"."""
    w = word.lower()
    if len(w) > 4 and w.endswith(("ies", "ied")):
        w = w[:-3] + "y"
    return stem(w)


# Families of words that name the same working habit; a match on one counts for all.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(value_stem(w) for w in group.split())
    for group in (
        "own owner ownership accountable accountability responsible responsibility",
        "customer customers user users client clients consumer consumers merchant merchants",
        "fast quick quickly speed urgency urgent iterate iteration",
        "learn learning learned curious curiosity student students grow growth",
        "team teams teamwork collaborate collaboration together",
        "simple simplicity simplify",
        "quality excellence standard standards bar rigor",
        "invent invention innovate innovation",
        "trust honest honesty transparent transparency candid candor integrity",
        "lead leader leaders leadership",
        "impact results",
        "frugal frugality cost costs efficient efficiency",
        "diverse diversity inclusion inclusive respect",
    )
)
# Words of value names and descriptions too common in any answer to tie it to a value.
GENERIC_NAME_WORDS = frozenset(
    value_stem(w) for w in wordset(
        "company work think big make people open play bring broad success scale best great good "
        "thing things way day every always high have be do get like take see through keep help "
        "use want need new even still well much many know"
    )
)
# Everyday vocabulary of any data or engineering story: these words name values too, but an
# answer uses them to tell what happened, so alone they are no sign of a tie to a value.
GENERIC_STORY_WORDS = frozenset(
    value_stem(w) for w in wordset(
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
    "this is exactly", "is exactly what", "the kind of", "for me", "to me", "i believe",
    "i care", "matters to me", "how i work", "how i try to", "i'd bring", "what i'd bring",
    "which is what", "which is the", "is what i", "is how i", "i think being",
)

# How a close ties the outcome to how the candidate works, when no company is chosen.
WORK_STYLE_CUES = frozenset(
    value_stem(w) for w in wordset(
        "always believe approach learned lesson taught now principle habit value values care "
        "try way since"
    )
)


@dataclass(frozen=True)
class ValueLink:
    """One value the answer ties to: the sentences where, how each one ties it (`link`,
    `close`, `tie_back`, `action` or `meaning`, see the module docstring), and the words
    that tied it."""

    value: str
    sentences: tuple[int, ...]
    words: tuple[str, ...]
    ways: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Match:
    """The words of one sentence that name a value, by how much they say alone: the value's
    name as a phrase, specific words, and weak ones (everyday words, synonyms)."""

    named: frozenset[str]
    specific: frozenset[str]
    weak: frozenset[str]
    acted: bool

    @property
    def words(self) -> frozenset[str]:
        return self.named | self.specific | self.weak


def link_values(sentences: list[str], labels: list[str], company: Company | None,
                vectors=None, embed=None) -> list[ValueLink]:
    """Values of the company the answer ties to, in the company's order.

    `labels` are the sentences' parts: where a word stands decides whether it ties. With the
    sentences' `vectors` and the `embed` callable that made them, and the fitted weights
    present, `scoring.value_meaning` decides each link (the word rules are one of its
    features); otherwise the word rules alone decide."""
    if company is None:
        return []
    toks = [spoken_tokens(text) for text in sentences]  # "thats what" frames too
    stems = [{value_stem(t) for t in ts if t not in STOPWORDS and len(t) > 1} for ts in toks]
    framed = [bool(TIE_BACK_FRAMES.found(t)) for t in toks]
    rules = []  # per value, per sentence: (way, words) by the word rules
    for value in company.values:
        matcher = _Matcher(value, company.name)
        row = []
        for i, label in enumerate(labels):
            match = matcher.match(toks[i], stems[i])
            row.append((_tie(match, label, framed[i]), match.words))
        rules.append(row)
    model = value_meaning.load_model() if embed is not None and vectors is not None else None
    if model is not None and company.values and len(sentences):
        return _by_meaning(sentences, labels, company, vectors, embed, model, rules)
    found = []
    for value, row in zip(company.values, rules, strict=True):
        where, ways, words = [], [], set()
        for i, (way, said) in enumerate(row):
            if way:
                where.append(i)
                ways.append(_where(i, labels[i], labels) if way == "action" else way)
                words |= said
        if where:
            found.append(ValueLink(value.name, tuple(where), tuple(sorted(words)), tuple(ways)))
    return found


def _by_meaning(sentences, labels, company, vectors, embed, model, rules) -> list[ValueLink]:
    """Links decided by the fitted classifier, outside the setup parts. A sentence the word
    rules also tie keeps their way and words; one tied by meaning alone is shown with the
    words that carry the value (`meaning`)."""
    vv = value_meaning.value_vectors(company, embed)
    vectors = np.asarray(vectors, float)
    hits: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        if label in SETUP_PARTS:
            continue
        flags = [bool(row[i][0]) for row in rules]
        chance = value_meaning.judge(vectors[i], vv, flags, sentences[i], model)
        for j, p in enumerate(chance):
            if p >= model.threshold:
                hits.setdefault(j, []).append(i)
    found = []
    for j, value in enumerate(company.values):
        if j not in hits:
            continue
        ways, words, near = [], set(), {}
        for i in hits[j]:
            way, said = rules[j][i]
            if way:
                ways.append(_where(i, labels[i], labels) if way == "action" else way)
                words |= said
            else:
                ways.append("meaning")
                near.update(value_meaning.evidence_words(sentences[i], vv.centroids[j], embed))
        shown = tuple(sorted(words | set(value_meaning.strongest(near))))
        found.append(ValueLink(value.name, tuple(hits[j]), shown, tuple(ways)))
    return found


def _tie(match: _Match, label: str, framed: bool) -> str:
    """How a sentence ties the value ("" if it does not): the rules of the module docstring."""
    if label in SETUP_PARTS or not match.words:
        return ""
    if match.named:
        return "link" if label == "link" else "tie_back"
    if framed:
        return "link" if label == "link" else "tie_back"
    if match.specific and match.acted:
        return "action"
    return ""


def _where(i: int, label: str, labels: list[str]) -> str:
    """Conduct shown in the link part is a `link`, in the closing sentences a `close`."""
    if label == "link":
        return "link"
    if "link" not in labels and i >= len(labels) - CLOSING_SENTENCES:
        return "close"
    return "action"


def ties_to_work_style(text: str) -> bool:
    """Whether a closing sentence speaks about how the candidate works in general."""
    toks = spoken_tokens(text)
    has_self = any(t in ("i", "i'm", "i've", "my", "me") for t in toks)
    return has_self and bool({stem(t) for t in toks} & WORK_STYLE_CUES)


class _Matcher:
    """A value's vocabulary prepared once, then matched against each sentence."""

    def __init__(self, value: Value, company_name: str) -> None:
        self.name = tuple(value_stem(t) for t in spoken_tokens(value.name))
        # "Microsoft" in a close names the company, not its value "One Microsoft".
        own = _own_words(value) - {value_stem(t) for t in tokens(company_name)}
        # A value with no keywords has only its description to speak for it.
        if not value.keywords:
            own |= _stems(value.description) - GENERIC_NAME_WORDS
        self.specific = own - GENERIC_STORY_WORDS
        self.weak = _widened(own) - self.specific
        multi = [k for k in value.keywords if len(tokens(k)) > 1]
        self.phrases = {k: tuple(value_stem(t) for t in spoken_tokens(k)) for k in multi}
        # Description words that name another habit ("ahead of your own") do not count.
        foreign = set().union(*(g for g in SYNONYMS if not g & own))
        self.description = _stems(value.description) - GENERIC_NAME_WORDS - foreign

    def match(self, toks: list[str], stems: set[str]) -> _Match:
        """The name, keyword phrases and stems of one sentence that name the value; `acted`
        tells whether a specific one is said about "I" ("I owned", "I was curious")."""
        said = [value_stem(t) for t in toks]
        named = {" ".join(toks[k:k + len(self.name)]) for k in _starts(said, self.name)
                 } if len(self.name) > 1 else set()
        starts = {k: _starts(said, seq) for k, seq in self.phrases.items()}
        phrase_hits = {" ".join(toks[k:k + len(self.phrases[p])])
                       for p, found in starts.items() for k in found}
        meaning = stems & self.description
        if len(meaning) < DESCRIPTION_MIN_OVERLAP:
            meaning = set()
        specific = (stems & self.specific) | meaning
        at = [(k, 1) for k in range(len(said)) if said[k] in specific]
        at += [(k, len(self.phrases[p])) for p, found in starts.items() for k in found]
        acted = any(_about_i(toks, k, n) for k, n in at)
        return _Match(frozenset(named), frozenset(phrase_hits | _said(toks, said, specific)),
                      frozenset(_said(toks, said, stems & self.weak)), acted)


def _said(toks: list[str], said: list[str], stems: set[str]) -> set[str]:
    """The words as the sentence says them whose stems are among `stems`: what a link is
    shown with ("took ownership", "curious"), not the stems it was matched by."""
    return {t for t, s in zip(toks, said, strict=True) if s in stems}


def _stems(text: str) -> set[str]:
    return {value_stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 1}


def _own_words(value: Value) -> set[str]:
    """Stems of the value's single keywords and of the distinctive words of its name."""
    keywords = {value_stem(t) for k in value.keywords if len(tokens(k)) == 1
                for t in tokens(k)}
    name = {value_stem(t) for t in tokens(value.name) if t not in STOPWORDS}
    name -= GENERIC_NAME_WORDS
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


def _about_i(toks: list[str], k: int, n: int) -> bool:
    """Whether the n words at k are said about the candidate: "I" shortly before them ("I
    owned", "I was curious", "I really iterated") or right after ("an ownership call I would
    make again"), not a thing the story is about ("the owner of the repo")."""
    near = range(max(k - I_REACH, 0), min(k + n + I_REACH - 1, len(toks)))
    return any(toks[j] in I_SUBJECTS for j in near)


def _starts(said: list[str], seq: tuple[str, ...]) -> list[int]:
    """Where the stemmed phrase occurs as consecutive words ("one team", not any "team")."""
    n = len(seq)
    return [i for i in range(len(said) - n + 1) if tuple(said[i:i + n]) == seq]
