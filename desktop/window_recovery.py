"""The window's side of crash recovery: offer interrupted takes once at start, recover the
ones the user accepts in the background, and show the feedback of what was recovered.

A mixin of `MainWindow` (it uses the window's bank, store, devices, workers, feedback view
and status bar); the steps themselves are `desktop.recovery_flow`'s, shared with the terminal.
"""

from __future__ import annotations

from pathlib import Path

from desktop import paths
from desktop.attempts import AttemptOutcome
from desktop.plain_words import plain
from desktop.recovery_flow import outcome_line, recover_attempt
from desktop.widgets.prompts import RECOVERY_TITLE, recovery_question


class RecoveryMixin:
    """Needs from the window: bank, store, devices, transcriber, workers, feedback,
    recorder, last_outcome, say() and _ask()."""

    recovery_offered = False

    def offer_recovery(self) -> None:
        """Offer interrupted recordings (from a crash) as attempts; run once per start."""
        if self.recovery_offered:
            return
        self.recovery_offered = True
        try:
            found = self.devices.find_unfinished(paths.recordings_dir())
        except OSError as error:
            self.say(f"Could not look for interrupted recordings: {error}")
            return
        if found and self._ask(self, RECOVERY_TITLE, recovery_question(found)):
            for wav in found:
                self._recover_one(wav)

    def _recover_one(self, wav: Path) -> None:
        bank, store, repair = self.bank, self.store, self.devices.recover
        transcribe_file = self.transcriber.transcribe_file
        self.say(f"Recovering {wav.name}…")
        self.workers.submit(
            lambda: recover_attempt(wav, bank, transcribe_file, store, repair),
            self._on_recovered,
            lambda error: self._on_recovery_failed(wav, error))

    def _on_recovered(self, outcome: AttemptOutcome) -> None:
        """Say what became of the take, and show its feedback unless a new take is already
        under way (then the status line alone says what was recovered and saved)."""
        line = outcome_line(outcome)
        self.say(line)
        if outcome.analysis is None or self.recorder is not None:
            return
        self.last_outcome = outcome
        self.feedback.set_analysis(outcome.analysis)
        self.feedback.show_message(f"{line} Its feedback is shown below.")

    def _on_recovery_failed(self, wav: Path, error: Exception) -> None:
        self.say(f"Could not recover {wav.name}: {plain(error)} The file is kept.")
