"""The ordered decode: skips allowed, limited back-steps, never back to the setup; and the
with-embeddings weights, checked with the real sentence model when it is installed."""

from __future__ import annotations

import numpy as np
import pytest

from audio.sentence_model import load_sentence_model, model_file
from question_bank import Question
from scoring import Transcript, analyze
from scoring.analysis import OTHER, STORY_PARTS
from scoring.parts import (
    CLASSIFIERS,
    EMBED_FITTED,
    EMBED_WEIGHTS,
    label_parts,
    vector_features,
)

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


def test_a_story_may_open_on_its_result_and_then_tell_the_setup():
    # "Long story short, we shipped on time. Let me back up...": the headline is a result.
    seq = ["result", "situation", "task", "action", "result"]
    assert decode(*seq) == seq
    assert decode("repeat", *seq) == ["repeat", *seq]


def test_a_headline_result_still_needs_evidence():
    labels = decode("result", "situation", "action", evidence=False)
    assert "result" not in labels


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


def test_the_with_embeddings_weights_ship_for_stories_only():
    # Background answers keep their word-only weights (embeddings lowered their CV macro-F1).
    assert set(EMBED_FITTED) == {"story"}
    weights, bias, names = CLASSIFIERS["story"]
    assert names == (*STORY_PARTS, OTHER)
    assert weights.shape == (384, len(names)) and bias.shape == (len(names),)
    # the perceptron learnt to weigh the classifier: for each core part, the sentence
    # classifier's log-probability of that part counts for it
    assert all(EMBED_WEIGHTS["story"][p].get(f"lp_{p}", 0.0) > 0
               for p in ("situation", "task", "action", "result"))


def test_vectors_without_a_classifier_change_nothing():
    feats = [{"x_situation": 1.0, "ev_context": 1.0}, {"x_action": 1.0},
             {"x_result": 1.0, "ev_figure": 1.0}]
    vectors = np.ones((3, 384)) / np.sqrt(384)
    assert label_parts(feats, "story", WEIGHTS, vectors) == label_parts(feats, "story", WEIGHTS)


needs_model = pytest.mark.skipif(model_file() is None, reason="sentence model not installed")
# Plain answers written for this test, one sentence per part as labelled.
PLAIN = {
    "story": ("Tell me about a time you fixed a slow process.", [
        ("situation", "Two years ago I worked as an analyst at a regional grocery chain."),
        ("situation", "Store managers waited three days for the weekly stock report."),
        ("task", "My job was to get the report to them by Monday morning."),
        ("action", "I rewrote the spreadsheet steps as one scheduled database query."),
        ("action", "Then I walked two managers through the new report and fixed what confused "
                   "them."),
        ("result", "The report now arrives every Monday at eight, and waste fell by about "
                   "ten percent."),
    ]),
    "background": ("Tell me about your background.", [
        ("now", "I'm currently a data scientist at a travel company, where I run pricing "
                "experiments."),
        ("then", "Before that I spent four years as a statistician in public health."),
        ("why", "I'm applying because I want to work on products that people use every day."),
        ("bridge", "From day one I would bring careful experiment design to your team."),
    ]),
}


def _with_model(kind: str, sentences: list[tuple[str, str]]):
    question, _ = PLAIN[kind]
    return analyze(Transcript.from_text(" ".join(t for _, t in sentences)),
                   Question(id="q", text=question, kind=kind),
                   embed=load_sentence_model().embed)


@needs_model
@pytest.mark.parametrize("kind", sorted(PLAIN))
def test_with_the_sentence_model_plain_answers_are_labelled_right(kind: str):
    sentences = PLAIN[kind][1]
    analysis = _with_model(kind, sentences)
    assert [s.text for s in analysis.sentences] == [t for _, t in sentences]
    assert [s.part for s in analysis.sentences] == [p for p, _ in sentences]


@needs_model
def test_with_the_sentence_model_a_story_that_stops_after_its_actions_has_no_result():
    sentences = [s for s in PLAIN["story"][1] if s[0] != "result"]
    analysis = _with_model("story", sentences)
    assert "result" in analysis.missing_parts
    assert not {"situation", "task", "action"} & set(analysis.missing_parts)


@needs_model
def test_the_sentence_classifier_reads_an_outcome_as_a_result_and_a_step_as_an_action():
    vectors = load_sentence_model().embed([
        "Complaints fell by half within a month and the team kept the new process.",
        "I wrote a script that compared the two tables every night.",
    ])
    rows = vector_features(vectors, CLASSIFIERS["story"])
    assert [max(r, key=r.get) for r in rows] == ["lp_result", "lp_action"]
