"""Timing: how long the answer and each of its parts took, against the target band.

Coaches judge the shape as much as the length: too much setup, an action part shorter than the
setup, or a result that only arrives after the band has run out all lose the listener.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring import figures
from scoring.analysis import PartSpan, Sentence, Timing

SETUP = ("situation", "task")


@dataclass(frozen=True)
class TimingReport:
    """The band verdict plus the per-part shares and the shape problems found."""

    timing: Timing
    answer_s: float
    shares: dict[str, float]
    setup_share: float
    problems: tuple[str, ...]


def band(kind: str) -> tuple[int, int]:
    return figures.BACKGROUND_BAND_S if kind == "background" else figures.STORY_BAND_S


def band_verdict(answer_s: float, low: float, high: float) -> str:
    """"too_short", "on_target" or "too_long" for an answer of `answer_s` seconds, judged on
    whole seconds."""
    seconds = round(answer_s)
    return "too_short" if seconds < low else "too_long" if seconds > high else "on_target"


def part_spans(sentences: list[Sentence]) -> list[PartSpan]:
    """Maximal runs of consecutive sentences with the same part."""
    spans: list[PartSpan] = []
    for s in sentences:
        if spans and spans[-1].part == s.part:
            last = spans[-1]
            spans[-1] = PartSpan(last.part, last.start_s, s.end_s, round(s.end_s - last.start_s, 2))
        else:
            spans.append(PartSpan(s.part, s.start_s, s.end_s, round(s.end_s - s.start_s, 2)))
    return spans


def assess(kind: str, sentences: list[Sentence], spans: list[PartSpan]) -> TimingReport:
    """Verdict on the answer's time (first word to last), shares and shape problems.

    The verdict is made on whole seconds, the figure every view shows, so "2:00" is never
    called too long because the answer ran 120.4 s."""
    low, high = band(kind)
    # Rounded once, here: the verdict, the report and every view then read the same number.
    answer_s = round(sentences[-1].end_s - sentences[0].start_s, 2) if sentences else 0.0
    verdict = band_verdict(answer_s, low, high)
    shares: dict[str, float] = {}
    for span in spans:
        shares[span.part] = shares.get(span.part, 0.0) + span.duration_s
    shares = {p: round(d / answer_s, 3) if answer_s else 0.0 for p, d in shares.items()}
    setup = sum(shares.get(p, 0.0) for p in SETUP)
    return TimingReport(Timing(low, high, verdict), answer_s, shares, round(setup, 3),
                        tuple(_problems(kind, sentences, shares, setup, high)))


def _problems(kind: str, sentences: list[Sentence], shares: dict[str, float], setup: float,
              high: int) -> list[str]:
    if not sentences:
        return []
    if kind == "background":
        return ["long_then"] if shares.get("then", 0.0) > figures.THEN_MAX_SHARE else []
    found = []
    if setup > figures.SETUP_MAX_SHARE:
        found.append("long_setup")
    if "action" in shares and shares["action"] < setup:
        found.append("short_action")
    first = sentences[0].start_s
    result_start = next((s.start_s for s in sentences if s.part == "result"), None)
    if result_start is not None and result_start - first > high:
        found.append("late_result")
    return found
