"""Any text, however odd, yields a valid analysis that honours the contract."""

from __future__ import annotations

import json
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.model import Company, Question, Value
from scoring import Analysis, Transcript, Word, analyze
from scoring.analysis import BACKGROUND_PARTS, OTHER, STORY_PARTS

STORY_Q = Question(id="custom", text="Tell me about a time you failed.", kind="story")
BACKGROUND_Q = Question(id="custom", text="Tell me about yourself.", kind="background")
COMPANY = Company("acme", "Acme", "test", (Value("Own it", "Act like an owner", ("owner",)),))

WORDS = st.sampled_from([
    "I", "we", "so", "then", "result", "40%", "$3M", "um,", "like,", "ÉCOLE", "数据", "🚀",
    "because", "learned.", "team", "in the end", "deadline", "the", "and", "model", "shipped",
    "Just", "to", "be", "clear", "you're", "asking", "TWO", "weeks", "?", "...", "—",
    " Leading", " space.", "",  # Whisper words carry a leading space; never trust them
])


def assert_valid(transcript: Transcript, question: Question, company=None) -> None:
    a = analyze(transcript, question, company)
    parts = STORY_PARTS if question.kind == "story" else BACKGROUND_PARTS
    # Sentences cover the whole transcript, in order, each a substring of it.
    assert " ".join(s.text for s in a.sentences) == a.transcript == transcript.text
    assert all(s.text in a.transcript for s in a.sentences)
    assert all(s.part in (*parts, OTHER) for s in a.sentences)
    assert all(s.start_s <= s.end_s for s in a.sentences)
    # Parts are the maximal runs of sentence parts.
    runs = [s.part for i, s in enumerate(a.sentences)
            if i == 0 or a.sentences[i - 1].part != s.part]
    assert [p.part for p in a.parts] == runs
    assert all(x.part != y.part for x, y in pairwise(a.parts))
    assert set(a.missing_parts) == {p for p in parts if p not in {s.part for s in a.sentences}}
    assert a.content.repeat in ("paraphrase", "verbatim", "absent")
    assert a.timing.verdict in ("too_short", "on_target", "too_long")
    assert 0 <= a.score <= 100
    assert a.follow_up
    data = json.loads(json.dumps(a.to_dict()))
    assert json.loads(json.dumps(Analysis.from_dict(data).to_dict())) == data


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_text(text):
    assert_valid(Transcript.from_text(text), STORY_Q, COMPANY)


@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, max_size=300), st.booleans())
def test_word_salad_without_punctuation_or_with_caps(words, shout):
    text = " ".join(words)
    text = text.upper() if shout else text
    assert_valid(Transcript.from_text(text), BACKGROUND_Q if shout else STORY_Q)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(WORDS, st.floats(0, 4), st.floats(0.05, 1)), max_size=120))
def test_real_timings_with_gaps(items):
    """Timed words as a transcriber gives them, with pauses of any length between."""
    words, t = [], 0.0
    for text, gap, length in items:
        start = t + gap
        words.append(Word(text, start, start + length))
        t = start + length
    assert_valid(Transcript(tuple(words), t + 1.0), STORY_Q, COMPANY)


def test_empty_one_word_and_ten_thousand_words():
    for text in ("", "Hello", "word " * 10_000, "I did it. " * 3000):
        assert_valid(Transcript.from_text(text), STORY_Q, COMPANY)
        assert_valid(Transcript.from_text(text), BACKGROUND_Q)
