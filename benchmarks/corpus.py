"""The labeled answer corpus (`tests/scoring/corpus/`) as the benchmarks read it.

Shared by the accuracy report and the weight fitting so both see the same answers, the same
punctuation stripping for `unpunctuated` answers, and the same F1.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

import numpy as np

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "scoring" / "corpus"
# Earlier rounds of the held-out set: each was scored once (issue 10), reported, and only then
# made training data; see their READMEs.
EARLIER_ROUNDS = tuple(CORPUS.parent / name
                       for name in ("heldout", "heldout2", "heldout3", "heldout4", "heldout5"))
VECTOR_CACHE = Path(tempfile.gettempdir()) / "micdrop-sentence-vectors"
CORE_STORY = ("situation", "task", "action", "result")
# Punctuation a transcriber may leave out; a dot or comma inside a number is kept.
_PUNCTUATION = re.compile(r"(?<!\d)[.,](?!\d)|[!?;:\"“”()]|(?<=\d)[.,](?!\d)")


def load_answers(split: str | None, only: str | None = None, without: str | None = None,
                 folder: Path = CORPUS) -> list[dict]:
    """The split's answers (every answer when `split` is None), from one corpus file (`only`,
    a file stem) or all but one; `folder` reads another set written with the same schema."""
    answers = []
    for path in sorted(folder.glob("*.toml")):
        if (only and path.stem != only) or path.stem == without:
            continue
        with path.open("rb") as f:
            answers += [{**a, "batch": path.stem} for a in tomllib.load(f).get("answer", [])
                        if split is None or a.get("split") == split]
    return answers


def earlier_rounds() -> list[dict]:
    """Every answer of the held-out rounds that have been scored and are now training data,
    each tagged with its round (the folder's name)."""
    return [{**a, "round": folder.name} for folder in EARLIER_ROUNDS
            for a in load_answers(None, folder=folder)]


def sentence_texts(answer: dict) -> list[str]:
    texts = [text for _, text in answer["sentences"]]
    if "unpunctuated" in answer.get("flaws", []):
        texts = [_PUNCTUATION.sub("", t) for t in texts]
    return texts


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(pairs: list[tuple[str, str]], core: tuple[str, ...]) -> tuple[float, dict]:
    """Macro-F1 over the `core` parts of (gold, predicted) label pairs, and each part's F1."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in pairs:
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    per = {p: f1(tp[p], fp[p], fn[p]) for p in core}
    return sum(per.values()) / len(core), per


class CachedEmbed:
    """The sentence model's `embed`, with every sentence's vector kept on disk by a hash of
    its text: the fit and the benchmarks embed the same tens of thousands of sentences run
    after run, and the model gives the same vector for the same text."""

    def __init__(self, model) -> None:
        self._model = model
        VECTOR_CACHE.mkdir(parents=True, exist_ok=True)
        self._file = VECTOR_CACHE / "vectors.npz"
        self._known: dict[str, np.ndarray] = {}
        if self._file.exists():
            with np.load(self._file) as data:
                self._known = {k: data[k] for k in data.files}
        self._added = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest()[:20] for t in texts]
        new = sorted({(k, t) for k, t in zip(keys, texts, strict=True) if k not in self._known})
        if new:
            for (k, _), v in zip(new, self._model.embed([t for _, t in new]), strict=True):
                self._known[k] = v
            self._added += len(new)
        return np.array([self._known[k] for k in keys], dtype=np.float32).reshape(-1, 384)

    def save(self) -> None:
        if self._added:
            np.savez(self._file, **self._known)
            self._added = 0


def cached_embed() -> CachedEmbed | None:
    """The cached sentence model, or None when it is not installed."""
    from audio.sentence_model import load_sentence_model

    model = load_sentence_model()
    return CachedEmbed(model) if model is not None else None
