"""How well `scoring.analyze` labels parts and finds missing ones, on the labeled corpus.

Usage: python benchmarks/scoring_accuracy.py [--split test|tune] [--errors] [--fit] [--dev]
       [--embed] [--file STEM] [--leave-out STEM] [--dir PATH] [--spoken] [--limit N]

Each corpus answer becomes a transcript with `Transcript.from_text` (punctuation stripped for
answers flagged `unpunctuated`, as ASR might give them). Predictions are mapped to the gold
sentences by words: each gold sentence takes the majority predicted part over its words, so
segmentation differences do not break the metric. `--errors` lists mislabeled sentences and is
refused on the test split, which is only ever reported in aggregate.

`--fit` refits the part labeller's emission weights on the tune split and on the earlier
rounds of the held-out set (`tests/scoring/heldout/` to `heldout5/`, training data since each
was scored once and reported) with an averaged structured perceptron (Viterbi decode, update
toward the gold sequence), starting from the hand-set prior in `scoring/parts.py`, reports a
cross-validation on the tune split (how well the fit generalises), and writes
`scoring/part_weights.json`; with `--embed` it also fits and writes the with-embeddings set
(`scoring/part_weights_embed.json`). Answers whose spoken transcript an earlier `--spoken` run
cached also train as Whisper heard them (`part_fitting.SPOKEN_TRAINING`). It never reads the
test split, nor `tests/scoring/heldout6/` (scored once, not yet trained on).

`--embed` scores with the sentence model (`audio.sentence_model`; vectors cached on disk by
text). `--dev` fits on the tune split alone and judges on the earlier rounds (word-only and,
with `--embed`, with embeddings; on the clean text and as heard), then leaves one round out
at a time (fit on tune and the other rounds, judge the round left out): the development
figures that chose the method. The
500-word timing is reported with and without the sentence model (uncached, embedding
included).

`--file STEM` scores only the answers of one corpus file. `--leave-out STEM` fits on the tune
split without that file and judges the fit on the file alone, writing nothing: the
check that a refit generalises to a batch written by someone else, not only across folds.

`--dir PATH` scores every answer of another folder of TOML answers written with the corpus
schema (a held-out set), whatever their split. `--spoken` says each answer with espeak-ng,
transcribes it with the bundled Whisper and reports word-level figures next to the clean
text's (`benchmarks/spoken.py`); `--limit N` keeps the first N answers.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from corpus import CORE_STORY, CORPUS, cached_embed, f1, load_answers, sentence_texts
from part_fitting import dev_report, leave_file_out, write_weights
from spoken import run_spoken

from audio.sentence_model import load_sentence_model
from question_bank import Question, load_bank
from scoring import Transcript, analyze
from scoring.analysis import BACKGROUND_PARTS, STORY_PARTS

TIMING_WORDS = 500
TIMING_RUNS = 40


# How each corpus flaw tag shows in an analysis (tags without an entry are not measured).
FLAW_DETECTED = {
    "no_repeat": lambda a: a.kind == "story" and a.content.repeat == "absent",
    "verbatim_repeat": lambda a: a.content.repeat == "verbatim",
    "no_task": lambda a: "task" in a.missing_parts,
    "no_result": lambda a: "result" in a.missing_parts,
    "no_link": lambda a: "link" in a.missing_parts,
    "no_why": lambda a: "why" in a.missing_parts,
    "no_bridge": lambda a: "bridge" in a.missing_parts,
    "we_heavy": lambda a: _failed(a, "i_vs_we"),
    "vague": lambda a: _failed(a, "vague_outcome"),
    "buzzwords": lambda a: _failed(a, "tradeoff"),
    "no_lesson": lambda a: _failed(a, "lesson"),
    "wrong_story": lambda a: _failed(a, "answers_question"),
    "rambling_setup": lambda a: "long_setup" in a.extra["timing_problems"],
    "rambling_then": lambda a: "long_then" in a.extra["timing_problems"],
}


def _failed(analysis, check: str) -> bool:
    return any(c["check"] == check and not c["ok"] for c in analysis.extra["checks"])


@dataclass(frozen=True)
class Scored:
    """One answer: gold and predicted part per gold sentence, and the missing-part sets."""

    id: str
    kind: str
    batch: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    texts: tuple[str, ...]
    missing_gold: frozenset[str]
    missing_predicted: frozenset[str]
    flaws: frozenset[str]
    detected: frozenset[str]


def score_answer(answer: dict, bank, embed=None) -> Scored:
    kind = answer["kind"]
    texts = sentence_texts(answer)
    gold = [part for part, _ in answer["sentences"]]
    question = Question(id="corpus", text=answer["question"], kind=kind,
                        competencies=tuple(answer.get("competencies", ())))
    company = bank.company(answer["company"]) if answer.get("company") else None
    analysis = analyze(Transcript.from_text(" ".join(texts)), question, company, embed=embed)
    word_parts = [s.part for s in analysis.sentences for _ in s.text.split()]
    predicted, at = [], 0
    for text in texts:
        n = len(text.split())
        votes = Counter(word_parts[at : at + n])
        predicted.append(votes.most_common(1)[0][0] if votes else "other")
        at += n
    order = BACKGROUND_PARTS if kind == "background" else STORY_PARTS
    return Scored(answer["id"], kind, answer["batch"], tuple(gold), tuple(predicted), tuple(texts),
                  frozenset(p for p in order if p not in gold),
                  frozenset(analysis.missing_parts), frozenset(answer.get("flaws", ())),
                  frozenset(tag for tag, test in FLAW_DETECTED.items() if test(analysis)))


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
    return {p: f1(tp[p], fp[p], fn[p]) for p in parts}


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


def report_batches(results: list[Scored]) -> None:
    """Missing-part exact-set per corpus file: batches were written by different people at
    different times, so a figure that holds for one and not another is worth knowing."""
    print("\n== missing_parts exact-set by corpus file")
    for batch, kind in sorted({(r.batch, r.kind) for r in results}):
        mine = [r for r in results if (r.batch, r.kind) == (batch, kind)]
        right = sum(r.missing_gold == r.missing_predicted for r in mine)
        print(f"  {batch:14s} {kind:10s} {right:3d}/{len(mine):<3d} {right / len(mine):.3f}")


def report_flaws(results: list[Scored]) -> None:
    """Per flaw tag: how many flawed answers were caught, how many clean ones were flagged."""
    print("\n== flaws: caught / flawed answers, false alarms / other answers of the kind")
    for tag in FLAW_DETECTED:
        kinds = {r.kind for r in results if tag in r.flaws}
        if not kinds:
            continue
        flawed = [r for r in results if tag in r.flaws]
        clean = [r for r in results if tag not in r.flaws and r.kind in kinds]
        caught = sum(tag in r.detected for r in flawed)
        alarms = sum(tag in r.detected for r in clean)
        print(f"  {tag:16s} caught {caught}/{len(flawed)}   false alarms {alarms}/{len(clean)}")


def show_errors(results: list[Scored]) -> None:
    for r in results:
        wrong = [(g, p, t) for g, p, t in zip(r.gold, r.predicted, r.texts, strict=True)
                 if g != p]
        flaws = {t for t in r.flaws if t in FLAW_DETECTED} ^ r.detected
        if wrong or r.missing_gold != r.missing_predicted or flaws:
            print(f"\n{r.id}: missing gold={sorted(r.missing_gold)} "
                  f"predicted={sorted(r.missing_predicted)} flaws wrong={sorted(flaws)}")
            for g, p, t in wrong:
                print(f"  gold={g:9s} pred={p:9s} {t[:110]}")


def time_analysis(answers: list[dict], bank, embed=None) -> float:
    """Mean milliseconds to analyze a ~500-word transcript built from the answers, with the
    sentence model's `embed` (uncached: its time counts) when it is given.

    Each run takes a different 500-word window, so no cache sees the same text twice."""
    words = [w for a in answers for w in " ".join(sentence_texts(a)).split()]
    step = max((len(words) - TIMING_WORDS) // TIMING_RUNS, 1)
    windows = [words[k * step : k * step + TIMING_WORDS] for k in range(TIMING_RUNS)]
    transcripts = [Transcript.from_text(" ".join(w)) for w in windows]
    question = Question(id="timing", text="Tell me about a time you failed.", kind="story")
    company = bank.company("doordash")
    analyze(transcripts[0], question, company, embed=embed)  # imports, regexes, model warm
    start = time.perf_counter()
    for transcript in transcripts:
        analyze(transcript, question, company, embed=embed)
    return (time.perf_counter() - start) / len(transcripts) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "tune"), default="test")
    parser.add_argument("--errors", action="store_true", help="list mislabeled sentences (tune)")
    parser.add_argument("--fit", action="store_true", help="refit part weights on tune, print")
    parser.add_argument("--file", help="score only this corpus file (its stem)")
    parser.add_argument("--leave-out", help="fit on tune without this corpus file, judge on it")
    parser.add_argument("--dir", type=Path, help="score every answer of this folder instead")
    parser.add_argument("--spoken", action="store_true", help="also through espeak-ng+Whisper")
    parser.add_argument("--limit", type=int, help="only the first N answers")
    parser.add_argument("--embed", action="store_true",
                        help="use the sentence model (its weights; --fit also fits them)")
    parser.add_argument("--dev", action="store_true",
                        help="fit on tune, judge on earlier held-out rounds (development figures)")
    args = parser.parse_args(argv)
    embed = cached_embed() if args.embed else None
    if args.embed and embed is None:
        parser.error("the sentence model is not installed")
    if args.leave_out:
        leave_file_out(args.leave_out, load_bank())
        return 0
    if args.dev:
        dev_report(load_bank(), embed)
        return 0
    if args.fit:
        write_weights(load_answers("tune"), load_bank(), embed)
        return 0
    if args.errors and (args.split == "test" or args.dir):
        parser.error("--errors is only for the tune split; held-out answers stay unseen")
    if args.dir:
        answers = load_answers(None, only=args.file, folder=args.dir)
    else:
        answers = load_answers(args.split, only=args.file)
    answers = answers[: args.limit] if args.limit else answers
    if not answers:
        print(f"No {args.split} answers found in {args.dir or CORPUS}.", file=sys.stderr)
        return 1
    bank = load_bank()
    results = [score_answer(a, bank, embed) for a in answers]
    print(f"{'dir=' + str(args.dir) if args.dir else 'split=' + args.split}  "
          f"answers={len(results)}")
    for kind in ("story", "background"):
        report_kind(kind, results)
    report_batches(results)
    report_flaws(results)
    if args.errors:
        show_errors(results)
    print(f"\nmean analysis time, {TIMING_WORDS}-word transcript: "
          f"{time_analysis(answers, bank):.1f} ms over {TIMING_RUNS} runs without the "
          "sentence model")
    model = load_sentence_model()
    if model is not None:
        print(f"mean analysis time with the sentence model, embedding included: "
              f"{time_analysis(answers, bank, model.embed):.1f} ms")
    if args.spoken:
        run_spoken(answers, bank, embed)
    if embed is not None:
        embed.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
