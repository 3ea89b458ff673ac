"""Refitting the part labeller's emission weights on the tune split (judged by `part_judging`).

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

import numpy as np
from corpus import CORE_STORY, earlier_rounds, load_answers, sentence_texts
from part_judging import (
    SPOKEN,
    caught_line,
    heard_pairs,
    judge,
    judge_heard,
    judge_pairs,
    prior_accuracy,
    summarize,
)
from spoken import align, cached_transcript, rate_for

from question_bank import Question
from scoring import Transcript
from scoring.analysis import BACKGROUND_PARTS
from scoring.features import Context, answer_features
from scoring.parts import (
    EMBED_FILE,
    PRIOR_WEIGHTS,
    label_parts,
    vector_features,
    with_derived,
)
from scoring.segment import sentence_texts as split_texts
from scoring.segment import split_sentences

FIT_EPOCHS = 8
FIT_RATE = 0.1
CV_FOLDS = 4
FIT_SEEDS = int(os.environ.get("MICDROP_FIT_SEEDS", "5"))  # fewer for quick comparisons
# Parts dropped from each training story to make the extra copies the fit also learns from:
# a story told without its result must decode without one, so position alone (the last
# sentences) cannot make a result. Env MICDROP_AUGMENT="" turns it off for comparison.
AUGMENT_PARTS = tuple(os.environ.get("MICDROP_AUGMENT", "situation result").split())
# The sentence classifier's fit (`fit_classifier`): steps, step size and L2 penalty, chosen
# on the development set (fit on tune, judged on round 1).
CLASSIFIER_STEPS = 300
CLASSIFIER_RATE = 0.5
CLASSIFIER_L2 = 1e-3
# The kinds that get a with-embeddings weight set. Not background answers: in the 4-fold CV
# on tune (round 1 in every fold) embeddings lowered their macro-F1 from 0.955 to 0.931, so
# they keep the word-only weights even when the model is there.
EMBED_KINDS = ("story",)
# Answers whose spoken transcript is cached (benchmarks/spoken.py) also train as heard: Whisper
# breaks sentences and punctuates its own way, and the labeller should learn from that too.
# Env MICDROP_SPOKEN_TRAINING=0 turns it off for comparison. Development figures (`--dev
# --embed`, judged on rounds 1 and 2, 170 stories; off -> on): word-only, CV over the rounds,
# macro-F1 as heard 0.836 -> 0.848, clean 0.870 -> 0.873; with embeddings, fit on tune (50 of
# its answers heard), complete stories told their result is missing 16 -> 12 of 129 clean and
# 22 -> 18 of 125 as heard, macro-F1 0.894 -> 0.896 clean, 0.846 -> 0.846 heard.
SPOKEN_TRAINING = os.environ.get("MICDROP_SPOKEN_TRAINING", "1") == "1"
# Env MICDROP_FIT_CV=0 writes the weights without the cross-validation report (which takes
# most of a fit's time; `--dev` gives the development figures).
REPORT_CV = os.environ.get("MICDROP_FIT_CV", "1") == "1"
# The sentence classifier also learns from the heard sentences (it saw only the clean ones
# before). Leave-one-round-out with embeddings (tune and two rounds, judged on the third;
# clean / as heard macro-F1, stories with a result told it is missing), off -> on: round 1
# 0.909 / 0.885, 6 -> 0.911 / 0.888, 5; round 2 0.898 / 0.847, 7 -> 0.900 / 0.858, 6; round 3
# 0.859 / 0.810, 5 -> 0.875 / 0.817, 4. Env MICDROP_HEARD_CLASSIFIER=0 turns it off.
HEARD_CLASSIFIER = os.environ.get("MICDROP_HEARD_CLASSIFIER", "1") == "1"
# How many times each earlier-round answer counts in a fit (1: tried 3 and 6 on the
# development set with round 1, no better).
EARLIER_REPEAT = int(os.environ.get("MICDROP_EARLIER_REPEAT", "1"))


def answer_rows(answer: dict, bank, embed=None) -> tuple:
    """Features, majority gold part and embeddings (None without `embed`) of the analyzer's
    own sentences."""
    texts = sentence_texts(answer)
    word_gold = [part for (part, _), text in zip(answer["sentences"], texts, strict=True)
                 for _ in text.split()]
    return _rows(Transcript.from_text(" ".join(texts)).words, word_gold, answer, bank, embed)


def heard_rows(answer: dict, bank, embed=None) -> tuple | None:
    """The rows of the answer as the bundled Whisper heard it said by espeak-ng (a transcript
    an earlier `--spoken` run cached; None when there is none), gold parts aligned word by
    word: Whisper's own sentence breaks and punctuation are what the app analyses."""
    texts = sentence_texts(answer)
    heard = cached_transcript(" ".join(texts), rate_for(answer["id"]))
    if heard is None or not heard.words:
        return None
    gold_words = [w for t in texts for w in t.split()]
    gold_labels = [p for (p, _), t in zip(answer["sentences"], texts, strict=True)
                   for _ in t.split()]
    word_gold = align(gold_words, gold_labels, [w.text for w in heard.words])
    return _rows(heard.words, word_gold, answer, bank, embed)


def _rows(words, word_gold: list[str], answer: dict, bank, embed) -> tuple:
    spans = split_sentences(words)
    question = Question(id="corpus", text=answer["question"], kind=answer["kind"])
    company = bank.company(answer["company"]) if answer.get("company") else None
    ctx = Context.build(answer["kind"], question, company)
    said = split_texts(words, spans)
    gold = [Counter(word_gold[i:j]).most_common(1)[0][0] for i, j in spans]
    return answer_features(said, ctx), gold, (embed(said) if embed is not None else None)


def without_part(answer: dict, part: str) -> dict:
    """The answer told without any sentence of `part`."""
    return {**answer, "sentences": [s for s in answer["sentences"] if s[0] != part]}


def answer_groups(answers: list[dict], kind: str, bank, embed=None) -> list[list[tuple]]:
    """Per answer of the kind: its row, then one (row, dropped part) per core part whose
    sentences can be dropped leaving something (the perturbations the fit and the
    cross-validation use; `AUGMENT_PARTS` of them are trained on)."""
    core = CORE_STORY if kind == "story" else BACKGROUND_PARTS
    groups = []
    for answer in answers:
        if answer["kind"] != kind:
            continue
        group = [(answer_rows(answer, bank, embed), "")]
        parts = {p for p, _ in answer["sentences"]}
        for part in core:
            if part in parts and parts - {part}:
                group.append((answer_rows(without_part(answer, part), bank, embed), part))
        heard = heard_rows(answer, bank, embed)
        if heard is not None:
            group.append((heard, SPOKEN))
        groups.append(group)
    return groups


def training_rows(groups: list[list[tuple]]) -> list:
    """The rows a fit learns from: every answer, and its copies without `AUGMENT_PARTS`."""
    return [row for group in groups for row, dropped in group
            if not dropped or dropped in AUGMENT_PARTS or (dropped == SPOKEN and SPOKEN_TRAINING)]


def fit(rows: list[tuple], kind: str) -> dict[str, dict[str, float]]:
    """The mean of perceptrons trained on several fixed orders of the rows: with a few dozen
    answers one order's luck shows in the weights, and the mean smooths it out."""
    runs = [_perceptron(rows, kind, seed) for seed in range(FIT_SEEDS)]
    parts = runs[0].keys()
    names = {p: {n for r in runs for n in r[p]} for p in parts}
    mean = {p: {n: round(sum(r[p].get(n, 0.0) for r in runs) / len(runs), 2)
                for n in sorted(names[p])} for p in parts}
    return {p: {n: v for n, v in w.items() if v} for p, w in mean.items()}


def fit_model(groups: list, kind: str, embedded: bool) -> tuple:
    """(word weights, sentence classifier or None) fitted on the groups' training rows.

    With `embedded`, a classifier of the sentence vectors (`fit_classifier`) gives every
    sentence one log-probability feature per part, which the perceptron weighs with the
    rest. The training rows get theirs from classifiers fitted without their own answer
    (CV_FOLDS-way cross-fitting), so the perceptron learns how far to trust the classifier
    on answers it has not seen, not on answers it has memorised; the classifier shipped is
    fitted on every answer."""
    if not embedded:
        return fit(training_rows(groups), kind), None
    rows = []
    for held in range(CV_FOLDS):
        classifier = fit_classifier([g for i, g in enumerate(groups) if i % CV_FOLDS != held],
                                    kind)
        rows += [(_with_vectors(feats, vectors, classifier), gold, vectors)
                 for feats, gold, vectors in training_rows(
                     [g for i, g in enumerate(groups) if i % CV_FOLDS == held])]
    return fit(rows, kind), fit_classifier(groups, kind)


def fit_classifier(groups: list, kind: str) -> tuple:
    """Multinomial logistic regression from a sentence's vector to its part (gold of the
    complete answers' sentences), L2-regularised, by full-batch gradient descent on
    standardised vectors; returned as (weights, bias, parts) on the raw vectors."""
    parts = tuple(PRIOR_WEIGHTS[kind])  # the parts, then other
    rows = [g[0][0] for g in groups]
    if HEARD_CLASSIFIER:
        rows += [row for g in groups for row, dropped in g[1:] if dropped == SPOKEN]
    x = np.concatenate([vectors for _, _, vectors in rows]).astype(float)
    y = np.eye(len(parts))[[parts.index(p) for _, gold, _ in rows for p in gold]]
    mean, scale = x.mean(0), x.std(0) + 1e-6
    x = (x - mean) / scale
    weights, bias = np.zeros((x.shape[1], len(parts))), np.zeros(len(parts))
    for _ in range(CLASSIFIER_STEPS):
        z = x @ weights + bias
        z = np.exp(z - z.max(1, keepdims=True))
        error = z / z.sum(1, keepdims=True) - y
        weights -= CLASSIFIER_RATE * (x.T @ error / len(x) + CLASSIFIER_L2 * weights)
        bias -= CLASSIFIER_RATE * error.mean(0)
    weights = weights / scale[:, None]
    return weights, bias - mean @ weights, parts


def _with_vectors(feats: list[dict[str, float]], vectors, classifier) -> list[dict]:
    return [{**f, **v} for f, v in zip(feats, vector_features(vectors, classifier), strict=True)]


def _perceptron(rows: list, kind: str, seed: int) -> dict[str, dict[str, float]]:
    """Averaged structured perceptron over the emission and transition weights of a kind.

    The average over steps is kept lazily (each update also adds step x update to `late`;
    the mean is then final - late / steps), which gives the same weights as summing every
    step's weights but costs only the updates."""
    rows = list(rows)
    weights = {p: dict(w) for p, w in PRIOR_WEIGHTS[kind].items()}
    late: dict[str, dict[str, float]] = {p: {} for p in weights}
    step = 1
    rng = random.Random(seed)  # fixed orders: refitting gives the same weights
    for _ in range(FIT_EPOCHS):
        rng.shuffle(rows)
        for feats, gold, _vectors in rows:
            predicted = label_parts(feats, kind, weights)
            for i, (f, g, p) in enumerate(zip(feats, gold, predicted, strict=True)):
                if g != p:
                    for name, value in with_derived(f).items():
                        _add(weights, late, step, g, name, FIT_RATE * value)
                        _add(weights, late, step, p, name, -FIT_RATE * value)
                before = (gold[i - 1], predicted[i - 1]) if i else ("start", "start")
                if (before[0], g) != (before[1], p):
                    _add(weights, late, step, g, f"from_{before[0]}", FIT_RATE)
                    _add(weights, late, step, p, f"from_{before[1]}", -FIT_RATE)
            step += 1
    return {p: {n: v - late[p].get(n, 0.0) / step for n, v in w.items()}
            for p, w in weights.items()}


def _add(weights: dict[str, dict[str, float]], late: dict[str, dict[str, float]], step: int,
         part: str, name: str, amount: float) -> None:
    weights[part][name] = weights[part].get(name, 0.0) + amount
    late[part][name] = late[part].get(name, 0.0) + step * amount


def leave_file_out(stem: str, bank) -> None:
    """Fit on the tune split without one file, judge on that file alone; nothing written."""
    for kind in ("story", "background"):
        held = answer_groups(load_answers("tune", only=stem), kind, bank)
        if not held:
            continue
        train = answer_groups(load_answers("tune", without=stem), kind, bank)
        model = fit_model(train, kind, False)
        print(f"{kind}: fitted without {stem} ({len(train)} answers), judged on it "
              f"({len(held)} answers): {judge(held, kind, model)}")


def cross_validate(groups: list, kind: str, embedded: bool = False, extra: list = (),
                   repeat: int = 1) -> str:
    """Accuracy, macro-F1 and missing-part exactness of a model fitted on three quarters of
    the answers (plus every answer of `extra`) and judged on the rest (gold per analyzer
    sentence, so a close estimate), and how often a dropped part is then reported missing
    (an answer's copies stay in its fold). The folds' training answers count `repeat` times."""
    judged, caught, heard = [], [], []
    for held in range(CV_FOLDS):
        train = [g for i, g in enumerate(groups) if i % CV_FOLDS != held]
        model = fit_model([*train * repeat, *extra], kind, embedded)
        mine = [g for i, g in enumerate(groups) if i % CV_FOLDS == held]
        more_judged, more_caught = judge_pairs(mine, kind, model)
        judged += more_judged
        caught += more_caught
        heard += heard_pairs(mine, kind, model)
    return (summarize(judged, kind) + "\n    " + caught_line(caught, kind)
            + (f"\n    as heard ({len(heard)}): {summarize(heard, kind)}" if heard else ""))


def dev_report(bank, embed=None) -> None:
    """Development figures on the earlier held-out rounds (`corpus.EARLIER_ROUNDS`, each
    scored once and then made training data), word-only and, with `embed`, with embeddings;
    clean and as heard: fit on the corpus tune split alone and judge on the rounds, then
    leave one round out (fit on tune and the other rounds, judge the round left out). Each
    round was written a different way, so leaving a whole round out is the nearest thing to
    a new held-out set the earlier data gives."""
    tune, dev = load_answers("tune"), earlier_rounds()
    rounds = sorted({a["round"] for a in dev})
    for kind in ("story", "background"):
        train = answer_groups(tune, kind, bank, embed)
        by_round = {r: answer_groups([a for a in dev if a["round"] == r], kind, bank, embed)
                    for r in rounds}
        held = [g for r in rounds for g in by_round[r]]
        for embedded in (False, True) if embed is not None else (False,):
            name = "+embeddings" if embedded else "word-only"
            model = fit_model(train, kind, embedded)
            print(f"{kind} {name}, fit on tune, judged on the earlier rounds ({len(held)}):"
                  f"\n    {judge(held, kind, model)}\n    as heard: "
                  + judge_heard(held, kind, model), flush=True)
            for left in rounds if kind == "story" else ():
                others = [g for r in rounds if r != left for g in by_round[r]]
                model = fit_model([*train, *others], kind, embedded)
                mine = by_round[left]
                print(f"{kind} {name}, fit on tune and the other rounds, judged on {left} "
                      f"({len(mine)}):\n    {judge(mine, kind, model)}\n    as heard: "
                      + judge_heard(mine, kind, model), flush=True)
    if embed is not None:
        embed.save()


def write_weights(answers: list[dict], bank, embed=None) -> None:
    """Fit both kinds on the tune split and the earlier rounds, report the cross-validation
    (unless MICDROP_FIT_CV=0), and write
    scoring/part_weights.json (word-only) and, with `embed`, the with-embeddings set."""
    fitted, with_vectors = {}, {}
    earlier = earlier_rounds()
    for kind in ("story", "background"):
        groups = answer_groups(answers, kind, bank, embed)
        extra = answer_groups(earlier, kind, bank, embed) * EARLIER_REPEAT
        rows = [g[0][0] for g in groups]
        if REPORT_CV:
            print(f"{kind}: prior accuracy {prior_accuracy(rows, kind):.3f}, {CV_FOLDS}-fold CV "
                  f"on tune (earlier rounds in every fold): "
                  f"{cross_validate(groups, kind, extra=extra)}", flush=True)
        fitted[kind] = fit(training_rows([*groups, *extra]), kind)
        if embed is not None:
            if REPORT_CV:
                print(f"{kind} with embeddings, {CV_FOLDS}-fold CV on tune (earlier rounds in "
                      f"every fold): {cross_validate(groups, kind, True, extra=extra)}",
                      flush=True)
            if kind not in EMBED_KINDS:
                continue
            weights, (matrix, bias, parts) = fit_model([*groups, *extra], kind, True)
            with_vectors[kind] = {"weights": weights, "classifier": {
                "weights": {p: matrix[:, k].round(5).tolist() for k, p in enumerate(parts)},
                "bias": {p: round(float(bias[k]), 5) for k, p in enumerate(parts)}}}
    if embed is not None:
        embed.save()
    if os.environ.get("MICDROP_FIT_DRY"):
        return
    folder = Path(__file__).resolve().parent.parent / "scoring"
    (folder / "part_weights.json").write_text(json.dumps(fitted, indent=1, sort_keys=True)
                                              + "\n")
    print("wrote part_weights.json")
    if with_vectors:
        (folder / EMBED_FILE).write_text(json.dumps(with_vectors, sort_keys=True) + "\n")
        print(f"wrote {EMBED_FILE}")
