"""`micdrop rehearse`: one answer in the terminal, interrupted takes recovered first.

The audio stack loads only when this command runs, so the other commands stay fast and
work where there is no sound device.
"""

from __future__ import annotations

import argparse
import random
import sys

from desktop.cli_common import (
    EXIT_FAILURE,
    EXIT_OK,
    CliError,
    load_user_bank,
    resolve_company,
    resolve_question,
)
from desktop.paths import DataFolderError, data_root, database_path, recordings_dir
from desktop.settings import Settings, SettingsError, load_settings
from desktop.store import Store, StoreError
from question_bank.model import Bank, Question


def run_rehearse(args: argparse.Namespace) -> int:
    from desktop import rehearse as session  # the audio stack loads only for this command
    from desktop.recovery_flow import offer_in_terminal

    bank = load_user_bank()
    question = pick_question(bank, args.question_id, args.kind)
    company = resolve_company(bank, args.company)
    rules = session.StopRules.for_kind(question.kind, args.max_seconds, args.silence_seconds)
    try:  # before the question is asked: an answer that cannot be recorded is not asked for
        recordings = recordings_dir()
    except DataFolderError as error:
        raise CliError(f"Cannot rehearse: the answer could not be recorded. {error}") from error
    store = _open_store()
    try:
        devices = session.real_devices(not args.no_speak, saved_settings())
        if devices.transcriber is not None:  # recovering needs whole-file transcription
            offer_in_terminal(recordings, bank, devices.transcriber.transcribe_file, store,
                              session.Console())
        outcome = session.rehearse(question, company, devices, rules, store, recordings)
    finally:
        store.close()
    return EXIT_OK if outcome.analysis is not None else EXIT_FAILURE


def _open_store() -> Store | _Unsaved:
    """The attempts database, or, when it cannot be opened, a stand-in that says the attempt
    was not saved: the rehearsal and its feedback do not need the history."""
    try:
        return Store(database_path())
    except (StoreError, DataFolderError) as error:
        print(f"micdrop: {error} This attempt will not be saved to the history.",
              file=sys.stderr)
        return _Unsaved(str(error))


class _Unsaved:
    """Stands in for the store when it cannot be opened; saving reports why, with the WAV."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def add_attempt(self, *_args: object, wav_path: object = None, **_kwargs: object) -> int:
        raise StoreError(f"The attempt was not saved: {self.reason} The recording is kept "
                         f"at {wav_path}.")

    def close(self) -> None:
        pass


def saved_settings() -> Settings:
    """The microphone, voice and model chosen in the window; a damaged settings file is
    reported and the defaults are used, as the window does, rather than refusing to run."""
    try:
        return load_settings()
    except SettingsError as error:
        print(f"micdrop: {error} Using the default settings for now.", file=sys.stderr)
        return Settings()


def pick_question(bank: Bank, question_id: str | None, kind: str | None,
                  rng: random.Random | None = None) -> Question:
    """The question asked for, else a random one of the kind (story by default)."""
    if question_id is not None:
        return resolve_question(bank, question_id, kind)
    kind = kind or "story"
    candidates = [q for q in bank.questions if q.kind == kind]
    if not candidates:
        raise CliError(f"the question bank has no {kind} questions; add some under "
                       f"{data_root() / 'questions'} or pass --question-id")
    return (rng or random).choice(candidates)
