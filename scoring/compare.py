"""Take against take: how a later answer to the same question differs from an earlier one.

Every figure is read from the two `Analysis` objects as stored, and each change is judged
against the coaching figures (`scoring.figures`), not just by its sign: a longer answer is
better only while it moves toward the band, a faster one only while it moves toward the
comfortable speaking range.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.analysis import Analysis
from scoring.figures import FILLERS_FINE_PER_MIN, WPM_COMFORT
from scoring.reports import coached_parts, part_label


@dataclass(frozen=True)
class Change:
    """One figure before and after; `better` is None when neither direction is an improvement
    by itself (e.g. a part's length)."""

    label: str
    before: str
    after: str
    delta: str
    better: bool | None


def compare(before: Analysis, after: Analysis) -> list[Change]:
    """The figures a coach compares between two takes, in reading order."""
    return [
        _number("Score", before.score, after.score, "{:.0f}", higher_is_better=True),
        _toward("Length", before.answer_seconds, after.answer_seconds,
                (after.timing.target_min_s, after.timing.target_max_s), "{:.0f} s"),
        *(_part(p, before, after) for p in coached_parts(after.kind)),
        _toward("Speaking rate", before.delivery.wpm, after.delivery.wpm, WPM_COMFORT,
                "{:.0f} wpm"),
        _toward("Fillers per minute", before.delivery.fillers_per_min,
                after.delivery.fillers_per_min, (0.0, FILLERS_FINE_PER_MIN), "{:.1f}"),
        _number("“I” share of I/we", _i_share(before), _i_share(after), "{:.0%}",
                higher_is_better=True),
        _sets("Missing parts", before.missing_parts, after.missing_parts, fewer_is_better=True),
        _sets("Figures quantified", before.content.quantified, after.content.quantified,
              fewer_is_better=False),
    ]


def part_seconds(analysis: Analysis, part: str) -> float:
    """Total time spent on a part (it may come back in several runs)."""
    return sum(p.duration_s for p in analysis.parts if p.part == part)


def _part(part: str, before: Analysis, after: Analysis) -> Change:
    return _number(part_label(part), part_seconds(before, part), part_seconds(after, part),
                   "{:.0f} s", higher_is_better=None)


def _i_share(a: Analysis) -> float:
    total = a.delivery.i_count + a.delivery.we_count
    return a.delivery.i_count / total if total else 0.0


def _number(label: str, before: float, after: float, fmt: str,
            higher_is_better: bool | None) -> Change:
    diff = after - before
    better = None if higher_is_better is None or diff == 0 else (diff > 0) == higher_is_better
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    return Change(label, fmt.format(before), fmt.format(after),
                  sign + fmt.format(abs(diff)), better)


def _toward(label: str, before: float, after: float, band: tuple[float, float],
            fmt: str) -> Change:
    """Better when the figure ends closer to its band (or inside it) than it started."""
    change = _number(label, before, after, fmt, higher_is_better=None)
    gap_before, gap_after = _gap(before, band), _gap(after, band)
    better = None if gap_before == gap_after else gap_after < gap_before
    return Change(change.label, change.before, change.after, change.delta, better)


def _gap(value: float, band: tuple[float, float]) -> float:
    low, high = band
    return max(low - value, 0.0, value - high)


def _sets(label: str, before: tuple[str, ...], after: tuple[str, ...],
          fewer_is_better: bool) -> Change:
    gone = [x for x in before if x not in after]
    new = [x for x in after if x not in before]
    delta = ", ".join([f"+{x}" for x in new] + [f"−{x}" for x in gone]) or "same"
    shrank = len(after) < len(before)
    better = None if len(after) == len(before) else shrank == fewer_is_better
    return Change(label, ", ".join(before) or "none", ", ".join(after) or "none", delta,
                  better)
