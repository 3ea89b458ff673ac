"""Progress: the chart of score, length against the band, speaking rate and fillers over
time, for one kind of answer and one company or all of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.history_query import HistoryFilter, HistoryRow
from desktop.widgets.progress_chart import ProgressChart, points_of_rows

KINDS = (("Stories", "story"), ("Background answers", "background"), ("All kinds", None))


class ProgressView(QWidget):
    """Asks `query` for the matching attempts, oldest first, whenever a filter changes."""

    def __init__(self, query: Callable[[HistoryFilter], list[HistoryRow]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._query = query
        self.kind_box, self.company_box = QComboBox(), QComboBox()
        self.kind_box.setAccessibleName("Kind of answer")
        self.company_box.setAccessibleName("Company")
        for label, kind in KINDS:
            self.kind_box.addItem(label, kind)
        self.company_box.addItem("All companies", None)
        self.caption = QLabel("")
        self.caption.setObjectName("caption")
        self.chart = ProgressChart()
        filters = QHBoxLayout()
        filters.addWidget(self.kind_box)
        filters.addWidget(self.company_box)
        filters.addStretch(1)
        filters.addWidget(self.caption)
        column = QVBoxLayout(self)
        column.addLayout(filters)
        column.addWidget(self.chart, 1)
        for box in (self.kind_box, self.company_box):
            box.currentIndexChanged.connect(lambda _i: self.refresh())

    def set_companies(self, companies: Sequence[str]) -> None:
        chosen = self.company_box.currentData()
        self.company_box.blockSignals(True)
        self.company_box.clear()
        self.company_box.addItem("All companies", None)
        for name in companies:
            self.company_box.addItem(name, name)
        self.company_box.setCurrentIndex(max(0, self.company_box.findData(chosen)))
        self.company_box.blockSignals(False)

    def refresh(self) -> None:
        rows = self._query(HistoryFilter(kind=self.kind_box.currentData(),
                                         company=self.company_box.currentData(),
                                         descending=False))
        points = points_of_rows(rows)
        self.chart.set_points(points)
        grouped = " (averaged in groups)" if len(points) < len(rows) else ""
        self.caption.setText(f"{len(rows)} attempts{grouped}, oldest on the left")
