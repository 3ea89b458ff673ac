"""A speech model download in the background, its progress shown on the status bar.

Kept out of the main window: the window only asks for a model and hears when it is whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QProgressBar

from desktop.workers import Workers

POLL_MS = 250


@dataclass
class _Progress:
    """Written by the download thread, read by a GUI timer. Polling instead of emitting a
    signal per block: see `desktop.workers` on Python-side emits in PySide6 6.12."""

    done: int = 0
    total: int = 0

    def update(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class ModelDownload(QObject):
    """Runs `download(name, progress)` on a worker; `on_done(name)` only once it is whole."""

    def __init__(
        self,
        workers: Workers,
        download: Callable[[str, Callable[[int, int], None]], Path] | None,
        bar: QProgressBar,
        say: Callable[[str], None],
        on_done: Callable[[str], None],
        on_failed: Callable[[Exception], None],
    ) -> None:
        super().__init__(bar)
        self._workers, self._download, self._bar, self._say = workers, download, bar, say
        self._on_done, self._on_failed = on_done, on_failed
        self._progress = _Progress()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self, name: str) -> None:
        download, progress = self._download, _Progress()
        self._progress = progress
        self._timer.start()
        self._workers.submit(lambda: download(name, progress.update),
                             lambda _path: self._finished(lambda: self._on_done(name)),
                             lambda error: self._finished(lambda: self._on_failed(error)))

    def _poll(self) -> None:
        done, total = self._progress.done, self._progress.total
        if total > 0:  # in kB: a progress bar holds a 32-bit int, a model can exceed 2 GB
            self._bar.setRange(0, total // 1024)
            self._bar.setValue(done // 1024)
            self._say(f"Downloading the speech model: {done / 1e6:.0f} of {total / 1e6:.0f} MB")

    def _finished(self, then: Callable[[], None]) -> None:
        self._timer.stop()
        self._bar.setRange(0, 0)
        then()
