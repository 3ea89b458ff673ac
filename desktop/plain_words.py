"""How the window words an error it shows: ours as they are, anything else named.

MicDrop's own errors are written for the user (what went wrong, what to do); anything else
is a bug and is shown as unexpected rather than dressed up, so it gets reported.
"""

from __future__ import annotations

from audio.errors import AudioError
from desktop.paths import DataFolderError
from desktop.settings import SettingsError
from desktop.store import StoreError
from scoring.limits import AnswerTooLong


def plain(error: Exception) -> str:
    if isinstance(error, AudioError | StoreError | SettingsError | AnswerTooLong
                  | DataFolderError):
        return str(error)
    return f"an unexpected error ({type(error).__name__}: {error})."
