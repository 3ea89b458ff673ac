"""End-to-end behaviour of `scoring.analyze` on small hand-written answers."""

from __future__ import annotations

import json

from question_bank.model import Company, Question, Value
from scoring import Transcript, analyze

STORY_Q = Question(id="custom", text="Tell me about a time you missed a deadline.", kind="story",
                   follow_ups=("What did you change afterwards?",))
COMPANY = Company("acme", "Acme", "test", (
    Value("We own it", "We take ownership of outcomes", ("ownership", "owner")),
))
STORY = (
    "So you're asking about a deadline I didn't meet. "
    "Last year at my previous company we were launching a new pricing model for merchants. "
    "My task was to deliver the demand forecast by the end of March, with error under 10%. "
    "I built a gradient boosting model because it was faster to iterate than a deep network. "
    "Then I set up a backtest and I reviewed the numbers with finance every week. "
    "The data pipeline broke two weeks before launch and we missed the deadline by ten days. "
    "In the end the forecast cut the error by 30% and saved about $2M a year. "
    "I learned to flag risks early, and that's why I always take ownership of the timeline."
)


def test_contract_fields_are_all_there_and_serialise():
    data = analyze(Transcript.from_text(STORY), STORY_Q, COMPANY).to_dict()
    assert data["schema"] == "micdrop.analysis/1"
    for key in ("kind", "question", "company", "duration_s", "timing_estimated", "transcript",
                "sentences", "parts", "missing_parts", "timing", "delivery", "content",
                "score", "tips", "follow_up"):
        assert key in data
    assert data["company"] == "Acme"
    assert data["timing_estimated"] is True
    assert data["delivery"]["fillers_lower_bound"] is True
    json.dumps(data)


def test_a_complete_story_finds_its_parts_in_order():
    a = analyze(Transcript.from_text(STORY), STORY_Q, COMPANY)
    parts = [s.part for s in a.sentences]
    assert parts[0] == "repeat"
    assert parts[1] == "situation"
    assert "action" in parts and "result" in parts
    assert a.missing_parts == ()
    assert a.content.repeat == "paraphrase"
    assert a.content.values_linked == ("We own it",)
    assert "30%" in a.content.quantified and "$2M" in a.content.quantified


def test_empty_answer_is_valid_and_scores_nothing():
    a = analyze(Transcript.from_text(""), STORY_Q)
    assert a.sentences == () and a.parts == ()
    assert set(a.missing_parts) == {"repeat", "situation", "task", "action", "result", "link"}
    assert a.score == 0
    assert a.tips
