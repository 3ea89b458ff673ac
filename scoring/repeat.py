"""Repeat: did the opening rephrase the question, parrot it, or skip it?

Coaches want the question rephrased (it shows engagement and buys thinking time) but not
parroted word for word, so the opening is compared with the question by the longest in-order
run of shared words: a near-complete copy is verbatim, any real echo is a paraphrase.
"""

from __future__ import annotations

from scoring import figures
from scoring.text import tokens, wordset

# Words that open almost every question and say nothing about what was asked.
_QUESTION_FRAME = wordset("tell me about a time when where describe give an example of")


def classify_repeat(opening: str, question: str) -> str:
    """`verbatim`, `paraphrase` or `absent` for the opening sentences labelled repeat."""
    if not opening.strip():
        return "absent"
    asked = [t for t in tokens(question) if t not in _QUESTION_FRAME]
    said = tokens(opening)
    if asked and _common_in_order(asked, said) / len(asked) >= figures.VERBATIM_SHARE:
        return "verbatim"
    return "paraphrase"


def _common_in_order(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two token lists."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]
