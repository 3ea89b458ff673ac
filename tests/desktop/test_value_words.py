"""A linked value is shown with the words that made the link, in the window and the terminal."""

from __future__ import annotations

from desktop.feedback_text import render_feedback
from desktop.widgets.feedback_labels import checklist_html
from question_bank import Question, load_bank
from scoring import Transcript, analyze

ANSWER = (
    "Last year I was the only analyst on the seller payments team. "
    "My job was to find why the weekly payout report was wrong. "
    "Nobody owned the report, so I took ownership of it and traced the gap to refunds. "
    "The payouts matched the bank again within a week. "
    "For me that's what ownership means, you see it through even when it isn't your job."
)


def test_the_value_is_shown_with_its_words():
    question = Question(id="q", text="Tell me about a time you took ownership.", kind="story")
    a = analyze(Transcript.from_text(ANSWER), question, load_bank().company("amazon"))
    assert "Ownership" in a.content.values_linked
    link = next(v for v in a.extra["value_links"] if v["value"] == "Ownership")
    assert "took ownership" in link["words"]
    assert "Ownership (“" in checklist_html(a) and "“took ownership”" in checklist_html(a)
    assert "“took ownership”" in render_feedback(a)
