"""Labelling every sentence with its part: weighted evidence decoded as a whole sequence.

Method: each sentence gets an emission score per part from a linear mix of independent
features (`scoring.features`); a left-to-right Viterbi decode then picks the best sequence of
parts over an ordered state machine. Why this and not cue words alone: one missing signal word
must not sink a good answer, and a sentence's part depends on its neighbours (after the result
we do not go back to the situation). The machine allows skipped parts (at a cost, so evidence
must justify a skip), limited back-steps (action<->result interleaving, an extra bit of task
after a first action) and never a return to the setup after the result, except after a
result told first as a headline (HEADLINE), which people do when time is short. "other" sentences
(small talk, asides) remember how far the story had got, so they cannot smuggle in a reset.

The weights start as a hand-set prior (below: what coaches say each part sounds like) and are
refitted on the corpus's tune split and on the earlier rounds of the held-out set (each became
training data after it was scored once; their answers were written other ways, which the
corpus lacks), as written and as Whisper heard them said, by an averaged structured
perceptron (the same Viterbi decode inside the training loop, so emissions and transition
bonuses are learnt for the sequence as a whole);
`python benchmarks/scoring_accuracy.py --fit [--embed]` regenerates them into
`scoring/part_weights.json` and reports a cross-validation on the tune split.

With the sentence model (`audio.sentence_model`), a second weight set is used
(`part_weights_embed.json`): a logistic regression reads each sentence's vector and its
per-part log-probabilities are features the perceptron weighs with the others. Why this and
not a weight vector per part inside the perceptron: with thousands of word features the
perceptron makes few training errors, so dense weights learnt only on errors stayed small
and moved nothing. Development set (fit on tune alone, judged on round 1 of the held-out
set), S/T/A/R sentence macro-F1: word-only 0.867, dense weights 0.863-0.871, the classifier's
log-probabilities 0.906; complete stories told their result is missing 14/65 -> 7/65 (with
the classifier as result evidence, `scoring.evidence.RESULT_PROBABILITY`). Background answers
keep the word-only weights: embeddings lowered their cross-validated macro-F1. A linear model
(named evidence features plus the sentence's words) needs only numpy, can be inspected weight
by weight, and decodes an answer in a few milliseconds.

Whether a part is there at all (`missing_parts`) is read off the same decode, with one
condition on evidence: a result stays only when at least one of its sentences shows an
outcome, a change, a figure, a consequence or a lesson (`scoring.evidence`), or, with the
sentence model, is read as a result by the sentence classifier from what it says; otherwise
the answer is decoded again with the result ruled out. Context evidence for a situation is a
feature the fit weighs, not a hard condition (see EVIDENCE_NEEDED).
Position alone (being last, being first) is not evidence: a story that
stops after its actions has no result, however its last action sits. The fit also learns from
copies of every tune story told without its situation and without its result, so the
weights do not lean on position to find those parts (`benchmarks/part_fitting.py`).
"""

from __future__ import annotations

import json
from importlib import resources

import numpy as np

from scoring.analysis import BACKGROUND_PARTS, OTHER, STORY_PARTS
from scoring.evidence import shows_result

NEG = -1e9

# Hand-set prior emission weights per part: feature name -> weight (unlisted features weigh
# nothing). They encode what coaches say each part sounds like; the weights actually used are
# refitted from this prior on the corpus's tune split (`scoring/part_weights.json`, data that
# the benchmark's --fit writes).
STORY_WEIGHTS: dict[str, dict[str, float]] = {
    "repeat": {"bias": -2.0, "cue_repeat": 2.5, "question": 5.0, "first": 1.5, "late": -4.0,
               "past": -0.5, "number": -1.0},
    "situation": {"bias": 0.0, "cue_situation": 1.2, "early": 1.5, "past": 0.4, "we": 0.2,
                  "number": -0.3, "cue_action": -0.4, "cue_result": -0.4, "cue_task": -0.3},
    "task": {"bias": -0.4, "cue_task": 1.5, "early": 0.6, "modal": 0.2, "cue_action": -0.2},
    "action": {"bias": 0.2, "cue_action": 1.0, "i": 0.5, "past": 0.4, "mid": 0.8,
               "cue_task": -0.2},
    "result": {"bias": -0.6, "cue_result": 1.2, "number": 1.0, "late": 1.5, "we": 0.1},
    "link": {"bias": -1.8, "cue_link": 1.5, "present": 0.6, "value": 1.2, "last": 1.5,
             "late": 1.0, "past": -0.5, "question": 0.5, "modal": 0.3},
    OTHER: {"bias": -3.0, "short": 1.0},
}
BACKGROUND_WEIGHTS: dict[str, dict[str, float]] = {
    "now": {"bias": 0.0, "cue_now": 1.5, "present": 0.8, "early": 1.5, "first": 0.5,
            "past": -0.5},
    "then": {"bias": 0.0, "cue_then": 1.5, "past": 0.8, "mid": 0.5},
    "why": {"bias": -0.3, "cue_why": 1.5, "late": 0.5, "present": 0.3},
    "bridge": {"bias": -0.6, "cue_bridge": 1.2, "modal": 1.0, "late": 1.5, "last": 1.0},
    OTHER: {"bias": -3.0, "short": 1.0},
}

PRIOR_WEIGHTS = {"story": STORY_WEIGHTS, "background": BACKGROUND_WEIGHTS}


def _fitted(name: str) -> dict:
    """A fitted weight file shipped with the package ({} when it is not there)."""
    path = resources.files("scoring").joinpath(name)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


FITTED_WEIGHTS: dict[str, dict[str, dict[str, float]]] = _fitted("part_weights.json")
WEIGHTS = {kind: FITTED_WEIGHTS.get(kind, prior) for kind, prior in PRIOR_WEIGHTS.items()}
# The second weight set, for when the sentence model is there: per kind a classifier from a
# sentence's embedding to its part ("classifier": weights and bias per part, a multinomial
# logistic regression) and the word weights ("weights") fitted with its log-probabilities as
# features `lp_<part>` (`benchmarks/part_fitting.py`). Without the model the word-only set
# above is used.
EMBED_FILE = "part_weights_embed.json"
EMBED_FITTED: dict[str, dict] = _fitted(EMBED_FILE)
# Log-probabilities below this add no more evidence against a part (one odd sentence vector
# must not veto a part the words show).
LOG_FLOOR = -6.0

# Transition costs (log-domain penalties). Moving on is cheap, skipping costs per skipped part
# (optional parts cost less), and only the listed back-steps are possible at all.
FORWARD_COST = 0.6
STORY_SKIP_COST = {"repeat": 0.1, "situation": 0.8, "task": 0.6, "action": 1.0, "result": 0.8,
                   "link": 0.2}
STORY_BACK_COST = {("result", "action"): 1.5, ("action", "task"): 1.5,
                   ("task", "situation"): 1.5, ("link", "result"): 1.5}
BACKGROUND_SKIP_COST = {"now": 0.6, "then": 0.6, "why": 0.6, "bridge": 0.6}
BACKGROUND_BACK_COST = {("then", "now"): 1.0, ("why", "then"): 1.5, ("why", "now"): 2.0,
                        ("bridge", "why"): 1.5}
OTHER_ENTER_COST = 1.0
# A story may open on its result, told as a headline ("Long story short, we shipped on time.
# Let me back up."), and then tell the setup. The headline is a state of its own, reachable
# only before the setup; its sentences are labelled result and read the result's weights.
HEADLINE = {"story": "result"}
HEADLINE_COST = 2.0
# A story's part that stays only when one of its sentences shows evidence of it.
# Only the result: context evidence read off a transcript is too easily lost to
# misheard words ("at a news publisher" heard as "I've had a news publisher"), and on
# espeak-ng + Whisper transcripts of tune answers a situation check cost more than it caught.
EVIDENCE_NEEDED = {"result": shows_result}


Weights = dict[str, dict[str, float]]
# A sentence classifier: weights (dimensions x parts), bias (parts) and the parts' names.
Classifier = tuple[np.ndarray, np.ndarray, tuple[str, ...]]


def label_parts(features: list[dict[str, float]], kind: str, weights: Weights | None = None,
                vectors: np.ndarray | None = None, classifier: Classifier | None = None
                ) -> list[str]:
    """The best sequence of parts for the sentences, one part per sentence.

    `vectors` are the sentences' embeddings (one row each) when the sentence model is there:
    the sentence classifier then adds its log-probabilities as features, and the weights
    fitted with them are used. `weights` (and `classifier`) replace the built-in ones; the
    benchmark fits them with it. Vectors with no classifier to read them are ignored, so
    scoring works the same with no model.
    """
    if not features:
        return []
    order, built_in, skip, back = _machine(kind)
    headline = HEADLINE.get(kind)
    if weights is None and vectors is not None and kind in EMBED_FITTED:
        weights, classifier = EMBED_WEIGHTS[kind], CLASSIFIERS[kind]
    if vectors is not None and classifier is not None and len(vectors) == len(features):
        features = [{**f, **v} for f, v in
                    zip(features, vector_features(vectors, classifier), strict=True)]
    weights = weights or built_in
    emissions = _emissions(features, order, weights)
    trans = _transition(order, skip, back, weights, headline)
    labels = _viterbi(emissions, order, trans, headline)
    for part, shows in (EVIDENCE_NEEDED.items() if kind == "story" else ()):
        mine = [f for f, p in zip(features, labels, strict=True) if p == part]
        if mine and not any(shows(f) for f in mine):
            emissions[:, order.index(part)] = NEG  # no evidence: decode as if it were absent
            labels = _viterbi(emissions, order, trans, headline)
    return labels


def with_derived(feats: dict[str, float]) -> dict[str, float]:
    """The features plus the constant bias and the derived middle-of-answer position."""
    return {**feats, "bias": 1.0, "mid": 1.0 - abs(2.0 * feats.get("late", 0.5) - 1.0)}


def vector_features(vectors: np.ndarray, classifier: Classifier) -> list[dict[str, float]]:
    """Per sentence, `lp_<part>`: the classifier's log-probability that the sentence's vector
    is of that part (floored at LOG_FLOOR). One numpy product for the whole answer."""
    weights, bias, parts = classifier
    z = np.asarray(vectors, dtype=float) @ weights + bias
    z -= z.max(1, keepdims=True)
    logp = np.maximum(z - np.log(np.exp(z).sum(1, keepdims=True)), LOG_FLOOR)
    return [{f"lp_{p}": float(v) for p, v in zip(parts, row, strict=True)} for row in logp]


def _classifier(kind: str, data: dict) -> Classifier:
    parts = (*(BACKGROUND_PARTS if kind == "background" else STORY_PARTS), OTHER)
    return (np.array([data["weights"][p] for p in parts], dtype=float).T,
            np.array([data["bias"][p] for p in parts], dtype=float), parts)


EMBED_WEIGHTS = {kind: data["weights"] for kind, data in EMBED_FITTED.items()}
CLASSIFIERS = {kind: _classifier(kind, data["classifier"]) for kind, data in EMBED_FITTED.items()}


def _machine(kind: str):
    if kind == "background":
        return BACKGROUND_PARTS, WEIGHTS[kind], BACKGROUND_SKIP_COST, BACKGROUND_BACK_COST
    return STORY_PARTS, WEIGHTS["story"], STORY_SKIP_COST, STORY_BACK_COST


def _emissions(features: list[dict[str, float]], order, weights) -> np.ndarray:
    """Rows: sentences; columns: the ordered parts, then "other"."""
    parts = (*order, OTHER)
    out = np.empty((len(features), len(parts)))
    for s, feats in enumerate(features):
        feats = with_derived(feats)
        for p, part in enumerate(parts):
            table = weights[part]
            out[s, p] = sum(table.get(name, 0.0) * value for name, value in feats.items())
    return out


def _transition(order, skip, back, weights: Weights, headline: str | None = None
                ) -> np.ndarray:
    """Scores between states. State k < n is part k; state n + 1 + p is "other" reached after
    progress p (p = -1: nothing yet), so it carries the story's progress; with a `headline`
    part, state 2n + 1 is that part told first (see HEADLINE).

    The machine fixes which moves are possible and their prior cost; a fitted bonus
    `weights[to]["from_<part>"]` (from_start, from_other) adjusts the possible ones, except
    into and out of the headline: the fit learns bonuses by label, and a result's bonuses
    are learnt where it follows the action, not where it opens the story."""
    n = len(order)
    size = 2 * n + 1 + (headline is not None)
    trans = np.full((size + 1, size), NEG)  # last row: the start
    progress = [*range(n), *range(-1, n), 0]  # after a headline: as far as an opening repeat
    names = [*order, *[OTHER] * (n + 1), *(["headline"] if headline else []), "start"]
    for src in range(size + 1):
        p = -1 if src == size else progress[src]
        for q in range(n):
            trans[src, q] = _move(order, skip, back, p, q, staying=src == q)
        trans[src, n + 1 + p] = 0.0 if src == n + 1 + p else -OTHER_ENTER_COST
        if headline is not None:
            opening = p <= 0  # nothing told yet, or only the question repeated
            trans[src, 2 * n + 1] = 0.0 if src == 2 * n + 1 else (
                -HEADLINE_COST if opening else NEG)
        for dst in range(size):
            if trans[src, dst] > NEG / 2 and "headline" not in (names[src], names[dst]):
                trans[src, dst] += weights[names[dst]].get(f"from_{names[src]}", 0.0)
    return trans


def _move(order, skip, back, p: int, q: int, staying: bool) -> float:
    if q == p:
        return 0.0 if staying else -FORWARD_COST / 2
    if q > p:
        return -FORWARD_COST - sum(skip[order[k]] for k in range(p + 1, q))
    if p >= 0 and (order[p], order[q]) in back:
        return -back[(order[p], order[q])]
    return NEG


def _viterbi(emissions: np.ndarray, order, trans: np.ndarray,
             headline: str | None = None) -> list[str]:
    n = len(order)
    columns = [emissions[:, :n], np.repeat(emissions[:, n:], n + 1, 1)]
    if headline is not None:
        columns.append(emissions[:, [order.index(headline)]])
    state_emission = np.concatenate(columns, 1)
    score = trans[-1] + state_emission[0]
    pointers = np.zeros((len(emissions), state_emission.shape[1]), dtype=int)
    for s in range(1, len(emissions)):
        candidates = score[:, None] + trans[:-1]
        pointers[s] = candidates.argmax(0)
        score = candidates.max(0) + state_emission[s]
    state = int(score.argmax())
    path = [state]
    for s in range(len(emissions) - 1, 0, -1):
        state = int(pointers[s, state])
        path.append(state)
    names = [*order, *[OTHER] * (n + 1), headline]
    return [names[k] for k in reversed(path)]
