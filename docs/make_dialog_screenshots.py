"""Regenerate the dialog pictures in docs/ (shortcuts list, company and question editors,
transcript fix), in the light and the dark palette, offscreen.

Run from the repository root: `.venv/bin/python docs/make_dialog_screenshots.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Which picture of which scheme goes into docs/ (the others are only looked at).
KEEP = {("shortcuts", "light"): "shortcuts.png",
        ("company-editor", "light"): "company-editor.png",
        ("company-editor-error", "dark"): "company-editor-dark.png",
        ("question-editor", "dark"): "question-editor-dark.png",
        ("transcript-editor", "light"): "transcript-editor.png"}


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.widgets.company_editor import CompanyEditor
    from desktop.widgets.palette import apply_theme
    from desktop.widgets.question_editor import QuestionEditor
    from desktop.widgets.shortcuts_dialog import ShortcutsDialog
    from desktop.widgets.transcript_editor import TranscriptEditor
    from question_bank import load_bank
    from scoring import Transcript, analyze
    from tests.scoring.fix_example import HEARD

    app = QApplication.instance() or QApplication([])
    bank = load_bank()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    with tempfile.TemporaryDirectory() as data:
        for scheme in ("light", "dark"):
            apply_theme(app, scheme)
            heard = analyze(Transcript.from_text(HEARD), bank.question("proudest-achievement"))
            invalid = CompanyEditor(Path(data))
            invalid.id_edit.setText("Acme Corp")
            invalid.name_edit.setText("Acme")
            invalid.values.item(0, 0).setText("Customers first")
            invalid.save()  # shows the loader's message, writes nothing
            dialogs = {
                "shortcuts": ShortcutsDialog(),
                "company-editor": CompanyEditor(Path(data), bank.company("spotify")),
                "company-editor-error": invalid,
                "question-editor": QuestionEditor(Path(data),
                                                  bank.question("calculated-risk")),
                "transcript-editor": TranscriptEditor(heard, lambda _text: None),
            }
            for name, dialog in dialogs.items():
                dialog.show()
                app.processEvents()
                target = KEEP.get((name, scheme)) if out == ROOT / "docs" else None
                target = target or f"{name}-{scheme}.png"
                if out != ROOT / "docs" or (name, scheme) in KEEP:
                    dialog.grab().save(str(out / target))
                dialog.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
