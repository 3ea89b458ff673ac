"""Word-level text helpers shared by every check: tokens, stems, content words.

ASR text comes with stray punctuation, odd casing and contractions; normalising once here keeps
every feature comparing like with like.
"""

from __future__ import annotations

import re
from functools import lru_cache


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string, for readable word lists."""
    return frozenset(text.split())


# Words that open a spoken sentence without carrying its content.
OPENERS = wordset("so okay ok sure right yeah yes well alright great hmm um uh and")
SKIPPED_LEAD = wordset("and then but basically let me think honestly actually")


def subject_word(toks: list[str]) -> str:
    """The first word after any opening discourse words ("so", "and then", "okay"): who or
    what the sentence is about, without a parser."""
    return next((t for t in toks if t not in OPENERS and t not in SKIPPED_LEAD), "")


_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*")

STOPWORDS = wordset(
    """a an the and or but so of to in on at for with by from as is are was were be been being
    it its it's this that these those there their they them he she his her you your yours we our
    us i me my mine am do did does done have has had having not no yes if then than when what
    which who whom why how about into over under up down out just very really also too can could
    would should will shall may might must one some any all each more most other such only
    same tell time me about get got make made go went let lot because while where after before
    again further once here both few nor off s t don't i'm i've i'd we're we've you're
    that's""")


def tokens(text: str) -> list[str]:
    """Lowercase word tokens; apostrophes kept so "I'm" stays one token."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


# Contractions typed or transcribed without their apostrophe, as in unpunctuated answers.
UNPUNCTUATED_CONTRACTIONS = {
    "thats": "that's", "youre": "you're", "im": "i'm", "ive": "i've", "id": "i'd",
    "its": "it's", "didnt": "didn't", "wasnt": "wasn't", "dont": "don't", "youd": "you'd",
    "whats": "what's", "weve": "we've", "couldnt": "couldn't", "cant": "can't",
    "wouldnt": "wouldn't", "werent": "weren't", "hadnt": "hadn't", "isnt": "isn't",
}


# Two words that speakers (and writers of transcripts) say either in full or contracted.
SPELLED_OUT = {
    ("that", "is"): "that's", ("it", "is"): "it's", ("what", "is"): "what's",
    ("there", "is"): "there's", ("i", "am"): "i'm", ("i", "have"): "i've",
    ("i", "would"): "i'd", ("i", "will"): "i'll", ("we", "are"): "we're",
    ("we", "have"): "we've", ("we", "would"): "we'd", ("you", "are"): "you're",
    ("did", "not"): "didn't", ("do", "not"): "don't", ("was", "not"): "wasn't",
    ("could", "not"): "couldn't", ("is", "not"): "isn't", ("can", "not"): "can't",
}


def spoken_tokens(text: str) -> list[str]:
    """Tokens with contractions in one form, so "thats what" and "that is what" both meet
    "that's what": rules written as phrases must not depend on whether the speaker
    contracted or the transcriber kept apostrophes."""
    toks = [UNPUNCTUATED_CONTRACTIONS.get(t, t) for t in tokens(text)]
    out: list[str] = []
    for t in toks:
        joined = SPELLED_OUT.get((out[-1], t)) if out else None
        if joined:
            out[-1] = joined
        else:
            out.append(t)
    return out


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "owned"/"ownership"/"owner" to "own".

    No stemming library is allowed in `scoring` (stdlib + numpy only), and value matching only
    needs families of words to collide, not linguistic correctness.
    """
    w = word.lower()
    for suffix in ("ership", "ations", "ation", "ments", "ment", "ness", "ities", "ity",
                   "ing", "ers", "ies", "ied", "ed", "er", "ly", "es", "s"):
        if len(w) - len(suffix) >= 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]  # "shipped" -> "shipp" -> "ship"
    elif len(w) > 4 and w[-1] == "e":
        w = w.rstrip("e")  # "decide" meets "deciding", "disagree" meets "disagreed"
    return w


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (stopwords dropped)."""
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 1}


class PhraseSet:
    """Cue phrases indexed by their first word, so matching a sentence costs one dict lookup
    per word instead of one comparison per phrase (analysis must stay in milliseconds)."""

    def __init__(self, items: tuple[tuple[str, ...], ...]) -> None:
        self.items = items
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in items:
            self._by_first.setdefault(phrase[0], []).append(phrase)

    def found(self, token_list: list[str]) -> set[tuple[str, ...]]:
        """The distinct phrases that occur in the token list."""
        hits = set()
        for i, token in enumerate(token_list):
            for phrase in self._by_first.get(token, ()):
                if len(phrase) == 1 or tuple(token_list[i : i + len(phrase)]) == phrase:
                    hits.add(phrase)
        return hits

    def starts_at(self, token_list: list[str], i: int) -> bool:
        """Whether one of the phrases starts at position i."""
        if i >= len(token_list):
            return False
        return any(
            tuple(token_list[i : i + len(p)]) == p for p in self._by_first.get(token_list[i], ())
        )


def count_phrases(token_list: list[str], phrase_set: PhraseSet) -> int:
    """How many of the phrases occur in the token list (each counted once)."""
    return len(phrase_set.found(token_list))


def phrases(*items: str) -> PhraseSet:
    """Cue phrases written as plain strings, tokenised the same way as the answer."""
    return PhraseSet(tuple(tuple(spoken_tokens(item)) for item in items if tokens(item)))
