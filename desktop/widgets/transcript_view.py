"""The transcript, each sentence tinted by its part, with fillers and long pauses marked."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.widgets.part_style import part_label, part_tint
from scoring.analysis import Analysis
from scoring.reports import WordMark, marked_sentences

# How fillers and long pauses look: style, not colour alone, so they read in any palette.
FILLER_STYLE = "font-style:italic; text-decoration:underline; color:#5a5a5a;"
PAUSE_STYLE = "font-size:small; color:#5a5a5a; background-color:#ffffff;"


def transcript_html(analysis: Analysis) -> str:
    """One tinted span per sentence, the part's name in its tooltip so colour is not the only
    cue; inside, fillers are underlined in italics and a long pause shows its length."""
    if not analysis.sentences:
        return "<p><i>No words were recognised in this recording.</i></p>"
    bodies = [" ".join(_word_html(w) for w in words) for words in marked_sentences(analysis)]
    spans = [
        f'<span style="background-color:{part_tint(s.part).name()};" '
        f'title="{escape(part_label(s.part))}">{body}</span>'
        for s, body in zip(analysis.sentences, bodies, strict=True)
    ]
    return '<p style="line-height:150%;">' + " ".join(spans) + "</p>"


def _word_html(w: WordMark) -> str:
    """A word as HTML: a filler underlined in italics, a long pause after it with its length."""
    text = escape(w.text)
    if w.filler:
        text = f'<span style="{FILLER_STYLE}" title="filler">{text}</span>'
    if w.pause_after_s is not None:
        text += (f' <span style="{PAUSE_STYLE}" title="long pause">'
                 f"[pause {w.pause_after_s:.1f} s]</span>")
    return text


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
