"""The form that edits one vault story: title, type, STAR notes, competencies and values.

The form holds no storage of its own: `story()` reads what is typed into a `Story`, and
`load()` fills the form from one. The vault screen decides when to save.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from question_bank.model import Company
from scoring.stories import STORY_TYPES, TYPE_LABELS, Story, human, suggest_values

NOTE_HINTS = {
    "situation": "Where, when, what was at stake. Brief.",
    "task": "Your goal or responsibility, the constraint, the deadline.",
    "action": "What you did, the decisions and trade-offs, and why.",
    "result": "What happened, with its figures: lift, time or money saved, error rates.",
}
NOTE_HEIGHT = 74
COMPETENCY_CELL_WIDTH = 150
TAGS_HEIGHT = 184  # sixteen competencies in three columns; the notes take the rest


class StoryEditor(QWidget):
    """Edits one story; `changed` fires on any edit so the screen can mark it unsaved."""

    changed = Signal()

    def __init__(self, competencies: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._id: int | None = None
        self._company: Company | None = None
        self._extra_values: tuple[str, ...] = ()
        self._loaded: tuple[str, ...] = ()
        self.title = QLineEdit()
        self.title.setPlaceholderText("A short name you will recognise, e.g. 'Churn model'")
        self.title.setAccessibleName("Story title")
        self.type_box = QComboBox()
        self.type_box.setAccessibleName("Story type")
        for story_type in STORY_TYPES:
            self.type_box.addItem(TYPE_LABELS[story_type], story_type)
        self.notes = {part: self._note(part) for part in NOTE_HINTS}
        self.competency_list = self._checklist("Competencies the story shows")
        # Sixteen names in columns, all in view without scrolling.
        self.competency_list.setFlow(QListWidget.Flow.LeftToRight)
        self.competency_list.setWrapping(True)
        self.competency_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.competency_list.setGridSize(QSize(COMPETENCY_CELL_WIDTH, 28))
        for name in competencies:
            self._add_check(self.competency_list, human(name), name, False)
        self.value_list = self._checklist("Company values the story shows")
        self.suggest_button = QPushButton("Suggest values")
        self.suggest_button.setAccessibleName("Suggest values from the notes")
        self.suggest_button.setToolTip("Tick the values your action and result notes show")
        self.suggest_button.clicked.connect(self.suggest)
        self.values_caption = QLabel()
        self.values_caption.setObjectName("caption")
        self.values_caption.setWordWrap(True)
        self._layout()
        self.title.textChanged.connect(self.changed)
        self.type_box.currentIndexChanged.connect(self.changed)
        self.competency_list.itemChanged.connect(self.changed)
        self.value_list.itemChanged.connect(self.changed)
        self.set_company(None)

    def _note(self, part: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setPlaceholderText(NOTE_HINTS[part])
        edit.setAccessibleName(f"{part.capitalize()} notes")
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(NOTE_HEIGHT)
        edit.textChanged.connect(self.changed)
        return edit

    @staticmethod
    def _checklist(name: str) -> QListWidget:
        box = QListWidget()
        box.setAccessibleName(name)
        box.setMaximumHeight(TAGS_HEIGHT)
        return box

    @staticmethod
    def _add_check(box: QListWidget, text: str, key: str, checked: bool) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        box.addItem(item)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Type", self.type_box)
        for part, edit in self.notes.items():
            form.addRow(part.capitalize(), edit)
        tags = QGridLayout()
        tags.addWidget(_section("Competencies"), 0, 0)
        tags.addWidget(_section("Values"), 0, 1)
        tags.addWidget(self.competency_list, 1, 0)
        tags.addWidget(self.value_list, 1, 1)
        values_foot = QHBoxLayout()
        values_foot.addWidget(self.values_caption, 1)
        values_foot.addWidget(self.suggest_button)
        tags.addLayout(values_foot, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 1)
        layout.addLayout(tags)

    # --- public --------------------------------------------------------------------------

    def set_company(self, company: Company | None) -> None:
        """Show the company's values as the checkable list, keeping what is ticked."""
        ticked = set(self._checked(self.value_list)) | set(self._extra_values)
        self._company = company
        self._fill_values(ticked)

    def load(self, story: Story) -> None:
        """Fill the form from a story (a new one has id None)."""
        self.blockSignals(True)
        self._id = story.id
        self._loaded = story.competencies
        self.title.setText(story.title)
        self.type_box.setCurrentIndex(STORY_TYPES.index(story.type))
        for part, edit in self.notes.items():
            edit.setPlainText(getattr(story, part))
        for i in range(self.competency_list.count()):
            item = self.competency_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in story.competencies
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._fill_values(set(story.values))
        self.blockSignals(False)

    def story(self) -> Story:
        """The story as the form shows it. Values of other companies tagged earlier are kept:
        the story belongs to no company."""
        return Story(
            self._id, self.title.text().strip() or "Untitled story",
            self.type_box.currentData(),
            *(self.notes[part].toPlainText().strip() for part in NOTE_HINTS),
            competencies=_in_order(self._checked(self.competency_list), self._loaded),
            values=tuple(self._checked(self.value_list)) + self._extra_values,
        )

    def is_empty(self) -> bool:
        """True while neither a title nor any note is written: nothing worth storing."""
        return not self.title.text().strip() and not any(
            edit.toPlainText().strip() for edit in self.notes.values())

    def suggest(self) -> list[str]:
        """Tick the values the notes show (never untick the user's own); returns the ticked."""
        found = suggest_values(self.story(), self._company)
        for i in range(self.value_list.count()):
            item = self.value_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in found:
                item.setCheckState(Qt.CheckState.Checked)
        if self._company is not None:
            self.values_caption.setText(
                "Suggested from your action and result notes: " + ", ".join(found)
                if found else "Your action and result notes name none of these values yet.")
        return found

    # --- inside --------------------------------------------------------------------------

    def _fill_values(self, ticked: set[str]) -> None:
        self.value_list.blockSignals(True)
        self.value_list.clear()
        names = [v.name for v in self._company.values] if self._company else []
        for name in names:
            self._add_check(self.value_list, name, name, name in ticked)
        self._extra_values = tuple(sorted(ticked - set(names)))
        self.value_list.blockSignals(False)
        self.suggest_button.setEnabled(self._company is not None)
        self.values_caption.setText(
            f"Values of {self._company.name}." if self._company
            else "Choose a company to tag its values.")

    @staticmethod
    def _checked(box: QListWidget) -> list[str]:
        return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
                if box.item(i).checkState() == Qt.CheckState.Checked]


def _in_order(checked: list[str], loaded: tuple[str, ...]) -> tuple[str, ...]:
    """The ticked names, those the story had first in its own order, so saving an unchanged
    story stores exactly what was loaded."""
    kept = tuple(name for name in loaded if name in checked)
    return kept + tuple(name for name in checked if name not in kept)


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
