"""Whether the optional parts are there at all: a second look at the decode's boundaries.

Why a separate step: the checklist and `missing_parts` turn on a zero/non-zero question (is
there a repeat, a link, a why, a bridge?), and that question is usually settled by one
sentence at the edge of the answer. The sequence decode (`scoring.parts`) weighs that sentence
with a few dozen fitted weights, and on a corpus of a few dozen answers those weights learn
the corpus's accidents as well as its rules: in cross-validation most missing-part mistakes
were a single boundary sentence (an opening aside taken for a repeat, a closing "that's the
short version" taken for a bridge). Here each optional part must show its own, dedicated
evidence, written as plain rules a coach would recognise:

- repeat: the sentence echoes the question (shares its content words, or is a noun-phrase
  echo like "a time the data was wrong") or uses a rephrasing frame ("you're asking", "a time
  when", "what you're after"). A decoded repeat without such evidence becomes `other`; an
  opening sentence with a clear frame becomes `repeat` when the decode found none.
- link, why, bridge: a sentence labelled so needs at least one cue of its part (or, for a
  link, the company's vocabulary); a lone closing remark without it ("yeah, that's about it")
  is `other`. A why and a bridge that were confused at their border are swapped back when
  only the other part's cues are present.

The rules only ever touch the optional parts and the `other` asides around them, never the
situation/task/action/result core, so they cannot reorder the story the decode found.
"""

from __future__ import annotations

from scoring import cues
from scoring.analysis import OTHER
from scoring.features import FRAGMENT_STARTS, OPENERS, SKIPPED_LEAD, Context
from scoring.text import content_stems, count_phrases, phrases, tokens

# Frames that rephrase a question back ("so you're asking about...", "a time when...").
REPEAT_FRAMES = phrases(
    "you're asking", "you are asking", "you want to hear", "you want to know", "you'd like",
    "what you're after", "what you're looking for", "the question is", "if i understand",
    "just to be clear", "a time when", "a time where", "a time i", "a time the",
    "asking about", "you asked", "that's my", "going beyond", "an example of",
)
# Openings that announce a story without rephrasing the question ("this one is recent").
ASIDE_STARTS = phrases("this one", "this one's", "this happens", "this is a", "i have one")
# Plainer ways to say what draws one to a role than the why cues the decode weighs.
WHY_EXTRA = phrases(
    "i like", "i really like", "exciting", "excites", "brings me", "pulls me", "draws me",
    "drew me", "reason", "appeal", "i'm applying", "im applying", "what i want",
)
# A decoded repeat is re-examined only this far into the answer; a frame promotes a sentence
# to repeat only within the opening (before the first action), at most this far in.
OPENING_SENTENCES = 3
# The question words a sentence must share (content stems) to count as echoing it.
MIN_QUESTION_ECHO = 1


def settle_presence(texts: list[str], labels: list[str], ctx: Context) -> list[str]:
    """The decode's labels with the optional parts' presence re-examined on their evidence."""
    labels = list(labels)
    if ctx.kind == "story":
        _settle_repeat(texts, labels, ctx)
        _require(texts, labels, "link", lambda t: _has_link_evidence(t, ctx))
    else:
        _settle_why_bridge(texts, labels)
    return labels


def repeat_evidence(text: str, ctx: Context) -> bool:
    """Whether a sentence rephrases the question back: a frame, an echo of its words, or a
    noun-phrase fragment ("something I fixed...") that only makes sense as an echo."""
    toks = tokens(text)
    if count_phrases(toks, REPEAT_FRAMES):
        return True
    if _is_aside(toks):
        return False
    echo = len(content_stems(text) & ctx.question_stems) >= MIN_QUESTION_ECHO
    return echo or _subject(toks) in FRAGMENT_STARTS


def _settle_repeat(texts: list[str], labels: list[str], ctx: Context) -> None:
    """Unsupported repeats become asides; a clearly framed opening becomes the repeat."""
    for i in range(min(OPENING_SENTENCES, len(texts))):
        if labels[i] == "repeat" and not repeat_evidence(texts[i], ctx):
            labels[i] = OTHER
    if "repeat" in labels:
        return
    for i in range(min(OPENING_SENTENCES, len(texts))):
        if labels[i] == "action":
            return
        if labels[i] in (OTHER, "situation") and count_phrases(tokens(texts[i]),
                                                                REPEAT_FRAMES):
            labels[i] = "repeat"
            return


def _settle_why_bridge(texts: list[str], labels: list[str]) -> None:
    """Why and bridge need their own evidence; a sentence without it goes to the other part
    when it has that part's evidence, else it is an aside. Then a part still missing takes
    back the border sentence of a two-sentence run of its neighbour, if that sentence carries
    only its evidence (the "I like..., so I'd fit" sentence opens a bridge run too often)."""
    evidence = {part: [_background_evidence(t, part) for t in texts] for part in ("why", "bridge")}
    for part, other_part in (("why", "bridge"), ("bridge", "why")):
        where = [i for i, label in enumerate(labels) if label == part]
        if where and not any(evidence[part][i] for i in where):
            for i in where:
                labels[i] = other_part if evidence[other_part][i] else OTHER
    for part, neighbour, edge in (("why", "bridge", 0), ("bridge", "why", -1)):
        run = [i for i, label in enumerate(labels) if label == neighbour]
        if part in labels or len(run) < 2:
            continue
        border = run[edge]
        if evidence[part][border] and (part == "why" or not evidence[neighbour][border]):
            labels[border] = part


def _background_evidence(text: str, part: str) -> bool:
    """A cue of the part; for a bridge also the conditional ("I'd start by..."), for a why
    the plainer ways of saying what attracts ("I like that...", "is exciting to me")."""
    toks = tokens(text)
    if count_phrases(toks, cues.BACKGROUND_CUES[part]):
        return True
    if part == "bridge":
        return any(t in cues.MODAL_WORDS for t in toks)
    return bool(count_phrases(toks, WHY_EXTRA))


def _has_link_evidence(text: str, ctx: Context) -> bool:
    toks = tokens(text)
    return bool(count_phrases(toks, cues.STORY_CUES["link"])
                or content_stems(text) & ctx.value_stems
                or any(t in cues.PRESENT_WORDS for t in toks))


def _require(texts: list[str], labels: list[str], part: str, evidence) -> None:
    """A part present only through sentences without any of its evidence is an aside."""
    where = [i for i, label in enumerate(labels) if label == part]
    if where and not any(evidence(texts[i]) for i in where):
        for i in where:
            labels[i] = OTHER


def _is_aside(toks: list[str]) -> bool:
    rest = toks[next((k for k, t in enumerate(toks) if t not in OPENERS), len(toks)):]
    return ASIDE_STARTS.starts_at(rest, 0)


def _subject(toks: list[str]) -> str:
    return next((t for t in toks if t not in OPENERS and t not in SKIPPED_LEAD), "")
