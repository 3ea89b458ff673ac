"""One step of a mock interview, and the job that saves its answer.

Plain Python, no Qt: the job runs in a worker thread and is tested like any function.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audio.errors import AudioError
from desktop import paths
from desktop.attempts import AttemptOutcome, analyze_attempt
from desktop.interview_store import InterviewStore
from desktop.store import Store, StoreError
from question_bank.model import Company, Question


@dataclass(frozen=True)
class Step:
    """One thing to answer: a planned question, or the follow-up to its answer."""

    position: int
    question: Question
    follow_up: bool
    follows_id: int | None = None


class AnswerJob:
    """Runs in a worker: transcribe the tail, score, save, link, and save the position (no
    Qt here, and nothing it reads changes while it runs)."""

    def __init__(self, streaming: Any, step: Step, wav: Path, elapsed: float,
                 company: Company | None, store: Store | None,
                 interviews: InterviewStore | None, interview_id: int | None) -> None:
        self.streaming, self.step, self.wav, self.elapsed = streaming, step, wav, elapsed
        self.company, self.store = company, store
        self.interviews, self.interview_id = interviews, interview_id

    def run(self) -> tuple[AttemptOutcome, int]:
        step = self.step
        outcome = analyze_attempt(lambda: self.streaming.finish(self.elapsed), self.wav,
                                  step.question, self.company, self.store)
        asks_more = (not step.follow_up and outcome.analysis is not None
                     and bool(outcome.analysis.follow_up))
        position = step.position + 1 if asks_more else 2 * (step.position // 2 + 1)
        if self.interviews is not None and self.interview_id is not None:
            if outcome.attempt_id is not None:
                self.interviews.link_attempt(outcome.attempt_id, self.interview_id,
                                             step.follows_id)
            self.interviews.advance(self.interview_id, position)
        return outcome, position


def plain(error: Exception) -> str:
    """Our own errors are written for users; anything else is named as unexpected."""
    if isinstance(error, AudioError | StoreError | paths.DataFolderError):
        return str(error)
    return f"an unexpected error ({type(error).__name__}: {error})."
