"""Asks whether recordings cut short by a crash should become attempts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget


def recovery_question(paths: list[Path]) -> str:
    count = len(paths)
    noun = "recording was" if count == 1 else "recordings were"
    names = "\n".join(f"  • {p.name}" for p in paths[:5])
    more = f"\n  … and {count - 5} more" if count > 5 else ""
    return (
        f"{count} {noun} interrupted the last time MicDrop closed:\n{names}{more}\n\n"
        "Recover them as attempts? They will be transcribed and scored in the background."
    )


def ask_to_recover(parent: QWidget, paths: list[Path]) -> bool:
    """A yes/no dialog; No leaves the files untouched so they can be recovered later."""
    answer = QMessageBox.question(
        parent, "Recover interrupted recordings", recovery_question(paths),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
