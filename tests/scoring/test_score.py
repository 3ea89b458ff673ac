"""Score from named weights; tips by impact, each with evidence; follow-up by gap."""

from __future__ import annotations

from scoring import score
from scoring.score import Item


def test_score_is_the_share_of_applicable_weight_earned():
    assert score.score("story", [Item("action", 1.0), Item("result", 1.0)]) == 100
    half = [Item("action", 1.0), Item("result", 0.0)]
    assert score.score("story", half) == 50  # action and result weigh the same
    assert score.score("story", [Item("not_a_weight", 0.0), Item("action", 1.0)]) == 100


def test_required_parts_weigh_more_than_repeat_and_link():
    w = score.STORY_WEIGHTS
    assert min(w[p] for p in ("situation", "task", "action", "result")) > w["repeat"]
    assert min(w[p] for p in ("situation", "task", "action", "result")) > w["link"]


def test_tips_come_most_impactful_first_with_their_evidence():
    items = [Item("repeat", 0.0, "rephrase"), Item("result", 0.0, "add a result"),
             Item("vague_outcome", 0.0, "be specific", ("it went well",)), Item("action", 1.0)]
    tips = score.tips("story", items)
    assert [t.text for t in tips] == ["add a result", "be specific", "rephrase"]
    assert tips[1].evidence == ("it went well",)


def test_follow_up_targets_the_gap_then_falls_back():
    gaps = [Item("lesson", 0.0), Item("quantified_result", 0.0)]
    assert "measure" in score.follow_up(gaps, ())
    assert "change" in score.follow_up([Item("lesson", 0.0)], ())
    assert score.follow_up([Item("action", 1.0)], ("Who else was involved?",)) == \
        "Who else was involved?"
    assert score.follow_up([], ()) == score.DEFAULT_FOLLOW_UP


def test_a_story_missing_only_its_link_is_asked_how_it_shows_the_way_they_work():
    asked = score.follow_up([Item("link", 0.0), Item("lesson", 1.0)], ("What would you change?",))
    assert "how you would work here" in asked
    assert "responsible" in score.follow_up([Item("task", 0.0), Item("link", 0.0)], ())


def test_an_item_can_cap_the_whole_score():
    items = [Item("situation", 1.0), Item("action", 1.0), Item("length", 0.1, cap=0.6)]
    assert score.score("story", items) == 60
    assert score.score("story", [Item("situation", 1.0), Item("action", 1.0)]) == 100
