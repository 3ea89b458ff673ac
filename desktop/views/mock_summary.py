"""The page at the end of a mock interview: each answer, what recurs, which values came across."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scoring.interview_summary import InterviewSummary

COLUMNS = ("Question", "Score", "Timing", "Missing parts")


class SummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Interview summary")
        self.title.setObjectName("questionText")
        self.mean = QLabel()
        self.mean.setObjectName("verdict")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Answers of the interview")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        # Rows follow their wrapped text as the column widths change.
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.recurring = _text_label("Issues that recur across answers")
        self.values = _text_label("Company values")
        self.new_button = QPushButton("New interview")
        self.new_button.setAccessibleName("Set up a new mock interview")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.mean)
        # What recurs and which values came across first: that is what to work on next.
        layout.addWidget(_section("Recurring issues"))
        layout.addWidget(self.recurring)
        layout.addWidget(_section("Values"))
        layout.addWidget(self.values)
        layout.addWidget(_section("Each answer"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_summary(self, summary: InterviewSummary, company: str | None) -> None:
        self.title.setText(f"Interview summary — {company}" if company else
                           "Interview summary")
        firsts = sum(not line.follow_up for line in summary.lines)
        self.mean.setText("No answer was heard." if summary.mean_score is None else
                          f"Mean score {summary.mean_score:g}/100 over {firsts} questions "
                          "(follow-ups not counted)")
        self.table.setRowCount(len(summary.lines))
        for row, line in enumerate(summary.lines):
            question = f"↳ Follow-up: {line.question}" if line.follow_up else line.question
            missing = "—" if line.follow_up else ", ".join(line.missing) or "none"
            cells = (question, "—" if line.score is None else str(line.score), line.timing,
                     missing)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setCurrentCell(-1, -1)  # no cell looks picked in a read-only table
        self.recurring.setText("\n".join(f"• {issue}" for issue in summary.recurring)
                               or "Nothing recurs across your answers.")
        linked = ", ".join(summary.values_linked) or "none"
        text = f"Linked back in your answers: {linked}."
        if summary.values_not_linked:
            text += (" Probed but never linked back: "
                     f"{', '.join(summary.values_not_linked)}.")
        self.values.setText(text)

    def rows(self) -> list[list[str]]:
        """The table's text, row by row (what a test reads)."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]


def _section(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("sectionTitle")
    return label


def _text_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label
