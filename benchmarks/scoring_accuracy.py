"""How well `scoring.analyze` labels parts and finds missing ones, on the labeled corpus.

Usage: python benchmarks/scoring_accuracy.py [--split test|tune] [--errors]

Each corpus answer becomes a transcript with `Transcript.from_text` (punctuation stripped for
answers flagged `unpunctuated`, as ASR might give them). Predictions are mapped to the gold
sentences by words: each gold sentence takes the majority predicted part over its words, so
segmentation differences do not break the metric. `--errors` lists mislabeled sentences and is
refused on the test split, which is only ever reported in aggregate.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from question_bank import Question, load_bank
from scoring import Transcript, analyze
from scoring.analysis import BACKGROUND_PARTS, STORY_PARTS

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "scoring" / "corpus"
CORE_STORY = ("situation", "task", "action", "result")
TIMING_WORDS = 500
TIMING_RUNS = 40
# Punctuation a transcriber may leave out; a dot or comma inside a number is kept.
_PUNCTUATION = re.compile(r"(?<!\d)[.,](?!\d)|[!?;:\"“”()]|(?<=\d)[.,](?!\d)")


@dataclass(frozen=True)
class Scored:
    """One answer: gold and predicted part per gold sentence, and the missing-part sets."""

    id: str
    kind: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    texts: tuple[str, ...]
    missing_gold: frozenset[str]
    missing_predicted: frozenset[str]


def load_answers(split: str) -> list[dict]:
    answers = []
    for path in sorted(CORPUS.glob("*.toml")):
        with path.open("rb") as f:
            answers += [a for a in tomllib.load(f).get("answer", []) if a.get("split") == split]
    return answers


def sentence_texts(answer: dict) -> list[str]:
    texts = [text for _, text in answer["sentences"]]
    if "unpunctuated" in answer.get("flaws", []):
        texts = [_PUNCTUATION.sub("", t) for t in texts]
    return texts


def score_answer(answer: dict, bank) -> Scored:
    kind = answer["kind"]
    texts = sentence_texts(answer)
    gold = [part for part, _ in answer["sentences"]]
    question = Question(id="corpus", text=answer["question"], kind=kind,
                        competencies=tuple(answer.get("competencies", ())))
    company = bank.company(answer["company"]) if answer.get("company") else None
    analysis = analyze(Transcript.from_text(" ".join(texts)), question, company)
    word_parts = [s.part for s in analysis.sentences for _ in s.text.split()]
    predicted, at = [], 0
    for text in texts:
        n = len(text.split())
        votes = Counter(word_parts[at : at + n])
        predicted.append(votes.most_common(1)[0][0] if votes else "other")
        at += n
    order = BACKGROUND_PARTS if kind == "background" else STORY_PARTS
    return Scored(answer["id"], kind, tuple(gold), tuple(predicted), tuple(texts),
                  frozenset(p for p in order if p not in gold),
                  frozenset(analysis.missing_parts))


def f1_by_part(results: list[Scored]) -> dict[str, float]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for r in results:
        for g, p in zip(r.gold, r.predicted, strict=True):
            if g == p:
                tp[g] += 1
            else:
                fp[p] += 1
                fn[g] += 1
    parts = sorted(set(tp) | set(fp) | set(fn))
    return {p: _f1(tp[p], fp[p], fn[p]) for p in parts}


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def report_kind(kind: str, results: list[Scored]) -> None:
    results = [r for r in results if r.kind == kind]
    if not results:
        return
    core = CORE_STORY if kind == "story" else BACKGROUND_PARTS
    pairs = [(g, p) for r in results for g, p in zip(r.gold, r.predicted, strict=True)]
    f1 = f1_by_part(results)
    print(f"\n== {kind}: {len(results)} answers, {len(pairs)} sentences")
    print(f"sentence accuracy        {sum(g == p for g, p in pairs) / len(pairs):.3f}")
    print(f"macro-F1 ({'/'.join(core)})  {sum(f1.get(p, 0.0) for p in core) / len(core):.3f}")
    for part, value in f1.items():
        print(f"  F1 {part:10s} {value:.3f}")
    exact = sum(r.missing_gold == r.missing_predicted for r in results) / len(results)
    print(f"missing_parts exact-set accuracy  {exact:.3f}")
    order = BACKGROUND_PARTS if kind == "background" else STORY_PARTS
    for part in order:
        agree = sum((part in r.missing_gold) == (part in r.missing_predicted) for r in results)
        print(f"  missing {part:10s} accuracy {agree / len(results):.3f}")


def show_errors(results: list[Scored]) -> None:
    for r in results:
        wrong = [(g, p, t) for g, p, t in zip(r.gold, r.predicted, r.texts, strict=True)
                 if g != p]
        if wrong or r.missing_gold != r.missing_predicted:
            print(f"\n{r.id}: missing gold={sorted(r.missing_gold)} "
                  f"predicted={sorted(r.missing_predicted)}")
            for g, p, t in wrong:
                print(f"  gold={g:9s} pred={p:9s} {t[:110]}")


def time_analysis(answers: list[dict], bank) -> float:
    """Mean milliseconds to analyze a ~500-word transcript built from the answers."""
    words: list[str] = []
    for a in answers:
        words += " ".join(sentence_texts(a)).split()
        if len(words) >= TIMING_WORDS:
            break
    transcript = Transcript.from_text(" ".join(words[:TIMING_WORDS]))
    question = Question(id="timing", text="Tell me about a time you failed.", kind="story")
    company = bank.company("doordash")
    analyze(transcript, question, company)  # warm caches once
    start = time.perf_counter()
    for _ in range(TIMING_RUNS):
        analyze(transcript, question, company)
    return (time.perf_counter() - start) / TIMING_RUNS * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "tune"), default="test")
    parser.add_argument("--errors", action="store_true", help="list mislabeled sentences (tune)")
    args = parser.parse_args(argv)
    if args.errors and args.split == "test":
        parser.error("--errors is only for the tune split; the test split stays unseen")
    answers = load_answers(args.split)
    if not answers:
        print(f"No {args.split} answers found in {CORPUS}.", file=sys.stderr)
        return 1
    bank = load_bank()
    results = [score_answer(a, bank) for a in answers]
    print(f"split={args.split}  answers={len(results)}")
    for kind in ("story", "background"):
        report_kind(kind, results)
    if args.errors:
        show_errors(results)
    print(f"\nmean analysis time, {TIMING_WORDS}-word transcript: "
          f"{time_analysis(answers, bank):.1f} ms over {TIMING_RUNS} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
