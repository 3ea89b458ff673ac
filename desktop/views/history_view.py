"""History: every attempt, filtered and sorted by the database, opened, compared, exported
or deleted from one list.

The view knows nothing of the store: it asks `query(HistoryFilter)` for rows and hands the
user's choices to the callbacks in `HistoryActions`, which the window wires to the store,
the feedback view and the exporter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.history_query import SORTS, HistoryFilter, HistoryRow
from scoring.reports import VERDICTS, clock

COLUMNS = (("date", "Date"), ("question", "Question"), ("company", "Company"),
           ("score", "Score"), ("duration", "Length (band)"), ("verdict", "Verdict"))
PAGE = 200  # rows fetched at a time: a screenful many times over, a few ms to read
PERIODS = (("Any time", None), ("Today", 0), ("Last 7 days", 7), ("Last 30 days", 30))


@dataclass
class HistoryActions:
    open: Callable[[int], None]
    compare: Callable[[int, int], None]
    export: Callable[[list[int]], None]
    delete: Callable[[list[int]], None]


class HistoryModel(QAbstractTableModel):
    """The rows of one filter, fetched a page at a time as the table scrolls down, so a
    history of thousands of attempts opens as fast as one of a few."""

    def __init__(self, fetch: Callable[[HistoryFilter], list[HistoryRow]]) -> None:
        super().__init__()
        self._fetch = fetch
        self.rows: list[HistoryRow] = []
        self.total = 0
        self._filter = HistoryFilter()

    def load(self, wanted: HistoryFilter, total: int, at_least: int = 0) -> None:
        """Start over on a filter: its first page (or enough pages to hold `at_least`)."""
        self.beginResetModel()
        self._filter, self.total = wanted, total
        count = max(PAGE, at_least)
        self.rows = self._fetch(replace(wanted, limit=count, offset=0))
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        page = self._fetch(replace(self._filter, limit=PAGE, offset=len(self.rows)))
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows += page
            self.endInsertRows()
        else:
            self.total = len(self.rows)  # the database changed under us: stop asking

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        return cell_text(self.rows[index.row()], COLUMNS[index.column()][0])


def cell_text(row: HistoryRow, column: str) -> str:
    low, high = row.band
    return {
        "date": row.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        "question": row.question_text,
        "company": row.company or "—",
        "score": str(row.score),
        "duration": f"{clock(row.duration_s)} ({clock(low)}–{clock(high)})",
        "verdict": VERDICTS.get(row.verdict, row.verdict),
    }[column]


class HistoryView(QWidget):
    def __init__(self, query: Callable[[HistoryFilter], list[HistoryRow]],
                 count: Callable[[HistoryFilter], int], actions: HistoryActions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count, self.actions = count, actions
        self.filter = HistoryFilter()
        self.model = HistoryModel(query)
        self.table = QTableView()
        self.question_box, self.company_box = QComboBox(), QComboBox()
        self.kind_box, self.period_box = QComboBox(), QComboBox()
        self.story_box = QComboBox()
        self.count_label = QLabel("")
        self.count_label.setObjectName("caption")
        self.open_button = QPushButton("Open")
        self.compare_button = QPushButton("Compare")
        self.export_button = QPushButton("Export…")
        self.delete_button = QPushButton("Delete…")
        self._build()
        self.refresh()

    def _build(self) -> None:
        self._set_table()
        self.kind_box.addItem("All kinds", None)
        self.kind_box.addItem("Stories", "story")
        self.kind_box.addItem("Background", "background")
        for label, days in PERIODS:
            self.period_box.addItem(label, days)
        self.question_box.setMinimumContentsLength(18)
        self.question_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        filters = QHBoxLayout()
        for box, name in ((self.question_box, "Question filter"),
                          (self.company_box, "Company filter"),
                          (self.kind_box, "Kind filter"), (self.story_box, "Story filter"),
                          (self.period_box, "Date filter")):
            box.setAccessibleName(name)
            box.currentIndexChanged.connect(lambda _i: self._filters_changed())
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for button, slot in ((self.open_button, self._open),
                             (self.compare_button, self._compare),
                             (self.export_button, self._export),
                             (self.delete_button, self._delete)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addLayout(filters)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)

    def _set_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setAccessibleName("Attempts")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setSortingEnabled(False)  # the database sorts; the header only asks it to
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        for column in range(len(COLUMNS)):  # the question takes what the figures leave
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.sortIndicatorChanged.connect(self._sort_changed)
        table.verticalHeader().hide()
        table.doubleClicked.connect(lambda _index: self._open())
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def set_choices(self, questions: Sequence[tuple[str, str]], companies: Sequence[str],
                    stories: Sequence[tuple[int, str]] = ()) -> None:
        """The questions (id, text), companies and vault stories (id, title) the filters
        offer; the choices made stay chosen."""
        for box, items, everything in ((self.question_box, questions, "All questions"),
                                       (self.company_box, [(c, c) for c in companies],
                                        "All companies"),
                                       (self.story_box, stories, "Any story")):
            chosen = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for key, text in items:
                box.addItem(text, key)
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.blockSignals(False)

    def refresh(self) -> None:
        """Ask again (after a take, a delete or a filter change), keeping the selection's ids."""
        keep = set(self.selected_ids())
        self.model.load(self.filter, self._count(self.filter), len(self.model.rows))
        for n, row in enumerate(self.model.rows):
            if row.id in keep:
                self.table.selectRow(n)
        total = self.model.total
        self.count_label.setText(f"{total} attempt{'s' if total != 1 else ''}")
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows if r < len(self.model.rows)]

    def _selected_rows(self) -> list[HistoryRow]:
        ids = set(self.selected_ids())
        return [r for r in self.model.rows if r.id in ids]

    def _filters_changed(self) -> None:
        days = self.period_box.currentData()
        since = None
        if days is not None:
            midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0,
                                                           microsecond=0)
            since = (midnight - timedelta(days=days)).astimezone(UTC)
        self.filter = replace(self.filter, question_id=self.question_box.currentData(),
                              company=self.company_box.currentData(),
                              kind=self.kind_box.currentData(),
                              story_id=self.story_box.currentData(), since=since)
        self.refresh()

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        key = COLUMNS[section][0]
        assert key in SORTS
        self.filter = replace(self.filter, sort=key,
                              descending=order == Qt.SortOrder.DescendingOrder)
        self.refresh()

    def _update_buttons(self) -> None:
        rows = self._selected_rows()
        self.open_button.setEnabled(len(rows) == 1)
        self.compare_button.setEnabled(len(rows) == 2 and rows[0].question_id ==
                                       rows[1].question_id)
        self.compare_button.setToolTip("Select two attempts of the same question to compare")
        self.export_button.setEnabled(bool(rows))
        self.delete_button.setEnabled(bool(rows))

    def _open(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.actions.open(ids[0])

    def _compare(self) -> None:
        rows = sorted(self._selected_rows(), key=lambda r: r.created_at)
        if len(rows) == 2:
            self.actions.compare(rows[0].id, rows[1].id)

    def _export(self) -> None:
        if ids := self.selected_ids():
            self.actions.export(ids)

    def _delete(self) -> None:
        if ids := self.selected_ids():
            self.actions.delete(ids)
