"""Voice, speaking rate, microphone and speech model, edited as one `Settings`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.settings import RATE_RANGE, Settings

DEFAULT_DEVICE = "System default microphone"


def _input_device_names() -> list[str]:
    """Names of the microphones, or none if the sound system cannot be asked."""
    try:
        from audio.capture import list_input_devices

        return [getattr(d, "name", str(d)) for d in list_input_devices()]
    except Exception:  # a broken sound setup must not stop the dialog from opening
        return []


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 devices: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("MicDrop settings")
        self.voice = QLineEdit(settings.voice or "")
        self.voice.setPlaceholderText("System voice (e.g. en-us)")
        self.rate = QSpinBox()
        self.rate.setRange(*RATE_RANGE)
        self.rate.setSuffix(" words/min")
        self.rate.setValue(settings.rate)
        self.device = QComboBox()
        self.device.addItem(DEFAULT_DEVICE, None)
        for name in devices if devices is not None else _input_device_names():
            self.device.addItem(name, name)
        if settings.input_device:
            index = self.device.findData(settings.input_device)
            if index < 0:
                self.device.addItem(f"{settings.input_device} (not connected)",
                                    settings.input_device)
                index = self.device.count() - 1
            self.device.setCurrentIndex(index)
        self.model = QLineEdit(settings.model or "")
        self.model.setPlaceholderText("tiny.en (bundled); or a model name or folder")
        form = QFormLayout(self)
        form.addRow("Voice", self.voice)
        form.addRow("Speaking rate", self.rate)
        form.addRow("Microphone", self.device)
        form.addRow("Speech model", self.model)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> Settings:
        return Settings(
            voice=self.voice.text().strip() or None,
            rate=self.rate.value(),
            input_device=self.device.currentData(),
            model=self.model.text().strip() or None,
        )
