"""Delivery figures from word times: rate over speech time, fillers, pauses, thinking time."""

from __future__ import annotations

import pytest

from scoring import Transcript, Word, figures
from scoring.delivery import measure


def timed(spec: list[tuple[str, float]], word_s: float = 0.3) -> Transcript:
    """Words starting at the given times, each lasting `word_s`."""
    words = tuple(Word(text, start, start + word_s) for text, start in spec)
    return Transcript(words, words[-1].end_s + 1.0 if words else 0.0)


def test_rate_is_over_speech_time_not_wall_time():
    steady = [(f"w{i}", 2.0 + i * 0.4) for i in range(100)]  # 150 wpm, gaps of 0.1 s
    d = measure(timed(steady))
    assert d.wpm == pytest.approx(100 / ((99 * 0.4 + 0.3) / 60), rel=0.01)
    with_pause = steady[:50] + [(w, t + 10.0) for w, t in steady[50:]]
    assert measure(timed(with_pause)).wpm == pytest.approx(d.wpm, rel=0.01)


def test_thinking_time_and_long_pauses():
    d = measure(timed([("So", 3.2), ("I", 3.6), ("paused", 7.0), ("then", 7.4), ("went", 7.8)]))
    assert d.thinking_time_s == 3.2
    assert len(d.long_pauses) == 1 and d.long_pauses[0][0] == pytest.approx(3.9)
    assert len(d.pauses) == 1  # 0.1 s gaps are not pauses


def test_fillers_and_clusters():
    spec = [("Um,", 0.0), ("I", 0.4), ("uh", 0.8), ("like,", 1.2), ("built", 1.6), ("it,", 2.0),
            ("you", 2.4), ("know,", 2.8), ("and", 30.0), ("I", 30.4), ("like", 30.8),
            ("data", 31.2)]
    d = measure(timed(spec))
    assert [w for w, _ in d.fillers] == ["um", "uh", "like", "you know"]
    assert d.filler_at == (0, 2, 3, 6)  # the second "like" carries meaning, no commas
    assert d.filler_clusters == ((0.0, 2.4, 4),)


def test_i_and_we_counts_and_empty_transcript():
    d = measure(Transcript.from_text("I think we did it, and I'm proud of our team."))
    assert (d.i_count, d.we_count) == (2, 2)
    empty = measure(Transcript((), 0.0))
    assert empty.wpm == 0 and empty.fillers_per_min == 0 and empty.thinking_time_s == 0


def test_figures_are_the_product_brief_ones():
    assert figures.PAUSE_S == 0.25 and figures.LONG_PAUSE_S == 2.5
    assert figures.STORY_BAND_S == (90, 120) and figures.BACKGROUND_BAND_S == (60, 90)
