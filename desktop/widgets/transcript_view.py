"""The transcript, each sentence tinted by its part, with fillers and long pauses marked."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.widgets.part_style import part_label, part_tint
from scoring.analysis import Analysis

# How fillers and long pauses look: style, not colour alone, so they read in any palette.
FILLER_STYLE = "font-style:italic; text-decoration:underline; color:#5a5a5a;"
PAUSE_STYLE = "font-size:small; color:#5a5a5a; background-color:#ffffff;"


def transcript_html(analysis: Analysis) -> str:
    """One tinted span per sentence, the part's name in its tooltip so colour is not the only
    cue; inside, fillers are underlined in italics and a long pause shows its length."""
    if not analysis.sentences:
        return "<p><i>No words were recognised in this recording.</i></p>"
    words = analysis.extra.get("words")
    bodies = _marked_sentences(words, len(analysis.sentences)) if words else [
        escape(s.text) for s in analysis.sentences]
    spans = [
        f'<span style="background-color:{part_tint(s.part).name()};" '
        f'title="{escape(part_label(s.part))}">{body}</span>'
        for s, body in zip(analysis.sentences, bodies, strict=True)
    ]
    return '<p style="line-height:150%;">' + " ".join(spans) + "</p>"


def _marked_sentences(words: list[dict], count: int) -> list[str]:
    """Each sentence's words as HTML, fillers and long pauses marked where they were said."""
    bodies: list[list[str]] = [[] for _ in range(count)]
    for w in words:
        text = escape(w["text"])
        if w.get("filler"):
            text = f'<span style="{FILLER_STYLE}" title="filler">{text}</span>'
        if "pause_after_s" in w:
            text += (f' <span style="{PAUSE_STYLE}" title="long pause">'
                     f'[pause {w["pause_after_s"]:.1f} s]</span>')
        bodies[w["sentence"]].append(text)
    return [" ".join(b) for b in bodies]


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
