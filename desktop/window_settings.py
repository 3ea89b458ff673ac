"""The window's side of settings: the dialog, applying and saving what was chosen, and
fetching a larger speech model in the background when one is asked for.

A mixin of `MainWindow` (it uses the window's settings, devices, workers, speaker,
transcriber, feedback view and status bar).
"""

from __future__ import annotations

from dataclasses import replace

from audio.errors import AudioError
from desktop.plain_words import plain as _plain
from desktop.settings import Settings, save_settings
from desktop.widgets.notice_label import SETTINGS
from desktop.widgets.prompts import DOWNLOAD_TITLE, download_question
from desktop.widgets.settings_dialog import SettingsDialog


class SettingsMixin:
    """Needs from the window: settings, devices, workers, speaker, transcriber, feedback,
    model_label, _downloads, _voices, _settings_dialog, say(), _ask() and _load_model()."""

    def open_settings(self) -> None:
        """The dialog opens at once; voices (a subprocess away) fill in when they arrive."""
        dialog = SettingsDialog(self.settings, self, devices=self._input_device_names(),
                                voices=self._voices, models=list(self.devices.model_names))
        if self._voices is None:
            self.workers.submit(self.speaker.voices, self._on_voices, lambda _error: None)
        self._settings_dialog = dialog
        accepted = dialog.exec()
        self._settings_dialog = None
        dialog.deleteLater()
        if accepted:
            self.apply_settings(dialog.settings())

    def _input_device_names(self) -> list[str]:
        try:
            return self.devices.input_devices()
        except AudioError as error:
            self.say(_plain(error))
            return []

    def _on_voices(self, voices: list[str]) -> None:
        self._voices = voices
        if self._settings_dialog is not None:
            self._settings_dialog.set_voices(voices)

    def apply_settings(self, new: Settings) -> None:
        """Use and save new settings; a model that must be downloaded first is asked about,
        fetched in the background, and switched to only once complete."""
        wanted_model = new.model
        if wanted_model != self.settings.model and self.devices.needs_download(wanted_model):
            new = replace(new, model=self.settings.model)
            if self._ask(self, DOWNLOAD_TITLE, download_question(wanted_model)):
                self._download_model(wanted_model)
        self._use_settings(new)

    def _use_settings(self, new: Settings) -> None:
        try:
            save_settings(new)
        except OSError as error:
            self.say(f"Settings could not be saved ({error}); they apply until you quit.")
        else:
            self.feedback.show_message("", SETTINGS)  # a good file replaces the damaged one
        model_changed = new.model != self.settings.model
        self.settings = new
        self.speaker = self.devices.speaker(new)
        if model_changed:
            self.transcriber = self.devices.transcriber(new)
            self._load_model()

    def _download_model(self, name: str) -> None:
        self.model_label.setText(f"Speech model: downloading {name}…")
        self.say(f"Downloading the speech model {name}…")
        self._downloads.start(name)

    def _on_download_error(self, error: Exception) -> None:
        self.model_label.setText(f"Speech model: {self.settings.model or 'tiny.en (bundled)'}")
        self.say(f"The model download failed: {_plain(error)} The current model stays in use.")
