"""Add or edit a company's values profile, saved as TOML in the user's data folder.

The dialog builds a `Company` from its fields and hands it to `desktop.bank_files`, which
writes it only if the loader would read it back whole; otherwise the loader's own messages
are shown here, each under the field it names, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.bank_files import save_company
from desktop.widgets.bank_entry import BankEntryDialog
from question_bank.model import Company, Value

COLUMNS = ("Value (the company's wording)", "What it means", "Keywords, comma-separated")


def split_list(text: str) -> tuple[str, ...]:
    """`a, b ,, c` -> ("a", "b", "c"): how a comma-separated field becomes a list."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


class CompanyEditor(BankEntryDialog, QDialog):
    """Emits `saved(Company)` after the file was written; `data_dir` is the user's folder."""

    saved = Signal(object)

    def __init__(self, data_dir: Path, company: Company | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.saved_path: Path | None = None
        self.setWindowTitle("Edit company" if company else "Add a company")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumSize(820, 520)
        self.id_edit = self._line("Company id", "lowercase letters, digits and '-', e.g. acme")
        self.name_edit = self._line("Company name", "the company's own spelling")
        self.source_edit = self._line("Source", "where the values come from, e.g. a careers page")
        self.values = QTableWidget(0, len(COLUMNS))
        self.values.setAccessibleName("Company values")
        self.values.setHorizontalHeaderLabels(COLUMNS)
        self.values.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.values.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.values.setWordWrap(True)
        self.errors = QLabel()
        self.errors.setObjectName("notice")
        self.errors.setAccessibleName("Problems to fix before saving")
        self.errors.setWordWrap(True)
        self.errors.hide()
        self._layout()
        self._fill(company)

    def _line(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(hint)
        return edit

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Id", self.id_edit)
        form.addRow("&Name", self.name_edit)
        form.addRow("S&ource", self.source_edit)
        add = QPushButton("&Add value")
        add.setAccessibleName("Add value")
        add.clicked.connect(lambda: self.add_value())
        remove = QPushButton("&Remove value")
        remove.setAccessibleName("Remove selected value")
        remove.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save company")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Values"))
        layout.addWidget(self.values, 1)
        layout.addLayout(row)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _fill(self, company: Company | None) -> None:
        if company is None:
            self.add_value()
            return
        self.id_edit.setText(company.id)
        self.id_edit.setReadOnly(True)  # the id names the file and keys history: keep it
        self.name_edit.setText(company.name)
        self.source_edit.setText(company.source)
        self.source_edit.setCursorPosition(0)  # a long source reads from its start
        for value in company.values:
            self.add_value(value)
        self.values.resizeRowsToContents()  # long descriptions wrap instead of being cut

    def add_value(self, value: Value | None = None) -> None:
        """A new row, filled from `value` if given."""
        row = self.values.rowCount()
        self.values.insertRow(row)
        cells = (value.name, value.description, ", ".join(value.keywords)) if value else ""
        for column in range(len(COLUMNS)):
            self.values.setItem(row, column, QTableWidgetItem(cells[column] if cells else ""))

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.values.selectedIndexes()}, reverse=True):
            self.values.removeRow(row)

    def company(self) -> Company:
        """The company as typed; empty rows are skipped, nothing else is second-guessed
        (the loader judges it on save)."""
        values = []
        for row in range(self.values.rowCount()):
            name, description, keywords = (self._cell(row, c) for c in range(len(COLUMNS)))
            if name or description or keywords:
                values.append(Value(name, description, split_list(keywords)))
        return Company(id=self.id_edit.text().strip(), name=self.name_edit.text().strip(),
                       source=self.source_edit.text().strip(), values=tuple(values))

    def _cell(self, row: int, column: int) -> str:
        item = self.values.item(row, column)
        return item.text().strip() if item else ""

    def save(self) -> None:
        self.save_with(lambda: save_company(self.data_dir, self.company()))
