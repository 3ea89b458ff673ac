"""Yes/no questions the window asks, and their wording.

The window receives `ask_yes_no` as a parameter, so tests answer for the user instead of
a modal dialog waiting forever on a screen nobody sees.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

RECOVERY_TITLE = "Recover interrupted recordings"
DOWNLOAD_TITLE = "Download speech model"


def recovery_question(paths: list[Path]) -> str:
    count = len(paths)
    noun = "recording was" if count == 1 else "recordings were"
    names = "\n".join(f"  • {p.name}" for p in paths[:5])
    more = f"\n  … and {count - 5} more" if count > 5 else ""
    return (
        f"{count} {noun} interrupted the last time MicDrop closed:\n{names}{more}\n\n"
        "Recover them as attempts? They will be transcribed and scored in the background. "
        "If you say no, the files stay where they are."
    )


def download_question(name: str) -> str:
    return (
        f'The speech model "{name}" is not on this computer yet. Download it now? '
        "This is the only time MicDrop uses the internet; afterwards it works offline. "
        "If you say no, MicDrop keeps using the model it has."
    )


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
