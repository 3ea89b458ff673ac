"""Everything shown after an answer, read from one `Analysis` and nothing else."""

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
    tips_html,
    verdict_text,
)
from desktop.widgets.part_legend import PartLegend
from desktop.widgets.part_timeline import PartTimeline
from desktop.widgets.transcript_view import TranscriptView
from scoring.analysis import Analysis

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
        self.score_label = QLabel("")
        self.score_label.setObjectName("score")
        self.score_label.setToolTip("Score out of 100")
        self.out_of = QLabel("/ 100")
        self.out_of.setObjectName("caption")
        self.verdict_label = QLabel("Feedback appears here when you stop recording.")
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setMinimumWidth(VERDICT_MIN_WIDTH)
        self.message_label = QLabel("")
        self.message_label.setObjectName("notice")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
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

    def set_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.show_message("")
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

    def show_message(self, text: str) -> None:
        """A notice above the feedback, e.g. no speech detected (the recording is kept)."""
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def clear(self) -> None:
        self.analysis = None
        self._show_filled(False)
        self.score_label.setText("")
        self.verdict_label.setText("Recording… feedback appears here when you stop.")
        self.verdict_label.setStyleSheet("")
        self.timeline.clear()
        self.transcript.clear()
        self.checklist.setText("")
        self.tips.setText("")
        self.follow_up.setText("")
        while self.delivery.rowCount():
            self.delivery.removeRow(0)
