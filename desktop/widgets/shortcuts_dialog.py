"""Help → Keyboard shortcuts: generated from `desktop.shortcuts.SHORTCUTS`, the same table
the window makes its actions from, so the list always shows the keys that really work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.shortcuts import SHORTCUTS, Shortcut, key_text

COLUMNS = ("Key", "Action", "What it does")


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None,
                 shortcuts: tuple[Shortcut, ...] = SHORTCUTS) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Keyboard shortcuts, by group")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self._fill(shortcuts)
        self.table.setCurrentCell(-1, -1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        # Tall enough for the whole list without scrolling, within a 1280x800 screen.
        rows = self.table.rowCount() * 26 + self.table.horizontalHeader().sizeHint().height()
        self.resize(640, min(rows + 80, 720))

    def _fill(self, shortcuts: tuple[Shortcut, ...]) -> None:
        """One heading row per group, then its shortcuts in table order."""
        group = None
        for entry in shortcuts:
            if entry.group != group:
                group = entry.group
                self._heading(group)
            row = self._row()
            key = QTableWidgetItem(key_text(entry))
            key.setFont(_bold())
            key.setData(Qt.ItemDataRole.UserRole, entry.action)
            self.table.setItem(row, 0, key)
            self.table.setItem(row, 1, QTableWidgetItem(entry.label.rstrip("…")))
            self.table.setItem(row, 2, QTableWidgetItem(entry.description))

    def _heading(self, text: str) -> None:
        row = self._row()
        item = QTableWidgetItem(text)
        item.setFont(_bold())
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, len(COLUMNS))

    def _row(self) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        return row

    def listed(self) -> dict[str, str]:
        """Action name -> key text as shown, for checking the list against the actions."""
        found = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            action = item.data(Qt.ItemDataRole.UserRole) if item else None
            if action:
                found[action] = item.text()
        return found


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
