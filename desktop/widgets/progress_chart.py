"""Progress over time: score, length against its band, speaking rate and fillers per minute.

Drawn with QPainter rather than a plotting library: four small line charts of at most a few
hundred points need no dependency, the same code can paint into a PDF page, and the look
follows the app's palette. Each panel shades what a coach calls good (the band, the
comfortable rate, few fillers), so a point is read against the target, not just the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from desktop.history_query import HistoryRow
from scoring.figures import FILLERS_FINE_PER_MIN, WPM_COMFORT

GOOD = QColor("#E3F2EC")
LINE = QColor("#0072B2")
AXIS = QColor("#5A6570")
MAX_POINTS = 240  # more attempts than this are averaged in groups
MARGIN_LEFT, MARGIN_RIGHT, TITLE_H, GAP = 40, 16, 20, 10


@dataclass(frozen=True)
class ProgressPoint:
    """One attempt as the chart plots it."""

    when: datetime
    score: float
    duration_s: float
    band: tuple[float, float]
    wpm: float
    fillers_per_min: float


@dataclass(frozen=True)
class Panel:
    title: str
    values: tuple[float, ...]
    # The good range at each point (the band may vary with the kind); empty: none is set.
    good: tuple[tuple[float, float], ...]
    unit: str


def points_of_rows(rows: Sequence[HistoryRow], most: int = MAX_POINTS) -> list[ProgressPoint]:
    """History rows (summary columns, no JSON parsed), oldest first, as points; beyond
    `most` attempts, consecutive ones are averaged in equal groups (a trend over thousands
    of takes reads better, and draws faster, as a few hundred points)."""
    ordered = sorted(rows, key=lambda r: (r.created_at, r.id))
    points = [ProgressPoint(r.created_at, r.score, r.duration_s, r.band, r.wpm or 0.0,
                            r.fillers_per_min or 0.0) for r in ordered]
    if len(points) <= most:
        return points
    groups = [points[len(points) * k // most: len(points) * (k + 1) // most] for k in range(most)]
    return [_average(group) for group in groups]


def _average(group: Sequence[ProgressPoint]) -> ProgressPoint:
    n = len(group)
    return ProgressPoint(
        group[-1].when, sum(p.score for p in group) / n, sum(p.duration_s for p in group) / n,
        (sum(p.band[0] for p in group) / n, sum(p.band[1] for p in group) / n),
        sum(p.wpm for p in group) / n, sum(p.fillers_per_min for p in group) / n)


def panels_of(points: Sequence[ProgressPoint]) -> list[Panel]:
    n = len(points)
    return [
        Panel("Score", tuple(p.score for p in points), (), ""),
        Panel("Length against its band", tuple(p.duration_s for p in points),
              tuple(p.band for p in points), "seconds"),
        Panel("Speaking rate", tuple(p.wpm for p in points), (WPM_COMFORT,) * n, "wpm"),
        Panel("Fillers", tuple(p.fillers_per_min for p in points),
              ((0.0, FILLERS_FINE_PER_MIN),) * n, "per minute"),
    ]


class ProgressChart(QWidget):
    """Four stacked panels sharing one x axis: the attempts in the order they were made."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[ProgressPoint] = []
        self.setMinimumSize(360, 320)
        self.setAccessibleName("Progress chart")

    def sizeHint(self) -> QSize:
        return QSize(720, 520)

    def set_points(self, points: Sequence[ProgressPoint]) -> None:
        self.points = list(points)
        self.setToolTip(f"{len(self.points)} attempts" if self.points else "")
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        if len(self.points) < 1:
            painter.setPen(AXIS)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No attempts match: rehearse, or widen the filter.")
            return
        panels = panels_of(self.points)
        height = (self.height() - GAP * (len(panels) - 1)) / len(panels)
        for k, panel in enumerate(panels):
            top = k * (height + GAP)
            _paint_panel(painter, panel, QRectF(0, top, self.width(), height))
        painter.setPen(AXIS)
        first, last = self.points[0].when, self.points[-1].when
        painter.drawText(QRectF(MARGIN_LEFT, self.height() - 14, self.width(), 14),
                         Qt.AlignmentFlag.AlignLeft, first.strftime("%d %b"))
        painter.drawText(QRectF(0, self.height() - 14, self.width() - MARGIN_RIGHT, 14),
                         Qt.AlignmentFlag.AlignRight, last.strftime("%d %b"))


def _paint_panel(painter: QPainter, panel: Panel, area: QRectF) -> None:
    plot = QRectF(area.left() + MARGIN_LEFT, area.top() + TITLE_H,
                  area.width() - MARGIN_LEFT - MARGIN_RIGHT, area.height() - TITLE_H - 14)
    low, high = _range(panel)
    x = _xs(len(panel.values), plot)

    def y(value: float) -> float:
        return plot.bottom() - (value - low) / (high - low) * plot.height()

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(GOOD)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # no seams between strips
    half = plot.width() / max(len(panel.values), 1) / 2
    for k, (good_low, good_high) in enumerate(panel.good):
        left, right = round(x[k] - half), round(x[k] + half)  # whole pixels: strips abut
        top, bottom = round(y(min(good_high, high))), round(y(max(good_low, low)))
        painter.drawRect(QRectF(left, top, right - left, bottom - top))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(AXIS)
    title = f"{panel.title} ({panel.unit})" if panel.unit else panel.title
    painter.drawText(QRectF(plot.left(), area.top(), plot.width(), TITLE_H),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    for value in (low, high):
        painter.drawText(QRectF(area.left(), y(value) - 8, MARGIN_LEFT - 6, 16),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{value:.0f}")
    path = QPainterPath(QPointF(x[0], y(panel.values[0])))
    for k, value in enumerate(panel.values[1:], 1):
        path.lineTo(x[k], y(value))
    painter.setPen(QPen(LINE, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setBrush(LINE)
    for k, value in enumerate(panel.values):
        painter.drawEllipse(QPointF(x[k], y(value)), 3, 3)


def _range(panel: Panel) -> tuple[float, float]:
    """The y range: every value and every good range, with a little air."""
    values = [*panel.values, *(v for g in panel.good for v in g)]
    low, high = min(values), max(values)
    pad = max((high - low) * 0.08, 1.0)
    return max(0.0, low - pad), high + pad


def _xs(count: int, plot: QRectF) -> list[float]:
    if count == 1:
        return [plot.center().x()]
    step = plot.width() / count
    return [plot.left() + step * (k + 0.5) for k in range(count)]
