"""Everything shown after an answer, read from one `Analysis` and nothing else.

It shows only the selected question's feedback: an analysis of another question is kept
for when that question is selected again, never shown under this one. With no answer yet
it shows the selected kind's band and parts, so the empty view already says what to aim for.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.feedback_labels import (
    VERDICT_COLORS,
    checklist_html,
    delivery_rows,
    placeholder_text,
    tips_html,
    verdict_text,
)
from desktop.widgets.notice_label import MICROPHONE, PER_TAKE, TAKE, NoticeLabel
from desktop.widgets.part_legend import PartLegend
from desktop.widgets.part_timeline import PartTimeline
from desktop.widgets.transcript_view import TranscriptView
from question_bank.model import Question
from scoring.analysis import Analysis
from scoring.timing import band

SIDE_WIDTH = 290
# Narrowest the side panel and the verdict may get, so the window fits a 1280 px wide
# screen at 150 % scale without the verdict wrapping into a tall column of words.
SIDE_MIN_WIDTH = 220
VERDICT_MIN_WIDTH = 170
TRANSCRIPT_MIN_HEIGHT = 64  # two lines and a scroll bar: on a small screen the column scrolls


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def _rich(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _scrolling(panel: QWidget) -> QScrollArea:
    """The side panel scrolls rather than squeezing its text when the window is short."""
    area = QScrollArea()
    area.setObjectName("sideScroll")
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setMinimumWidth(SIDE_MIN_WIDTH)
    area.setMaximumWidth(SIDE_WIDTH)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


class FeedbackView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analysis: Analysis | None = None
        self._question: Question | None = None
        # The last feedback of each question this session, by question text (what an
        # Analysis names its question by), shown again when that question is selected.
        self._by_question: dict[str, Analysis] = {}
        self.score_label = QLabel("")
        self.score_label.setObjectName("score")
        self.score_label.setToolTip("Score out of 100")
        self.out_of = QLabel("/ 100")
        self.out_of.setObjectName("caption")
        self.verdict_label = QLabel("Feedback appears here when you stop recording.")
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setMinimumWidth(VERDICT_MIN_WIDTH)
        self.message_label = NoticeLabel()
        self.timeline = PartTimeline()
        self.legend = PartLegend()
        self.transcript = TranscriptView()
        self.transcript.setMinimumHeight(TRANSCRIPT_MIN_HEIGHT)
        self.checklist = _rich()
        self.delivery = QFormLayout()
        self.tips = _rich()
        self.follow_up = _rich()
        self.follow_up.setObjectName("followUp")
        self.follow_up_title = _title("Follow-up to try now")
        self.details = QWidget()
        self.details_hint = QLabel("The parts of your answer, your delivery figures and the "
                                   "tips that would help most appear here.")
        self.details_hint.setObjectName("caption")
        self.details_hint.setWordWrap(True)
        self._layout()
        self._show_filled(False)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.score_label)
        header.addWidget(self.out_of)
        header.addSpacing(14)
        header.addWidget(self.verdict_label, 1)
        main = QVBoxLayout()
        main.setSpacing(8)  # not the 14 px between the columns: the transcript needs the room
        main.addLayout(header)
        main.addWidget(self.message_label)
        main.addWidget(self.timeline)
        main.addWidget(self.legend)
        main.addWidget(_title("Transcript"))
        main.addWidget(self.transcript, 1)
        side_frame = QFrame()
        side_frame.setObjectName("sidePanel")
        outer_side = QVBoxLayout(side_frame)
        outer_side.addWidget(self.details_hint)
        outer_side.addWidget(self.details)
        outer_side.addStretch(1)
        side = QVBoxLayout(self.details)
        side.setContentsMargins(0, 0, 0, 0)
        # The follow-up heads the side panel rather than sitting under the transcript: the
        # transcript keeps 8 lines in view on a 1280x800 screen.
        side.addWidget(self.follow_up_title)
        side.addWidget(self.follow_up)
        side.addWidget(_title("Structure"))
        side.addWidget(self.checklist)
        side.addWidget(_title("Delivery"))
        side.addLayout(self.delivery)
        side.addWidget(_title("Top tips"))
        side.addWidget(self.tips)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        row.addLayout(main, 1)
        row.addWidget(_scrolling(side_frame))

    def show_question(self, question: Question) -> Analysis | None:
        """Switch to `question`: its own last feedback if it has one, else the placeholder
        with its kind's band and parts. Notices about the last take go. Returns what is
        shown, if anything."""
        self._question = question
        self.message_label.drop(*PER_TAKE)
        known = self._by_question.get(question.text)
        if known is not None:
            self._fill(known)
            return known
        self.show_placeholder(question.kind)
        return None

    def show_placeholder(self, kind: str) -> None:
        """No answer yet: the kind's band on the timeline, its parts in the legend."""
        self.clear()
        low, high = band(kind)
        self.timeline.set_band(low, high)
        self.legend.set_kind(kind)
        self.verdict_label.setText(placeholder_text(kind))

    def set_analysis(self, analysis: Analysis) -> bool:
        """Show an answer's feedback, unless another question is selected by now (then it
        waits for its own question); True when shown."""
        self._by_question[analysis.question] = analysis
        if self._question is not None and self._question.text != analysis.question:
            return False
        self._fill(analysis)
        return True

    def _fill(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.message_label.drop(TAKE)
        self.score_label.setText(str(analysis.score))
        self._show_filled(True)
        colour = VERDICT_COLORS.get(analysis.timing.verdict, "#2B3238")
        self.verdict_label.setText(verdict_text(analysis))
        self.verdict_label.setStyleSheet(f"color:{colour};")
        self.timeline.set_analysis(analysis)
        self.legend.set_kind(analysis.kind)
        self.transcript.set_analysis(analysis)
        self.checklist.setText(checklist_html(analysis))
        self._fill_delivery(analysis)
        self.tips.setText(tips_html(analysis))
        self.follow_up.setText(f"<b>{escape(analysis.follow_up)}</b>")

    def _fill_delivery(self, analysis: Analysis) -> None:
        while self.delivery.rowCount():
            self.delivery.removeRow(0)
        for label, value in delivery_rows(analysis):
            self.delivery.addRow(label, QLabel(value))

    def _show_filled(self, filled: bool) -> None:
        """Before the first answer, a hint instead of empty headings and a blank score."""
        for widget in (self.score_label, self.out_of, self.follow_up_title, self.follow_up,
                       self.details):
            widget.setVisible(filled)
        self.details_hint.setVisible(not filled)

    def show_message(self, text: str, topic: str = TAKE) -> None:
        """A notice above the feedback, e.g. no speech detected (the recording is kept);
        "" clears the topic's notice, and notices of other topics stay."""
        self.message_label.post(text, topic)

    def note_input_problem(self, problem: Exception | None) -> str | None:
        """Mid-take: show the recorder's warning about its input (said now rather than after
        a silent answer), or withdraw it once sound arrived after all. Returns the status
        line to show when this changed anything, else None."""
        shown = self.message(MICROPHONE)
        if problem is not None and not shown:
            self.show_message(str(problem), MICROPHONE)
            return str(problem)
        if problem is None and shown:
            self.show_message("", MICROPHONE)
            return "Recording. Press S or Space to stop."
        return None

    def message(self, topic: str = TAKE) -> str:
        return self.message_label.notice(topic)

    def start_take(self) -> None:
        """A take is under way: the last take's notices and feedback no longer apply."""
        self.clear()
        self.message_label.drop(*PER_TAKE)
        self.verdict_label.setText("Recording… feedback appears here when you stop.")

    def clear(self) -> None:
        self.analysis = None
        self._show_filled(False)
        self.score_label.setText("")
        self.verdict_label.setText("Feedback appears here when you stop recording.")
        self.verdict_label.setStyleSheet("")
        self.timeline.clear()
        self.transcript.clear()
        self.checklist.setText("")
        self.tips.setText("")
        self.follow_up.setText("")
        while self.delivery.rowCount():
            self.delivery.removeRow(0)
