"""Whether a sentence states a habit the story left the candidate with.

"Since then I always...", "these days I write every doc for...", "that's how I deal with
vague asks now": a habit said by the candidate ties the story to how they work, which is
what a link does when no company value is named. A lesson stated only as an insight ("what I
took away is that...") is the story's outcome instead. The part decode weighs it as one of
its features (`scoring.features`).
"""

from __future__ import annotations

from scoring.quantities import find_quantities
from scoring.text import count_phrases, phrases, spoken_tokens, subject_word
from scoring.values import I_SUBJECTS

# Habits said outright by "I".
HABIT_SAID = phrases(
    "now i", "i now", "i still", "i always", "i've since", "i make sure", "i try to",
    "how i work", "how i deal", "how i approach", "how i handle", "the way i",
)
# Time markers that make a habit only when "I" says it ("she and I get along these days" is
# small talk).
HABIT_SINCE = phrases(
    "since then", "ever since", "from then on", "these days", "nowadays", "to this day",
    "every time", "every single time",
)
# How near after a time marker the "I" must come ("since then, whenever I'm...").
HABIT_REACH = 3


def states_habit(text: str) -> bool:
    """Whether the sentence says what the candidate does now because of the story ("since
    then I always...", "these days I write..."): a habit said by "I", with no figure (a
    figure since then is the result's: "the check has caught three issues since then")."""
    toks = spoken_tokens(text)
    by_me = subject_word(toks) in I_SUBJECTS
    if find_quantities(text) or not (by_me or any(
            t in I_SUBJECTS and toks[k - 1:k] != ["and"] for k, t in enumerate(toks))):
        return False  # "she and I get along these days" is small talk
    if count_phrases(toks, HABIT_SAID) or toks[-1:] == ["since"]:
        return True  # "...and I've done it that way with every tool since"
    return any(HABIT_SINCE.starts_at(toks, k) and (
        by_me or I_SUBJECTS & set(toks[k + 1:k + 2 + HABIT_REACH])) for k in range(len(toks)))
