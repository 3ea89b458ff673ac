"""From Stop to feedback: the answer's last seconds are transcribed, scored and saved.

Most of an answer is transcribed while it is spoken, so this usually takes a moment. On a
busy machine the streaming transcriber may still hold a backlog at Stop; then the user sees
how much is left ("Transcribing the last 12 s…") with a progress bar, and may cancel: the
recording stays on disk and can be analysed later from the command line.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.store import Store
from desktop.widgets.feedback_view import FeedbackView
from desktop.widgets.record_controls import RecordControls
from desktop.workers import AttemptOutcome, Workers, analyze_attempt
from question_bank.model import Company, Question

POLL_MS = 100
# A backlog shorter than this is not worth a progress bar: it is done in well under a second.
SHOW_BACKLOG_S = 1.5
NO_FEEDBACK = "No feedback for this take."


@dataclass(frozen=True)
class Take:
    """One stopped take, everything its feedback needs."""

    streaming: Any  # audio.streaming.StreamingTranscriber (or a fake with the same calls)
    wav: Path
    question: Question
    company: Company | None
    store: Store | None
    duration_s: float
    problem: Exception | None = None


class TakeFinisher(QObject):
    """Runs the transcription of a stopped take in a worker and shows how far it got."""

    def __init__(self, workers: Workers, controls: RecordControls, feedback: FeedbackView,
                 on_outcome: Callable[[AttemptOutcome, Exception | None], None],
                 on_error: Callable[[Exception], None],
                 say: Callable[[str], None]) -> None:
        super().__init__(controls)
        self._workers, self._controls, self._feedback = workers, controls, feedback
        self._on_outcome, self._on_error, self._say = on_outcome, on_error, say
        self._take: Take | None = None
        self._backlog_at_stop = 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._show_progress)
        controls.cancel_requested.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self._take is not None

    def start(self, take: Take) -> None:
        """Leave the recording state at once, then transcribe the rest in the background."""
        self._take = take
        self._backlog_at_stop = take.streaming.backlog_s
        self._controls.set_busy("Transcribing and scoring…")
        self._feedback.verdict_label.setText("Transcribing and scoring your answer…")
        self._say("Transcribing and scoring your answer…")
        self._show_progress()
        self._poll.start()
        self._workers.submit(
            lambda: analyze_attempt(lambda: take.streaming.finish(take.duration_s), take.wav,
                                    take.question, take.company, take.store),
            lambda outcome: self._done(take, outcome),
            lambda error: self._failed(take, error),
        )

    def cancel(self) -> None:
        """Give up waiting: the recording is kept; the window is ready for another take."""
        take = self._take
        if take is None:
            return
        take.streaming.cancel()
        self._settle()
        self._controls.set_ready()
        self._feedback.verdict_label.setText("Transcription cancelled.")
        self._feedback.show_message(cancelled_message(take))
        self._say("Transcription cancelled; the recording was kept.")

    def _show_progress(self) -> None:
        take = self._take
        if take is None or self._backlog_at_stop < SHOW_BACKLOG_S:
            return
        left = take.streaming.backlog_s
        text = (f"Transcribing the last {math.ceil(left)} s…" if left >= 1
                else "Scoring your answer…")
        share = 1 - min(left, self._backlog_at_stop) / self._backlog_at_stop
        self._controls.show_finishing(text, share)
        self._feedback.verdict_label.setText(f"{text} Feedback appears when it is done.")

    def _done(self, take: Take, outcome: AttemptOutcome) -> None:
        if take is not self._take:  # cancelled, but it had already got through
            if outcome.attempt_id is not None:
                self._say(f"The cancelled answer was transcribed after all and saved to "
                          f"your history ({outcome.wav.name}).")
            return
        self._settle()
        if outcome.analysis is None:
            self._feedback.verdict_label.setText(NO_FEEDBACK)
        self._on_outcome(outcome, take.problem)

    def _failed(self, take: Take, error: Exception) -> None:
        if take is not self._take:  # the cancel itself, or a failure nobody waits for
            return
        self._settle()
        self._feedback.verdict_label.setText(NO_FEEDBACK)
        self._on_error(error)

    def _settle(self) -> None:
        self._take = None
        self._poll.stop()


def cancelled_message(take: Take) -> str:
    """What the user can still do with a take they stopped waiting for."""
    command = f'micdrop analyze "{take.wav}"'
    if take.question.id != "custom":
        command += f" --question-id {take.question.id}"
    if take.company is not None:
        command += f' --company "{take.company.name}"'
    return (f"Transcription cancelled. Your recording is kept as {take.wav.name} in "
            f"{take.wav.parent}. To get feedback on it later, run: {command}")
