"""Finding quantified claims: digits, percentages, money, durations, numbers said in words.

Whisper writes numbers sometimes as digits and sometimes as words ("thirty percent"), and a
bare year ("in 2021") or "one of our" is not a measured result, so both forms are matched with
the unit or scale that makes them a quantity.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|half|a\s+few|a\s+couple\s+of|"
    r"dozen|several)"
)
_UNIT = (
    r"(?:%|percent|per\s*cent|percentage\s+points?|points?|x\b|times|fold|ms|milliseconds?|"
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?|"
    r"k\b|m\b|bn\b|thousand|million|billion|hundred|dollars?|euros?|pounds?|users?|"
    r"customers?|clients?|people|engineers?|tickets?|requests?|queries|orders?|sales|"
    r"signups?|sign-ups?|accounts?|models?|features?|releases?|bugs?|incidents?|pages?|"
    r"gb|tb|mb|qps|rps|fps|basis\s+points?|bps|stars?|nps|hires?)"
)
_PATTERNS = (
    # Money: "$2M", "€40,000", "2 million dollars" (the last via number + unit below).
    r"[$€£¥]\s?\d[\d,.]*(?:\s?(?:k|m|bn|thousand|million|billion)\b)?",
    # Digits with a unit or scale: "4%", "1.5 percent", "3x", "200 ms", "two-thirds" excluded.
    r"\b\d[\d,.]*\s?-?" + _UNIT,
    # Number words with a unit: "thirty percent", "two weeks", "a few hours", "three times".
    r"\b" + _NUMBER_WORD + r"(?:[\s-]+" + _NUMBER_WORD + r")*[\s-]+" + _UNIT,
    # Relative change said without a number.
    r"\b(?:doubled|tripled|quadrupled|halved|twice\s+as\s+\w+|in\s+half)\b",
    # Bare digits that are not years: "from 40 to 12", "rank 3".
    r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b",
)
# "two years ago" dates the story; it measures nothing.
_QUANTITY = re.compile(
    "(?>" + "|".join(f"(?:{p})" for p in _PATTERNS) + r")(?!\s+ago\b)", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def find_quantities(text: str) -> tuple[str, ...]:
    """The quantified expressions in the text, as written, in order.

    Cached: features, checks and the content summary all ask about the same sentences."""
    found = []
    for match in _QUANTITY.finditer(text):
        value = match.group(0).strip(" ,.-")
        if value:
            found.append(value)
    return tuple(found)
