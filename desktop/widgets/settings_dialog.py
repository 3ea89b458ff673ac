"""Voice, speaking rate, thinking time, microphone and speech model, edited as one `Settings`.

The lists to choose from (voices, microphones, model names) are handed in by the window,
so the dialog never probes devices itself and opens instantly.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.settings import RATE_RANGE, THINKING_RANGE, Settings

DEFAULT_DEVICE = "System default microphone"
DEFAULT_VOICE = "System voice"
BUNDLED_MODEL = "tiny.en"


def _choice_combo(default_label: str, choices: list[str], current: str | None,
                  editable: bool = False) -> QComboBox:
    """A combo whose first entry means "default" (None); an unknown current value is kept
    and marked, so opening and closing the dialog never changes a setting by itself."""
    combo = QComboBox()
    combo.setEditable(editable)
    combo.addItem(default_label, None)
    for choice in choices:
        combo.addItem(choice, choice)
    if current:
        index = combo.findData(current)
        if index < 0:
            combo.addItem(current if editable else f"{current} (not connected)", current)
            index = combo.count() - 1
        combo.setCurrentIndex(index)
    return combo


def _combo_value(combo: QComboBox) -> str | None:
    """The chosen data, or for an editable combo the typed text ("" means default)."""
    if combo.isEditable():
        text = combo.currentText().strip()
        index = combo.findText(text)
        return combo.itemData(index) if index >= 0 else text or None
    return combo.currentData()


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 devices: list[str] | None = None, voices: list[str] | None = None,
                 models: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("MicDrop settings")
        self.setMinimumWidth(460)
        self.voice = _choice_combo(DEFAULT_VOICE, voices or [], settings.voice, editable=True)
        self.rate = QSpinBox()
        self.rate.setRange(*RATE_RANGE)
        self.rate.setSuffix(" words/min")
        self.rate.setValue(settings.rate)
        self.thinking = QSpinBox()
        self.thinking.setRange(*THINKING_RANGE)
        self.thinking.setSuffix(" s")
        self.thinking.setValue(settings.thinking_s)
        self.thinking.setAccessibleName("Thinking time in a mock interview")
        self.thinking.setToolTip("A countdown between a mock-interview question and the "
                                 "recording starting; 0 starts recording at once.")
        self.device = _choice_combo(DEFAULT_DEVICE, devices or [], settings.input_device)
        model_names = [m for m in models or [] if m != BUNDLED_MODEL]
        self.model = _choice_combo(f"{BUNDLED_MODEL} (bundled, offline)", model_names,
                                   settings.model, editable=True)
        self.model.setToolTip("A larger model is downloaded once when you choose it; "
                              "or pick a folder holding a faster-whisper model.")
        folder = QPushButton("Folder…")
        folder.clicked.connect(self._choose_folder)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(folder)
        form = QFormLayout(self)
        form.addRow("Voice", self.voice)
        form.addRow("Speaking rate", self.rate)
        form.addRow("Thinking time", self.thinking)
        form.addRow("Microphone", self.device)
        form.addRow("Speech model", model_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder of a faster-whisper model")
        if folder:
            self.model.setEditText(folder)

    def set_voices(self, voices: list[str]) -> None:
        """Voices arrive from a background job after the dialog opened."""
        for voice in voices:
            if self.voice.findData(voice) < 0:
                self.voice.addItem(voice, voice)

    def settings(self) -> Settings:
        return Settings(
            voice=_combo_value(self.voice),
            rate=self.rate.value(),
            input_device=_combo_value(self.device),
            model=_combo_value(self.model),
            thinking_s=self.thinking.value(),
        )
