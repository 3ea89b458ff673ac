"""Value links by meaning: whether a sentence SHOWS one of the company's values in conduct.

Why: the word rules of `scoring.values` find a value only by its own vocabulary, and a
coach's positives rarely use it ("I got it done with the laptops we already had" shows
Frugality without saying so), while everyday sentences use the vocabulary without showing
anything ("I handled the deliveries" is no Deliver Results). A sentence-embedding model
places sentences that mean the same near each other whatever their words; this module turns
its vectors into a link decision. It never imports the model: it gets the sentences'
vectors and an `embed` callable, so scoring stays pure.

How a (sentence, value) pair is judged: a logistic regression, fitted offline by
`benchmarks/fit_value_links.py` and stored in `value_link_weights.json`, over

- the sentence's similarity to the value's prototypes (`value_prototypes.json`: sentences of
  conduct written from each value's published description, never from a labelled sentence),
  to its description and to its name, each also as a margin over the company's other values
  (is this value the one the sentence is closest to?);
- whether the word rules already tie it, and how the sentence speaks (`STANCE`: about "I",
  tense, modality, negation; a value's words said of someone else, claimed, hypothetical or
  negated show no conduct);
- how near it is to sentences a coach labelled for this value (`EXEMPLAR`: the nearest
  linked one and the nearest turned down, from the training files, shipped with their vectors
  in `value_exemplars.npz`); a value nobody labelled reads them as missing;
- the sentence vector itself (what kind of sentence it is: own conduct with a reason, or a
  fact about the world).

A link also needs the value to be one of the `TOP_VALUES` values of the company the
sentence is closest to (or one the word rules tie), so a sentence of conduct is not linked
to every value at once. The words shown for a meaning link are the sentence's content
words nearest the value, each word embedded alone (see `evidence_words`).
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from question_bank.model import Company, Value
from scoring.register import register
from scoring.text import STOPWORDS, spoken_tokens, wordset

# A value must be among this many of the company's values nearest the sentence.
TOP_VALUES = 2
# A value other than the sentence's most likely one links only at this probability or more
# (0: any value over the threshold among the nearest). Measured by leave-one-company-out
# (benchmarks/fit_value_links.py --second / --one): 0 gives precision 0.931, recall 0.812
# and 0.68 other values linked per linked sentence; 0.5 gives 0.929, 0.792, 0.50; one value
# per sentence 0.923, 0.725, 0.22. The bar is recall 0.80, so it is off.
SECOND_VALUE_MIN = 0.0
# Weight of the description next to the prototypes when ranking the company's values.
DESCRIPTION_WEIGHT = 0.5
ABOUT_I = frozenset({"i", "i'm", "i've", "i'd", "i'll", "my", "me", "myself"})
NEGATIONS = wordset("not no never nobody nothing none neither nor without")
# How the sentence speaks, whatever the value (`stance`): a value's words said of someone
# else, as a claim about oneself, hypothetically or negated show no conduct.
STANCE = ("about_i", "past", "present", "modal", "starts_i", "starts_we", "negated")
# Nearness to labelled sentences of the value (`value_exemplars.npz`): the most similar one
# linked to it, the most similar one judged not linked (a near miss a coach turned down), and
# the first's margin over the company's other values. Missing (NaN, read as the training
# mean) for a value nobody labelled, such as a user's own company's.
EXEMPLAR = ("ex_pos", "ex_neg", "ex_margin")
# The scalar features, in the order the weights file stores them.
SCALARS = ("proto", "proto_margin", "desc", "desc_margin", "proto_top2", "name",
           "rule", *STANCE, "rank_margin", "top1", "top2", *EXEMPLAR)
EXEMPLAR_FILE = "value_exemplars.npz"
# Stored exemplar vectors are used when the embedding gives these texts the same vectors.
SAME_SPACE = 0.98
# At most this many content words are tried when finding the words that made a link.
EVIDENCE_CANDIDATES = 12
EVIDENCE_WORDS = 3
# Words too common in any story to show as what carried a value.
EVERYDAY = wordset(
    "back end looks look looked like asked said told got get went go made make making last "
    "first next started start week weeks month months year years day days time times one two "
    "three four five lot really just also thing things way still even every much many well "
    "able sure going come came took take put"
)


@dataclass(frozen=True)
class ValueVectors:
    """A company's values as vectors: prototype centroids, prototypes, descriptions, names."""

    names: tuple[str, ...]
    centroids: np.ndarray  # (values, dims), L2-normalised
    prototypes: tuple[np.ndarray, ...]  # per value (k, dims)
    descriptions: np.ndarray
    labels: np.ndarray  # the values' names as vectors
    exemplars: Stacked | None = None  # the labelled sentences (`stack_exemplars`)


@dataclass(frozen=True)
class Model:
    """The fitted classifier: standardisation, weights and the decision threshold."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    use_vector: bool
    use_product: bool = False

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = np.nan_to_num((features - self.mean) / self.scale)  # missing: the mean
        return 1.0 / (1.0 + np.exp(-(z @ self.weights + self.bias)))


@lru_cache(maxsize=1)
def prototypes() -> dict[str, dict[str, list[str]]]:
    """Sentences of conduct per company id and value name."""
    text = resources.files("scoring").joinpath("value_prototypes.json").read_text("utf-8")
    return json.loads(text)["values"]


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The fitted weights, or None when the file is missing (the word rules then decide)."""
    path = resources.files("scoring").joinpath("value_link_weights.json")
    if not path.is_file():
        return None
    return model_from_dict(json.loads(path.read_text("utf-8")))


def model_from_dict(d: dict) -> Model:
    return Model(np.asarray(d["mean"], float), np.asarray(d["scale"], float),
                 np.asarray(d["weights"], float), float(d["bias"]), float(d["threshold"]),
                 bool(d.get("use_vector", True)), bool(d.get("use_product", False)))


def value_texts(company: Company, value: Value) -> list[str]:
    """The value's prototypes; a value nobody wrote prototypes for (a user's own company)
    speaks by its description."""
    return prototypes().get(company.id, {}).get(value.name) or [value.description]


# Vectors of value texts per embedding (the model behind a bound `embed` method): weak keys,
# so a model that is let go takes its vectors with it.
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# Each company's stacked exemplars per embedding, kept the same way.
_STACKED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _per_model(store: weakref.WeakKeyDictionary, embed) -> dict:
    """`store`'s dict for the model behind `embed` (a fresh one when it cannot be kept)."""
    owner = getattr(embed, "__self__", embed)
    try:
        return store.setdefault(owner, {})
    except TypeError:  # not weakly referable: no cache
        return {}


def embed_cached(texts: list[str], embed) -> np.ndarray:
    """Vectors of value texts, embedded once per process per text and per model."""
    cache = _per_model(_CACHE, embed)
    missing = [t for t in dict.fromkeys(texts) if t not in cache]
    if missing:
        for t, v in zip(missing, np.asarray(embed(missing), float), strict=True):
            cache[t] = v
    return np.stack([cache[t] for t in texts])


def value_vectors(company: Company, embed, exemplars: bool = True) -> ValueVectors:
    """The company's values as vectors; `exemplars=False` leaves out the labelled sentences
    (the fit computes their features itself, without each sentence's own label)."""
    protos = []
    for value in company.values:
        protos.append(embed_cached(value_texts(company, value), embed))
    centroids = np.stack([_unit(p.mean(0)) for p in protos])
    return ValueVectors(tuple(v.name for v in company.values), centroids, tuple(protos),
                        embed_cached([v.description for v in company.values], embed),
                        embed_cached([v.name for v in company.values], embed),
                        company_stack(company, embed) if exemplars else None)


@dataclass(frozen=True)
class Exemplars:
    """Labelled sentences shipped with the weights: text, "company|value", linked, vector."""

    texts: np.ndarray
    keys: np.ndarray
    linked: np.ndarray
    vectors: np.ndarray


@lru_cache(maxsize=1)
def exemplar_store() -> Exemplars | None:
    path = resources.files("scoring").joinpath(EXEMPLAR_FILE)
    if not path.is_file():
        return None
    with path.open("rb") as f, np.load(f) as data:
        return Exemplars(data["texts"], data["keys"], data["linked"],
                         data["vectors"].astype(np.float32))


def company_exemplars(company: Company, embed) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Per value, the vectors of its labelled sentences (linked, not linked). Stored vectors
    are used when `embed` reproduces them (the pinned model); any other embedding embeds
    the texts, so the features always compare like with like."""
    store = exemplar_store()
    if store is None:
        return ()
    mine = np.char.startswith(store.keys, company.id + "|")
    vectors = store.vectors[mine]
    if mine.any() and not _same_space(store, embed):
        vectors = embed_cached(store.texts[mine].tolist(), embed)
    keys, linked = store.keys[mine], store.linked[mine]
    return tuple((vectors[(keys == f"{company.id}|{v.name}") & linked],
                  vectors[(keys == f"{company.id}|{v.name}") & ~linked])
                 for v in company.values)


def company_stack(company: Company, embed) -> Stacked | None:
    """The company's exemplars stacked, once per process per company and per model: every
    analysis reads them, and selecting and stacking them costs a millisecond or two."""
    cache = _per_model(_STACKED, embed)
    key = (company.id, tuple(v.name for v in company.values))
    if key not in cache:
        cache[key] = stack_exemplars(company_exemplars(company, embed))
    return cache[key]


def _same_space(store: Exemplars, embed) -> bool:
    probe = embed_cached(store.texts[:2].tolist(), embed)
    return bool((np.sum(probe * store.vectors[:2], 1) >= SAME_SPACE).all())


@dataclass(frozen=True)
class Stacked:
    """A company's labelled sentences in one matrix, so one product scores them all. They
    come in blocks (value 0 linked, value 0 not linked, value 1 linked, ...); `starts` are
    where the non-empty blocks begin, `blocks` which blocks those are."""

    vectors: np.ndarray  # (sentences, dims)
    starts: np.ndarray
    blocks: np.ndarray
    values: int


def stack_exemplars(per_value: tuple[tuple[np.ndarray, np.ndarray], ...]) -> Stacked | None:
    """`company_exemplars`' (linked, not linked) vectors per value, stacked."""
    if not per_value:
        return None
    sizes = np.array([len(block) for pair in per_value for block in pair])
    filled = np.flatnonzero(sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[filled]
    # float64 like the sentence vectors: a float32 matrix would be converted at every product
    vectors = np.concatenate([block for pair in per_value for block in pair]).astype(float)
    return Stacked(vectors, starts, filled, len(per_value))


def exemplar_features(vector: np.ndarray, exemplars: Stacked) -> np.ndarray:
    """(values, 3): `EXEMPLAR` per value for one sentence; NaN where nothing is labelled."""
    best = np.full(2 * exemplars.values, np.nan)
    if len(exemplars.starts):
        best[exemplars.blocks] = np.maximum.reduceat(exemplars.vectors @ vector,
                                                     exemplars.starts)
    best = best.reshape(-1, 2)
    filled = np.nan_to_num(best[:, 0], nan=-1.0)
    return np.column_stack([best, best[:, 0] - _best_other(filled)])


def features(vector: np.ndarray, vv: ValueVectors, rules: list[bool], stance: np.ndarray,
             use_vector: bool = True, use_product: bool = False) -> np.ndarray:
    """One row of features per value of the company for one sentence's vector and its
    `stance` (the same for every value)."""
    proto = vv.centroids @ vector
    desc = vv.descriptions @ vector
    rank = proto + DESCRIPTION_WEIGHT * desc
    top2 = np.array([np.sort(p @ vector)[-2:].mean() for p in vv.prototypes])
    names = vv.labels @ vector
    order = np.argsort(-rank, kind="stable")
    place = np.empty(len(order), int)
    place[order] = np.arange(len(order))
    rows = np.column_stack([
        proto, proto - _best_other(proto), desc, desc - _best_other(desc), top2, names,
        np.asarray(rules, float), np.tile(stance, (len(proto), 1)),
        rank - _best_other(rank), (place < 1).astype(float), (place < 2).astype(float),
        exemplar_features(vector, vv.exemplars) if vv.exemplars is not None
        else np.full((len(proto), len(EXEMPLAR)), np.nan),
    ])
    if use_vector:
        rows = np.column_stack([rows, np.tile(vector, (len(proto), 1))])
    if use_product:
        rows = np.column_stack([rows, vv.centroids * vector])
    return rows


def nearest(rows: np.ndarray) -> np.ndarray:
    """Which values may link: the `TOP_VALUES` nearest the sentence, and any the word rules
    tie (a value named in a tie-back is a candidate however far its prototypes are)."""
    return (rows[:, SCALARS.index(f"top{TOP_VALUES}")] > 0) | (rows[:, SCALARS.index("rule")] > 0)


def stance(text: str) -> np.ndarray:
    """The sentence's `STANCE` features: whether it speaks of "I", its tense and person
    (`scoring.register`), and whether it is negated."""
    toks = spoken_tokens(text)
    shares = register(toks)
    negated = any(t in NEGATIONS or t.endswith("n't") for t in toks)
    return np.array([float(any(t in ABOUT_I for t in toks)),
                     *(shares[name] for name in STANCE[1:-1]), float(negated)])


def judge(vector: np.ndarray, vv: ValueVectors, rules: list[bool], text: str,
          model: Model) -> list[float]:
    """The probability that the sentence shows each value, 0 where the value may not link
    (`nearest`, `SECOND_VALUE_MIN`)."""
    rows = features(vector, vv, rules, stance(text), model.use_vector, model.use_product)
    probability = model.probability(rows)
    near = nearest(rows)
    chance = np.where(near, probability, 0.0)
    best = int(np.argmax(chance))
    second = (chance >= SECOND_VALUE_MIN) | (np.arange(len(chance)) == best)
    return np.where(second, chance, 0.0).tolist()


def evidence_words(text: str, value_vector: np.ndarray, embed) -> dict[str, float]:
    """The sentence's words that carry the value, with their nearness to it: its content
    words, each embedded alone (once per process, cached like the value texts), the
    `EVIDENCE_WORDS` nearest the value. Cheap enough for every linked sentence of every
    answer; an occlusion test (re-embedding the sentence without each word) says the same
    more faithfully but costs one model run per word."""
    words = list(dict.fromkeys(_clean(t) for t in text.split() if _content(t)))
    words = words[:EVIDENCE_CANDIDATES]
    if not words:
        return {}
    near = embed_cached(words, embed) @ value_vector
    return {words[k]: float(near[k]) for k in np.argsort(-near)[:EVIDENCE_WORDS]}


def strongest(words: dict[str, float]) -> tuple[str, ...]:
    """The `EVIDENCE_WORDS` nearest words over all of a value's sentences, alphabetically: a
    value linked from several sentences is still shown with a few words, the ones that
    carry it most."""
    return tuple(sorted(sorted(words, key=lambda w: -words[w])[:EVIDENCE_WORDS]))


def _content(token: str) -> bool:
    """A word that can carry a value: not a function word, not a contraction ("didn't",
    "we'd" say how, not what)."""
    word = _clean(token)
    return (len(word) > 2 and "'" not in word.replace("’", "'")
            and word not in STOPWORDS | ABOUT_I | EVERYDAY)


def _clean(token: str) -> str:
    return token.strip(".,;:!?\"()").lower()


def _best_other(x: np.ndarray) -> np.ndarray:
    """For each entry, the largest of the others (the runner-up for the largest)."""
    if len(x) < 2:
        return np.zeros_like(x)
    order = np.argsort(-x, kind="stable")
    best = np.full_like(x, x[order[0]])
    best[order[0]] = x[order[1]]
    return best


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)
