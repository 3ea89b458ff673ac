"""File → Back up… and Restore…: the zip chosen in a dialog, the work done in a worker.

The steps are `desktop.backup`'s (also behind `micdrop backup` and `micdrop restore`); here
only the asking and the telling.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from desktop import paths
from desktop.backup import RestoreReport, backup, restore

ZIP_FILTER = "MicDrop backup (*.zip)"


def backup_to_file(window: Any, target: Path | None = None) -> None:
    if window.store is None:
        window.say("Nothing to back up: the attempts database could not be opened.")
        return
    if target is None:
        default = Path.home() / f"micdrop-backup-{date.today():%Y-%m-%d}.zip"
        chosen, _ = QFileDialog.getSaveFileName(window, "Back up MicDrop", str(default),
                                                ZIP_FILTER)
        if not chosen:
            return
        target = Path(chosen)
    store, folder = window.store, paths.data_dir()
    window.say(f"Backing up to {target.name}…")
    window.workers.submit(
        lambda: backup(folder, store, target),
        lambda count: window.say(f"Backed up {count} files to {target}.", 10000),
        lambda error: window.say(f"The backup was not made: {error}"))


def restore_from_file(window: Any, done: Callable[[], None], source: Path | None = None) -> None:
    if window.store is None:
        window.say("Cannot restore: the attempts database could not be opened.")
        return
    if source is None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Restore a MicDrop backup",
                                                str(Path.home()), ZIP_FILTER)
        if not chosen:
            return
        source = Path(chosen)
    if not window._ask(window, "Restore a backup",
                       f"Add the attempts, recordings, stories and your own questions from "
                       f"{source.name}? Nothing you have now is overwritten."):
        return
    store, folder = window.store, paths.data_dir()

    def finished(report: RestoreReport) -> None:
        window.say(f"Restored {report.attempts_added} attempts ({report.attempts_already_there} "
                   f"were already here) and {report.files_added} files.", 10000)
        done()

    window.say(f"Restoring {source.name}…")
    window.workers.submit(lambda: restore(source, folder, store), finished,
                          lambda error: window.say(f"Nothing was restored: {error}"))
