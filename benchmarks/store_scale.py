"""Does History stay fast after years of rehearsal? A store of 10,000 attempts against an
empty one, on the operations the History and Progress screens make.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/store_scale.py [--attempts 10000] [--runs 7]

The attempts carry real analyses (corpus answers analysed as text, about 30 KB of JSON each,
as a real answer's), spread over a year, six questions and three companies. Printed: the
median time of each operation on the empty store and on the full one. The History screen
counts the matches and reads the first page of rows (more as the user scrolls), so that is
what "list" and "filter" time; reading every row at once is printed for reference. Targets
(issue 9): listing and filtering under 50 ms, opening an attempt under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from corpus import load_answers, sentence_texts

from desktop.history_query import HistoryFilter
from desktop.store import Store
from desktop.views.history_view import PAGE
from question_bank import Question
from scoring import Analysis, Transcript, analyze

COMPANIES = ("Amazon", "DoorDash", None)


def _analyses(count: int) -> list[tuple[Question, dict]]:
    """A few dozen distinct real analyses, reused round-robin (analysing 10,000 would only
    time the analyser)."""
    answers = [a for a in load_answers("tune") if a["kind"] in ("story", "background")][:count]
    out = []
    for n, answer in enumerate(answers):
        question = Question(id=f"q{n % 6}", text=answer.get("question", "Tell me."),
                            kind=answer["kind"])
        text = " ".join(sentence_texts(answer))
        out.append((question, analyze(Transcript.from_text(text), question, None).to_dict()))
    return out


def fill(store: Store, attempts: int) -> None:
    samples = _analyses(48)
    start = datetime(2025, 12, 1, tzinfo=UTC)
    for n in range(attempts):
        question, analysis = samples[n % len(samples)]
        store.add_attempt(question.id, question.text, question.kind, COMPANIES[n % 3],
                          f"/recordings/{n}.wav", analysis, analysis["score"],
                          analysis["duration_s"], start + timedelta(minutes=52 * n))


def operations(store: Store) -> dict[str, Callable[[], object]]:
    from desktop.widgets.progress_chart import ProgressChart, points_of_rows

    chart = ProgressChart()
    chart.resize(720, 520)
    newest = store.history(HistoryFilter(limit=1))

    def draw_progress() -> object:
        chart.set_points(points_of_rows(store.history(HistoryFilter(kind="story",
                                                                     descending=False))))
        return chart.grab()

    def open_attempt() -> object:
        record = store.attempt(newest[0].id) if newest else None
        return Analysis.from_dict(record.analysis) if record else None

    def page(wanted: HistoryFilter) -> Callable[[], object]:
        """What the History screen does: count the matches, read the first page."""
        return lambda: (store.history_count(wanted),
                        store.history(replace(wanted, limit=PAGE)))

    return {
        "list history (count + first page)": page(HistoryFilter()),
        "filter company + kind (same)": page(HistoryFilter(company="Amazon", kind="story")),
        "filter question, by score (same)": page(HistoryFilter(question_id="q3",
                                                               sort="score")),
        "every row at once (for reference)": lambda: store.history(HistoryFilter()),
        "open one attempt": open_attempt,
        "best and latest per question": store.scores_by_question,
        "draw the progress chart (stories)": draw_progress,
    }


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the chart needs it
    with tempfile.TemporaryDirectory() as folder:
        empty, full = Store(Path(folder) / "empty.db"), Store(Path(folder) / "full.db")
        start = time.perf_counter()
        fill(full, args.attempts)
        size = (Path(folder) / "full.db").stat().st_size / 2**20
        print(f"filled {args.attempts} attempts in {time.perf_counter() - start:.1f} s "
              f"({size:.0f} MB); median of {args.runs} runs")
        print(f"{'operation':<36} {'empty':>9} {args.attempts:>9,}")
        for (name, on_empty), on_full in zip(operations(empty).items(),
                                             operations(full).values(), strict=True):
            print(f"{name:<36} {_median_ms(on_empty, args.runs):>7.1f}ms "
                  f"{_median_ms(on_full, args.runs):>7.1f}ms")


if __name__ == "__main__":
    main()
