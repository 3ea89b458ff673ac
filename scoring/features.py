"""Per-sentence features that the part labeller weighs.

Each feature is one independent kind of evidence (cue family, tense, I vs we, numbers,
position, likeness to the question, company vocabulary), so a sentence with no cue word can
still be placed by the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring import cues
from scoring.quantities import find_quantities
from scoring.text import content_stems, count_phrases, tokens


@dataclass(frozen=True)
class Context:
    """What the features compare sentences against: the question and the company's words."""

    kind: str
    question_stems: frozenset[str]
    value_stems: frozenset[str]


def sentence_features(text: str, index: int, count: int, ctx: Context) -> dict[str, float]:
    """Features of one sentence; `index` of `count` places it in the answer."""
    toks = tokens(text)
    n = max(len(toks), 1)
    families = cues.STORY_CUES if ctx.kind == "story" else cues.BACKGROUND_CUES
    feats: dict[str, float] = {
        f"cue_{part}": min(count_phrases(toks, family), 3) for part, family in families.items()
    }
    position = (index + 0.5) / count if count else 0.0
    stems = content_stems(text)
    feats.update(
        early=1.0 - position,
        late=position,
        first=float(index == 0),
        last=float(index == count - 1),
        past=_share(toks, _is_past) * 3,
        present=_share(toks, cues.PRESENT_WORDS.__contains__) * 5,
        modal=_share(toks, cues.MODAL_WORDS.__contains__) * 5,
        i=_share(toks, cues.I_WORDS.__contains__) * 5,
        we=_share(toks, cues.WE_WORDS.__contains__) * 5,
        number=min(len(find_quantities(text)), 2),
        question=_overlap(stems, ctx.question_stems),
        value=min(len(stems & ctx.value_stems), 3) / 1.5,
        short=float(n < 5),
    )
    return feats


def _is_past(token: str) -> bool:
    return token in cues.IRREGULAR_PAST or (len(token) > 4 and token.endswith("ed"))


def _share(toks: list[str], test) -> float:
    return sum(1 for t in toks if test(t)) / max(len(toks), 1)


def _overlap(stems: set[str], question: frozenset[str]) -> float:
    """Share of the question's content words the sentence repeats."""
    if not question:
        return 0.0
    return len(stems & question) / len(question)
