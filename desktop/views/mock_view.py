"""The mock interview screen: set up (company, length) or resume, the interview, its summary.

Built from what the main window already has (its devices, settings, transcriber, bank,
store, workers, status-bar `say` and current company), each passed as a value or, where it
changes while the window lives, a getter. The screen decides nothing about the interview:
`desktop.mock_interview.MockInterview` runs it, and this view shows its state on each change.

Keys: the window's Stop keys (S, Space) should call `stop_answer()` while this screen shows;
a second shortcut on the same keys would make both ambiguous, so the view defines none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.mock_interview import MockInterview, Phase
from desktop.settings import Settings
from desktop.store import Store, StoreError
from desktop.story_store import StoryStore
from desktop.views.mock_summary import SummaryPage
from desktop.widgets.band_timer import BandTimer, clock
from desktop.widgets.level_meter import LevelMeter
from desktop.window_devices import Devices
from desktop.workers import Workers
from question_bank.model import Bank, Company
from scoring.interview_plan import build_plan
from scoring.stories import Story

DEFAULT_STORIES = 3
MAX_STORIES = 6
FIELD_WIDTH = 360


class MockInterviewView(QWidget):
    """Pick, run, resume and review mock interviews."""

    def __init__(self, devices: Devices, settings: Callable[[], Settings],
                 transcriber: Callable[[], Any], bank: Bank, store: Store | None,
                 workers: Workers, say: Callable[[str], None],
                 company: Callable[[], Company | None] = lambda: None,
                 silence_s: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank, self.store, self._say, self._company = bank, store, say, company
        extra = {} if silence_s is None else {"silence_s": silence_s}
        self.interview = MockInterview(devices, settings, transcriber, bank, store, workers,
                                       self.refresh, parent=self, **extra)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._setup_page())
        self.pages.addWidget(self._interview_page())
        self.summary_page = SummaryPage()
        self.summary_page.new_button.clicked.connect(self.show_setup)
        self.pages.addWidget(self.summary_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 8)
        layout.addWidget(self.pages)
        self.show_setup()

    # --- pages ----------------------------------------------------------------------------

    def _setup_page(self) -> QWidget:
        page = QWidget()
        title = QLabel("Mock interview")
        title.setObjectName("questionText")
        intro = QLabel("A background question, then story questions that cover different "
                       "competencies and favour the company's values your vault has no "
                       "story for yet. Each question is read aloud; recording starts on its "
                       "own after the thinking time (Settings), and the interviewer asks a "
                       "follow-up after each answer.")
        intro.setWordWrap(True)
        intro.setObjectName("caption")
        self.company_combo = QComboBox()
        self.company_combo.setAccessibleName("Company to interview for")
        self.company_combo.addItem("No company", None)
        for c in self.bank.companies:
            self.company_combo.addItem(c.name, c.id)
        self.length = QSpinBox()
        self.length.setRange(1, MAX_STORIES)
        self.length.setValue(DEFAULT_STORIES)
        self.length.setPrefix("Background + ")
        self.length.setSuffix(" stories")
        self.length.setAccessibleName("Number of story questions")
        self.start_button = QPushButton("Start interview")
        self.start_button.setObjectName("recordButton")
        self.start_button.setAccessibleName("Start a new mock interview")
        self.start_button.clicked.connect(self.start)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.unfinished = QListWidget()
        self.unfinished.setAccessibleName("Unfinished interviews")
        self.unfinished.setMaximumHeight(160)
        self.resume_button = QPushButton("Resume")
        self.resume_button.setAccessibleName("Resume the chosen unfinished interview")
        self.resume_button.clicked.connect(self.resume)
        self.company_combo.setMaximumWidth(FIELD_WIDTH)
        self.length.setMaximumWidth(FIELD_WIDTH)
        self.none_unfinished = QLabel("None: every interview you started was finished.")
        self.none_unfinished.setObjectName("caption")
        form = QFormLayout()
        form.addRow("Company", self.company_combo)
        form.addRow("Length", self.length)
        column = QVBoxLayout(page)
        for widget in (title, intro, self.notice):
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addSpacing(12)
        column.addWidget(_section("Unfinished interviews"))
        column.addWidget(self.none_unfinished)
        column.addWidget(self.unfinished)
        column.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        return page

    def _interview_page(self) -> QWidget:
        page = QWidget()
        card = QWidget()
        card.setObjectName("questionCard")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("sectionTitle")
        self.question_label = QLabel()
        self.question_label.setObjectName("questionText")
        self.question_label.setWordWrap(True)
        self.question_label.setAccessibleName("Current question")
        self.reason_label = QLabel()
        self.reason_label.setObjectName("caption")
        self.reason_label.setWordWrap(True)
        inside = QVBoxLayout(card)
        inside.setContentsMargins(18, 14, 18, 14)
        for widget in (self.progress_label, self.question_label, self.reason_label):
            inside.addWidget(widget)
        self.countdown = QLabel()
        self.countdown.setObjectName("score")
        self.countdown.setAccessibleName("Countdown")
        self.state_line = QLabel()
        self.state_line.setObjectName("verdict")
        self.state_line.setAccessibleName("Interview state")
        self.timer = BandTimer()
        self.meter = LevelMeter()
        self.message = QLabel()
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        self.stop_answer_button = QPushButton("Stop answer")
        self.stop_answer_button.setObjectName("stopButton")
        self.stop_answer_button.setAccessibleName("Stop this answer")
        self.stop_answer_button.clicked.connect(self.stop_answer)
        self.stop_interview_button = QPushButton("Stop interview")
        self.stop_interview_button.setAccessibleName("Stop the interview; resume it later")
        self.stop_interview_button.clicked.connect(self.stop_interview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_answer_button)
        buttons.addWidget(self.stop_interview_button)
        buttons.addStretch(1)
        self.answered = QListWidget()
        self.answered.setAccessibleName("Answers so far")
        self.answered.setMaximumHeight(220)
        column = QVBoxLayout(page)
        column.addWidget(card)
        status = QHBoxLayout()
        status.addWidget(self.countdown)
        status.addWidget(self.state_line, 1)
        column.addLayout(status)
        column.addWidget(self.timer)
        column.addWidget(self.meter)
        column.addWidget(self.message)
        column.addLayout(buttons)
        column.addWidget(_section("Answers so far"))
        column.addWidget(self.answered)
        column.addStretch(1)
        return page

    # --- actions ----------------------------------------------------------------------------

    def show_setup(self) -> None:
        current = self._company()  # the company chosen in the window, when there is one
        if current is not None and self.company_combo.findData(current.id) >= 0:
            self.company_combo.setCurrentIndex(self.company_combo.findData(current.id))
        self._list_unfinished()
        self.notice.setVisible(bool(self.notice.text()))
        self.pages.setCurrentIndex(0)

    def start(self) -> None:
        company = self.bank.company(self.company_combo.currentData() or "")
        plan = build_plan(self.bank, company, _stories(self.store), self.length.value())
        if not plan.items:
            self._note("The question bank has no questions to ask.")
            return
        self.notice.setText("")
        self.answered.clear()
        self.pages.setCurrentIndex(1)
        self.interview.start(plan, company)
        self._say("Mock interview started: listen to the question.")

    def resume(self) -> None:
        item = self.unfinished.currentItem()
        if item is None or self.interview.interviews is None:
            return
        record = self.interview.interviews.interview(item.data(Qt.ItemDataRole.UserRole))
        if record is None:
            return
        self.notice.setText("")
        self.pages.setCurrentIndex(1)
        self.interview.resume(record)
        self._say("Mock interview resumed.")

    def stop_answer(self) -> None:
        self.interview.stop_answer()

    def stop_interview(self) -> None:
        """Also what the window calls when it closes: the interview can be resumed."""
        self.interview.stop_interview()

    # --- showing the state ------------------------------------------------------------------

    def refresh(self) -> None:
        """Called by the interview on every change and tick."""
        interview = self.interview
        phase = interview.phase
        if phase is Phase.DONE and interview.summary is not None:
            company = interview.company.name if interview.company else None
            self.summary_page.show_summary(interview.summary, company)
            self.pages.setCurrentIndex(2)
            self._say(interview.message or "Mock interview finished: here is the summary.")
            return
        if phase is Phase.STOPPED:
            self._note(interview.message)
            self.show_setup()
            return
        step = interview.step
        if step is not None:
            number = step.position // 2 + 1
            part = " · follow-up" if step.follow_up else ""
            self.progress_label.setText(
                f"QUESTION {number} OF {interview.total_items}{part.upper()}")
            self.question_label.setText(step.question.text)
            item = interview.plan.items[step.position // 2] if interview.plan else None
            self.reason_label.setText("" if step.follow_up or item is None else item.reason)
        low, high = interview.band
        self.timer.set_band(low, high)
        self.countdown.setText(self._countdown(phase))
        self.state_line.setText(state_text(interview))
        recording = phase is Phase.RECORDING
        self.timer.set_elapsed(interview.elapsed_s if recording else 0)
        self.meter.set_level(interview.level if recording else 0)
        self.message.setText(interview.message)
        self.message.setVisible(bool(interview.message))
        self.stop_answer_button.setEnabled(recording)
        self._list_answers()

    def _countdown(self, phase: Phase) -> str:
        if phase is Phase.THINKING:
            return f"{self.interview.thinking_left_s:.0f}"
        if phase is Phase.RECORDING:
            return clock(self.interview.elapsed_s)
        return ""

    def _list_answers(self) -> None:
        answers = self.interview.answers
        if self.answered.count() == len(answers):
            return
        self.answered.clear()
        for a in answers:
            score = f"{a.analysis.score}/100" if a.analysis else "no speech heard"
            prefix = "  ↳ follow-up: " if a.follow_up else ""
            self.answered.addItem(f"{prefix}{a.question} — {score}")

    def _list_unfinished(self) -> None:
        self.unfinished.clear()
        records = self.interview.interviews.unfinished() if self.interview.interviews else []
        for record in records:
            item = QListWidgetItem(record.label())
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.unfinished.addItem(item)
        if records:
            self.unfinished.setCurrentRow(0)
        self.resume_button.setEnabled(bool(records))
        self.unfinished.setVisible(bool(records))
        self.none_unfinished.setVisible(not records)

    def _note(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))


def state_text(interview: MockInterview) -> str:
    """The one line that says what is happening now."""
    phase = interview.phase
    if phase is Phase.SPEAKING:
        return "Listening…"
    if phase is Phase.THINKING:
        return f"Thinking: {interview.thinking_left_s:.0f} s"
    if phase is Phase.RECORDING:
        low, high = interview.band
        return (f"Recording {clock(interview.elapsed_s)} / aim {clock(low)}–{clock(high)}"
                "  ·  stops after a long silence")
    if phase is Phase.FINISHING:
        left = interview.backlog_s
        return (f"Transcribing the last {left:.0f} s…" if left >= 1.5 else
                "Scoring your answer…")
    return ""


def _stories(store: Store | None) -> list[Story]:
    """The vault's stories; none when there is no database or it cannot be read (the plan
    then spreads competencies without favouring values)."""
    if store is None:
        return []
    try:
        return StoryStore(store).list_stories()
    except StoreError:
        return []


def _section(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("sectionTitle")
    return label
