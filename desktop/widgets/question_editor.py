"""Add or edit a question (text, kind, competencies, follow-ups) in the user's questions file.

Competencies are ticked from the loader's own vocabulary, so none can be misspelt; the rest
is judged by the loader on save (`desktop.bank_files`), and its messages are shown here with
nothing written when it objects.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.bank_files import questions_path, save_question
from desktop.widgets.bank_entry import BankEntryDialog
from question_bank.model import KINDS, Question
from question_bank.vocabulary import COMPETENCIES, MAX_FOLLOW_UPS


class QuestionEditor(BankEntryDialog, QDialog):
    """Emits `saved(Question)` after the file was written; `data_dir` is the user's folder."""

    saved = Signal(object)

    def __init__(self, data_dir: Path, question: Question | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.saved_path: Path | None = None
        self._roles = question.roles if question else ("any",)
        self.setWindowTitle("Edit question" if question else "Add a question")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumSize(620, 520)
        self.id_edit = QLineEdit()
        self.id_edit.setAccessibleName("Question id")
        self.id_edit.setPlaceholderText("lowercase letters, digits and '-', e.g. missed-deadline")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Question text")
        self.text_edit.setPlaceholderText("Tell me about a time you…")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(80)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of question")
        for kind in KINDS:
            self.kind.addItem(kind, kind)
        self.kind.setCurrentIndex(self.kind.findData("story"))  # most questions are stories
        self.competencies = self._competency_list()
        self.follow_ups = QPlainTextEdit()
        self.follow_ups.setAccessibleName("Follow-up questions, one per line")
        self.follow_ups.setPlaceholderText(f"One per line, at most {MAX_FOLLOW_UPS}")
        self.follow_ups.setTabChangesFocus(True)
        self.follow_ups.setMaximumHeight(90)
        self.errors = QLabel()
        self.errors.setObjectName("notice")
        self.errors.setAccessibleName("Problems to fix before saving")
        self.errors.setWordWrap(True)
        self.errors.hide()
        self._layout()
        if question is not None:
            self._fill(question)

    def _competency_list(self) -> QListWidget:
        box = QListWidget()
        box.setAccessibleName("Competencies")
        box.setFlow(QListWidget.Flow.LeftToRight)
        box.setWrapping(True)
        box.setResizeMode(QListWidget.ResizeMode.Adjust)
        box.setMaximumHeight(120)
        for word in COMPETENCIES:
            item = QListWidgetItem(word.replace("_", " "))
            item.setData(Qt.ItemDataRole.UserRole, word)
            item.setCheckState(Qt.CheckState.Unchecked)
            box.addItem(item)
        return box

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Id", self.id_edit)
        form.addRow("&Question", self.text_edit)
        form.addRow("&Kind", self.kind)
        form.addRow("&Competencies", self.competencies)
        form.addRow("&Follow-ups", self.follow_ups)
        where = QLabel(f"Saved in {questions_path(self.data_dir)}")
        where.setObjectName("caption")
        where.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save question")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _fill(self, question: Question) -> None:
        self.id_edit.setText(question.id)
        self.id_edit.setReadOnly(True)  # attempts are keyed on the id: keep it
        self.text_edit.setPlainText(question.text)
        self.kind.setCurrentIndex(max(self.kind.findData(question.kind), 0))
        for row in range(self.competencies.count()):
            item = self.competencies.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in question.competencies
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.follow_ups.setPlainText("\n".join(question.follow_ups))

    def question(self) -> Question:
        """The question as typed (the loader judges it on save)."""
        ticked = tuple(
            self.competencies.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.competencies.count())
            if self.competencies.item(row).checkState() == Qt.CheckState.Checked)
        follow_ups = tuple(line.strip() for line in self.follow_ups.toPlainText().splitlines()
                           if line.strip())
        return Question(id=self.id_edit.text().strip(),
                        text=" ".join(self.text_edit.toPlainText().split()),
                        kind=self.kind.currentData(), competencies=ticked, roles=self._roles,
                        follow_ups=follow_ups)

    def save(self) -> None:
        self.save_with(lambda: save_question(self.data_dir, self.question()))
