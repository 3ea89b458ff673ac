"""The chosen question, shown large, with "Read again" and room for a notice.

The question stays on screen the whole time: the voice is a help, the text is the truth,
and when no voice is available the notice says so and rehearsal goes on.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from question_bank.model import Company, Question

# The button's name, also used by every message that tells the user to press it.
READ_AGAIN = "Read again"
KIND_CAPTIONS = {
    "story": "Story answer · R-STAR-L · aim for 90–120 s",
    "background": "Background answer · Now → Then → Why → Bridge · aim for 60–90 s",
}


class QuestionCard(QWidget):
    read_again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionCard")
        self.kind_label = QLabel("")
        self.kind_label.setObjectName("caption")
        self.text_label = QLabel("Choose a question on the left.")
        self.text_label.setObjectName("questionText")
        self.text_label.setWordWrap(True)
        self.values_label = QLabel("")
        self.values_label.setObjectName("caption")
        self.values_label.setWordWrap(True)
        self.values_label.hide()
        self.notice_label = QLabel("")
        self.notice_label.setObjectName("notice")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        self.read_button = QPushButton(f"▶  {READ_AGAIN}")
        self.read_button.setToolTip("Hear the question again")
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(self.read_again_requested)
        header = QHBoxLayout()
        header.addWidget(self.kind_label, 1)
        header.addWidget(self.read_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 12, 18, 12)
        box.addLayout(header)
        box.addWidget(self.text_label)
        box.addWidget(self.values_label)
        box.addWidget(self.notice_label)

    def show_question(self, question: Question) -> None:
        self.kind_label.setText(KIND_CAPTIONS.get(question.kind, question.kind))
        self.text_label.setText(question.text)
        self.read_button.setEnabled(True)
        self.show_notice("")

    def show_company(self, company: Company | None) -> None:
        """The values to link back to, in the company's own words, while answering."""
        if company is None or not company.values:
            self.values_label.hide()
            return
        names = " · ".join(value.name for value in company.values)
        self.values_label.setText(f"Link back to {company.name}'s values: {names}")
        self.values_label.show()

    def show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def show_unspoken(self, reason: str) -> None:
        """The question could not be spoken: why, and how to hear it once that is fixed."""
        self.show_notice(f"The question is shown but not spoken: {reason.rstrip()} "
                         f"Once that is fixed, press {READ_AGAIN} to hear it.")

    def question_text(self) -> str:
        return self.text_label.text()
