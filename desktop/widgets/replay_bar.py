"""The replay controls: play/pause, a position slider, speed, and jumps to the next filler
or long pause, the moments a coach would replay first. Back and forward 5 s are the J and
L keys (the window's actions), which keeps the bar one short row above the answer.

The bar only shows state and exposes its controls; `desktop.replay.Replay` decides what
they do, so the widget stays testable with no audio device.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from audio.timestretch import SPEEDS
from scoring.reports import clock

SLIDER_STEPS_PER_S = 10  # 0.1 s resolution: finer than a word


class ReplayBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._duration_s = 0.0
        self.play_button = _button("▶", "Play or pause the recording (K); J and L jump "
                                   "back and forward 5 seconds")
        self.play_button.setObjectName("replayPlay")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Replay position")
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setObjectName("caption")
        self.speed_box = QComboBox()
        self.speed_box.setAccessibleName("Replay speed")
        self.speed_box.setToolTip("Replay speed (the voice keeps its pitch)")
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.filler_button = _button("Filler ›", "Jump to the next filler word")
        self.pause_button = _button("Pause ›", "Jump to the next long pause")
        self.status = QLabel("")
        self.status.setObjectName("caption")
        self.status.setWordWrap(True)
        self._layout()
        self.set_available(False, "Replay appears here after an answer.")

    def _layout(self) -> None:
        """One row, short labels (the tooltips say the rest): the transcript below keeps
        its lines even in a small window."""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        for widget in (self.time_label, self.speed_box, self.filler_button, self.pause_button):
            row.addWidget(widget)
        row.addWidget(self.status, 1)

    @property
    def speed(self) -> float:
        return float(self.speed_box.currentData())

    def set_available(self, available: bool, reason: str = "") -> None:
        """No recording (or a missing file): controls off, the reason said in words."""
        for widget in (self.play_button, self.slider, self.speed_box, self.filler_button,
                       self.pause_button):
            widget.setEnabled(available)
        self.status.setText(reason)
        self.status.setVisible(bool(reason))

    def set_jumps(self, fillers: int, pauses: int) -> None:
        self.filler_button.setEnabled(self.slider.isEnabled() and fillers > 0)
        self.pause_button.setEnabled(self.slider.isEnabled() and pauses > 0)

    def set_duration(self, seconds: float) -> None:
        self.slider.setRange(0, int(seconds * SLIDER_STEPS_PER_S))
        self._duration_s = seconds
        self.set_position(0.0)

    def set_position(self, seconds: float) -> None:
        """Move the slider without it asking for a seek (only the user's drag does)."""
        self.slider.blockSignals(True)
        self.slider.setValue(int(seconds * SLIDER_STEPS_PER_S))
        self.slider.blockSignals(False)
        self.time_label.setText(f"{clock(seconds)} / {clock(self._duration_s)}")

    def slider_seconds(self, value: int | None = None) -> float:
        return (self.slider.value() if value is None else value) / SLIDER_STEPS_PER_S

    def set_playing(self, playing: bool) -> None:
        self.play_button.setText("❚❚" if playing else "▶")


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button
