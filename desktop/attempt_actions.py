"""What the user can do with a saved attempt from the window: open it, compare two takes,
export reports, delete, and fix its transcript. Each reads the stored analysis, so the
screen, the comparison and every export show the same figures.

Exports and deletes touch the disk: exports run in a worker (the window's busy bar shows
it), and every failure is said in plain words on the status line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QVBoxLayout, QWidget

from desktop.export import ExportError, format_for, items_from_store, write_report
from desktop.meaning import sentence_embed
from desktop.store import StoreError
from desktop.views.compare_view import CompareView
from question_bank.model import Question
from scoring.analysis import Analysis
from scoring.limits import AnswerTooLong
from scoring.reports import ReportItem
from scoring.transcript_fix import rescore

FILTERS = "PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;JSON (*.json)"


@dataclass(frozen=True)
class Shown:
    """The attempt on screen: its analysis, recording and, once saved, its id."""

    analysis: Analysis
    wav: Path | None
    attempt_id: int | None
    question: Question


class AttemptActions:
    """Needs the window's store, bank, workers, say(), _ask() and a `show(Shown)` callback
    that puts an attempt on the rehearsal screen."""

    def __init__(self, window: Any, show: Callable[[Shown], None],
                 changed: Callable[[], None]) -> None:
        self.w, self._show, self._changed = window, show, changed

    def shown_of(self, attempt_id: int) -> Shown | None:
        record = self.w.store.attempt(attempt_id) if self.w.store else None
        if record is None:
            return None
        question = self.w.bank.question(record.question_id) or Question(
            id=record.question_id, text=record.question_text, kind=record.kind)
        return Shown(Analysis.from_dict(record.analysis), record.wav_path, record.id, question)

    def open(self, attempt_id: int) -> None:
        try:
            shown = self.shown_of(attempt_id)
        except (StoreError, ValueError, KeyError) as error:
            self.w.say(f"Attempt #{attempt_id} cannot be opened: {error}")
            return
        if shown is None:
            self.w.say(f"Attempt #{attempt_id} is no longer in the history.")
            return
        self._show(shown)

    def compare(self, earlier: int, later: int) -> None:
        first, second = self.shown_of(earlier), self.shown_of(later)
        if first is None or second is None:
            self.w.say("One of the two attempts is no longer in the history.")
            return
        dialog = QDialog(self.w)
        dialog.setWindowTitle("Take against take")
        dialog.resize(900, 640)
        view = CompareView()
        view.show_takes(first.analysis, second.analysis, (_when(self.w, earlier),
                                                          _when(self.w, later)))
        QVBoxLayout(dialog).addWidget(view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.compare_dialog = dialog  # the last one, for tests and screenshots
        dialog.show()

    def export(self, attempt_ids: Sequence[int], shown: Shown | None = None,
               path: Path | None = None) -> None:
        """Ask where (unless `path` is given), then render and write in a worker."""
        if not attempt_ids and shown is None:
            self.w.say("Nothing to export yet: answer a question or open an attempt.")
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self.w, "Export the feedback report",
                                                    str(_default_name(attempt_ids)), FILTERS)
            if not chosen:
                return
            path = Path(chosen)
        try:
            fmt = format_for(path)
            items = (items_from_store(self.w.store, attempt_ids) if attempt_ids
                     else [ReportItem(shown.analysis)])
        except (ExportError, StoreError) as error:
            self.w.say(str(error))
            return
        self.w.say(f"Exporting {path.name}…")
        self.w.workers.submit(lambda: write_report(items, fmt, path),
                              lambda done: self.w.say(f"Exported the report to {done}.", 10000),
                              lambda error: self.w.say(f"The report was not exported: {error}"))

    def delete(self, attempt_ids: Sequence[int]) -> None:
        """Delete after a confirmation, each attempt with its recording."""
        if not attempt_ids or self.w.store is None:
            return
        count = len(attempt_ids)
        what = "this attempt" if count == 1 else f"these {count} attempts"
        if not self.w._ask(self.w, "Delete attempts",
                           f"Delete {what} and {'its' if count == 1 else 'their'} recording"
                           f"{'' if count == 1 else 's'}? This cannot be undone."):
            return
        for attempt_id in attempt_ids:
            self._delete_one(attempt_id)
        self.w.say(f"Deleted {what}.", 8000)
        self._changed()

    def _delete_one(self, attempt_id: int) -> None:
        try:
            record = self.w.store.attempt(attempt_id)
            self.w.store.delete_attempt(attempt_id)
        except StoreError as error:
            self.w.say(str(error))
            return
        if record is not None and record.wav_path is not None:
            try:
                record.wav_path.unlink(missing_ok=True)
            except OSError as error:
                self.w.say(f"Attempt deleted, but its recording {record.wav_path} could not "
                           f"be removed ({error.strerror}). Delete it by hand.")

    def fix_transcript(self, shown: Shown, text: str) -> str | None:
        """Rescore with the corrected words; the stored attempt shows the new analysis and
        keeps the first one. Returns a message for the dialog when it cannot."""
        company = self.w.bank.company(shown.analysis.company) if shown.analysis.company else None
        try:
            fresh = rescore(shown.analysis, shown.question, company, text, sentence_embed())
        except AnswerTooLong as error:
            return str(error)
        if shown.attempt_id is not None and self.w.store is not None:
            try:
                self.w.store.replace_analysis(shown.attempt_id, fresh.to_dict())
            except StoreError as error:
                return str(error)
        self._show(Shown(fresh, shown.wav, shown.attempt_id, shown.question))
        self._changed()
        self.w.say(f"Rescored with your corrections: score {fresh.score}.", 10000)
        return None


def _when(window: QWidget, attempt_id: int) -> str:
    record = window.store.attempt(attempt_id)
    return record.created_at.astimezone().strftime("%d %b %H:%M") if record else "?"


def _default_name(attempt_ids: Sequence[int]) -> Path:
    name = (f"micdrop-attempt-{attempt_ids[0]}" if len(attempt_ids) == 1
            else "micdrop-report")
    return Path.home() / f"{name}.pdf"
