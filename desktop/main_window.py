"""The main window: it wires widgets to devices and workers, and decides nothing else.

Devices come in as factories (`desktop.window_devices.Devices`), so a test can drive the
window with the real recorder on a virtual microphone, or with fakes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from audio.errors import AudioError, RecordingWriteError
from desktop import meaning, paths
from desktop.model_download import ModelDownload
from desktop.plain_words import plain as _plain
from desktop.settings import Settings, SettingsError, load_settings
from desktop.store import Store
from desktop.take_flow import Take, TakeFinisher
from desktop.widgets.feedback_view import FeedbackView
from desktop.widgets.notice_label import MICROPHONE, MODEL, SETTINGS
from desktop.widgets.palette import apply_theme
from desktop.widgets.prompts import ask_yes_no
from desktop.widgets.question_card import QuestionCard
from desktop.widgets.question_picker import QuestionPicker
from desktop.widgets.record_controls import RecordControls
from desktop.widgets.settings_dialog import SettingsDialog
from desktop.widgets.theme import ScrollingColumn, fitted_size, sidebar_width
from desktop.window_devices import Devices, recording_path
from desktop.window_recovery import RecoveryMixin
from desktop.window_screens import Screens
from desktop.window_settings import SettingsMixin
from desktop.workers import AttemptOutcome, Workers
from question_bank.model import Bank, Question

# Target bands (seconds) by answer kind, as the product brief coaches them.
BANDS = {"background": (60, 90), "story": (90, 120)}
TICK_MS = 100


class MainWindow(RecoveryMixin, SettingsMixin, QMainWindow):
    def __init__(
        self,
        bank: Bank,
        store: Store | None,
        devices: Devices,
        settings: Settings | None = None,
        ask: Callable[[QWidget, str, str], bool] = ask_yes_no,
    ) -> None:
        super().__init__()
        self.bank, self.store, self.devices = bank, store, devices
        self._ask = ask
        self._voices: list[str] | None = None
        self._settings_dialog: SettingsDialog | None = None
        self.workers = Workers(self, on_busy=lambda busy: self.progress.setVisible(busy))
        self._settings_problem = ""
        self.settings = settings if settings is not None else self._load_settings()
        self.recorder: Any = None
        self.streaming: Any = None
        self._recording_question: Question | None = None
        self._speech_token = 0
        self.last_outcome: AttemptOutcome | None = None
        self.model_ready = False
        self._build()
        self._make_devices()
        self.screens = Screens(self)  # history, progress, vault, replay, menus
        self.picker.set_bank(bank)
        self._report_bank_errors()
        if self._settings_problem:
            self.feedback.show_message(self._settings_problem, SETTINGS)
        self.recovery_offered = False
        # Once the window is up (the event loop runs), not before: a dialog needs a window.
        QTimer.singleShot(0, self.offer_recovery)

    # --- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle("MicDrop — rehearse interviews out loud")
        self.resize(fitted_size(self.screen()))
        app = QApplication.instance()
        if not app.styleSheet():  # started without desktop.app (tests, screenshots)
            apply_theme(app)
        self.picker = QuestionPicker()
        self.card = QuestionCard()
        self.controls = RecordControls()
        self.feedback = FeedbackView()
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 0, 0, 0)
        column.setSpacing(6)  # tight: the transcript below keeps its lines
        column.addWidget(self.card)
        column.addWidget(self.controls)
        column.addWidget(self.feedback, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.picker)
        splitter.addWidget(ScrollingColumn(right))
        picker_width = sidebar_width(self.width())
        splitter.setSizes([picker_width, self.width() - picker_width])
        splitter.setStretchFactor(0, 1)  # a bigger window widens both, the answer most
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        central = QWidget()
        central.setObjectName("central")
        outer = QHBoxLayout(central)
        outer.setContentsMargins(14, 12, 14, 8)
        outer.addWidget(splitter)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_actions()
        self._connect()

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.model_label = QLabel("Speech model: not loaded")
        self.statusBar().addPermanentWidget(self.model_label)

    def _build_actions(self) -> None:
        settings_action = QAction("Settings…", self)
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.triggered.connect(self.open_settings)
        self.menuBar().addMenu("&MicDrop").addAction(settings_action)
        for key, slot in (("R", self.start_recording), ("S", self.stop_recording),
                          ("Space", self.toggle_recording)):
            QShortcut(QKeySequence(key), self, activated=slot)

    def _connect(self) -> None:
        self.picker.selection_changed.connect(self._on_question)
        self.picker.company_changed.connect(
            lambda _index: self.card.show_company(self.picker.current_company()))
        self.card.read_again_requested.connect(self.read_question)
        self.controls.record_requested.connect(self.start_recording)
        self.controls.stop_requested.connect(self.stop_recording)
        self._downloads = ModelDownload(
            self.workers, self.devices.download, self.progress, self.say,
            on_done=lambda name: self._use_settings(replace(self.settings, model=name)),
            on_failed=self._on_download_error)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self.finisher = TakeFinisher(self.workers, self.controls, self.feedback,
                                     self._show_outcome, self._on_analysis_error, self.say)

    def _load_settings(self) -> Settings:
        try:
            return load_settings()
        except SettingsError as error:
            self._settings_problem = str(error)
            return Settings()

    def _make_devices(self) -> None:
        """(Re)create devices from settings; the model loads in the background at once."""
        self.speaker = self.devices.speaker(self.settings)
        self.player = self.devices.player(self.settings)
        self.transcriber = self.devices.transcriber(self.settings)
        self._load_model()

    def _report_bank_errors(self) -> None:
        if self.bank.errors:
            first = self.bank.errors[0]
            more = f" (and {len(self.bank.errors) - 1} more)" if len(self.bank.errors) > 1 else ""
            self.say(f"Some questions could not be loaded: {first}{more}")

    # --- status -------------------------------------------------------------------------

    def say(self, text: str, timeout_ms: int = 0) -> None:
        """Status bar message in plain words."""
        self.statusBar().showMessage(text, timeout_ms)

    # --- model --------------------------------------------------------------------------

    def _load_model(self) -> None:
        self.model_ready = False
        self.model_label.setText("Speech model: loading…")
        self.say("Loading the speech model in the background…")
        transcriber = self.transcriber
        self.workers.submit(transcriber.load, self._on_model_ready, self._on_model_error)
        meaning.warm_up()  # the sentence model, so the first Stop finds it loaded

    def _on_model_ready(self, _result: object) -> None:
        self.model_ready = True
        self.feedback.show_message("", MODEL)
        self.model_label.setText(f"Speech model: {self.settings.model or 'tiny.en (bundled)'}")
        self.say("Ready. Pick a question, then press Record (R or Space).", 8000)

    def _on_model_error(self, error: Exception) -> None:
        self.model_label.setText("Speech model: unavailable")
        self.feedback.show_message(f"The speech model could not be loaded: {_plain(error)}",
                                   MODEL)
        self.say("The speech model could not be loaded; choose another in Settings.")

    # --- question -----------------------------------------------------------------------

    def _on_question(self, *_items: object) -> None:
        question = self.picker.current_question()
        if question is None or self.recorder is not None:
            return
        self.card.show_question(question)
        self.controls.set_band(*BANDS.get(question.kind, BANDS["story"]))
        shown = self.feedback.show_question(question)  # its own feedback, or its band
        self.controls.set_elapsed(shown.answer_seconds if shown else 0)
        self.screens.question_shown(question, shown)
        self.read_question()

    def read_question(self) -> None:
        """Synthesize in a worker, then play; a later question cancels an earlier one."""
        question = self.picker.current_question()
        if question is None or self.recorder is not None:
            return
        self._speech_token += 1
        token, speaker = self._speech_token, self.speaker
        self.player.stop()
        self.say("Preparing the spoken question…")
        self.workers.submit(lambda: speaker.synthesize(question.text),
                            lambda wav: self._play_question(token, wav), self._on_speech_error)

    def _play_question(self, token: int, wav: Path) -> None:
        if token != self._speech_token or self.recorder is not None:
            return
        try:
            self.player.play(wav)
        except AudioError as error:
            self._on_speech_error(error)
            return
        self.card.show_notice("")  # spoken after all: an earlier "not spoken" no longer holds
        self.say("Listen to the question, then press Record (R or Space).", 8000)

    def _on_speech_error(self, error: Exception) -> None:
        self.card.show_unspoken(_plain(error))
        self.say("Speech is unavailable; read the question and answer when ready.")

    # --- recording ----------------------------------------------------------------------

    def toggle_recording(self) -> None:
        if self.screens.mock_showing():
            self.screens.mock.stop_answer()
            return
        if self.recorder is None:
            self.start_recording()
        else:
            self.stop_recording()

    def start_recording(self) -> None:
        if self.screens.mock_showing():  # the interview starts its own takes
            return
        question = self.picker.current_question()
        if question is None:
            self.say("Choose a question first.")
            return
        if self.recorder is not None or not self.controls.record_button.isEnabled():
            return
        self._speech_token += 1
        self.player.stop()
        recorder = self.devices.recorder(self.settings)
        streaming = self.devices.streaming(self.transcriber)
        try:
            recorder.start(recording_path(question), on_block=streaming.feed)
        except (AudioError, paths.DataFolderError) as error:
            streaming.cancel()
            self.feedback.show_message(_plain(error), MICROPHONE)
            self.say(_plain(error))
            return
        self.recorder, self.streaming, self._recording_question = recorder, streaming, question
        self.feedback.start_take()
        self.controls.set_recording(True)
        self.screens.take_started()
        self.card.read_button.setEnabled(False)
        self.picker.setEnabled(False)
        self._tick.start()
        self.say("Recording. Press S or Space to stop.")

    def _on_tick(self) -> None:
        """Poll the recorder (level, time, a dead input) and the live transcript; polling
        keeps the audio threads free of Qt calls."""
        recorder = self.recorder
        if recorder is None:
            return
        if isinstance(recorder.problem, RecordingWriteError):  # the disk refused: take ended
            self.stop_recording()
            return
        self.controls.set_elapsed(recorder.elapsed_s)
        self.controls.set_level(recorder.level)
        # A dead input noticed mid-take is said at once, and withdrawn if sound arrives.
        if (status := self.feedback.note_input_problem(recorder.problem)) is not None:
            self.say(status)
        live = self.streaming.committed_text
        meaning.prefetch(self.streaming.committed_words)  # embed finished sentences now
        if live != self.feedback.transcript.text():
            self.feedback.transcript.setPlainText(live)

    def stop_recording(self) -> None:
        if self.recorder is None:
            if self.screens.mock_showing():
                self.screens.mock.stop_answer()
            return
        recorder, streaming, question = self.recorder, self.streaming, self._recording_question
        self._tick.stop()
        try:
            wav = Path(recorder.stop())
        except AudioError as error:
            self._end_take()
            self.feedback.show_message(_plain(error))
            self.say(_plain(error))
            return
        self.controls.set_elapsed(recorder.elapsed_s)
        self._end_take()
        if isinstance(recorder.problem, RecordingWriteError):
            self.feedback.show_message(str(recorder.problem))
        self.finisher.start(Take(streaming, wav, question, self.picker.current_company(),
                                 self.store, recorder.elapsed_s, recorder.problem))

    def _end_take(self) -> None:
        self.recorder = self.streaming = self._recording_question = None
        self.picker.setEnabled(True)
        self.card.read_button.setEnabled(True)
        self.controls.set_recording(False)

    def _show_outcome(self, outcome: AttemptOutcome, problem: Exception | None = None) -> None:
        """`problem` is what the recorder noticed about the input (e.g. only silence), the
        likeliest reason when no speech was found."""
        self.last_outcome = outcome
        self.controls.set_ready()
        if outcome.analysis is None:
            reason = _plain(problem) if problem else (
                "Check the Mic meter moves when you talk, then try again.")
            message = (f"No speech was detected in this recording (kept as "
                       f"{outcome.wav.name}). {reason}")
            self.feedback.show_message(message)
            self.say("No speech detected; the recording was kept.")
            return
        if self.feedback.set_analysis(outcome.analysis):  # the timer reads the verdict's time
            self.controls.set_elapsed(outcome.analysis.answer_seconds)
        score = outcome.analysis.score
        if outcome.save_error:
            self.feedback.show_message(f"Feedback shown, but not saved: {outcome.save_error}")
            self.say("The attempt could not be saved to the history.")
        elif outcome.attempt_id is None:
            self.say(f"Feedback ready. Score {score}. (No history this session: the attempts "
                     "database could not be opened.)")
        else:
            self.say(f"Feedback ready. Score {score}. Attempt saved.", 10000)
        if isinstance(problem, RecordingWriteError):  # a take cut short says why, above all
            self.feedback.show_message(f"{problem} {self.feedback.message_label.text()}".strip())
        if outcome.question is not None:
            self.screens.take_done(outcome, outcome.question)

    def _on_analysis_error(self, error: Exception) -> None:
        self.controls.set_ready()
        self.feedback.show_message(f"Could not transcribe this answer: {_plain(error)} "
                                   "The recording is kept in the recordings folder.")
        self.say("Transcription failed; the recording was kept.")

    # --- shutdown -----------------------------------------------------------------------

    def closeEvent(self, event: object) -> None:
        if self.recorder is not None:
            self.streaming.cancel()
            self._tick.stop()
            self.recorder.stop()
            self._end_take()
        self.player.stop()
        self.screens.close()
        self.say("Finishing background work…")
        self.workers.wait_all()
        super().closeEvent(event)
