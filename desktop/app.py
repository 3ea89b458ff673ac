"""Start the desktop app: load the bank, open the store, show the window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import paths
from desktop.main_window import MainWindow
from desktop.store import Store, StoreError
from desktop.window_devices import real_devices


def main() -> int:
    """Run the window until it closes; returns the exit code."""
    from question_bank import load_bank

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("MicDrop")
    app.setStyle("Fusion")  # the same look on every platform, matching the style sheet
    bank = load_bank(paths.data_dir())
    try:
        store: Store | None = Store(paths.database_path())
    except StoreError as error:
        QMessageBox.warning(None, "MicDrop", f"{error}\n\nAttempts will not be saved this time.")
        store = None
    window = MainWindow(bank, store, real_devices())
    window.show()
    code = app.exec()
    if store is not None:
        store.close()
    return code
