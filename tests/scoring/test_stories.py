"""The story vault's pure logic: ranking by fit, detecting the story told, values and export."""

from __future__ import annotations

import pytest

from question_bank import load_bank
from question_bank.model import Company, Question, Value
from scoring.stories import (
    Story,
    detect_story,
    rank_stories,
    story_markdown,
    suggest_values,
    values_grid,
    wanted_type,
)
from tests.scoring.story_fixtures import (
    CHURN,
    CHURN_ANSWER,
    FRAUD,
    LONG_CHURN_ANSWER,
    MIGRATION,
    OTHER_FAILURE_ANSWER,
    PRICING,
    PRICING_ANSWER,
    UNRELATED_ANSWER,
    VAULT,
)

BANK = load_bank()
DOORDASH = BANK.company("doordash")


def _q(qid: str) -> Question:
    question = BANK.question(qid)
    assert question is not None
    return question


def test_a_failure_question_ranks_the_failure_story_first_and_says_why():
    fits = rank_stories(_q("failure-learned"), VAULT)
    assert fits[0].story is CHURN
    assert fits[0].reason == ("Failure story for a failure question; shows failure, learning")
    assert fits[0].score > fits[1].score
    wrong = next(f for f in fits if f.story is PRICING)
    assert "but this is a failure question" in wrong.reason


def test_teamwork_and_success_questions_want_their_own_types():
    assert rank_stories(_q("conflict-with-peer"), VAULT)[0].story is MIGRATION
    assert rank_stories(_q("proudest-achievement"), VAULT)[0].story is PRICING
    assert wanted_type(_q("conflict-with-peer")) == "teamwork_leadership"
    assert wanted_type(_q("proudest-achievement")) == "success"


def test_a_question_with_no_type_ranks_on_competencies_shown():
    fits = rank_stories(_q("tight-deadline"), VAULT)
    assert wanted_type(_q("tight-deadline")) is None
    assert fits[0].story is FRAUD
    assert fits[0].reason == "Other story; shows deadline, prioritization"


def test_a_free_text_question_gets_its_competencies_inferred():
    question = Question("typed", "Tell me about a mistake you made and what you learned.",
                        "story")
    fits = rank_stories(question, VAULT)
    assert fits[0].story is CHURN
    assert "failure question" in fits[0].reason


def test_untagged_notes_still_count_through_their_words():
    untagged = Story(None, "Missed launch", "other",
                     action="Our launch date was tight; the deadline was Friday and we had "
                            "days, not weeks, under pressure.")
    fit = rank_stories(_q("tight-deadline"), [untagged])[0]
    assert "notes suggest deadline" in fit.reason
    assert 0 < fit.score < 1


def test_the_answer_telling_a_story_is_matched_to_it_among_four():
    match = detect_story(CHURN_ANSWER, VAULT)
    assert match is not None and match.story is CHURN
    assert match.similarity > 0.3
    assert match.margin > 0.2 and match.confident
    other = detect_story(PRICING_ANSWER, VAULT)
    assert other is not None and other.story is PRICING
    spoken = ("sure so at my last company finance and marketing never agreed on revenue. i led "
              "moving our dashboards to the new warehouse with two junior analysts i mentored, "
              "set up weekly syncs with finance and we wrote one metric layer together")
    assert detect_story(spoken, VAULT).story is MIGRATION  # lowercase, unpunctuated


def test_a_long_telling_with_repeat_and_link_is_still_matched():
    match = detect_story(LONG_CHURN_ANSWER, VAULT)
    assert match is not None and match.story is CHURN and match.confident


def test_another_failure_in_the_same_words_is_not_taken_for_the_vault_one():
    assert detect_story(OTHER_FAILURE_ANSWER, VAULT) is None


def test_an_unrelated_answer_matches_no_story():
    assert detect_story(UNRELATED_ANSWER, VAULT) is None
    generic = "We had a project with the team and it went well, we used data and the results."
    assert detect_story(generic, VAULT) is None
    assert detect_story(CHURN_ANSWER, []) is None


def test_values_are_suggested_by_the_link_back_matcher_from_action_and_result():
    # "I took ownership" shows a leader; "I built a model" is everyday work, not a maker's
    # value (the link-back matcher no longer links a value from one everyday word).
    assert suggest_values(PRICING, DOORDASH) == ["We are leaders"]
    assert "We are one team" in suggest_values(MIGRATION, DOORDASH)
    scene_only = Story(None, "Context", "other", situation="I was on the pricing team.")
    assert suggest_values(scene_only, DOORDASH) == []
    assert suggest_values(PRICING, None) == []


def test_grid_status_is_red_amber_green_by_story_count():
    company = Company("c", "C", "test", (Value("Ownership", "own it"), Value("Craft", "build"),
                                        Value("Together", "team")))
    one = Story(1, "A", values=("Ownership", "Craft"))
    two = Story(2, "B", values=("ownership",))
    cells = values_grid(company, [one, two])
    assert [(c.value, c.status, len(c.stories)) for c in cells] == [
        ("Ownership", "green", 2), ("Craft", "amber", 1), ("Together", "red", 0)]
    assert cells[2].label == "No story"


def test_markdown_export_has_every_story_and_part():
    text = story_markdown(VAULT)
    assert text.startswith("# Story vault\n")
    assert text.count("\n## ") == 4
    assert "**Result.** Gross margin per order up 6.5%" in text
    assert "Competencies: ownership, customer impact, data quality" in text
    assert "Values: We are leaders, We are makers" in text
    assert "No stories yet." in story_markdown([])


def test_story_type_is_validated():
    with pytest.raises(ValueError):
        Story(None, "x", "triumph")  # type: ignore[arg-type]
