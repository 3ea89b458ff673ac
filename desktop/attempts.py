"""One take turned into a saved attempt: transcribe, analyze, store.

Plain functions with no Qt, so the window (in a worker thread) and the terminal (recovering
an interrupted take) go through the same steps and save the same record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import scoring
from desktop.meaning import sentence_embed
from desktop.store import Store, StoreError
from question_bank.model import Company, Question
from scoring.analysis import Analysis
from scoring.limits import has_words
from scoring.transcript import Transcript


@dataclass(frozen=True)
class AttemptOutcome:
    """What one finished take produced. `analysis` is None when no speech was heard; the
    recording is kept either way."""

    wav: Path
    analysis: Analysis | None
    attempt_id: int | None = None
    save_error: str | None = None
    question: Question | None = None  # what was answered (the picker may have moved on)


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
    if not has_words(transcript):  # nothing but symbols is nothing to score either
        return AttemptOutcome(wav, None, question=question)
    analysis = scoring.analyze(transcript, question, company, embed=sentence_embed())
    if store is None:
        return AttemptOutcome(wav, analysis, question=question)
    try:
        attempt_id = save_attempt(store, question, company, wav, analysis)
    except StoreError as error:
        return AttemptOutcome(wav, analysis, save_error=str(error), question=question)
    return AttemptOutcome(wav, analysis, attempt_id, question=question)


def save_attempt(store: Store, question: Question, company: Company | None, wav: Path | None,
                 analysis: Analysis) -> int:
    """Store the attempt with its analysis exactly as shown; StoreError names the kept WAV."""
    return store.add_attempt(
        question_id=question.id, question_text=question.text, kind=question.kind,
        company=company.name if company else None, wav_path=wav,
        analysis_json=analysis.to_dict(), score=analysis.score, duration_s=analysis.duration_s,
    )
