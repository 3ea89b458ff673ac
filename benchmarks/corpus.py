"""The labeled answer corpus (`tests/scoring/corpus/`) as the benchmarks read it.

Shared by the accuracy report and the weight fitting so both see the same answers, the same
punctuation stripping for `unpunctuated` answers, and the same F1.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "scoring" / "corpus"
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
