"""Settings: the JSON file in the data folder, its validation, and the dialog that edits it."""

from __future__ import annotations

import json

import pytest

from desktop.settings import Settings, SettingsError, load_settings, save_settings, settings_path
from desktop.widgets.settings_dialog import DEFAULT_DEVICE, DEFAULT_VOICE, SettingsDialog


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path))
    return tmp_path


def test_missing_file_gives_defaults(home):
    assert load_settings() == Settings()
    assert settings_path().parent == home


def test_settings_round_trip_through_the_data_folder(home):
    chosen = Settings(voice="en-gb", rate=140, input_device="USB Mic", model="base.en")
    path = save_settings(chosen)
    assert path == home / "settings.json"
    assert json.loads(path.read_text())["rate"] == 140
    assert load_settings() == chosen
    assert not path.with_suffix(".tmp").exists()


def test_unknown_keys_are_ignored_so_newer_files_still_load(home):
    settings_path().write_text(json.dumps({"rate": 120, "theme": "dark"}))
    assert load_settings() == Settings(rate=120)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "cannot read the settings"),
        ("[1, 2]", "expected a JSON object"),
        ('{"rate": 5000}', "between 80 and 300"),
        ('{"rate": "fast"}', "whole number"),
        ('{"voice": 3}', "voice must be text"),
        ('{"thinking_s": 45}', "between 0 and 30"),
        ('{"thinking_s": true}', "thinking_s must be a whole number"),
    ],
)
def test_bad_files_are_refused_with_what_to_do(home, content, says):
    settings_path().write_text(content)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert says in str(caught.value)
    assert "settings.json" in str(caught.value)


def test_dialog_edits_every_setting(qtbot):
    start = Settings(voice=None, rate=160, input_device="Gone Mic", model=None)
    dialog = SettingsDialog(start, devices=["Built-in", "USB Mic"], voices=["en-us"],
                            models=["tiny.en", "base.en", "small.en"])
    qtbot.addWidget(dialog)
    combo = dialog.device
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == [DEFAULT_DEVICE, "Built-in", "USB Mic", "Gone Mic (not connected)"]
    assert dialog.model.count() == 3  # the bundled entry stands for tiny.en
    assert dialog.settings() == start
    dialog.set_voices(["en-us", "en-gb"])
    assert dialog.voice.count() == 3
    dialog.voice.setCurrentIndex(dialog.voice.findData("en-gb"))
    dialog.rate.setValue(999)
    combo.setCurrentIndex(2)
    dialog.model.setCurrentIndex(dialog.model.findData("base.en"))
    dialog.thinking.setValue(99)  # the spin box holds it to 0-30 s
    assert dialog.settings() == Settings(voice="en-gb", rate=300, input_device="USB Mic",
                                         model="base.en", thinking_s=30)
    dialog.model.setEditText("  /models/my-whisper ")
    dialog.voice.setEditText(DEFAULT_VOICE)
    combo.setCurrentIndex(0)
    chosen = dialog.settings()
    assert (chosen.model, chosen.voice, chosen.input_device) == ("/models/my-whisper", None, None)
