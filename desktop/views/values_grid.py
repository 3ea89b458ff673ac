"""Values x stories for the chosen company: which values still lack a story.

Each value is a row: its name and description, a status cell (red "No story", amber "One
story", green "Two or more": the words are there too, colour is never the only cue), then a
button per story tagged with it and a "+ New story" button. The grid only shows; what a
click does is the window's business, through the two callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from question_bank.model import Company
from scoring.stories import Story, ValueCell, values_grid

# Background, text and border of each status: dark text on a pale fill reads in any theme.
STATUS_COLOURS = {
    "red": ("#FBE3E4", "#8A1C24", "#E8A7AB"),
    "amber": ("#FFF1CC", "#6B4A00", "#EBCB7A"),
    "green": ("#DDF3E2", "#1E5B2E", "#9CD3A9"),
}
STATUS_MARKS = {"red": "\u2715", "amber": "\u25D1", "green": "\u2713"}  # shape as a third cue
VALUE_WIDTH = 300
STATUS_WIDTH = 130
STORY_CELL_WIDTH = 280  # longer titles are elided; the tooltip and accessible name keep them
STYLE = """
QWidget#valuesGridRows { background: #FFFFFF; }
QScrollArea#valuesGridScroll { background: #FFFFFF; border: 1px solid #DDE1E6;
                               border-radius: 10px; }
QLabel#gridHeader { color: #5B6670; font-size: 11px; font-weight: 600; }
QFrame#rowLine { color: #E6E9ED; }
QPushButton#newStoryCell { background: transparent; border: 1px dashed #9AA5B1;
                           color: #2F5577; }
QPushButton#newStoryCell:hover { background: #EEF4FA; }
"""
HEADERS = ("Value", "Status", "Stories that show it")


class ValuesGrid(QWidget):
    """The grid. `open_story(id)` on a story cell; `new_story(value)` on "+ New story"."""

    def __init__(self, open_story: Callable[[int], None], new_story: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_story = open_story
        self._new_story = new_story
        self.cells: list[ValueCell] = []
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setObjectName("caption")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Values covered")
        self._rows = QWidget()
        self._rows.setObjectName("valuesGridRows")
        self._grid = QGridLayout(self._rows)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(8)
        self._grid.setContentsMargins(14, 12, 14, 12)
        self._grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setObjectName("valuesGridScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._rows)
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        self.set_data(None, ())

    def set_data(self, company: Company | None, stories: Sequence[Story]) -> None:
        """Rebuild the rows for the company and the vault as it is now."""
        while self._grid.count():
            widget = self._grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if company is None:
            self.cells = []
            self.title.setText("Values and stories")
            self.summary.setText("Choose a company to see its values against your stories.")
            return
        self.cells = values_grid(company, list(stories))
        self.title.setText(f"{company.name}: values and stories")
        self.summary.setText(_summary(self.cells))
        descriptions = {v.name: v.description for v in company.values}
        for column, text in enumerate(HEADERS):
            header = QLabel(text.upper())
            header.setObjectName("gridHeader")
            self._grid.addWidget(header, 0, column)
        for i, cell in enumerate(self.cells):
            row = self._row_of(i)
            self._grid.addWidget(_line(), row - 1, 0, 1, 3)
            self._grid.addWidget(_value_label(cell.value, descriptions.get(cell.value, "")),
                                 row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(status_label(cell), row, 1, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(self._story_cells(cell), row, 2, Qt.AlignmentFlag.AlignTop)
        self._grid.setRowStretch(self._row_of(len(self.cells)), 1)

    @staticmethod
    def _row_of(index: int) -> int:
        """Grid row of value `index`: after the header, each value has a line above it."""
        return 2 + 2 * index

    def _story_cells(self, cell: ValueCell) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for story in cell.stories:
            button = QPushButton(_elided(button_font_metrics(self), story.title))
            button.setObjectName("storyCell")
            button.setAccessibleName(f"Open story {story.title}, tagged {cell.value}")
            button.setToolTip(f"Open \u201c{story.title}\u201d")
            button.clicked.connect(lambda _=False, sid=story.id: self._open_story(sid))
            row.addWidget(button)
        add = QPushButton("+ New story")
        add.setObjectName("newStoryCell")
        add.setAccessibleName(f"New story tagged {cell.value}")
        add.setToolTip(f"Start a story that shows \u201c{cell.value}\u201d")
        add.clicked.connect(lambda _=False, value=cell.value: self._new_story(value))
        row.addWidget(add)
        row.addStretch(1)
        return box

    def buttons(self, value: str) -> list[QPushButton]:
        """The clickable cells of one value's row, stories first then "+ New story"."""
        row = next(i for i, c in enumerate(self.cells) if c.value == value)
        box = self._grid.itemAtPosition(self._row_of(row), 2).widget()
        return box.findChildren(QPushButton)

    def status_of(self, value: str) -> QLabel:
        row = next(i for i, c in enumerate(self.cells) if c.value == value)
        return self._grid.itemAtPosition(self._row_of(row), 1).widget()


def status_label(cell: ValueCell) -> QLabel:
    """The coloured status cell, with words and a mark so colour is not the only cue."""
    background, text, border = STATUS_COLOURS[cell.status]
    label = QLabel(f"{STATUS_MARKS[cell.status]}  {cell.label}")
    label.setObjectName(f"status_{cell.status}")
    label.setProperty("status", cell.status)
    label.setAccessibleName(f"{cell.value}: {cell.label.lower()}")
    label.setFixedWidth(STATUS_WIDTH)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"background: {background}; color: {text}; border: 1px solid {border};"
                        " border-radius: 6px; padding: 6px; font-weight: 600;")
    return label


def button_font_metrics(widget: QWidget) -> QFontMetrics:
    return QFontMetrics(widget.font())


def _elided(metrics: QFontMetrics, title: str) -> str:
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight, STORY_CELL_WIDTH - 30)


def _line() -> QFrame:
    line = QFrame()
    line.setObjectName("rowLine")
    line.setFrameShape(QFrame.Shape.HLine)
    return line


def _value_label(name: str, description: str) -> QLabel:
    label = QLabel(f"<b>{name}</b><br><span style='color:#5B6670'>{description}</span>")
    label.setWordWrap(True)
    label.setFixedWidth(VALUE_WIDTH)
    label.setAccessibleName(f"Value {name}")
    return label


def _summary(cells: list[ValueCell]) -> str:
    """One line on coverage: the method asks for a story per value, ideally two."""
    missing = [c.value for c in cells if c.status == "red"]
    covered = len(cells) - len(missing)
    text = f"{covered} of {len(cells)} values have a story."
    if missing:
        text += " Still without one: " + ", ".join(missing) + "."
    return text
