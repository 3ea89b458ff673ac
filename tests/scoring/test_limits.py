"""One answer's worth of words, and something in it to score."""

from __future__ import annotations

import pytest

from question_bank.model import Question
from scoring import Transcript, analyze
from scoring.limits import MAX_ANSWER_WORDS, AnswerTooLong, has_words

QUESTION = Question(id="custom", text="Tell me about a time you failed.", kind="story")


def test_more_words_than_an_answer_can_hold_are_refused_with_the_limit():
    with pytest.raises(AnswerTooLong) as caught:
        analyze(Transcript.from_text("word " * (MAX_ANSWER_WORDS + 1)), QUESTION)
    message = str(caught.value)
    assert f"{MAX_ANSWER_WORDS + 1:,} words" in message and "one interview answer" in message


def test_an_answer_at_the_limit_is_analysed():
    assert analyze(Transcript.from_text("I led it. " * (MAX_ANSWER_WORDS // 3)), QUESTION)


@pytest.mark.parametrize(("text", "expected"), [
    ("", False), ("   \n\t", False), ("😀 🎉👍", False), ("— … ✨ !!", False),
    ("🙂 I did it", True), ("42", True), ("é", True),
])
def test_only_letters_or_digits_are_something_to_score(text, expected):
    assert has_words(Transcript.from_text(text)) is expected
