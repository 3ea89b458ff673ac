"""The running answer timer drawn against its target band (60–90 s or 90–120 s).

A bar rather than a bare clock, because a speaker glancing mid-answer needs "am I early,
in the band, or over?" more than the exact second.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

# Colour-blind friendly (Okabe–Ito): under is a calm blue, in-band green, over vermillion.
BAND_COLORS = {"under": "#56B4E9", "in": "#009E73", "over": "#D55E00"}
BAND_TEXT = {"under": "short of the band", "in": "in the band", "over": "past the band: wrap up"}
TRACK_COLOR = "#E6E8EB"
BAND_SHADE = "#CDEBDF"
# The bar runs a little past the band's end so that going over is visible, not a full bar.
OVERSHOOT = 1.25


def band_state(elapsed_s: float, min_s: float, max_s: float) -> str:
    """Where an elapsed time sits against the band: "under", "in" or "over"."""
    if elapsed_s < min_s:
        return "under"
    return "in" if elapsed_s <= max_s else "over"


def clock(seconds: float) -> str:
    """m:ss, the way a stopwatch reads."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class BandTimer(QWidget):
    """A horizontal bar: the band shaded, the elapsed time filled in the state's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_s = 90.0
        self._max_s = 120.0
        self._elapsed_s = 0.0
        self.setMinimumHeight(46)

    def sizeHint(self) -> QSize:
        return QSize(420, 46)

    def set_band(self, min_s: float, max_s: float) -> None:
        self._min_s, self._max_s = float(min_s), float(max_s)
        self.update()

    def set_elapsed(self, seconds: float) -> None:
        self._elapsed_s = max(0.0, float(seconds))
        self.setToolTip(self.caption())
        self.update()

    def state(self) -> str:
        return band_state(self._elapsed_s, self._min_s, self._max_s)

    def fill_color(self) -> QColor:
        return QColor(BAND_COLORS[self.state()])

    def caption(self) -> str:
        """The text under the bar, e.g. "1:23 · target 1:30–2:00 · building up"."""
        band = f"target {clock(self._min_s)}–{clock(self._max_s)}"
        if self._elapsed_s <= 0:
            return f"{clock(0)}  ·  {band}"
        return f"{clock(self._elapsed_s)}  ·  {band}  ·  {BAND_TEXT[self.state()]}"

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        span = self._max_s * OVERSHOOT
        track = QRectF(0, 2, self.width() - 1, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TRACK_COLOR))
        painter.drawRoundedRect(track, 6, 6)
        band_x0 = track.width() * self._min_s / span
        band_x1 = track.width() * self._max_s / span
        painter.setBrush(QColor(BAND_SHADE))
        painter.drawRect(QRectF(band_x0, track.top(), band_x1 - band_x0, track.height()))
        filled = track.width() * min(self._elapsed_s, span) / span
        painter.setBrush(self.fill_color())
        painter.drawRoundedRect(QRectF(0, track.top(), filled, track.height()), 6, 6)
        painter.setPen(QPen(QColor("#4A5560"), 1.5))
        for x in (band_x0, band_x1):
            painter.drawLine(int(x), int(track.top()) - 2, int(x), int(track.bottom()) + 2)
        painter.setPen(QColor("#2B3238"))
        painter.drawText(
            QRectF(0, track.bottom() + 4, self.width(), 20),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.caption(),
        )
