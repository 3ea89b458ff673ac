"""Regenerate the pictures of History, replay, take-against-take and Progress in docs/.

A store is filled with two weeks of rehearsal: real answers from the labelled corpus,
analysed by the real scoring, saved with real (espeak-ng) recordings, so every figure on
the pictures is one the app computed. The window is then opened over that store at
1280x800 with the real player, and each screen is grabbed.
Run from the repository root: `QT_QPA_PLATFORM=offscreen .venv/bin/python
docs/make_history_screenshots.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MICDROP_HOME"] = tempfile.mkdtemp()
DOCS = ROOT / "docs"


def fill(store, bank, folder: Path) -> None:
    """Fourteen days, one or two takes a day, the same question now and then."""
    from corpus import load_answers, sentence_texts

    from scoring import Transcript, analyze

    answers = [a for a in load_answers("tune") if a["kind"] == "story"][:40]
    question = bank.question("failure-learned") or bank.questions[0]
    start = datetime.now(UTC) - timedelta(days=14)
    for n, answer in enumerate(answers[:16]):
        text = " ".join(sentence_texts(answer))
        wav = folder / f"take{n}.wav"
        subprocess.run(["espeak-ng", "-s", str(150 + n % 3 * 10), "-w", str(wav), text],
                       check=True, capture_output=True)
        from audio.transcribe import Transcriber

        transcript = _transcriber(Transcriber).transcribe_file(wav) if n >= 14 else \
            Transcript.from_text(text)
        a = analyze(transcript, question, bank.company("amazon"))
        store.add_attempt(question.id, question.text, "story", "Amazon", wav, a.to_dict(),
                          a.score, a.duration_s, start + timedelta(days=n * 14 / 16))


_MODEL = []


def _transcriber(cls):
    if not _MODEL:
        _MODEL.append(cls())
    return _MODEL[0]


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from desktop import paths
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from desktop.store import Store
    from desktop.widgets.palette import apply_theme
    from desktop.window_devices import real_devices
    from question_bank import load_bank

    apply_theme(app, "light")
    bank = load_bank(paths.data_root())
    store = Store(paths.database_path())
    fill(store, bank, paths.recordings_dir())
    window = MainWindow(bank, store, real_devices(), Settings(), ask=lambda *_: False)
    window.resize(1280, 800)
    window.show()
    screens = window.screens
    screens.refresh()

    def grab(name: str) -> None:
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(DOCS / name))
        print("saved", name)

    screens.show_tab("History")
    grab("history.png")
    screens.history.table.selectRow(0)
    screens.actions.open(screens.history.model.rows[0].id)
    screens.replay.seek(24.0)
    grab("replay.png")
    screens.actions.compare(screens.history.model.rows[1].id, screens.history.model.rows[0].id)
    for _ in range(20):
        app.processEvents()
    screens.actions.compare_dialog.grab().save(str(DOCS / "compare.png"))
    print("saved compare.png")
    screens.actions.compare_dialog.close()
    screens.show_tab("Progress")
    grab("progress.png")
    window.close()


if __name__ == "__main__":
    main()
