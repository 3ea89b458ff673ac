"""What a mock interview says at its end: each answer, what recurs, which values came across.

Recurring issues come from `scoring.reports.summarize` (the same rule the multi-attempt
report uses), counted over the first answers only: a follow-up is a short reply by design,
and counting its "missing" situation or "too short" would invent a pattern. For the same
reason a follow-up's line gives its length without a verdict or missing parts, and the mean
score is that of the first answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.analysis import Analysis
from scoring.reports import VERDICTS, ReportItem, clock, part_label, summarize


@dataclass(frozen=True)
class Answer:
    """One answered step of an interview (no analysis: no speech was heard)."""

    question: str
    follow_up: bool
    analysis: Analysis | None
    attempt_id: int | None = None


@dataclass(frozen=True)
class AnswerLine:
    """One answer as the summary lists it."""

    question: str
    follow_up: bool
    score: int | None
    timing: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class InterviewSummary:
    lines: tuple[AnswerLine, ...]
    mean_score: float | None
    recurring: tuple[str, ...]
    values_linked: tuple[str, ...]
    values_not_linked: tuple[str, ...]


def timing_text(analysis: Analysis) -> str:
    """"1:05, too short (aim 1:30–2:00)"."""
    t = analysis.timing
    return (f"{clock(analysis.answer_seconds)}, {VERDICTS.get(t.verdict, t.verdict)} "
            f"(aim {clock(t.target_min_s)}–{clock(t.target_max_s)})")


def summarize_interview(answers: Sequence[Answer],
                        probed: Sequence[str] = ()) -> InterviewSummary:
    """Each answer's score, timing and missing parts; the first answers' mean score and the
    issues seen in two of them or more; the company values the answers linked back to, and
    those probed but never linked."""
    lines = tuple(_line(a) for a in answers)
    firsts = [a.analysis for a in answers if not a.follow_up and a.analysis is not None]
    scored = [a.score for a in firsts]
    linked = tuple(dict.fromkeys(v for a in answers if a.analysis is not None
                                 for v in a.analysis.content.values_linked))
    folded = {v.casefold() for v in linked}
    return InterviewSummary(
        lines=lines,
        mean_score=round(sum(scored) / len(scored), 1) if scored else None,
        recurring=summarize([ReportItem(a) for a in firsts]).recurring if firsts else (),
        values_linked=linked,
        values_not_linked=tuple(v for v in probed if v.casefold() not in folded),
    )


def _line(answer: Answer) -> AnswerLine:
    a = answer.analysis
    if a is None:
        return AnswerLine(answer.question, answer.follow_up, None, "no speech heard", ())
    if answer.follow_up:
        return AnswerLine(answer.question, True, a.score, clock(a.answer_seconds), ())
    return AnswerLine(answer.question, answer.follow_up, a.score, timing_text(a),
                      tuple(part_label(p) for p in a.missing_parts))
