"""Take against take: two attempts of one question side by side.

A table gives each figure before and after with its change, coloured only where the change
is an improvement or a step back by the coaching figures (`scoring.compare`); below it the
two timelines share one time axis, so a part that grew or shrank is seen at a glance.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.part_timeline import PartTimeline
from scoring.analysis import Analysis
from scoring.compare import Change, compare

BETTER, WORSE = QColor("#006B4F"), QColor("#B00020")
HEADERS = ("Figure", "Earlier take", "Later take", "Change")


class CompareView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Figures of the two takes")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.labels = (QLabel("Earlier take"), QLabel("Later take"))
        self.timelines = (PartTimeline(), PartTimeline())
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.table, 1)
        for label, timeline in zip(self.labels, self.timelines, strict=True):
            label.setObjectName("caption")
            column.addWidget(label)
            column.addWidget(timeline)
        self.changes: list[Change] = []

    def show_takes(self, before: Analysis, after: Analysis, when: tuple[str, str]) -> None:
        """`when` names the takes (e.g. their dates) in the captions."""
        self.title.setText(f"<b>{escape(after.question)}</b>")
        self.changes = compare(before, after)
        self.table.setRowCount(len(self.changes))
        for row, change in enumerate(self.changes):
            cells = (change.label, change.before, change.after, change.delta)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 3 and change.better is not None:
                    item.setForeground(BETTER if change.better else WORSE)
                    item.setToolTip(f"{text} ({'better' if change.better else 'worse'})")
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        span = 0.0
        for label, timeline, analysis, name in zip(self.labels, self.timelines,
                                                   (before, after), when, strict=True):
            label.setText(f"{name}: score {analysis.score}")
            timeline.set_analysis(analysis)
            span = max(span, timeline.span_s())
        for timeline in self.timelines:
            timeline.share_axis(span)
