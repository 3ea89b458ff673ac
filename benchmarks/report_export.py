"""How long exporting a report of many attempts takes, in each format.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/report_export.py [--attempts 50] [--runs 3]

The attempts are real analyses of the labeled corpus's tune answers, timed at a nominal
speaking rate, so the reports are as long as real ones. Each format renders the whole set
(summary page plus one section per attempt); the single-attempt time is printed beside it
as the baseline a set should scale from. Target (issue 9): a report of 50 attempts in under
5 s, PDF included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from corpus import load_answers, sentence_texts

from question_bank import Question
from scoring import Transcript, analyze
from scoring.reports import FORMATS, ReportItem, renderer


def _items(count: int) -> list[ReportItem]:
    answers = [a for a in load_answers("tune") if a["kind"] == "story"][:count]
    items = []
    for n, answer in enumerate(answers):
        text = " ".join(sentence_texts(answer))
        question = Question(id=f"q{n}", text=answer.get("question", "Tell me about a time."),
                            kind="story")
        items.append(ReportItem(analyze(Transcript.from_text(text), question, None), n + 1))
    return items


def _time(render, items: list[ReportItem], runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(render(items))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.report_pdf import render_pdf

    items = _items(args.attempts)
    renderers = {fmt: renderer(fmt) for fmt in FORMATS} | {"pdf": render_pdf}
    render_pdf(items[:1])  # the first PDF pays for Qt's start-up and font loading
    print(f"{len(items)} attempts, median of {args.runs} runs")
    print(f"{'format':<6} {'one attempt':>12} {'whole set':>10} {'size':>10}")
    for fmt, render in renderers.items():
        one, _ = _time(render, items[:1], args.runs)
        whole, size = _time(render, items, args.runs)
        print(f"{fmt:<6} {one * 1000:>10.0f} ms {whole:>8.2f} s {size / 1024:>8.0f} KB")


if __name__ == "__main__":
    main()
