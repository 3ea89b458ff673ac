"""`desktop.app.main()`: the bank, the store and the window come up, and it exits cleanly."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop import app, paths
from desktop.main_window import MainWindow
from desktop.settings import settings_path
from desktop.window_devices import Devices
from scoring.transcript import Transcript


class _Quiet:
    """Stands in for every device; the start-up path never records or speaks."""

    def load(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def synthesize(self, text: str):
        raise AssertionError("no question is chosen at start-up")

    def transcribe_file(self, path) -> Transcript:
        return Transcript((), 0.0)


def quiet_devices() -> Devices:
    quiet = _Quiet()
    return Devices(
        recorder=lambda _s: quiet, speaker=lambda _s: quiet, player=lambda _s: quiet,
        transcriber=lambda _s: quiet, streaming=lambda _t: quiet,
        find_unfinished=lambda _folder: [], recover=lambda path: path,
    )


def test_main_opens_the_window_with_the_bundled_bank_and_exits(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path))
    monkeypatch.setattr(app, "real_devices", quiet_devices)
    settings_path().write_text("{broken")
    seen: dict[str, object] = {}

    def inspect_and_close() -> None:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen["questions"] = window.picker.question_list.count()
        seen["companies"] = window.picker.company_combo.count()
        seen["notice"] = window.feedback.message_label.text()
        seen["size"] = (window.width(), window.height())
        room = window.screen().availableGeometry()
        seen["screen"] = (room.width(), room.height())
        window.close()

    QTimer.singleShot(500, inspect_and_close)
    assert app.main() == 0
    assert seen["questions"] >= 10 and seen["companies"] >= 2
    # WINDOW_SIZE (1100x760) where the screen has room; offscreen's screen is 800x800.
    width, height = seen["size"]
    assert width <= seen["screen"][0] and height <= seen["screen"][1], seen
    assert width >= min(1100, seen["screen"][0] - 24) and height >= min(760, seen["screen"][1] - 72)
    assert paths.database_path().exists()
    assert "settings.json: cannot read the settings" in str(seen["notice"])
