"""The progress chart: points from attempts, panels against the coaching figures, drawn."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QColor

from desktop.widgets.progress_chart import GOOD, LINE, ProgressChart, panels_of, points_of
from question_bank.model import Question
from scoring import Transcript, analyze
from scoring.reports import ReportItem

STORY = Question(id="s", text="Tell me about a time you failed.", kind="story")
BACKGROUND = Question(id="b", text="Tell me about your background.", kind="background")
TEXT = ("At my last company I owned the churn model. I rebuilt the features and retrained "
        "it. Churn fell by 4% in a quarter.")


def _items() -> list[ReportItem]:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    return [ReportItem(analyze(Transcript.from_text(TEXT * (k + 1)), q, None), k,
                       start + timedelta(days=3 - k))
            for k, q in enumerate((STORY, BACKGROUND, STORY, BACKGROUND))]


def test_points_are_dated_oldest_first_with_each_attempts_band():
    points = points_of(_items())
    assert [p.when for p in points] == sorted(p.when for p in points)
    assert {p.band for p in points} == {(90, 120), (60, 90)}
    length = panels_of(points)[1]
    assert length.good == tuple(p.band for p in points)


def test_the_chart_draws_a_line_and_the_good_ranges(qtbot):
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(720, 520)
    chart.set_points(points_of(_items()))
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
