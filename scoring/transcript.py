"""The timed transcript that every analysis starts from.

Audio transcription and text input both produce a `Transcript`, so scoring never needs to
know where the words came from; only `timing_estimated` tells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A nominal conversational rate used to give text input plausible times (words per minute).
NOMINAL_WPM = 150.0


@dataclass(frozen=True)
class Word:
    """One spoken word (punctuation attached as Whisper gives it) with its time in seconds."""

    text: str
    start_s: float
    end_s: float
    probability: float = 1.0


@dataclass(frozen=True)
class Transcript:
    """Words in order with absolute times, and the length of the recording they came from."""

    words: tuple[Word, ...]
    duration_s: float
    timing_estimated: bool = False

    @property
    def text(self) -> str:
        """The words joined by single spaces; sentence texts are substrings of it."""
        return " ".join(w.text for w in self.words)

    @classmethod
    def from_text(cls, text: str, wpm: float = NOMINAL_WPM) -> Transcript:
        """Give typed text nominal times so the same analysis runs on it.

        Sentence ends get a short pause, as speech would, so pause-based cues behave
        plausibly; the result is marked as estimated.
        """
        seconds_per_word = 60.0 / wpm
        words: list[Word] = []
        t = 0.0
        for token in re.findall(r"\S+", text):
            end = t + seconds_per_word
            words.append(Word(token, round(t, 3), round(end, 3)))
            t = end + (0.3 if token[-1] in ".!?" else 0.0)
        return cls(tuple(words), round(t, 3), timing_estimated=True)
