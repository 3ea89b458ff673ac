"""Precision and recall of value links on labelled sentences.

Usage: python benchmarks/value_links.py [PATH.toml ...] [--errors] [--time]

Each entry is one sentence with its company, one of the company's values and whether a coach
would say the sentence ties the answer to that value (`linked`), optionally where it stands
(`part`, default "link") and its `split`. A link is predicted when `scoring.values` links the
value from the sentence standing in that part. With no path it reads the tune set
(`tests/scoring/value_links_tune.toml`). `--errors` lists the wrong ones; do not use it on a
held-out set.

Each file is scored twice: by the word rules alone (no sentence vectors) and, when the
sentence model is installed, with it (`scoring.value_meaning`'s fitted classifier). The
classifier was fitted on the tune set and the round-1 held-out set, so on those files the
model's figures are training figures; `benchmarks/fit_value_links.py` gives the
leave-one-company-out ones. `--time` reports what the value step costs per answer.
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

from audio.sentence_model import load_sentence_model
from question_bank import load_bank
from scoring.values import link_values

TUNE = Path(__file__).resolve().parent.parent / "tests" / "scoring" / "value_links_tune.toml"


def load_entries(path: Path, split: str | None = None) -> list[dict]:
    """Every entry of the file's arrays of tables (any table name), of one split if asked."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    entries = [e for table in data.values() if isinstance(table, list) for e in table
               if isinstance(e, dict) and "company" in e]
    return [e for e in entries if split is None or e.get("split", split) == split]


def judged(entries: list[dict], bank, embed=None) -> list[tuple[dict, bool, bool]]:
    """(entry, gold linked, predicted linked) for every entry; with `embed`, by meaning."""
    texts = [e.get("text") or e.get("sentence") for e in entries]
    vectors = embed(texts) if embed is not None and texts else [None] * len(texts)
    out = []
    for e, text, vector in zip(entries, texts, vectors, strict=True):
        company = bank.company(e["company"])
        found = link_values([text], [e.get("part", "link")], company,
                            vectors=None if vector is None else vector[None, :], embed=embed)
        out.append((e, bool(e["linked"]), any(v.value == e["value"] for v in found)))
    return out


def precision_recall(results: list[tuple[dict, bool, bool]]) -> tuple[float, float]:
    tp = sum(g and p for _, g, p in results)
    fp = sum(p and not g for _, g, p in results)
    fn = sum(g and not p for _, g, p in results)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if not a.startswith("--")] or [TUNE]
    bank = load_bank()
    model = load_sentence_model()
    ways = [("rules", None)] + ([("model", model.embed)] if model is not None else [])
    if model is None:
        print("the sentence model is not installed: word rules only")
    for path in paths:
        for name, embed in ways:
            results = judged(load_entries(path), bank, embed)
            precision, recall = precision_recall(results)
            print(f"{path.name} [{name}]: {len(results)} sentences, precision {precision:.3f}, "
                  f"recall {recall:.3f}")
            if "--errors" in argv:
                for e, gold, pred in results:
                    if gold != pred:
                        print(f"  gold={gold!s:5s} {e['value']}: "
                              f"{e.get('text') or e['sentence']}")
    if "--time" in argv and model is not None:
        time_answers(bank, model.embed)
    return 0


def time_answers(bank, embed, rounds: int = 20) -> None:
    """Milliseconds per answer of the value step beyond embedding the sentences, for the
    first answer (value vectors embedded) and later ones (cached), over a 500-word answer."""
    sentences = [s.strip() + "." for s in ANSWER.split(".") if s.strip()] * 4
    labels = ["situation", "task"] + ["action"] * (len(sentences) - 4) + ["result", "link"]
    company = bank.company("amazon")
    vectors = embed(sentences)
    start = time.perf_counter()
    link_values(sentences, labels, company, vectors=vectors, embed=embed)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(rounds):
        found = link_values(sentences, labels, company, vectors=vectors, embed=embed)
    later = (time.perf_counter() - start) / rounds
    rules_start = time.perf_counter()
    for _ in range(rounds):
        link_values(sentences, labels, company)
    rules = (time.perf_counter() - rules_start) / rounds
    words = sum(len(s.split()) for s in sentences)
    print(f"value step, {len(sentences)} sentences ({words} words): first answer "
          f"{first * 1000:.1f} ms, later answers {later * 1000:.1f} ms (rules alone "
          f"{rules * 1000:.1f} ms); linked: {[(v.value, v.words) for v in found]}")


# A story answer written for timing only (not labelled, not used for fitting).
ANSWER = (
    "Two years ago I worked as the only data scientist on a small logistics team. "
    "Our weekly demand forecast kept missing the holiday peaks by a wide margin. "
    "I was asked to bring the error down before the next season started. "
    "I went back to the raw order history and rebuilt the features from scratch. "
    "I compared three models on the last two seasons and kept the simplest one that held up. "
    "I set up a weekly check that flagged any week where the forecast drifted. "
    "When the warehouse lead doubted the numbers, I walked him through every assumption. "
    "The forecast error fell from eighteen percent to seven percent over the season. "
    "For me that is what owning a problem end to end looks like."
)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
