"""Run slow calls (synthesis, model loading, transcription, analysis) off the GUI thread.

Each job is a plain function run on its own QThread; its result or exception comes back
to the GUI thread through the thread's own `finished` signal, delivered (queued) to a
receiver that lives there, so the callbacks may touch widgets. The jobs themselves know
nothing about Qt, which keeps them testable and keeps the window a thin orchestrator.

Why no custom signals here: with PySide6 6.12 on Python 3.11, every `Signal.emit()` made
from Python drops a reference to `True` it never took, and the process aborts once the
count runs out. Signals that Qt emits from C++ (QThread.finished, QTimer.timeout) do not,
so results travel on those.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Slot

# The jobs are plain functions that live outside Qt (the terminal runs them too).
from desktop.attempts import AttemptOutcome, analyze_attempt

__all__ = ["AttemptOutcome", "Job", "Workers", "analyze_attempt"]


class Job(QThread):
    """Calls `fn()` once on its own thread and keeps the result or the exception."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.result: Any = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.result = self._fn()
        except Exception as error:  # every failure must reach the window, bugs too
            self.error = error


class _Receiver(QObject):
    """Lives in the GUI thread; the job's `finished` is queued here once its thread ended."""

    def __init__(self, job: Job, on_done: Callable[[Any], None] | None,
                 on_error: Callable[[Exception], None] | None,
                 on_settled: Callable[[Job], None]) -> None:
        super().__init__()
        self._job = job
        self._on_done = on_done
        self._on_error = on_error
        self._on_settled = on_settled

    @Slot()
    def settle(self) -> None:
        job = self._job
        job.wait()
        try:
            if job.error is not None:
                if self._on_error is not None:
                    self._on_error(job.error)
            elif self._on_done is not None:
                self._on_done(job.result)
        finally:
            self._on_settled(job)


class Workers(QObject):
    """Starts jobs on their own threads and keeps them alive until they have reported."""

    def __init__(self, parent: QObject | None = None,
                 on_busy: Callable[[bool], None] | None = None) -> None:
        super().__init__(parent)
        self._running: dict[Job, _Receiver] = {}
        self._on_busy = on_busy

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Job:
        """Run `fn` in the background; `on_done(result)` or `on_error(exc)` runs on the GUI
        thread afterwards."""
        job = Job(fn)
        receiver = _Receiver(job, on_done, on_error, self._forget)
        job.finished.connect(receiver.settle)
        self._running[job] = receiver
        job.start()
        if self._on_busy is not None:
            self._on_busy(True)
        return job

    def _forget(self, job: Job) -> None:
        receiver = self._running.pop(job)
        receiver.deleteLater()
        job.deleteLater()
        if not self._running and self._on_busy is not None:
            self._on_busy(False)

    def busy(self) -> bool:
        return bool(self._running)

    def wait_all(self, timeout_ms: int = 30000) -> bool:
        """Block until every job's thread has ended (used at shutdown)."""
        return all(job.wait(timeout_ms) for job in list(self._running))
