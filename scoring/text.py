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
    return w


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (stopwords dropped)."""
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 1}


def contains_phrase(token_list: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's tokens occur consecutively in the token list."""
    n = len(phrase)
    if n == 1:
        return phrase[0] in token_list
    first = phrase[0]
    return any(
        token_list[i] == first and tuple(token_list[i : i + n]) == phrase
        for i in range(len(token_list) - n + 1)
    )


def count_phrases(token_list: list[str], phrases: tuple[tuple[str, ...], ...]) -> int:
    """How many of the phrases occur in the token list (each counted once)."""
    return sum(1 for p in phrases if contains_phrase(token_list, p))


def phrases(*items: str) -> tuple[tuple[str, ...], ...]:
    """Cue phrases written as plain strings, tokenised the same way as the answer."""
    return tuple(tuple(tokens(item)) for item in items if tokens(item))
