"""Record / Stop, the band timer and the level meter: everything the user needs while talking."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.widgets.band_timer import BandTimer
from desktop.widgets.level_meter import LevelMeter

STATE_WIDTH = 210


class RecordControls(QWidget):
    """Emits the user's intent; the window decides what recording means."""

    record_requested = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_button = QPushButton("●  Record")
        self.record_button.setObjectName("recordButton")
        self.record_button.setToolTip("Start answering (R or Space)")
        self.stop_button = QPushButton("■  Stop")
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip("Stop and get feedback (S or Space)")
        self.timer = BandTimer()
        self.meter = LevelMeter()
        self.state_label = QLabel("Ready")
        self.state_label.setObjectName("recordState")
        # A fixed width, so the level meter beside it keeps its size whatever the text says.
        self.state_label.setFixedWidth(STATE_WIDTH)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.record_button.clicked.connect(self.record_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self._layout()
        self.set_recording(False)

    def _layout(self) -> None:
        gauges = QVBoxLayout()
        gauges.setSpacing(4)
        gauges.addWidget(self.timer)
        mic_row = QHBoxLayout()
        mic_label = QLabel("Mic")
        mic_label.setObjectName("caption")
        mic_row.addWidget(mic_label)
        mic_row.addWidget(self.meter, 1)
        mic_row.addSpacing(12)
        mic_row.addWidget(self.state_label)
        gauges.addLayout(mic_row)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        row.addWidget(self.record_button)
        row.addWidget(self.stop_button)
        row.addSpacing(6)
        row.addLayout(gauges, 1)

    def set_recording(self, recording: bool) -> None:
        self.record_button.setEnabled(not recording)
        self.stop_button.setEnabled(recording)
        if recording:
            self.state_label.setText("Recording… speak now")
        else:
            self.meter.reset()

    def set_busy(self, text: str) -> None:
        """While the answer is being transcribed, no new take may start."""
        self.record_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self.state_label.setText(text)

    def set_ready(self, text: str = "Ready") -> None:
        self.set_recording(False)
        self.state_label.setText(text)

    def set_band(self, min_s: float, max_s: float) -> None:
        self.timer.set_band(min_s, max_s)

    def set_elapsed(self, seconds: float) -> None:
        self.timer.set_elapsed(seconds)

    def set_level(self, level: float) -> None:
        self.meter.set_level(level)
