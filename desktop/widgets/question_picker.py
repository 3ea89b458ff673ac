"""The sidebar: which company to rehearse for and which question to answer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from question_bank.model import Bank, Company, Question

NO_COMPANY = "No company"
KIND_FILTERS = (("All kinds", None), ("Stories", "story"), ("Background", "background"))
MIN_WIDTH = 210  # fits a 1280x800 screen at 150 % beside the answer column
MAX_WIDTH = 360  # past this, a wider window is better spent on the answer
KIND_TAGS = {"story": "STORY", "background": "BACKGROUND"}


class QuestionPicker(QWidget):
    """Company combo, kind filter and the filtered question list.

    `selection_changed` and `company_changed` are the list's and the combo's own Qt signals
    rather than custom ones passing a Question or Company: see `desktop.workers` on
    Python-side emits in PySide6 6.12. Listeners read `current_question()` and
    `current_company()`.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bank = Bank()
        self._scores: dict[str, tuple[int, int]] = {}
        self.company_combo = QComboBox()
        self.kind_combo = QComboBox()
        for label, kind in KIND_FILTERS:
            self.kind_combo.addItem(label, kind)
        self.question_list = QListWidget()
        self.question_list.setWordWrap(True)
        self.question_list.setSpacing(2)
        self.question_list.setAlternatingRowColors(True)
        self.question_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(MIN_WIDTH)
        self.setMaximumWidth(MAX_WIDTH)
        self._layout()
        self.kind_combo.currentIndexChanged.connect(self._refill_questions)
        self.selection_changed = self.question_list.currentItemChanged
        self.company_changed = self.company_combo.currentIndexChanged

    def _layout(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        for caption, widget in (("Company", self.company_combo), ("Questions", self.kind_combo)):
            label = QLabel(caption)
            label.setObjectName("sectionTitle")
            box.addWidget(label)
            box.addWidget(widget)
        box.addWidget(self.question_list, 1)

    def set_bank(self, bank: Bank) -> None:
        self._bank = bank
        self.company_combo.blockSignals(True)
        self.company_combo.clear()
        self.company_combo.addItem(NO_COMPANY, None)
        for company in sorted(bank.companies, key=lambda c: c.name.casefold()):
            self.company_combo.addItem(company.name, company.id)
        self.company_combo.blockSignals(False)
        self._refill_questions()

    def set_scores(self, scores: dict[str, tuple[int, int]]) -> None:
        """Each rehearsed question's best and latest score, shown under its kind."""
        if scores != self._scores:
            self._scores = dict(scores)
            self._refill_questions()

    def current_company(self) -> Company | None:
        company_id = self.company_combo.currentData()
        return self._bank.company(company_id) if company_id else None

    def current_question(self) -> Question | None:
        item = self.question_list.currentItem()
        return self._bank.question(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def set_kind_filter(self, kind: str | None) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def select_question(self, question_id: str) -> bool:
        """Select a question by id (clearing the filter if it hides it); False if unknown."""
        question = self._bank.question(question_id)
        if question is None:
            return False
        if self.kind_combo.currentData() not in (None, question.kind):
            self.set_kind_filter(None)
        return self._select_row_of(question_id)

    def select_company(self, name_or_id: str) -> bool:
        company = self._bank.company(name_or_id)
        index = self.company_combo.findData(company.id) if company else -1
        if index >= 0:
            self.company_combo.setCurrentIndex(index)
        return index >= 0

    def _refill_questions(self) -> None:
        """List the questions of the chosen kind. The chosen question stays selected when it
        is of that kind; otherwise the first listed one is chosen. (Re-selecting the hidden
        one cleared the filter, so "Background" snapped back to "All kinds" at once.)"""
        kind = self.kind_combo.currentData()
        chosen = self.current_question()
        self.question_list.blockSignals(True)  # one selection change, after the refill
        self.question_list.clear()
        for question in self._bank.questions:
            if kind is None or question.kind == kind:
                tag = KIND_TAGS.get(question.kind, question.kind)
                if question.id in self._scores:
                    best, latest = self._scores[question.id]
                    tag += f"  ·  best {best}  ·  latest {latest}"
                item = QListWidgetItem(f"{tag}\n{question.text}")
                item.setData(Qt.ItemDataRole.UserRole, question.id)
                item.setToolTip(question.text)
                self.question_list.addItem(item)
        self.question_list.blockSignals(False)
        if chosen is None:
            return
        if kind in (None, chosen.kind):
            self._select_row_of(chosen.id, notify=False)
        elif self.question_list.count():
            self.question_list.setCurrentRow(0)

    def _select_row_of(self, question_id: str, notify: bool = True) -> bool:
        for row in range(self.question_list.count()):
            if self.question_list.item(row).data(Qt.ItemDataRole.UserRole) == question_id:
                self.question_list.blockSignals(not notify)
                self.question_list.setCurrentRow(row)
                self.question_list.blockSignals(False)
                return True
        return False
