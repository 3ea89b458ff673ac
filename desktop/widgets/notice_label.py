"""A notice line that holds one message per problem, so each clears when its problem is gone.

One label used to hold whichever message came last: a microphone error stayed on screen
after the next take recorded fine, and clearing it for one reason wiped another that was
still true (the speech model still missing). Each message now has a topic; whoever fixes a
problem clears its topic, and the label shows what is left.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

# Topics: what a notice is about, so the code that sees the problem gone can clear it.
TAKE = "take"  # about the last take: no speech, not transcribed, not saved
MICROPHONE = "microphone"  # the input failed to open or went silent
MODEL = "model"  # the speech model could not be loaded
SETTINGS = "settings"  # the settings file could not be read
# Cleared when a new take starts or another question is chosen: they were about the last one.
PER_TAKE = (TAKE, MICROPHONE)


class NoticeLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setWordWrap(True)
        self._notices: dict[str, str] = {}
        self.hide()

    def post(self, text: str, topic: str = TAKE) -> None:
        """Show `text` for `topic`, replacing that topic's earlier notice ("" clears it)."""
        if text:
            self._notices[topic] = text
        else:
            self._notices.pop(topic, None)
        self._refresh()

    def drop(self, *topics: str) -> None:
        for topic in topics:
            self._notices.pop(topic, None)
        self._refresh()

    def notice(self, topic: str) -> str:
        return self._notices.get(topic, "")

    def _refresh(self) -> None:
        self.setText("\n".join(self._notices.values()))
        self.setVisible(bool(self._notices))
