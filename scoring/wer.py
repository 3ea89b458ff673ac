"""Word error rate: how far a transcript is from the words that were actually spoken.

Used by the end-to-end tests and the benchmarks to judge transcription against a known
script; normalization ignores case, punctuation and how numbers are written.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "percent": "%",
}


def normalize_words(text: str) -> list[str]:
    """Lowercase words without punctuation; small number words and digits compare equal."""
    text = text.lower().replace("%", " percent ").replace("-", " ")
    words = re.findall(r"[a-z0-9']+", text)
    return [_NUMBER_WORDS.get(w, w).strip("'") for w in words if w.strip("'")]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, by edit distance."""
    ref, hyp = normalize_words(reference), normalize_words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, h in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / len(ref)
