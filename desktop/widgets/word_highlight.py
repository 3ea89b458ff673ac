"""Where each spoken word sits in the transcript view, for highlighting and click-to-seek.

The view shows the analysis's words (with marks such as "[pause 3.1 s]" between them), so
each word is found in the view's plain text in order; a word's times come from the same
analysis (`extra.words`), never from the audio again.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

HIGHLIGHT = QColor("#FFE066")  # a marker-pen yellow: visible over every part tint


@dataclass(frozen=True)
class WordSpot:
    start_s: float
    first: int  # character range in the view's plain text
    last: int


class WordMap:
    """Words of one analysis mapped to character ranges of the text that shows them."""

    def __init__(self, plain_text: str, words: list[dict]) -> None:
        self.spots: list[WordSpot] = []
        cursor = 0
        for word in words:
            token = word["text"].strip()
            at = plain_text.find(token, cursor) if token else -1
            if at < 0:
                continue  # not shown (should not happen): skip it, keep the rest in step
            self.spots.append(WordSpot(word["start_s"], at, at + len(token)))
            cursor = at + len(token)
        self._times = [s.start_s for s in self.spots]
        self._firsts = [s.first for s in self.spots]

    def at_time(self, seconds: float) -> int | None:
        """The word being heard at `seconds`: the last one to have started."""
        k = bisect_right(self._times, seconds) - 1
        return k if k >= 0 else None

    def at_char(self, position: int) -> int | None:
        """The word under a clicked character (or the one just before a gap)."""
        k = bisect_right(self._firsts, position) - 1
        return k if k >= 0 else None


def highlight(view: QTextEdit, words: WordMap, index: int | None) -> None:
    """Mark one word and keep it in sight; None clears the mark."""
    if index is None or not 0 <= index < len(words.spots):
        view.setExtraSelections([])
        return
    spot = words.spots[index]
    cursor = QTextCursor(view.document())
    cursor.setPosition(spot.first)
    cursor.setPosition(spot.last, QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    fmt = QTextCharFormat()
    fmt.setBackground(HIGHLIGHT)
    selection.format = fmt
    view.setExtraSelections([selection])
    rect = view.cursorRect(cursor)
    if not view.viewport().rect().contains(rect):
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - view.viewport().height() // 3)
