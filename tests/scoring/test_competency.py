"""Competencies: taken from the bank, inferred for free-text questions."""

from __future__ import annotations

from question_bank.model import Question
from scoring.competency import competencies, signal_words, unanswered


def q(text: str, comps: tuple[str, ...] = ()) -> Question:
    return Question(id="custom", text=text, kind="story", competencies=comps)


def test_bank_competencies_win():
    assert competencies(q("Tell me about a time you failed.", ("teamwork",))) == ("teamwork",)


def test_free_text_questions_get_inferred_competencies():
    assert "failure" in competencies(q("Describe a mistake you made."))
    assert "deadline" in competencies(q("Tell me about working under a tight deadline."))
    assert "conflict" in competencies(q("When did you disagree with a colleague?"))
    assert competencies(q("Tell me about a project.")) == ()


def test_signal_words_and_unanswered():
    story = "We missed the date because of my mistake, and I learned to plan slack."
    assert signal_words(story, "failure") == ["missed", "mistake"]
    assert signal_words("It went wrong, and I should have checked.", "failure") == [
        "went wrong", "should have"]
    assert signal_words("I learned a lot and it went well.", "failure") == []
    assert unanswered(story, q("Tell me about a failure.")) == []
    assert unanswered("Everything went perfectly.", q("Tell me about a failure.")) == ["failure"]
