"""What the window needs from the data folder at start, and the problems to show if it is
unwritable or the database cannot be opened.

No Qt here except through the window handed to `show_problems`: the checks are plain
functions, so the window starts whatever state the folder is in, and says what is wrong in
its notice area instead of crashing or blocking on a dialog.
"""

from __future__ import annotations

from typing import Any

from desktop import paths
from desktop.store import Store, StoreError

UNSAVED = "Questions can still be practised, but takes cannot be recorded or saved until then."
NO_HISTORY = "Attempts will not be saved this time."


def data_folder_problem() -> str | None:
    """Make (or tighten) the data folder; a message when it cannot be written."""
    try:
        paths.data_dir()
    except paths.DataFolderError as error:
        return f"{error} {UNSAVED}"
    return None


def open_store() -> tuple[Store | None, str | None]:
    """The attempts database, or None and why it could not be opened."""
    try:
        return Store(paths.database_path()), None
    except (StoreError, paths.DataFolderError) as error:
        return None, f"{error} {NO_HISTORY}"


def show_problems(window: Any, problems: list[str | None]) -> None:
    """Show start-up problems in the window's notice area, after any it shows already (a
    damaged settings file), and a short line in the status bar."""
    found = [p for p in problems if p]
    if not found:
        return
    shown = window.feedback.message_label.text()
    window.feedback.show_message("\n\n".join([shown, *found] if shown else found))
    window.say("MicDrop cannot use its data folder; see the notice.")
