"""Fix and rescore: the user's corrected text laid onto the recognizer's word times.

The recognizer mishears ("arrow" for "error", "dirty" for "thirty"), and a misheard result
sentence costs its figure, its part, and points. Retyping the words must not cost the timing
evidence, so the old and new words are aligned (difflib on normalised tokens): an unchanged
word keeps its exact times, a replaced run shares the time span of the words it replaces,
an inserted run goes into the gap between its neighbours, and a deleted word disappears.
Times stay monotonic and never overlap, so every timing measure reads the result as it reads
a recording.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from question_bank.model import Company, Question
from scoring.analysis import Analysis
from scoring.analyze import Embed, analyze
from scoring.transcript import NOMINAL_WPM, Transcript, Word

# An inserted word never takes longer than a word said at a conversational rate, so a word
# added into a long pause leaves the rest of the pause where it was.
NOMINAL_WORD_S = 60.0 / NOMINAL_WPM
# Regions up to this many word pairs are aligned by SequenceMatcher directly (milliseconds).
SMALL_REGION = 40_000
_NOT_WORD = re.compile(r"[^\w%$€£'-]+")


@dataclass(frozen=True)
class FixSummary:
    """What the fix did, in counts a message to the user can state."""

    kept: int
    changed: int
    added: int
    removed: int

    @property
    def estimated(self) -> int:
        """Words whose times are estimated rather than heard."""
        return self.changed + self.added


def normalise(token: str) -> str:
    """The token as compared: case and surrounding punctuation do not make a word new."""
    return _NOT_WORD.sub("", token.casefold()) or token.casefold()


def words_of(analysis: Analysis) -> list[Word]:
    """The timed words an analysis was made from (`extra["words"]`)."""
    return words_from_marks(analysis.extra.get("words", []))


def words_from_marks(marks: Iterable[Mapping[str, Any]]) -> list[Word]:
    """Words from the `extra["words"]` marks of an analysis (or its stored JSON)."""
    return [Word(str(m["text"]), float(m["start_s"]), float(m["end_s"])) for m in marks]


def fix_transcript(old: Sequence[Word], new_text: str, duration_s: float,
                   timing_estimated: bool = False) -> tuple[Transcript, FixSummary]:
    """The transcript of `new_text`, timed from `old` where the words match.

    Timing is marked estimated only if it was already, or no heard word survived the edit:
    a few retyped words inside a real recording leave its delivery measures meaningful."""
    tokens = re.findall(r"\S+", new_text)
    out: list[Word] = []
    counts = {"equal": 0, "replace": 0, "insert": 0, "delete": 0}
    for op, i1, i2, j1, j2 in align([normalise(w.text) for w in old],
                                    [normalise(t) for t in tokens]):
        if op == "equal":
            out += [replace(w, text=t) for w, t in zip(old[i1:i2], tokens[j1:j2], strict=True)]
            counts["equal"] += i2 - i1
        elif op == "replace":
            out += _spread(tokens[j1:j2], old[i1].start_s, old[i2 - 1].end_s)
            counts["replace"] += j2 - j1
            counts["delete"] += max(0, (i2 - i1) - (j2 - j1))
        elif op == "insert":
            out += _insert(tokens[j1:j2], old, i1, duration_s)
            counts["insert"] += j2 - j1
        else:
            counts["delete"] += i2 - i1
    end = max([duration_s] + [w.end_s for w in out])
    estimated = timing_estimated or (bool(out) and counts["equal"] == 0)
    summary = FixSummary(counts["equal"], counts["replace"], counts["insert"], counts["delete"])
    return Transcript(tuple(out), round(end, 3), timing_estimated=estimated), summary


def align(a: Sequence[str], b: Sequence[str], small: int = SMALL_REGION
          ) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes turning `a` into `b`, fast on long texts too.

    `SequenceMatcher` alone grows roughly with the square of the length on real speech
    (common words match everywhere): seconds for a 15-minute answer, a minute for a long
    text. So the words met exactly once on each side, in the same order, are matched first
    (as patience diff does), and `SequenceMatcher` only aligns the short stretches between
    them."""
    ops: list[tuple[str, int, int, int, int]] = []
    _align(a, 0, len(a), b, 0, len(b), ops, small)
    return ops


def _align(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int,
           ops: list[tuple[str, int, int, int, int]], small: int) -> None:
    anchors = [] if (ahi - alo) * (bhi - blo) <= small else _unique_common(
        a, alo, ahi, b, blo, bhi)
    if not anchors:
        matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        ops += [(op, alo + i1, alo + i2, blo + j1, blo + j2)
                for op, i1, i2, j1, j2 in matcher.get_opcodes()]
        return
    for i, j in anchors:
        _align(a, alo, i, b, blo, j, ops, small)
        ops.append(("equal", i, i + 1, j, j + 1))
        alo, blo = i + 1, j + 1
    _align(a, alo, ahi, b, blo, bhi, ops, small)


def _unique_common(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int,
                   bhi: int) -> list[tuple[int, int]]:
    """Pairs (i, j) of tokens found once in a[alo:ahi] and once in b[blo:bhi], the longest
    run of them in the same order on both sides (patience sorting)."""
    def once(seq: Sequence[str], lo: int, hi: int) -> dict[str, int]:
        seen: dict[str, int] = {}
        for k in range(lo, hi):
            seen[seq[k]] = -1 if seq[k] in seen else k
        return {t: k for t, k in seen.items() if k >= 0}

    in_b = once(b, blo, bhi)
    pairs = [(i, in_b[t]) for t, i in sorted(once(a, alo, ahi).items(), key=lambda x: x[1])
             if t in in_b]
    tails: list[int] = []  # tails[k]: index in pairs ending the best run of length k + 1
    tail_js: list[int] = []  # their positions in b, increasing
    back: list[int] = []
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tail_js, j)
        back.append(tails[k - 1] if k else -1)
        tails[k:k + 1] = [n]
        tail_js[k:k + 1] = [j]
    run, n = [], tails[-1] if tails else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


def _spread(tokens: Sequence[str], start: float, end: float) -> list[Word]:
    """Tokens sharing [start, end] evenly, back to back; rounding keeps them monotonic."""
    step = max(end - start, 0.0) / len(tokens)
    return [Word(t, round(start + k * step, 3), round(start + (k + 1) * step, 3))
            for k, t in enumerate(tokens)]


def _insert(tokens: Sequence[str], old: Sequence[Word], at: int, duration_s: float
            ) -> list[Word]:
    """Tokens put into the gap before old word `at`, each at most a nominal word long,
    starting right after the previous word. After the last word the recording may be too
    short for them: they then run on at the nominal rate, past its end."""
    start = old[at - 1].end_s if at > 0 else 0.0
    if at < len(old):
        limit = old[at].start_s
    else:
        limit = max(duration_s, start + NOMINAL_WORD_S * len(tokens))
    step = min(max(limit - start, 0.0) / len(tokens), NOMINAL_WORD_S)
    return _spread(tokens, start, start + step * len(tokens))


def rescore(analysis: Analysis, question: Question, company: Company | None, new_text: str,
            embed: Embed | None = None) -> Analysis:
    """A new analysis of `new_text`, timed from the words `analysis` was made from.

    `analysis` is left untouched; the new one records in `extra` that its transcript was
    edited and what the recognizer heard (the first recognizer text, if edited twice), so the
    store can keep both and a view can say the score is of the corrected words."""
    transcript, summary = fix_transcript(words_of(analysis), new_text, analysis.duration_s,
                                         analysis.timing_estimated)
    fresh = analyze(transcript, question, company, embed=embed)
    original = analysis.extra.get("original_transcript", analysis.transcript)
    extra = {**fresh.extra, "transcript_edited": True, "original_transcript": original,
             "estimated_word_times": summary.estimated}
    return replace(fresh, extra=extra)
