"""The progress chart: points from attempts, panels against the coaching figures, drawn."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QColor

from desktop.history_query import HistoryFilter
from desktop.store import Store
from desktop.widgets.progress_chart import GOOD, LINE, ProgressChart, panels_of, points_of_rows
from question_bank.model import Question
from scoring import Transcript, analyze

STORY = Question(id="s", text="Tell me about a time you failed.", kind="story")
BACKGROUND = Question(id="b", text="Tell me about your background.", kind="background")
TEXT = ("At my last company I owned the churn model. I rebuilt the features and retrained "
        "it. Churn fell by 4% in a quarter.")


def _rows(tmp_path: Path) -> list:
    """Four attempts saved in a real store, read back as the History reads them."""
    store = Store(tmp_path / "db.sqlite3")
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for k, q in enumerate((STORY, BACKGROUND, STORY, BACKGROUND)):
        a = analyze(Transcript.from_text(TEXT * (k + 1)), q, None)
        store.add_attempt(q.id, q.text, q.kind, None, None, a.to_dict(), a.score,
                          a.duration_s, start + timedelta(days=3 - k))
    return store.history(HistoryFilter())


def test_points_are_dated_oldest_first_with_each_attempts_band(tmp_path):
    rows = _rows(tmp_path)
    points = points_of_rows(rows)
    assert [p.when for p in points] == sorted(p.when for p in points)
    assert {p.band for p in points} == {(90, 120), (60, 90)}
    length = panels_of(points)[1]
    assert length.good == tuple(p.band for p in points)
    assert sorted(p.wpm for p in points) == sorted(r.wpm for r in rows) and points[0].wpm > 0


def test_the_chart_draws_a_line_and_the_good_ranges(qtbot, tmp_path):
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(720, 520)
    chart.set_points(points_of_rows(_rows(tmp_path)))
    image = chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 720, 3) for y in range(0, 520, 3)}
    assert LINE.name() in colours
    assert QColor(GOOD).name() in colours


def test_an_empty_chart_says_why(qtbot):
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    chart.set_points([])
    image = chart.grab().toImage()
    dark = sum(image.pixelColor(x, y).lightness() < 128
               for x in range(0, 400, 2) for y in range(0, 300, 2))
    assert dark > 20  # the message is drawn, not a blank panel


def test_thousands_of_attempts_are_averaged_into_a_readable_trend(tmp_path):
    rows = _rows(tmp_path)
    many = [replace(rows[k % 4], id=k, created_at=rows[0].created_at + timedelta(hours=k),
                    score=k % 100) for k in range(1000)]
    points = points_of_rows(many, most=100)
    assert len(points) == 100
    assert points[0].score == sum(range(10)) / 10  # the first ten attempts, averaged
    assert [p.when for p in points] == sorted(p.when for p in points)
