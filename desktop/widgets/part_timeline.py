"""The answer as a row of part blocks on a time axis, with the target band marked.

It answers at a glance the coach's two questions: is Action the longest part, and did the
whole thing land inside the band? The axis is the answer's own time, from its first word
(thinking time before it is not answer time), and its end mark reads the same whole seconds
as the verdict above it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from desktop.widgets.band_timer import clock
from desktop.widgets.part_style import part_color, part_label, readable_text_on
from scoring.analysis import Analysis, PartSpan

BAR_TOP = 20
BAR_HEIGHT = 28  # room for the block labels; shorter keeps the transcript in view on small screens


class TimelineDrawing:
    """What a timeline shows and how it is painted, apart from any widget, so the same
    drawing goes on screen and, from a worker thread, into a PDF report's image."""

    def __init__(self) -> None:
        self.parts: tuple[PartSpan, ...] = ()
        self.duration_s = 0.0
        self.origin_s = 0.0
        self.band = (90.0, 120.0)
        self.shared_span_s = 0.0  # set when several timelines share one time axis

    def set_analysis(self, analysis: Analysis) -> None:
        self.parts = analysis.parts
        self.origin_s = analysis.answer_start_s
        self.duration_s = float(analysis.answer_seconds)
        self.band = (float(analysis.timing.target_min_s), float(analysis.timing.target_max_s))

    def span_s(self) -> float:
        """The seconds the drawing's width stands for."""
        return max(self.duration_s, self.band[1] * 1.1, self.shared_span_s, 1.0)

    def scale(self, width: float) -> float:
        return (width - 2) / self.span_s()

    def block_rect(self, span: PartSpan, scale: float) -> QRectF:
        x = 1 + (span.start_s - self.origin_s) * scale
        return QRectF(x, BAR_TOP, max(2.0, span.duration_s * scale), BAR_HEIGHT)

    def block_labels(self) -> list[str]:
        """What each block says, e.g. "Action 42 s" (also used as tooltips)."""
        return [f"{part_label(p.part)} {p.duration_s:.0f} s" for p in self.parts]

    def end_label(self) -> str:
        """What the end mark reads: the answer's time, as the verdict states it."""
        return clock(self.duration_s) if self.duration_s > 0 else ""

    def paint(self, painter: QPainter, width: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = self.scale(width)
        self._paint_band(painter, scale, width)
        for span, label in zip(self.parts, self.block_labels(), strict=True):
            rect = self.block_rect(span, scale)
            colour = part_color(span.part)
            painter.setPen(QPen(QColor("#FFFFFF"), 1))
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 4, 4)
            text = _fitting_text(painter, (label, part_label(span.part),
                                           f"{span.duration_s:.0f} s"), rect.width() - 8)
            if text:
                painter.setPen(readable_text_on(colour))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        self._paint_end(painter, scale)

    def _paint_band(self, painter: QPainter, scale: float, full_width: float) -> None:
        low, high = (value * scale + 1 for value in self.band)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#E3F2EC"))
        painter.drawRect(QRectF(low, BAR_TOP - 4, high - low, BAR_HEIGHT + 8))
        painter.setPen(QColor("#3D6B5A"))
        caption = f"target {clock(self.band[0])}–{clock(self.band[1])}"
        width = max(high - low, painter.fontMetrics().horizontalAdvance(caption) + 4)
        left = max(0.0, min(low, full_width - width))  # a narrow window: keep it all in view
        painter.drawText(QRectF(left, 0, width, BAR_TOP - 4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, caption)

    def _paint_end(self, painter: QPainter, scale: float) -> None:
        if self.duration_s <= 0:
            return
        x = 1 + self.duration_s * scale
        painter.setPen(QPen(QColor("#2B3238"), 1.5))
        painter.drawLine(int(x), BAR_TOP - 4, int(x), BAR_TOP + BAR_HEIGHT + 4)
        text_rect = QRectF(x - 60, BAR_TOP + BAR_HEIGHT + 4, 120, 16)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self.end_label())


class PartTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawing = TimelineDrawing()
        self.setMinimumHeight(BAR_TOP + BAR_HEIGHT + 22)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(600, BAR_TOP + BAR_HEIGHT + 22)

    def set_analysis(self, analysis: Analysis) -> None:
        self.drawing.set_analysis(analysis)
        self.update()

    def clear(self) -> None:
        self.drawing.parts, self.drawing.duration_s, self.drawing.origin_s = (), 0.0, 0.0
        self.update()

    def set_band(self, min_s: float, max_s: float) -> None:
        """The band of the selected kind, shown before any answer (the placeholder)."""
        self.drawing.band = (float(min_s), float(max_s))
        self.update()

    def band(self) -> tuple[float, float]:
        return self.drawing.band

    def end_label(self) -> str:
        return self.drawing.end_label()

    def block_labels(self) -> list[str]:
        return self.drawing.block_labels()

    def part_start_at(self, x: float) -> float | None:
        """Where the block under `x` starts (None off the blocks): what a click seeks to."""
        scale = self._scale()
        for span in self.drawing.parts:
            rect = self.drawing.block_rect(span, scale)
            if rect.left() <= x <= rect.right():
                return span.start_s
        return None

    def share_axis(self, span_s: float) -> None:
        """Draw on an axis at least `span_s` long, so timelines side by side line up."""
        self.drawing.shared_span_s = span_s
        self.update()

    def span_s(self) -> float:
        return self.drawing.span_s()

    def _scale(self) -> float:
        return self.drawing.scale(self.width())

    def mouseMoveEvent(self, event: object) -> None:
        x = event.position().x()
        drawing, scale = self.drawing, self._scale()
        for span, label in zip(drawing.parts, drawing.block_labels(), strict=True):
            rect = drawing.block_rect(span, scale)
            if rect.left() <= x <= rect.right():
                start, end = span.start_s - drawing.origin_s, span.end_s - drawing.origin_s
                self.setToolTip(f"{label}  ({clock(start)}–{clock(end)} into the answer)")
                return
        self.setToolTip("")

    def paintEvent(self, _event: object) -> None:
        self.drawing.paint(QPainter(self), self.width())


def _fitting_text(painter: QPainter, choices: tuple[str, ...], width: float) -> str:
    """The most informative label that fits the block; none at all beats a clipped one
    (the tooltip and the legend still name every block)."""
    metrics = painter.fontMetrics()
    return next((text for text in choices if metrics.horizontalAdvance(text) <= width), "")
