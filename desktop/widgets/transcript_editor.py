"""Correct what the recognizer misheard, then have the answer scored again.

The dialog only edits text; `on_text` (the window's) does the rescoring, typically with
`scoring.transcript_fix.rescore`, and saves the new attempt. It may return a message (for
example that the text is now too long to be one answer) to show here, keeping the dialog
open with the user's edit, or None when done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from scoring.analysis import Analysis

EXPLAIN = ("Correct the words the recognizer misheard. Words you leave alone keep the times "
           "they were heard at; words you change or add get estimated times. The answer is "
           "then scored again; the original transcript is kept.")


class TranscriptEditor(QDialog):
    def __init__(self, analysis: Analysis, on_text: Callable[[str], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Fix the transcript")
        self.setAccessibleName("Fix the transcript")
        self.setMinimumSize(640, 420)
        self._on_text = on_text
        self._original = analysis.transcript
        explain = QLabel(EXPLAIN)
        explain.setObjectName("caption")
        explain.setWordWrap(True)
        self.editor = QPlainTextEdit(analysis.transcript)
        self.editor.setAccessibleName("Transcript text")
        self.editor.setAccessibleDescription(EXPLAIN)
        self.editor.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setObjectName("notice")
        self.problem.setAccessibleName("Problem with the corrected transcript")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Rescore")
        self.ok_button.setAccessibleName("Rescore the corrected transcript")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept_text)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._update_ok)
        self._update_ok()

    def text(self) -> str:
        return self.editor.toPlainText()

    def _update_ok(self) -> None:
        """Rescoring only makes sense for a changed text that still has words."""
        text = self.text()
        self.ok_button.setEnabled(bool(text.split()) and text.split() != self._original.split())

    def accept_text(self) -> None:
        if not self.ok_button.isEnabled():
            return
        problem = self._on_text(self.text())
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()
