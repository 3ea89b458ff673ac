"""Run slow calls (synthesis, model loading, transcription, analysis) off the GUI thread.

Each job is a plain function run by a `Job` on its own QThread; its result or exception
comes back to the GUI thread through queued signals to a receiver that lives there, so the
callbacks may touch widgets. The jobs themselves know nothing about Qt, which keeps them
testable and keeps the window a thin orchestrator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

import scoring
from desktop.store import Store, StoreError
from question_bank.model import Company, Question
from scoring.analysis import Analysis
from scoring.transcript import Transcript


class Job(QObject):
    """Calls `fn()` once in the thread it was moved to and reports how it went."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception, so callers can tell AudioError from a bug
    finished = Signal()

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # every failure must reach the window, bugs too
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            # Hand the object back to the GUI thread so it can be deleted there once its
            # thread has ended (an object in a finished thread never processes deleteLater).
            self.moveToThread(QCoreApplication.instance().thread())
            self.finished.emit()


class _Receiver(QObject):
    """Lives in the GUI thread, so queued signals land there before calling back.

    Signals from one thread arrive in the order they were sent, so `settle` (connected to
    the job's `finished`) always runs after the result was delivered.
    """

    settled = Signal(object)  # the thread, to be forgotten

    def __init__(self, thread: QThread, on_done: Callable[[Any], None] | None,
                 on_error: Callable[[Exception], None] | None) -> None:
        super().__init__()
        self._thread = thread
        self._on_done = on_done
        self._on_error = on_error

    @Slot(object)
    def done(self, result: object) -> None:
        if self._on_done is not None:
            self._on_done(result)

    @Slot(object)
    def error(self, error: object) -> None:
        if self._on_error is not None:
            self._on_error(error)

    @Slot()
    def settle(self) -> None:
        self._thread.wait()
        self.settled.emit(self._thread)


class Workers(QObject):
    """Starts jobs on their own threads and keeps them alive until they finish."""

    busy_changed = Signal(bool)  # for a busy indicator: True while any job runs

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[QThread, tuple[Job, _Receiver]] = {}

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Job:
        """Run `fn` in the background; `on_done(result)` or `on_error(exc)` runs on the GUI
        thread afterwards."""
        thread = QThread()
        job = Job(fn)
        receiver = _Receiver(thread, on_done, on_error)
        job.moveToThread(thread)
        job.succeeded.connect(receiver.done)
        job.failed.connect(receiver.error)
        job.finished.connect(thread.quit)
        job.finished.connect(receiver.settle)
        receiver.settled.connect(self._forget)
        thread.started.connect(job.run)
        self._running[thread] = (job, receiver)
        thread.start()
        self.busy_changed.emit(True)
        return job

    @Slot(object)
    def _forget(self, thread: QThread) -> None:
        job, receiver = self._running.pop(thread)
        for obj in (job, receiver, thread):
            obj.deleteLater()
        if not self._running:
            self.busy_changed.emit(False)

    def busy(self) -> bool:
        return bool(self._running)

    def wait_all(self, timeout_ms: int = 30000) -> bool:
        """Block until every job's thread has ended (used at shutdown)."""
        return all(thread.wait(timeout_ms) for thread in list(self._running))


# --- The jobs: plain functions the window submits. -------------------------------------


@dataclass(frozen=True)
class AttemptOutcome:
    """What one finished take produced. `analysis` is None when no speech was heard; the
    recording is kept either way."""

    wav: Path
    analysis: Analysis | None
    attempt_id: int | None = None
    save_error: str | None = None


def analyze_attempt(
    transcribe: Callable[[], Transcript],
    wav: Path,
    question: Question,
    company: Company | None,
    store: Store | None,
) -> AttemptOutcome:
    """Transcribe (the streaming tail, or a whole recovered file), analyze, save.

    A failed save still returns the analysis: the user sees their feedback and the message
    of the save error, and the WAV stays on disk.
    """
    transcript = transcribe()
    if not transcript.words:
        return AttemptOutcome(wav, None)
    analysis = scoring.analyze(transcript, question, company)
    if store is None:
        return AttemptOutcome(wav, analysis)
    try:
        attempt_id = store.add_attempt(
            question.id, question.text, question.kind, company.name if company else None,
            wav, analysis.to_dict(), analysis.score, analysis.duration_s,
        )
    except StoreError as error:
        return AttemptOutcome(wav, analysis, save_error=str(error))
    return AttemptOutcome(wav, analysis, attempt_id)
