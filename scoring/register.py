"""How a sentence speaks, whatever it says: tense, person and register as word shares.

Shared by the part labeller (`scoring.features`) and the value links
(`scoring.value_meaning`), which read the same shares for different reasons: a part's job
shows in its tense and person, and a value's words said of someone else, as a claim or
hypothetically show no conduct.
"""

from __future__ import annotations

from scoring import cues
from scoring.text import OPENERS, subject_word, wordset

# Words of small talk and wrap-up ("um, yeah, that's pretty much it").
CHATTER = wordset(
    "um uh yeah okay ok sure right well so happy pretty much basically that's it story short "
    "version guess anyway start where do yep alright fun"
)
# Words that open a noun-phrase echo of the question ("a time I...", "something I fixed").
FRAGMENT_STARTS = wordset("a an something some one more when where what how going")
YOU_WORDS = wordset("you you're your yours you've you'd")


def register(toks: list[str]) -> dict[str, float]:
    """Tense, person and register: shares of the sentence's words of each sort. The value
    links read them too: "my manager took ownership" and "I'd say I'm very customer-focused"
    use a value's words without the speaker's own past conduct."""
    subject = subject_word(toks)
    return {
        "opener": float(bool(toks) and toks[0] in OPENERS),
        "chatter": _share(toks, CHATTER.__contains__) * 2,
        "you": _share(toks, YOU_WORDS.__contains__) * 5,
        "fragment": float(subject in FRAGMENT_STARTS or subject.endswith("ing")),
        "starts_i": float(subject in ("i", "i'm", "i've", "i'd")),
        "starts_we": float(subject in ("we", "we're", "we've", "our")),
        "length": min(max(len(toks), 1), 40) / 20,
        "short": float(len(toks) < 5),
        "past": _share(toks, _is_past) * 3,
        "present": _share(toks, cues.PRESENT_WORDS.__contains__) * 5,
        "modal": _share(toks, cues.MODAL_WORDS.__contains__) * 5,
        "i": _share(toks, cues.I_WORDS.__contains__) * 5,
        "we": _share(toks, cues.WE_WORDS.__contains__) * 5,
    }


def _is_past(token: str) -> bool:
    return token in cues.IRREGULAR_PAST or (len(token) > 4 and token.endswith("ed"))


def _share(toks: list[str], test) -> float:
    return sum(1 for t in toks if test(t)) / max(len(toks), 1)
