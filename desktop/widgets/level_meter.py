"""The microphone level meter: the one sign that the app is actually hearing the user."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

# Below this the input is as good as silent; the meter turns grey so a dead microphone
# shows at a glance rather than as a barely visible sliver.
SILENT_LEVEL = 0.02
# Each repaint keeps this share of the previous peak, so speech reads as a steady bar
# instead of flicker.
DECAY = 0.6


class LevelMeter(QWidget):
    """A thin bar from 0 to 1 fed with Recorder levels (already on the GUI thread)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = 0.0
        self.setFixedHeight(10)
        self.setToolTip("Microphone input level")

    def sizeHint(self) -> QSize:
        return QSize(200, 10)

    def level(self) -> float:
        return self._level

    def set_level(self, level: float) -> None:
        level = min(1.0, max(0.0, float(level)))
        self._level = max(level, self._level * DECAY)
        self.update()

    def reset(self) -> None:
        self._level = 0.0
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#E6E8EB"))
        painter.drawRoundedRect(QRectF(self.rect()), 4, 4)
        colour = "#009E73" if self._level >= SILENT_LEVEL else "#A0A0A0"
        painter.setBrush(QColor(colour))
        width = max(4.0, self.width() * self._level) if self._level > 0 else 0.0
        painter.drawRoundedRect(QRectF(0, 0, width, self.height()), 4, 4)
