"""Swatches naming each part colour, so the transcript and the timeline can be read."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.widgets.part_style import part_color, part_label, parts_for_kind


class PartLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(12)
        self._labels: list[str] = []
        self.set_kind("story")

    def set_kind(self, kind: str) -> None:
        while self._row.count():
            item = self._row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._labels = [part_label(part) for part in parts_for_kind(kind)]
        for part in parts_for_kind(kind):
            swatch = QLabel()
            swatch.setFixedSize(12, 12)
            swatch.setStyleSheet(f"background:{part_color(part).name()}; border-radius:3px;")
            self._row.addWidget(swatch)
            self._row.addWidget(QLabel(part_label(part)))
        self._row.addStretch(1)

    def labels(self) -> list[str]:
        return list(self._labels)
