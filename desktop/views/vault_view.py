"""The story vault screen: the list of stories on the left, the open story's form on the right.

The screen knows nothing of the database. It reads and writes through a `StoryRepository`
(the window gives it the store; tests give it a list in memory) and asks before deleting
through an injected `ask`, so it runs headless under test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.prompts import ask_yes_no
from desktop.widgets.story_editor import StoryEditor
from question_bank import COMPETENCIES
from question_bank.model import Company
from scoring.stories import TYPE_LABELS, Story, story_markdown

Ask = Callable[[QWidget, str, str], bool]
LIST_WIDTH = 300


class StoryRepository(Protocol):
    """Where stories live. `save_story` returns the story as stored (a new one gets its id)."""

    def list_stories(self) -> list[Story]: ...

    def save_story(self, story: Story) -> Story: ...

    def delete_story(self, story_id: int) -> None: ...


class VaultView(QWidget):
    """Create, edit and delete stories. `on_changed` runs after every save or delete so the
    values grid and suggestions can refresh."""

    def __init__(self, repository: StoryRepository, ask: Ask = ask_yes_no,
                 competencies: Sequence[str] = COMPETENCIES,
                 on_changed: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self._ask = ask
        self._on_changed = on_changed
        self._dirty = False
        self.story_list = QListWidget()
        self.story_list.setAccessibleName("Stories")
        self.story_list.setAlternatingRowColors(True)
        self.story_list.setFixedWidth(LIST_WIDTH)
        self.story_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button = _button("New story", "Start a new story (Ctrl+N)")
        self.delete_button = _button("Delete", "Delete the selected story (Delete)")
        self.save_button = _button("Save story", "Save the story (Ctrl+S)")
        self.save_button.setDefault(True)
        self.status = QLabel()
        self.status.setObjectName("caption")
        self.status.setAccessibleName("Vault status")
        self.editor = StoryEditor(competencies)
        self._layout()
        self.new_button.clicked.connect(lambda: self.new_story())
        self.delete_button.clicked.connect(self.delete_selected)
        self.save_button.clicked.connect(self.save)
        self.story_list.currentItemChanged.connect(self._selected)
        self.editor.changed.connect(self._edited)
        # Scoped to this screen, so the window's own Ctrl+N/Ctrl+S elsewhere do not clash.
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, action in ((QKeySequence.StandardKey.New, lambda: self.new_story()),
                             (QKeySequence.StandardKey.Save, self.save),
                             (QKeySequence.StandardKey.Delete, self.delete_selected)):
            QShortcut(keys, self, activated=action, context=scope)
        self.refresh()

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(_section("Story vault"))
        hint = QLabel("Two or three substantial stories, known inside out: ideally one "
                      "success, one failure, one about teamwork or leadership.")
        hint.setObjectName("caption")
        hint.setWordWrap(True)
        hint.setFixedWidth(LIST_WIDTH)
        left.addWidget(hint)
        left.addWidget(self.story_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.editor, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)

    # --- public: the window and the values grid call these -------------------------------

    def set_company(self, company: Company | None) -> None:
        """Tag against this company's values from now on."""
        self.editor.set_company(company)

    def refresh(self, select: int | None = None) -> None:
        """Reload the list from the repository, selecting story `select` (else the first)."""
        stories = self.repository.list_stories()
        self.story_list.blockSignals(True)
        self.story_list.clear()
        for story in stories:
            title = self.story_list.fontMetrics().elidedText(
                story.title, Qt.TextElideMode.ElideRight, LIST_WIDTH - 30)
            item = QListWidgetItem(f"{title}\n{TYPE_LABELS[story.type]}")
            item.setToolTip(story.title)
            item.setData(Qt.ItemDataRole.UserRole, story.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{story.title}, {TYPE_LABELS[story.type]} story")
            self.story_list.addItem(item)
        self.story_list.blockSignals(False)
        ids = [s.id for s in stories]
        row = ids.index(select) if select in ids else 0 if stories else -1
        if row >= 0:
            self.story_list.setCurrentRow(row)
            self._show(stories[row])
        else:
            self.new_story()
        self.delete_button.setEnabled(bool(stories))

    def open_story(self, story_id: int) -> None:
        """Show a stored story in the form."""
        self.refresh(select=story_id)

    def new_story(self, values: Sequence[str] = ()) -> None:
        """An empty form, pre-tagged with `values` (the grid's "+ New story" on a value)."""
        if self._keep_edits():
            self.refresh()
        self.story_list.blockSignals(True)
        self.story_list.clearSelection()
        self.story_list.setCurrentRow(-1)
        self.story_list.blockSignals(False)
        self.editor.load(Story(None, "", values=tuple(values)))
        self._dirty = False
        self.status.setText("New story: write its notes, then save.")
        self.editor.title.setFocus()

    def save(self) -> Story | None:
        """Store the form's story and show it selected in the list (not an empty form)."""
        if self.editor.is_empty():
            self.status.setText("Nothing to save yet: give the story a title or some notes.")
            return None
        stored = self.repository.save_story(self.editor.story())
        self._dirty = False
        self.refresh(select=stored.id)
        self.status.setText(f"Saved \u201c{stored.title}\u201d.")
        self._changed()
        return stored

    def delete_selected(self) -> bool:
        """Delete the selected story after the user confirms; True if deleted."""
        item = self.story_list.currentItem()
        if item is None:
            return False
        title = item.toolTip()
        question = (f"Delete the story \u201c{title}\u201d? Its notes and tags are removed; "
                    "your recorded attempts stay.")
        if not self._ask(self, "Delete story", question):
            return False
        self.repository.delete_story(item.data(Qt.ItemDataRole.UserRole))
        self.refresh()
        self.status.setText(f"Deleted \u201c{title}\u201d.")
        self._changed()
        return True

    def markdown(self) -> str:
        """The whole vault as Markdown, for the window's export action."""
        return story_markdown(self.repository.list_stories())

    # --- inside --------------------------------------------------------------------------

    def _selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        story_id = current.data(Qt.ItemDataRole.UserRole)
        if self._keep_edits():
            self.refresh(select=story_id)  # the list shows the saved title
            return
        story = next((s for s in self.repository.list_stories() if s.id == story_id), None)
        if story is not None:
            self._show(story)

    def _keep_edits(self) -> bool:
        """Save unsaved edits before the form shows another story: moving on must never
        throw away typed notes. True if something was saved."""
        if not self._dirty or self.editor.is_empty():
            return False
        self.repository.save_story(self.editor.story())
        self._dirty = False
        self._changed()
        return True

    def _show(self, story: Story) -> None:
        self.editor.load(story)
        self._dirty = False
        self.status.setText("")

    def _edited(self) -> None:
        self._dirty = True
        self.status.setText("Unsaved changes: they are saved when you save or move on.")

    def _changed(self) -> None:
        if self._on_changed is not None:
            self._on_changed()


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    button.setToolTip(tip)
    return button


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
