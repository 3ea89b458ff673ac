"""Which vault story to tell for this question, and which one an answer told.

`StorySuggestions` lists the vault ranked by fit with the reason in words. `StoryTold` says,
after a take, "This answer told: <story>" and lets the user correct it; the correction goes
to a callback, since linking an attempt to its story is the store's business.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from question_bank.model import Question
from scoring.stories import Story, StoryFit, StoryMatch, rank_stories

NO_STORY = "None of my vault stories"
EMPTY_NOTE = ("Your story vault is empty: add two or three stories to see which one fits "
              "each question.")
BACKGROUND_NOTE = ("A background question: answer Now \u2192 Then \u2192 Why \u2192 Bridge "
                   "rather than with one story.")


class StorySuggestions(QWidget):
    """The vault ranked for one question; activating a row calls `open_story(id)`."""

    def __init__(self, open_story: Callable[[int], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_story = open_story
        self.fits: list[StoryFit] = []
        title = QLabel("Which story to tell")
        title.setWordWrap(True)
        title.setObjectName("sectionTitle")
        self.empty = QLabel(EMPTY_NOTE)
        self.empty.setObjectName("caption")
        self.empty.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Stories ranked for this question")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)

    def set_question(self, question: Question | None, stories: Sequence[Story]) -> None:
        """Rank the stories for the question (an empty list with no question). A background
        question is answered Now -> Then -> Why -> Bridge, not with one story: no ranking."""
        background = question is not None and question.kind == "background"
        self.fits = rank_stories(question, list(stories)) if question and not background else []
        self.list.clear()
        for rank, fit in enumerate(self.fits, start=1):
            item = QListWidgetItem(f"{rank}. {fit.story.title}\n{fit.reason}")
            item.setData(Qt.ItemDataRole.UserRole, fit.story.id)
            item.setToolTip(f"Fit {round(fit.score * 100)}%")
            self.list.addItem(item)
        self.list.setCurrentRow(-1)  # a ranking, not a choice already made
        self.empty.setText(BACKGROUND_NOTE if background else EMPTY_NOTE)
        self.empty.setVisible(background or (question is not None and not stories))
        self.list.setVisible(bool(self.fits))

    def titles(self) -> list[str]:
        return [fit.story.title for fit in self.fits]

    def _activated(self, item: QListWidgetItem) -> None:
        story_id = item.data(Qt.ItemDataRole.UserRole)
        if self._open_story is not None and story_id is not None:
            self._open_story(story_id)


class StoryTold(QWidget):
    """ "This answer told: <story> [Change…]". Choosing another story (or none) calls
    `corrected(story_id or None)`."""

    def __init__(self, corrected: Callable[[int | None], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._corrected = corrected
        self.story_id: int | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Story this answer told")
        self.change = QPushButton("Change\u2026")
        self.change.setAccessibleName("Change the story this answer told")
        self.change.clicked.connect(self._open_choice)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Story this answer told, corrected")
        self.choice.setVisible(False)
        self.choice.activated.connect(self._chosen)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.choice)
        row.addWidget(self.change)
        self.set_match(None, ())

    def set_match(self, match: StoryMatch | None, stories: Sequence[Story]) -> None:
        """Show what detection found; the choices are the vault's stories and "none"."""
        self._stories = list(stories)
        self.story_id = match.story.id if match else None
        self._show(match.story.title if match else None,
                   guess=match is not None and not match.confident)
        self.choice.clear()
        self.choice.addItem(NO_STORY, None)
        for story in self._stories:
            self.choice.addItem(story.title, story.id)
        self.choice.setVisible(False)
        self.change.setEnabled(bool(self._stories))

    def _show(self, title: str | None, guess: bool = False) -> None:
        if title is None:
            self.label.setText("This answer told none of your vault stories.")
        elif guess:
            self.label.setText(f"This answer told: <b>{title}</b> (a close call; check it)")
        else:
            self.label.setText(f"This answer told: <b>{title}</b>")

    def _open_choice(self) -> None:
        index = self.choice.findData(self.story_id)
        self.choice.setCurrentIndex(max(index, 0))
        self.choice.setVisible(True)
        self.choice.setFocus()
        self.choice.showPopup()

    def choose(self, story_id: int | None) -> None:
        """Correct the story as if picked in the list (also what the list calls)."""
        self.story_id = story_id
        title = next((s.title for s in self._stories if s.id == story_id), None)
        self._show(title)
        self.choice.hidePopup()
        self.choice.setVisible(False)
        self._corrected(story_id)

    def _chosen(self, index: int) -> None:
        self.choose(self.choice.itemData(index))
