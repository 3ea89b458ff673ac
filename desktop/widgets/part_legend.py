"""Swatches naming each part colour, and the filler and pause marks, so the transcript and
the timeline can be read.

One word-wrapping rich-text label rather than a row of widgets, so a narrow window wraps
the legend instead of growing wider to fit it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.widgets.part_style import part_color, part_label, parts_for_kind
from desktop.widgets.transcript_view import FILLER_STYLE, PAUSE_STYLE

SWATCH = "■"


def legend_html(kind: str) -> str:
    """The part swatches, then how the transcript marks fillers and long pauses."""
    entries = [
        f'<span style="color:{part_color(part).name()}; font-size:16px;">{SWATCH}</span>'
        f"&nbsp;{part_label(part).replace(' ', '&nbsp;')}"
        for part in parts_for_kind(kind)
    ]
    entries += [f'<span style="{FILLER_STYLE}">um</span>&nbsp;filler',
                f'<span style="{PAUSE_STYLE}">[pause]</span>&nbsp;long&nbsp;pause']
    return "&nbsp;&nbsp;&nbsp; ".join(entries)


class PartLegend(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self._labels: list[str] = []
        self.set_kind("story")

    def set_kind(self, kind: str) -> None:
        self._labels = [part_label(part) for part in parts_for_kind(kind)]
        self.setText(legend_html(kind))

    def labels(self) -> list[str]:
        return list(self._labels)
