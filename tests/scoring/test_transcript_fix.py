"""Fix and rescore: the user's corrected words keep the recognizer's timing where they can."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank import load_bank
from scoring import Transcript, Word, analyze
from scoring.limits import MAX_ANSWER_WORDS
from scoring.transcript_fix import (
    NOMINAL_WORD_S,
    align,
    fix_transcript,
    rescore,
    words_of,
)
from tests.scoring.fix_example import FIXED, HEARD

HEARD_WORDS = [Word("We", 0.5, 0.7), Word("cut", 0.8, 1.0), Word("the", 1.0, 1.1),
               Word("arrow", 1.2, 1.6), Word("by", 1.7, 1.8), Word("dirty", 1.9, 2.3),
               Word("percent.", 2.3, 2.8)]


def _fix(text: str, duration: float = 4.0) -> Transcript:
    return fix_transcript(HEARD_WORDS, text, duration)[0]


def _times(t: Transcript) -> list[tuple[str, float, float]]:
    return [(w.text, w.start_s, w.end_s) for w in t.words]


def assert_monotonic(t: Transcript) -> None:
    previous_end = 0.0
    for w in t.words:
        assert previous_end <= w.start_s <= w.end_s, _times(t)
        previous_end = w.end_s
    assert previous_end <= t.duration_s


def test_unchanged_text_keeps_every_time_exactly() -> None:
    fixed, summary = fix_transcript(HEARD_WORDS, "We cut the arrow by dirty percent.", 4.0)
    assert fixed.words == tuple(HEARD_WORDS)
    assert (summary.kept, summary.estimated, summary.removed) == (7, 0, 0)
    assert not fixed.timing_estimated and fixed.duration_s == 4.0


def test_case_and_punctuation_do_not_make_a_word_new_but_the_new_spelling_is_kept() -> None:
    fixed = _fix("we cut the arrow, by dirty percent")
    assert [w.text for w in fixed.words][:4] == ["we", "cut", "the", "arrow,"]
    assert [(w.start_s, w.end_s) for w in fixed.words] == [
        (w.start_s, w.end_s) for w in HEARD_WORDS]


def test_misheard_words_take_the_slot_of_the_words_they_replace() -> None:
    fixed = _fix("We cut the error by thirty percent.")
    assert _times(fixed) == [("We", 0.5, 0.7), ("cut", 0.8, 1.0), ("the", 1.0, 1.1),
                             ("error", 1.2, 1.6), ("by", 1.7, 1.8), ("thirty", 1.9, 2.3),
                             ("percent.", 2.3, 2.8)]


def test_one_word_heard_as_two_shares_its_span() -> None:
    fixed = _fix("We cut the error rate by thirty percent.")
    assert _times(fixed)[3:5] == [("error", 1.2, 1.4), ("rate", 1.4, 1.6)]
    assert_monotonic(fixed)


def test_insertion_at_the_start_goes_before_the_first_word() -> None:
    fixed = _fix("So we cut the arrow by dirty percent.")
    assert fixed.words[0].text == "So" and fixed.words[0].start_s == 0.0
    assert fixed.words[0].end_s <= 0.5
    assert fixed.words[1:] == tuple(Word(w.text.replace("We", "we"), w.start_s, w.end_s)
                                    for w in HEARD_WORDS)
    assert_monotonic(fixed)


def test_insertion_in_the_middle_fills_the_gap_between_its_neighbours() -> None:
    fixed = _fix("We cut the arrow down by dirty percent.")
    down = fixed.words[4]
    assert down.text == "down" and 1.6 <= down.start_s <= down.end_s <= 1.7
    assert_monotonic(fixed)


def test_insertion_at_the_end_runs_on_at_a_nominal_rate_past_a_short_recording() -> None:
    fixed, summary = fix_transcript(HEARD_WORDS, "We cut the arrow by dirty percent. "
                                    "Customers noticed within days.", 3.0)
    added = fixed.words[7:]
    assert [w.text for w in added] == ["Customers", "noticed", "within", "days."]
    assert added[0].start_s == 2.8
    assert added[-1].end_s == pytest.approx(2.8 + 4 * NOMINAL_WORD_S, abs=0.002)
    assert fixed.duration_s == added[-1].end_s and summary.added == 4
    assert_monotonic(fixed)


def test_deleted_words_disappear_and_the_rest_keep_their_times() -> None:
    fixed, summary = fix_transcript(HEARD_WORDS, "We cut the arrow.", 4.0)
    assert _times(fixed) == [("We", 0.5, 0.7), ("cut", 0.8, 1.0), ("the", 1.0, 1.1),
                             ("arrow.", 1.2, 1.6)]
    assert summary.removed == 3


def test_a_full_rewrite_spreads_over_the_heard_span_and_is_marked_estimated() -> None:
    fixed, summary = fix_transcript(HEARD_WORDS, "Revenue grew a lot", 4.0)
    assert [w.text for w in fixed.words] == ["Revenue", "grew", "a", "lot"]
    assert fixed.words[0].start_s == 0.5 and fixed.words[-1].end_s == 2.8
    assert fixed.timing_estimated and summary.kept == 0
    assert_monotonic(fixed)


def test_nothing_heard_gives_nominal_times_from_zero() -> None:
    fixed, _ = fix_transcript([], "We shipped it.", 0.0)
    assert fixed.words[0].start_s == 0.0 and fixed.timing_estimated
    assert_monotonic(fixed)


_token = st.sampled_from(["we", "cut", "the", "error", "arrow", "by", "thirty", "dirty",
                          "percent.", "so", "and", "I", "shipped", "it", "um,"])


@st.composite
def _heard(draw: st.DrawFn) -> tuple[list[Word], float]:
    texts = draw(st.lists(_token, max_size=25))
    gaps = draw(st.lists(st.floats(0.0, 2.0), min_size=len(texts), max_size=len(texts)))
    lengths = draw(st.lists(st.floats(0.0, 1.0), min_size=len(texts), max_size=len(texts)))
    words, t = [], 0.0
    for text, gap, length in zip(texts, gaps, lengths, strict=True):
        start = round(t + gap, 3)
        t = round(start + length, 3)
        words.append(Word(text, start, t))
    return words, round(t + draw(st.floats(0.0, 3.0)), 3)


@settings(max_examples=300, deadline=None)
@given(_heard(), st.lists(_token, max_size=30))
def test_times_are_always_monotonic_and_kept_words_keep_their_times(heard, new) -> None:
    words, duration = heard
    fixed, summary = fix_transcript(words, " ".join(new), duration)
    assert [w.text for w in fixed.words] == new
    assert_monotonic(fixed)
    assert fixed.duration_s >= duration
    heard_times = {(w.text.casefold(), w.start_s, w.end_s) for w in words}
    kept = [w for w in fixed.words if (w.text.casefold(), w.start_s, w.end_s) in heard_times]
    assert len(kept) >= summary.kept
    assert summary.kept + summary.estimated == len(new)


def test_rescore_finds_the_figure_the_recognizer_misheard() -> None:
    bank = load_bank()
    question, company = bank.question("proudest-achievement"), bank.company("amazon")
    heard = analyze(Transcript.from_text(HEARD), question, company)
    heard_before = heard.to_dict()
    fixed = rescore(heard, question, company, FIXED)
    assert heard.to_dict() == heard_before  # the original analysis is untouched
    assert heard.content.quantified == () and fixed.content.quantified == ("thirty percent",)
    assert heard.content.values_linked == ()
    assert fixed.content.values_linked == ("Customer Obsession",)
    assert fixed.score > heard.score
    assert fixed.transcript == FIXED
    assert fixed.extra["original_transcript"] == HEARD and fixed.extra["transcript_edited"]
    assert fixed.extra["estimated_word_times"] == 4  # thirty, error, customer obsession
    # every unchanged word kept its exact time
    misheard, said = {"arrow", "dirty", "costumer", "abs", "session"}, {
        "error", "thirty", "customer", "obsession"}
    assert [(w.start_s, w.end_s) for w in words_of(fixed) if w.text not in said] == [
        (w.start_s, w.end_s) for w in words_of(heard) if w.text not in misheard]
    # editing the edit keeps pointing at what the recognizer heard
    again = rescore(fixed, question, company, FIXED + " It was worth it.")
    assert again.extra["original_transcript"] == HEARD


def _apply(ops, a: list[str], b: list[str]) -> list[str]:
    """The opcodes replayed on `a`: they must cover both sides in order and rebuild `b`."""
    out, i, j = [], 0, 0
    for op, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j) and op in ("equal", "replace", "insert", "delete")
        if op == "equal":
            assert a[i1:i2] == b[j1:j2]
        out += b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(_token, max_size=40), st.lists(_token, max_size=40), st.integers(0, 50))
def test_alignment_opcodes_rebuild_the_new_text_whatever_the_split(a, b, small) -> None:
    """`small` 0 forces the anchored path on every region; the default uses difflib alone."""
    assert _apply(align(a, b, small), a, b) == b
    assert _apply(align(a, b), a, b) == b


def _corpus_words(n: int) -> list[str]:
    """Real answer text from the labelled corpus, as a long transcript would hold."""
    corpus = Path(__file__).parent / "corpus"
    words: list[str] = []
    for path in sorted(corpus.glob("*.toml")):
        for answer in tomllib.loads(path.read_text(encoding="utf-8")).get("answer", []):
            words += " ".join(s[1] for s in answer["sentences"]).split()
            if len(words) >= n:
                return words[:n]
    raise AssertionError("corpus too small")


def test_the_longest_answer_aligns_in_well_under_a_second_per_thousand_words() -> None:
    """15,000 words (the most one answer may have) with a word fixed in every 30: plain
    difflib took over a minute here; the anchored alignment takes about a tenth of a
    second. The bound leaves a wide margin for a loaded machine."""
    text = _corpus_words(MAX_ANSWER_WORDS)
    heard = [Word(t, round(i * 0.4, 3), round(i * 0.4 + 0.3, 3)) for i, t in enumerate(text)]
    fixed = list(text)
    fixed[::30] = ["changed"] * len(fixed[::30])
    started = time.perf_counter()
    result, summary = fix_transcript(heard, " ".join(fixed), len(text) * 0.4)
    elapsed = time.perf_counter() - started
    assert elapsed < 10.0, elapsed
    assert summary.changed == len(fixed[::30]) and summary.kept == len(text) - summary.changed
    assert all(w.start_s == h.start_s for w, h in zip(result.words, heard, strict=True))
