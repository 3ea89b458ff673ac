"""The ordered decode: skips allowed, limited back-steps, never back to the setup."""

from __future__ import annotations

from scoring.analysis import OTHER, STORY_PARTS
from scoring.parts import label_parts

# Test weights: each part is driven by one feature, so the tests control the emissions.
WEIGHTS = {part: {f"x_{part}": 5.0} for part in (*STORY_PARTS, OTHER)}


# A situation or a result stays only on evidence (`scoring.evidence`); these sentences have it.
EVIDENCE = {"situation": {"ev_context": 1.0}, "result": {"ev_figure": 1.0}}


def decode(*parts: str, evidence: bool = True) -> list[str]:
    feats = [{f"x_{p}": 1.0, **(EVIDENCE.get(p, {}) if evidence else {})} for p in parts]
    return label_parts(feats, "story", WEIGHTS)


def test_clear_evidence_in_order_is_kept():
    assert decode("repeat", "situation", "task", "action", "result", "link") == list(STORY_PARTS)


def test_a_part_without_evidence_is_not_kept_whatever_its_place():
    # Everything in the emissions says "result" for the last sentence, but nothing in it
    # shows an outcome: the decode is redone without a result.
    labels = decode("situation", "task", "action", "result", evidence=False)
    assert "result" not in labels
    assert decode("situation", "task", "action", "result") == [
        "situation", "task", "action", "result"]


def test_parts_can_be_skipped():
    assert decode("situation", "action", "result") == ["situation", "action", "result"]


def test_action_and_result_may_interleave():
    seq = ["situation", "action", "result", "action", "result"]
    assert decode(*seq) == seq


def test_never_back_from_result_to_situation():
    labels = decode("situation", "action", "result", "situation")
    assert labels[:3] == ["situation", "action", "result"]
    assert labels[3] != "situation"


def test_repeat_only_opens_the_answer():
    assert decode("situation", "repeat", "action")[1] != "repeat"


def test_other_keeps_the_progress_of_the_story():
    labels = decode("situation", "action", "result", "other", "situation")
    assert labels[:4] == ["situation", "action", "result", OTHER]
    assert labels[4] != "situation"


def test_builtin_weights_label_a_plain_story():
    feats = [
        {"cue_situation": 2, "early": 1.0, "past": 1.0, "first": 1.0, "ev_context": 1.0},
        {"cue_action": 2, "mid": 1.0, "i": 1.0, "starts_i": 1.0, "late": 0.5},
        {"cue_result": 2, "number": 2, "late": 1.0, "last": 1.0, "ev_figure": 1.0},
    ]
    assert label_parts(feats, "story") == ["situation", "action", "result"]


def test_empty_input():
    assert label_parts([], "background") == []
