"""The transcript with each sentence tinted by the part it was classified as."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.widgets.part_style import part_label, part_tint
from scoring.analysis import Analysis


def transcript_html(analysis: Analysis) -> str:
    """One span per sentence; the part name is in the tooltip so colour is not the only cue."""
    if not analysis.sentences:
        return "<p><i>No words were recognised in this recording.</i></p>"
    spans = []
    for sentence in analysis.sentences:
        tint = part_tint(sentence.part).name()
        spans.append(
            f'<span style="background-color:{tint};" title="{escape(part_label(sentence.part))}">'
            f"{escape(sentence.text)}</span>"
        )
    return '<p style="line-height:150%;">' + " ".join(spans) + "</p>"


class TranscriptView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setOpenLinks(False)
        self.setPlaceholderText("Your answer's transcript appears here after you stop.")

    def set_analysis(self, analysis: Analysis) -> None:
        self.setHtml(transcript_html(analysis))

    def text(self) -> str:
        return self.toPlainText()
