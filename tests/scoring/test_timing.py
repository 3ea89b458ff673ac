"""Per-part timing: maximal runs, band verdicts, and the shape of the answer."""

from __future__ import annotations

from scoring.analysis import Sentence
from scoring.timing import assess, band_verdict, part_spans


def sentences(*spec: tuple[str, float, float]) -> list[Sentence]:
    return [Sentence(part, start, end, part) for part, start, end in spec]


def test_part_spans_are_maximal_runs():
    spans = part_spans(sentences(("situation", 0, 5), ("situation", 5, 9), ("action", 9, 20)))
    assert [(s.part, s.start_s, s.end_s, s.duration_s) for s in spans] == [
        ("situation", 0, 9, 9), ("action", 9, 20, 11)]


def test_band_verdicts():
    short = sentences(("action", 0, 40))
    assert assess("story", short, part_spans(short)).timing.verdict == "too_short"
    good = sentences(("action", 1, 100))
    assert assess("story", good, part_spans(good)).timing.verdict == "on_target"
    assert assess("background", good, part_spans(good)).timing.verdict == "too_long"


def test_too_much_setup_a_short_action_and_a_late_result():
    s = sentences(("situation", 0, 40), ("task", 40, 70), ("action", 70, 95),
                  ("result", 125, 130))
    report = assess("story", s, part_spans(s))
    assert set(report.problems) == {"long_setup", "short_action", "late_result"}
    assert report.setup_share > 0.4
    assert round(sum(report.shares.values()), 2) <= 1.0


def test_a_well_shaped_story_has_no_problems():
    s = sentences(("situation", 0, 15), ("task", 15, 25), ("action", 25, 80),
                  ("result", 80, 100))
    assert assess("story", s, part_spans(s)).problems == ()


def test_a_background_that_is_mostly_history_is_flagged():
    s = sentences(("now", 0, 10), ("then", 10, 55), ("why", 55, 65), ("bridge", 65, 75))
    assert assess("background", s, part_spans(s)).problems == ("long_then",)
    balanced = sentences(("now", 0, 20), ("then", 20, 40), ("why", 40, 55), ("bridge", 55, 70))
    assert assess("background", balanced, part_spans(balanced)).problems == ()


def test_the_verdict_is_made_on_the_whole_seconds_a_clock_shows():
    """120.4 s reads "2:00": it must not be called past a band that ends at 2:00."""
    s = sentences(("action", 2.0, 122.4))
    assert assess("story", s, part_spans(s)).timing.verdict == "on_target"
    s = sentences(("action", 2.0, 122.6))
    assert assess("story", s, part_spans(s)).timing.verdict == "too_long"
    assert band_verdict(89.6, 90, 120) == "on_target"
    assert band_verdict(89.4, 90, 120) == "too_short"


def test_the_verdict_and_the_reported_seconds_round_alike_at_half_seconds():
    """121.4999 s must not be judged as 121 while the report's 121.5 reads 122."""
    s = sentences(("action", 0.0, 121.4999))
    report = assess("story", s, part_spans(s))
    assert report.timing.verdict == band_verdict(report.answer_s, 90, 120)
    s = sentences(("action", 0.0, 120.4999))
    report = assess("story", s, part_spans(s))
    assert report.timing.verdict == "on_target" and round(report.answer_s) == 120
