"""Interrupted takes turned into attempts, the same way in the window and in the terminal.

A take cut short by a crash (or a kill) leaves its WAV and a marker (`audio.recovery`).
Recovering it means: tell its question from its name (`window_devices.recording_path`
names every take, whichever front end recorded it), repair the WAV, transcribe it whole,
analyze and save it (`desktop.attempts`). The window runs `recover_attempt` in a worker; the
terminal asks on stdin with `offer_in_terminal` before its question. No Qt here.
"""

from __future__ import annotations

import select
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

from audio.errors import AudioError
from audio.recovery import find_unfinished, recover
from desktop.attempts import AttemptOutcome, analyze_attempt
from desktop.feedback_text import render_feedback
from desktop.store import Store
from desktop.window_devices import question_id_of
from question_bank.model import Bank, Question
from scoring.transcript import Transcript

# A recovered recording whose question cannot be told from its file name is scored as a story.
RECOVERED_QUESTION = Question(id="custom", text="(recovered recording)", kind="story")
# With no terminal, how long to wait for an answer piped in before taking the default.
ANSWER_WAIT_S = 5.0

TranscribeFile = Callable[[Path], Transcript]


class ConsoleLike(Protocol):
    stdin: TextIO | None

    def say(self, text: str) -> None: ...
    def status(self, text: str) -> None: ...


def question_for(wav: Path, bank: Bank) -> Question:
    """The question a take answered, from its name; a stand-in if the bank lost it."""
    return bank.question(question_id_of(wav) or "") or RECOVERED_QUESTION


def recover_attempt(wav: Path, bank: Bank, transcribe_file: TranscribeFile,
                    store: Store | None, repair: Callable[[Path], Path] = recover
                    ) -> AttemptOutcome:
    """Repair, transcribe, analyze and save one interrupted take (slow: run off the GUI).

    Raises AudioError when the file cannot be repaired or transcribed; the file stays.
    """
    question = question_for(wav, bank)
    fixed = Path(repair(wav))
    return analyze_attempt(lambda: transcribe_file(fixed), fixed, question, None, store)


def offer_in_terminal(folder: Path, bank: Bank, transcribe_file: TranscribeFile,
                      store: Store | None, console: ConsoleLike,
                      find: Callable[[Path], list[Path]] = find_unfinished
                      ) -> list[AttemptOutcome]:
    """Ask once whether to recover the interrupted takes in `folder`, then recover each,
    printing a line and its feedback. Nothing found means nothing is asked."""
    try:
        found = find(folder)
    except OSError as error:
        console.status(f"Could not look for interrupted recordings in {folder}: "
                       f"{error.strerror or error}.")
        return []
    if not found or not _agrees(console, f"Recover {len(found)} interrupted recording(s)? "
                                          "[Y/n] "):
        if found:
            console.status(f"Left them in {folder}; you will be asked again next time.")
        return []
    outcomes = []
    for wav in found:
        outcome = _recover_and_report(wav, bank, transcribe_file, store, console)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def _recover_and_report(wav: Path, bank: Bank, transcribe_file: TranscribeFile,
                        store: Store | None, console: ConsoleLike) -> AttemptOutcome | None:
    console.status(f"Recovering {wav.name}…")
    try:
        outcome = recover_attempt(wav, bank, transcribe_file, store)
    except AudioError as error:
        console.status(f"Could not recover {wav.name}: {error}")
        return None
    console.say(outcome_line(outcome))
    if outcome.analysis is not None:
        console.say("")
        console.say(render_feedback(outcome.analysis))
    return outcome


def outcome_line(outcome: AttemptOutcome) -> str:
    """One line per recovered take: what it answered, its score, where it went."""
    name = outcome.wav.name
    if outcome.analysis is None:
        return f"Recovered {name}: no speech in it; the file is kept."
    about = f"“{outcome.analysis.question}”, score {outcome.analysis.score}"
    if outcome.save_error:
        return f"Recovered {name} ({about}) but could not save it: {outcome.save_error}"
    if outcome.attempt_id is None:
        return f"Recovered {name} ({about}); not saved (no attempts database this time)."
    return f"Recovered {name} as attempt #{outcome.attempt_id} ({about})."


def _agrees(console: ConsoleLike, prompt: str) -> bool:
    """Yes unless the user answers no. With no answer (end of input, or nothing piped in
    within ANSWER_WAIT_S) the default, yes, is taken and said: recovering only adds
    attempts, and it is what the user would lose otherwise."""
    console.status(prompt.rstrip())
    answer = _read_answer(console.stdin)
    if answer is None:
        console.status("(No answer on input: recovering them, the default.)")
        return True
    return not answer.strip().lower().startswith("n")


def _read_answer(stdin: TextIO | None) -> str | None:
    """A line from the user; None at end of input, or when no terminal is attached and
    nothing arrives in time (a script must not hang on a question it never saw)."""
    if stdin is None:
        return None
    if not _is_terminal(stdin) and not _ready(stdin, ANSWER_WAIT_S):
        return None
    try:
        line = stdin.readline()
    except (OSError, ValueError):
        return None
    return line or None


def _ready(stdin: Any, timeout: float) -> bool:
    """Whether input (or its end) is there; True where that cannot be asked (in-memory
    streams never block, and Windows cannot select on a pipe)."""
    try:
        readable, _, _ = select.select([stdin], [], [], timeout)
    except (OSError, ValueError, TypeError):
        return True
    return bool(readable)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
