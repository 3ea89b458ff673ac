"""A mock interview run with the real devices: ask aloud, think, record, score, probe, repeat.

For each planned question the interviewer's voice reads it (synthesized in a worker, played
on the player), an optional thinking countdown runs, and recording starts on its own. The
answer ends on Stop, after a long silence once the user has spoken, or at 150% of its band's
upper end (the terminal rehearsal's `StopWatch` rules, fed the recorder's blocks). It is
transcribed, scored and saved in a worker; then the follow-up the feedback chose is read
aloud and answered as its own take, saved linked to the first, and the next question comes.

Every saved answer also saves the interview's position (in the same job), so closing the
window or pressing Stop interview loses nothing: Resume asks the first unanswered step.
State changes reach the view through one `on_change` callback polled by a timer (see
desktop.workers on why no custom signals).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from audio.errors import AudioError, RecordingWriteError
from desktop import paths
from desktop.attempts import AttemptOutcome
from desktop.interview_answer import AnswerJob, Step, plain
from desktop.interview_store import InterviewRecord, InterviewStore
from desktop.rehearse import BANDS_S, StopReason, StopRules, StopWatch
from desktop.settings import Settings
from desktop.store import Store, StoreError
from desktop.window_devices import Devices, recording_path
from desktop.workers import Workers
from question_bank.model import Bank, Company, Question
from scoring.analysis import Analysis
from scoring.interview_plan import InterviewPlan
from scoring.interview_summary import Answer, InterviewSummary, summarize_interview

TICK_MS = 100
# An answer may run to this share of its band's upper end before it is stopped.
OVERRUN = 1.5
# After the voice ends, wait this long before the microphone opens, so the question's
# last syllable (and a speaker's echo in the room) is not the answer's first sound.
SETTLE_S = 0.4
# Silence after speech that ends an answer (the terminal rehearsal's default).
SILENCE_S = 6.0


class Phase(Enum):
    IDLE = "idle"
    SPEAKING = "speaking"
    THINKING = "thinking"
    RECORDING = "recording"
    FINISHING = "finishing"
    STOPPED = "stopped"
    DONE = "done"


class MockInterview(QObject):
    """The interview's state machine; the view reads its properties on every `on_change`."""

    def __init__(self, devices: Devices, settings: Callable[[], Settings],
                 transcriber: Callable[[], Any], bank: Bank, store: Store | None,
                 workers: Workers, on_change: Callable[[], None],
                 silence_s: float = SILENCE_S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.devices, self.settings, self.transcriber = devices, settings, transcriber
        self.bank, self.store, self.workers = bank, store, workers
        self.interviews = InterviewStore(store) if store is not None else None
        self.on_change, self.silence_s = on_change, silence_s
        self.phase = Phase.IDLE
        self.plan: InterviewPlan | None = None
        self.company: Company | None = None
        self.interview_id: int | None = None
        self.position = 0
        self.step: Step | None = None
        self.answers: list[Answer] = []
        self.message = ""
        self.summary: InterviewSummary | None = None
        self.stop_reason: StopReason | None = None
        self.played: list[Path] = []  # what the interviewer's voice said, in order
        self._player: Any = None
        self._token = 0
        self._follow_up: tuple[str, int | None] | None = None  # text, attempt it follows
        self._quiet_since: float | None = None
        self._spoken = False  # the current step's question has started playing
        self._think_until = 0.0
        self._recorder: Any = None
        self._streaming: Any = None
        self._watch: StopWatch | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)

    # --- what the view shows ------------------------------------------------------------

    @property
    def band(self) -> tuple[int, int]:
        kind = self.step.question.kind if self.step else "story"
        return BANDS_S.get(kind, BANDS_S["story"])

    @property
    def elapsed_s(self) -> float:
        return float(self._recorder.elapsed_s) if self._recorder is not None else 0.0

    @property
    def level(self) -> float:
        return float(getattr(self._recorder, "level", 0.0) or 0.0)

    @property
    def thinking_left_s(self) -> float:
        return max(0.0, self._think_until - time.monotonic())

    @property
    def backlog_s(self) -> float:
        return float(getattr(self._streaming, "backlog_s", 0.0) or 0.0)

    @property
    def total_items(self) -> int:
        return len(self.plan.items) if self.plan else 0

    # --- start, resume, stop ------------------------------------------------------------

    def start(self, plan: InterviewPlan, company: Company | None) -> None:
        """A new interview; saved at once, so even the first question can be resumed."""
        record = self.interviews.create(plan) if self.interviews is not None else None
        self._follow_up = None
        self._begin(plan, company, record.id if record else None, 0, [])

    def resume(self, record: InterviewRecord) -> None:
        """Continue a saved interview at its first unanswered step, with its answers so far."""
        assert self.interviews is not None
        answers, follow_up = [], None
        for attempt, follows in self.interviews.answers(record.id):
            analysis = Analysis.from_dict(attempt.analysis)
            answers.append(Answer(attempt.question_text, follows is not None, analysis,
                                  attempt.id))
            if follows is None:
                follow_up = (analysis.follow_up, attempt.id)
        self._follow_up = follow_up if record.at_follow_up else None
        company = self.bank.company(record.company) if record.company else None
        self._begin(record.plan, company, record.id, record.position, answers)

    def _begin(self, plan: InterviewPlan, company: Company | None, interview_id: int | None,
               position: int, answers: list[Answer]) -> None:
        self.plan, self.company, self.interview_id = plan, company, interview_id
        self.position, self.answers, self.summary = position, answers, None
        self._player = self._player or self.devices.player(self.settings())
        self._tick.start()
        self._ask()

    def stop_interview(self) -> None:
        """Pause: the current step is asked again on Resume; a recording so far is kept."""
        if self.phase in (Phase.IDLE, Phase.STOPPED, Phase.DONE):
            return
        self._token += 1
        if self._player is not None:
            self._player.stop()
        kept = ""
        if self._recorder is not None:
            self._streaming.cancel()
            try:
                wav = Path(self._recorder.stop())
                kept = f" The unfinished answer's recording was kept ({wav.name})."
            except AudioError:
                pass
            self._recorder = None
        number = self.position // 2 + 1
        self._set(Phase.STOPPED, f"Interview paused. Resume continues at question {number}."
                  + kept)

    def stop_answer(self) -> None:
        """End the answer now (the Stop button or key)."""
        if self.phase is Phase.RECORDING:
            self._finish_take(None)

    # --- the steps ----------------------------------------------------------------------

    def _current_step(self) -> Step | None:
        """The step at `position`, skipping questions no longer in the bank."""
        assert self.plan is not None
        while self.position // 2 < len(self.plan.items):
            item = self.plan.items[self.position // 2]
            question = self.bank.question(item.question_id)
            if question is None:
                self.position = 2 * (self.position // 2 + 1)
                continue
            if self.position % 2 == 0:
                return Step(self.position, question, False)
            if self._follow_up is None:  # resumed without the first answer's follow-up
                self.position += 1
                continue
            text, follows = self._follow_up
            probe = Question(f"{question.id}.follow-up", text, question.kind,
                             question.competencies)
            return Step(self.position, probe, True, follows)
        return None

    def _ask(self, note: str = "") -> None:
        """Ask the step at `position`; `note` (shown while it is asked and answered) says
        what went wrong with the previous answer, if anything."""
        step = self._current_step()
        if step is None:
            self._finish_interview(note)
            return
        self.step = step
        self._token += 1
        token, text = self._token, step.question.text
        speaker = self.devices.speaker(self.settings())
        self._quiet_since, self._spoken = None, False
        self._set(Phase.SPEAKING, note)
        self.workers.submit(lambda: speaker.synthesize(text),
                            lambda wav: self._play(token, wav),
                            lambda error: self._unspoken(token, error))

    def _play(self, token: int, wav: Path) -> None:
        if token != self._token:
            return
        try:
            self._player.play(wav)
        except AudioError as error:
            self._unspoken(token, error)
            return
        self.played.append(Path(wav))
        self._spoken = True

    def _unspoken(self, token: int, error: Exception) -> None:
        if token != self._token:
            return
        self.message = f"The question could not be read aloud ({plain(error)}); read it here."
        self._think()

    def _think(self) -> None:
        seconds = self.settings().thinking_s
        if seconds <= 0:
            self._record()
            return
        self._think_until = time.monotonic() + seconds
        self._set(Phase.THINKING, self.message)

    def _record(self) -> None:
        assert self.step is not None
        recorder = self.devices.recorder(self.settings())
        streaming = self.devices.streaming(self.transcriber())
        watch = StopWatch(StopRules(max_seconds=OVERRUN * self.band[1],
                                    silence_seconds=self.silence_s))

        def on_block(block: Any) -> None:  # the recorder's writer thread: quick, no Qt
            streaming.feed(block)
            reason = watch.feed(block)
            if reason is not None and self.stop_reason is None:
                self.stop_reason = reason

        self.stop_reason = None  # the last answer's reason was shown until now
        try:
            recorder.start(recording_path(self.step.question), on_block=on_block)
        except (AudioError, paths.DataFolderError) as error:
            streaming.cancel()
            self._set(Phase.STOPPED, f"{plain(error)} Fix the microphone, then Resume.")
            return
        self._recorder, self._streaming, self._watch = recorder, streaming, watch
        self._set(Phase.RECORDING, self.message)

    def _on_tick(self) -> None:
        """Poll the player, the countdown and the recorder (audio threads never call Qt)."""
        now = time.monotonic()
        if self.phase is Phase.SPEAKING and self._spoken:
            if getattr(self._player, "is_playing", False):
                self._quiet_since = None
            elif self._quiet_since is None:
                self._quiet_since = now
            elif now - self._quiet_since >= SETTLE_S:
                self._player.stop()  # close the finished stream: the device is free again
                self._think()
        elif self.phase is Phase.THINKING and now >= self._think_until:
            self._record()
        elif self.phase is Phase.RECORDING:
            if isinstance(getattr(self._recorder, "problem", None), RecordingWriteError):
                self.stop_reason = StopReason.WRITE_FAILED
            if self.stop_reason is not None:
                self._finish_take(self.stop_reason)
        self.on_change()

    def _finish_take(self, reason: StopReason | None) -> None:
        recorder, streaming, step = self._recorder, self._streaming, self.step
        assert step is not None and self.plan is not None
        self._recorder = None
        try:
            wav = Path(recorder.stop())
        except AudioError as error:
            streaming.cancel()
            self._set(Phase.STOPPED, f"{plain(error)} Resume to answer again.")
            return
        elapsed = float(recorder.elapsed_s)
        self._streaming = streaming  # its backlog is shown while the tail is transcribed
        said = f"Stopped: {reason.value}. " if reason else ""
        self._set(Phase.FINISHING, f"{said}Transcribing and scoring your answer…")
        token, job = self._token, AnswerJob(streaming, step, wav, elapsed, self.company, self.store,
                                       self.interviews, self.interview_id)
        self.workers.submit(job.run, lambda result: self._saved(token, step, result),
                            lambda error: self._failed(token, error))

    def _saved(self, token: int, step: Step, result: tuple[AttemptOutcome, int]) -> None:
        if token != self._token:
            return  # paused while it was scored: it is saved with the position; Resume reads it
        outcome, position = result
        self.answers.append(Answer(step.question.text, step.follow_up, outcome.analysis,
                                   outcome.attempt_id))
        self.position = position
        analysis = outcome.analysis
        if not step.follow_up and analysis is not None:
            self._follow_up = (analysis.follow_up, outcome.attempt_id)
        self._streaming = None
        self._ask(f"This answer was not saved: {outcome.save_error}" if outcome.save_error
                  else "")

    def _failed(self, token: int, error: Exception) -> None:
        if token == self._token:
            self._streaming = None
            self._set(Phase.STOPPED, f"Could not transcribe this answer: {plain(error)} "
                      "The recording is kept; Resume asks the question again.")

    def _finish_interview(self, note: str = "") -> None:
        self.message = note
        if self.interviews is not None and self.interview_id is not None:
            try:
                self.interviews.advance(self.interview_id, self.position, finished=True)
            except StoreError as error:
                self.message = str(error)
        self.step = None
        self.summary = summarize_interview(self.answers, self.plan.values if self.plan else ())
        self._tick.stop()
        if self._player is not None:
            self._player.stop()
        self._set(Phase.DONE, self.message)

    def _set(self, phase: Phase, message: str) -> None:
        self.phase, self.message = phase, message
        if phase is Phase.STOPPED:
            self._tick.stop()
        self.on_change()
