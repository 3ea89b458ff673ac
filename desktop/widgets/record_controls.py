"""Record / Stop, the band timer and the level meter: everything the user needs while talking.

After Stop, while the answer's last seconds are transcribed, the meter gives way to a
progress bar and Stop to Cancel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.band_timer import BandTimer
from desktop.widgets.level_meter import LevelMeter

# Wide enough for "Transcribing the last 100 s…"; the meter beside it keeps its size.
STATE_WIDTH = 175
METER_MIN_WIDTH = 60


class RecordControls(QWidget):
    """Emits the user's intent; the window decides what recording means."""

    record_requested = Signal()
    stop_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_button = QPushButton("●  Record")
        self.record_button.setObjectName("recordButton")
        self.record_button.setToolTip("Start answering (R or Space)")
        self.stop_button = QPushButton("■  Stop")
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip("Stop and get feedback (S or Space)")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("stopButton")
        self.cancel_button.setToolTip("Stop waiting for feedback; the recording is kept")
        self.timer = BandTimer()
        self.meter = LevelMeter()
        self.meter.setMinimumWidth(METER_MIN_WIDTH)
        self.finish_bar = QProgressBar()
        self.finish_bar.setRange(0, 100)
        self.finish_bar.setTextVisible(False)
        self.finish_bar.setMaximumHeight(10)
        self.finish_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.state_label = QLabel("Ready")
        self.state_label.setObjectName("recordState")
        # A fixed width, so the level meter beside it keeps its size whatever the text says.
        self.state_label.setFixedWidth(STATE_WIDTH)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.record_button.clicked.connect(self.record_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
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
        mic_row.addWidget(self.finish_bar, 1)
        mic_row.addSpacing(8)
        mic_row.addWidget(self.state_label)
        gauges.addLayout(mic_row)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.record_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.cancel_button)
        row.addSpacing(4)
        row.addLayout(gauges, 1)

    def set_recording(self, recording: bool) -> None:
        self._show_finishing_widgets(False)
        self._enable(self.record_button, not recording)
        self._enable(self.stop_button, recording)
        if recording:
            self.state_label.setText("Recording… speak now")
        else:
            self.meter.reset()

    def set_busy(self, text: str) -> None:
        """While the answer is being transcribed, no new take may start."""
        self._enable(self.record_button, False)
        self._enable(self.stop_button, False)
        self.state_label.setText(text)

    def show_finishing(self, text: str, share: float) -> None:
        """How far the transcription of the answer's last seconds got (0..1); Cancel shown."""
        self.set_busy(text)
        self._show_finishing_widgets(True)
        self.finish_bar.setValue(round(100 * max(0.0, min(1.0, share))))

    def _enable(self, button: QPushButton, enabled: bool) -> None:
        """A clicked button keeps the focus; disabled, Qt would pass it to the next widget
        (the transcript) and scroll a short window's answer column away from the question.
        The window takes it instead, where R, S and Space keep working."""
        if not enabled and button.hasFocus():
            self.window().setFocus()
        button.setEnabled(enabled)

    def _show_finishing_widgets(self, finishing: bool) -> None:
        self.stop_button.setVisible(not finishing)
        self.cancel_button.setVisible(finishing)
        self.meter.setVisible(not finishing)
        self.finish_bar.setVisible(finishing)

    def set_ready(self, text: str = "Ready") -> None:
        self.set_recording(False)
        self.state_label.setText(text)

    def set_band(self, min_s: float, max_s: float) -> None:
        self.timer.set_band(min_s, max_s)

    def set_elapsed(self, seconds: float) -> None:
        self.timer.set_elapsed(seconds)

    def set_level(self, level: float) -> None:
        self.meter.set_level(level)
