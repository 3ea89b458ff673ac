"""Value links a coach would defend: precision and recall on labelled sentences.

Several sets of labelled sentences exist. Each entry is a sentence with its company, one of the
company's values and whether it shows that value (`linked`); a link is predicted when
`scoring.values` links the value from the sentence standing where it stands (`part`, default
the link part).

- `value_links_tune.toml`: written with the word rules; they are checked on it alone.
- `heldout/value_links.toml` (round 1): scored once against the word rules (precision 0.33,
  recall 0.02 on its test part), reported, and since then TRAINING data: the meaning
  classifier (`scoring/value_meaning.py`) is fitted on it and on the tune set by
  `benchmarks/fit_value_links.py`. Its figures here are training figures, asserted as floors
  so that a change that breaks the fitted model fails; the figures that predict unseen
  sentences are that script's leave-one-company-out ones.
- `heldout2/value_links.toml` (round 2): scored once blind at the end of the second round of
  issue 10 (word rules 0.733 / 0.293, meaning classifier 0.835 / 0.740), reported, and since
  then training data too (with `value_links_train2.toml`); its floors are in-sample figures.
- `heldout3/value_links.toml` (round 3, 351 sentences): written blind, its hard negatives
  near misses (the value shown by someone else, a bare claim, a failure, sarcasm, a name);
  scored once at the end of the third round (word rules 0.521 / 0.253, the classifier before
  the round 0.542 / 0.727, after it 0.709 / 0.633), and since then training data too.
- `heldout4/value_links.toml` (round 4, 488 entries): written blind, its positives conduct
  told without the value's words, its hard negatives everyday senses of value words and
  sentences showing another value; scored once at the end of the fourth round: word rules
  0.463 / 0.113, the classifier before the round 0.833 / 0.566, after it 0.925 / 0.502; since
  then training data too.
- `heldout5/value_links.toml` (round 5, 380 entries): written blind, its sentences from the
  link and result positions of answers, its negatives generic or contradicted tie-backs;
  scored once at the end of the fifth round: word rules 0.638 / 0.351, the classifier before
  the round 0.714 / 0.497, after it 0.730 / 0.538; since then training data too.
- `heldout6/value_links.toml` (round 6, 492 entries): written blind, sentences from every
  position of an answer, positives shown by a concrete choice without the value's words,
  negatives negated, hypothetical, about the company or shown by someone else; scored once at
  the end of the sixth round: word rules 0.138 / 0.046, the classifier before the round
  0.739 / 0.436, after it 0.784 / 0.390. Neither target (0.90 / 0.80) is met: a strict xfail
  says so, and the measured figures, less a margin of a few sentences for int8 kernels that
  differ by CPU, are floors.

Every training sentence is also shipped as an exemplar (`scoring/value_exemplars.npz`), so on
the training files the classifier meets each sentence's own label: their figures say only
that the fitted model and its exemplars load and work together.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from question_bank import load_bank
from scoring.values import link_values

HERE = Path(__file__).parent
TUNE = HERE / "value_links_tune.toml"
ROUND_1 = HERE / "heldout" / "value_links.toml"
HELD_OUT_2 = HERE / "heldout2" / "value_links.toml"
HELD_OUT_3 = HERE / "heldout3" / "value_links.toml"
HELD_OUT_4 = HERE / "heldout4" / "value_links.toml"
HELD_OUT_5 = HERE / "heldout5" / "value_links.toml"
HELD_OUT_6 = HERE / "heldout6" / "value_links.toml"
# Measured on the tune set when the rules were written: precision 1.000, recall 0.896.
TUNE_FLOORS = (0.95, 0.85)
# The fitted classifier on two of its training files (tune + round 1), measured when it was
# refitted in round 4: precision 1.000, recall 0.886 (326 pairs); the floors leave a margin.
TRAINING_FLOORS = (0.95, 0.85)
# What the issue asks of a held-out set.
HELD_OUT_FLOORS = (0.90, 0.80)


def entries(path: Path) -> list[dict]:
    """The file's labelled sentences, one (company, value, text, linked, part, split) each.

    Entries that list the linked values of a sentence (`values = [...]`) instead of one
    `value` with `linked` stand for one entry per value of the company."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    bank = load_bank()
    out = []
    for e in (e for table in data.values() if isinstance(table, list) for e in table):
        if not isinstance(e, dict) or "company" not in e:
            continue
        text = e.get("text") or e.get("sentence")
        if "value" in e:
            out.append({**e, "text": text, "linked": bool(e["linked"])})
            continue
        linked = set(e.get("values", e.get("linked", [])))
        out += [{**e, "text": text, "value": v.name, "linked": v.name in linked}
                for v in bank.company(e["company"]).values]
    return out


def precision_recall(items: list[dict], embed=None) -> tuple[float, float]:
    """With `embed` (the sentence model's), links are decided by meaning."""
    bank = load_bank()
    vectors = embed([e["text"] for e in items]) if embed is not None else [None] * len(items)
    tp = fp = fn = 0
    for e, vector in zip(items, vectors, strict=True):
        found = link_values([e["text"]], [e.get("part", "link")], bank.company(e["company"]),
                            vectors=None if vector is None else np.asarray(vector)[None, :],
                            embed=embed)
        predicted = any(v.value == e["value"] for v in found)
        tp += predicted and e["linked"]
        fp += predicted and not e["linked"]
        fn += e["linked"] and not predicted
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def sentence_embed():
    from audio.sentence_model import load_sentence_model, model_file

    if model_file() is None:
        pytest.skip("the sentence model package is not installed")
    model = load_sentence_model()
    assert model is not None, "the installed model file is not the pinned one"
    return model.embed


def test_the_tune_set_has_hard_negatives_and_is_linked_precisely_by_the_rules():
    items = entries(TUNE)
    negatives = [e for e in items if not e["linked"]]
    assert len(items) >= 100 and len(negatives) >= len(items) / 2
    precision, recall = precision_recall(items)
    assert precision >= TUNE_FLOORS[0], precision
    assert recall >= TUNE_FLOORS[1], recall


def test_the_fitted_meaning_model_on_its_training_files():
    embed = sentence_embed()
    items = entries(TUNE) + entries(ROUND_1)
    precision, recall = precision_recall(items, embed)
    print(f"value links by meaning, training files: {len(items)} sentences, "
          f"precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= TRAINING_FLOORS[0], precision
    assert recall >= TRAINING_FLOORS[1], recall


# Per round, the floors (precision, recall): rounds 2 to 5 in sample after the round-6
# refit (measured 1.000 / 0.807, 0.992 / 0.780, 1.000 / 0.765 and 1.000 / 0.889); round 6 as
# scored once (0.784 / 0.390), less a margin of a few sentences.
ROUND_FLOORS = {HELD_OUT_2: (0.95, 0.77), HELD_OUT_3: (0.95, 0.75), HELD_OUT_4: (0.95, 0.74),
                HELD_OUT_5: (0.95, 0.86), HELD_OUT_6: (0.75, 0.37)}


def _round(path: Path) -> tuple[float, float]:
    embed = sentence_embed()
    precision, recall = precision_recall(entries(path), embed)
    print(f"{path.parent.name} value links: precision {precision:.3f}, recall {recall:.3f}")
    return precision, recall


@pytest.mark.parametrize("path", list(ROUND_FLOORS), ids=lambda path: path.parent.name)
def test_each_scored_link_set_keeps_its_figures(path: Path):
    precision, recall = _round(path)
    floors = ROUND_FLOORS[path]
    assert precision >= floors[0] and recall >= floors[1], (precision, recall)


@pytest.mark.xfail(strict=True, reason="issue 10 is open: the blind round-6 link set, scored "
                   "once, gave precision 0.784 and recall 0.390 with the meaning classifier")
def test_the_blind_held_out_link_set_is_linked_precisely():
    """The blind round-6 set, with the sentence model: scored once, at the end."""
    precision, recall = _round(HELD_OUT_6)
    assert precision >= HELD_OUT_FLOORS[0], precision
    assert recall >= HELD_OUT_FLOORS[1], recall
