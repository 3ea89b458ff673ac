"""Start the desktop app: load the bank, open the store, show the window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from desktop import paths, startup
from desktop.main_window import MainWindow
from desktop.store import Store
from desktop.widgets.palette import apply_theme, follow_system
from desktop.window_devices import real_devices


def main() -> int:
    """Run the window until it closes; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("MicDrop")
    apply_theme(app)  # Fusion, light or dark as the system is, the same on every platform
    follow_system(app)
    window, store = open_window()
    window.show()
    code = app.exec()
    if store is not None:
        store.close()
    return code


def open_window() -> tuple[MainWindow, Store | None]:
    """The window over the bank and the store. A data folder that cannot be written, or a
    database that cannot be opened, is a notice in the window, not a failure to start."""
    from question_bank import load_bank

    bank = load_bank(paths.data_root())  # read only: the user's own questions, if any
    folder_problem = startup.data_folder_problem()
    store, store_problem = startup.open_store()
    window = MainWindow(bank, store, real_devices())
    # The store's problem repeats the folder's when the folder is the cause.
    startup.show_problems(window, [folder_problem or store_problem])
    return window, store
