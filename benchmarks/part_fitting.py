"""Refitting the part labeller's emission weights on the tune split, and judging a fit.

An averaged structured perceptron (Viterbi decode, update toward the gold sequence) starting
from the hand-set prior in `scoring/parts.py`; cross-validation on the tune split says how
well a fit generalises. Driven by `scoring_accuracy.py --fit` and `--leave-out`; it never
reads the test split.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path

from corpus import CORE_STORY, load_answers, macro_f1, sentence_texts

from question_bank import Question
from scoring import Transcript
from scoring.analysis import BACKGROUND_PARTS, STORY_PARTS
from scoring.features import Context, answer_features
from scoring.parts import PRIOR_WEIGHTS, label_parts, with_derived
from scoring.segment import sentence_texts as split_texts
from scoring.segment import split_sentences

FIT_EPOCHS = 8
FIT_RATE = 0.1
CV_FOLDS = 4
FIT_SEEDS = 5
# Parts dropped from each training story to make the extra copies the fit also learns from:
# a story told without its result must decode without one, so position alone (the last
# sentences) cannot make a result. Env MICDROP_AUGMENT="" turns it off for comparison.
AUGMENT_PARTS = tuple(os.environ.get("MICDROP_AUGMENT", "situation result").split())


def answer_rows(answer: dict, bank) -> tuple[list[dict[str, float]], list[str]]:
    """Features and majority gold part of the analyzer's own sentences."""
    texts = sentence_texts(answer)
    word_gold = [part for (part, _), text in zip(answer["sentences"], texts, strict=True)
                 for _ in text.split()]
    words = Transcript.from_text(" ".join(texts)).words
    spans = split_sentences(words)
    question = Question(id="corpus", text=answer["question"], kind=answer["kind"])
    company = bank.company(answer["company"]) if answer.get("company") else None
    ctx = Context.build(answer["kind"], question, company)
    said = split_texts(words, spans)
    gold = [Counter(word_gold[i:j]).most_common(1)[0][0] for i, j in spans]
    return answer_features(said, ctx), gold


def without_part(answer: dict, part: str) -> dict:
    """The answer told without any sentence of `part`."""
    return {**answer, "sentences": [s for s in answer["sentences"] if s[0] != part]}


def answer_groups(answers: list[dict], kind: str, bank) -> list[list[tuple]]:
    """Per answer of the kind: its row, then one (row, dropped part) per core part whose
    sentences can be dropped leaving something (the perturbations the fit and the
    cross-validation use; `AUGMENT_PARTS` of them are trained on)."""
    core = CORE_STORY if kind == "story" else BACKGROUND_PARTS
    groups = []
    for answer in answers:
        if answer["kind"] != kind:
            continue
        group = [(answer_rows(answer, bank), "")]
        parts = {p for p, _ in answer["sentences"]}
        for part in core:
            if part in parts and parts - {part}:
                group.append((answer_rows(without_part(answer, part), bank), part))
        groups.append(group)
    return groups


def training_rows(groups: list[list[tuple]]) -> list:
    """The rows a fit learns from: every answer, and its copies without `AUGMENT_PARTS`."""
    return [row for group in groups for row, dropped in group
            if not dropped or dropped in AUGMENT_PARTS]


def fit(rows: list[tuple[list[dict[str, float]], list[str]]], kind: str
        ) -> dict[str, dict[str, float]]:
    """The mean of perceptrons trained on several fixed orders of the rows: with a few dozen
    answers one order's luck shows in the weights, and the mean smooths it out."""
    runs = [_perceptron(rows, kind, seed) for seed in range(FIT_SEEDS)]
    parts = runs[0].keys()
    names = {p: {n for r in runs for n in r[p]} for p in parts}
    mean = {p: {n: round(sum(r[p].get(n, 0.0) for r in runs) / len(runs), 2)
                for n in sorted(names[p])} for p in parts}
    return {p: {n: v for n, v in w.items() if v} for p, w in mean.items()}


def _perceptron(rows: list, kind: str, seed: int) -> dict[str, dict[str, float]]:
    """Averaged structured perceptron over the emission and transition weights of a kind."""
    rows = list(rows)
    weights = {p: dict(w) for p, w in PRIOR_WEIGHTS[kind].items()}
    total = {p: dict(w) for p, w in weights.items()}
    steps = 1
    rng = random.Random(seed)  # fixed orders: refitting gives the same weights
    for _ in range(FIT_EPOCHS):
        rng.shuffle(rows)
        for feats, gold in rows:
            predicted = label_parts(feats, kind, weights)
            for i, (f, g, p) in enumerate(zip(feats, gold, predicted, strict=True)):
                if g != p:
                    for name, value in with_derived(f).items():
                        _add(weights, g, name, FIT_RATE * value)
                        _add(weights, p, name, -FIT_RATE * value)
                before = (gold[i - 1], predicted[i - 1]) if i else ("start", "start")
                if (before[0], g) != (before[1], p):
                    _add(weights, g, f"from_{before[0]}", FIT_RATE)
                    _add(weights, p, f"from_{before[1]}", -FIT_RATE)
            steps += 1
            for part, w in weights.items():
                for name, value in w.items():
                    total[part][name] = total[part].get(name, 0.0) + value
    return {p: {n: v / steps for n, v in w.items()} for p, w in total.items()}


def _add(weights: dict[str, dict[str, float]], part: str, name: str, amount: float) -> None:
    weights[part][name] = weights[part].get(name, 0.0) + amount


def leave_file_out(stem: str, bank) -> None:
    """Fit on the tune split without one file, judge on that file alone; nothing written."""
    for kind in ("story", "background"):
        held = answer_groups(load_answers("tune", only=stem), kind, bank)
        if not held:
            continue
        train = answer_groups(load_answers("tune", without=stem), kind, bank)
        weights = fit(training_rows(train), kind)
        print(f"{kind}: fitted without {stem} ({len(train)} answers), judged on it "
              f"({len(held)} answers): {judge(held, kind, weights)}")


def judge(groups: list, kind: str, weights) -> str:
    """`cross_validate`'s figures for fixed weights on the given `answer_groups`."""
    judged = [(gold, label_parts(feats, kind, weights)) for (feats, gold), _ in
              (g[0] for g in groups)]
    return summarize(judged, kind) + "\n    " + dropped_caught(groups, kind, weights)


def cross_validate(groups: list, kind: str) -> str:
    """Accuracy, macro-F1 and missing-part exactness of weights fitted on three quarters of
    the answers and judged on the rest (gold per analyzer sentence, so a close estimate), and
    how often a dropped part is then reported missing (an answer's copies stay in its fold)."""
    judged, caught = [], []
    for held in range(CV_FOLDS):
        train = [g for i, g in enumerate(groups) if i % CV_FOLDS != held]
        weights = fit(training_rows(train), kind)
        mine = [g for i, g in enumerate(groups) if i % CV_FOLDS == held]
        judged += [(gold, label_parts(feats, kind, weights)) for (feats, gold), _ in
                   (g[0] for g in mine)]
        caught += [(part, part not in label_parts(feats, kind, weights))
                   for g in mine for (feats, _), part in g[1:]]
    return summarize(judged, kind) + "\n    " + _caught_line(caught, kind)


def dropped_caught(groups: list, kind: str, weights) -> str:
    """How often each dropped part is reported missing with fixed weights."""
    return _caught_line([(part, part not in label_parts(feats, kind, weights))
                         for g in groups for (feats, _), part in g[1:]], kind)


def _caught_line(caught: list[tuple[str, bool]], kind: str) -> str:
    core = CORE_STORY if kind == "story" else BACKGROUND_PARTS
    shown = []
    for part in core:
        mine = [ok for p, ok in caught if p == part]
        if mine:
            shown.append(f"{part} {sum(mine)}/{len(mine)} {sum(mine) / len(mine):.3f}")
    return "dropped part reported missing: " + ", ".join(shown)


def summarize(judged: list[tuple[list[str], list[str]]], kind: str) -> str:
    """Accuracy, macro-F1 over the core parts and missing-part exactness of (gold, predicted)
    label sequences, with the missing-part accuracy of each part that was ever wrong."""
    core = CORE_STORY if kind == "story" else BACKGROUND_PARTS
    order = STORY_PARTS if kind == "story" else BACKGROUND_PARTS
    pairs = [(g, p) for gold, pred in judged for g, p in zip(gold, pred, strict=True)]
    macro, _per = macro_f1(pairs, core)
    exact = sum({p for p in order if p not in gold} == {p for p in order if p not in pred}
                for gold, pred in judged) / len(judged)
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    wrong = [f"{p} {sum((p in g) == (p in q) for g, q in judged) / len(judged):.3f}"
             for p in order if any((p in g) != (p in q) for g, q in judged)]
    return (f"accuracy {accuracy:.3f}, macro-F1 {macro:.3f}, missing exact {exact:.3f}"
            + (f" (missing {', '.join(wrong)})" if wrong else ""))


def prior_accuracy(rows: list, kind: str) -> float:
    pairs = [(g, p) for feats, gold in rows
             for g, p in zip(gold, label_parts(feats, kind, PRIOR_WEIGHTS[kind]), strict=True)]
    return sum(g == p for g, p in pairs) / len(pairs)


def write_weights(answers: list[dict], bank) -> None:
    """Fit both kinds, report the cross-validation, and write scoring/part_weights.json."""
    fitted = {}
    for kind in ("story", "background"):
        groups = answer_groups(answers, kind, bank)
        rows = [g[0][0] for g in groups]
        print(f"{kind}: prior accuracy {prior_accuracy(rows, kind):.3f}, {CV_FOLDS}-fold CV: "
              f"{cross_validate(groups, kind)}")
        fitted[kind] = fit(training_rows(groups), kind)
    if os.environ.get("MICDROP_FIT_DRY"):
        return
    target = Path(__file__).resolve().parent.parent / "scoring" / "part_weights.json"
    target.write_text(json.dumps(fitted, indent=1, sort_keys=True) + "\n")
    print(f"wrote {target.name}")
