"""Delivery figures from word times: rate over the answer's time, fillers, pauses, thinking time."""

from __future__ import annotations

import pytest

from scoring import Transcript, Word, figures
from scoring.delivery import measure


def timed(spec: list[tuple[str, float]], word_s: float = 0.3) -> Transcript:
    """Words starting at the given times, each lasting `word_s`."""
    words = tuple(Word(text, start, start + word_s) for text, start in spec)
    return Transcript(words, words[-1].end_s + 1.0 if words else 0.0)


def test_rate_is_words_over_the_answers_time_first_word_to_last():
    steady = [(f"w{i}", 2.0 + i * 0.4) for i in range(100)]  # 150 wpm, gaps of 0.1 s
    d = measure(timed(steady))
    span = 99 * 0.4 + 0.3
    assert d.answer_s == pytest.approx(span)
    assert d.wpm == pytest.approx(100 / (span / 60), rel=0.01)  # thinking time excluded


def test_a_169_wpm_answer_with_pauses_is_told_169_not_its_articulation_rate():
    """The issue's case: pauses inside the answer are answer time. Dividing by speech time
    only told a 169 wpm speaker they ran at ~199, past the comfortable band."""
    spec, t = [], 1.5
    for i in range(169):  # 169 words over exactly one minute, first word to last
        spec.append((f"w{i}", t))
        t += 0.3 + (0.6 if i % 10 == 9 else 0.0)  # a 0.3 s pause every tenth word
    words = tuple(Word(text, start, start + 0.3) for text, start in spec)
    scale = 60.0 / (words[-1].end_s - words[0].start_s)
    words = tuple(Word(w.text, 1.5 + (w.start_s - 1.5) * scale, 1.5 + (w.end_s - 1.5) * scale)
                  for w in words)
    d = measure(Transcript(words, words[-1].end_s + 4.0))  # 4 s trailing silence
    assert d.wpm == pytest.approx(169, abs=0.5)
    lo, hi = figures.WPM_COMFORT
    assert lo <= d.wpm <= hi
    assert d.articulation_wpm > d.wpm * 1.1  # reported, under its own name
    with_pause = spec[:50] + [(w, t + 10.0) for w, t in spec[50:]]
    assert measure(timed(with_pause)).wpm < measure(timed(spec)).wpm  # pauses are answer time


def test_fillers_per_minute_are_over_the_answers_time():
    spec = [("um", 0.0)] + [(f"w{i}", 1.0 + i) for i in range(59)]  # one minute, gaps of 0.7 s
    d = measure(timed(spec))
    assert d.fillers_per_min == pytest.approx(1 / (d.answer_s / 60))


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
