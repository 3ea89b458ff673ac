"""How much one answer may hold, and whether it holds anything to score at all.

An interview answer runs one to two minutes, a few hundred words. The limits sit far above
that (a rambling mock interview fits) and far below what hurt: a 5 MB text file took 1.1 GB
of memory and printed 128 MB of JSON, none of it coaching anyone. Measured here, 15,000
words analyse in about half a second with ~100 MB of memory and a 1.6 MB JSON report.
"""

from __future__ import annotations

from scoring.transcript import Transcript

# Words in one answer (about 100 minutes of speech at 150 wpm).
MAX_ANSWER_WORDS = 15_000
# A typed transcript file, checked before it is read: about 15,000 words of English.
MAX_TEXT_BYTES = 100_000
# A recording, checked before it is transcribed (tiny.en takes about a tenth of real time).
MAX_AUDIO_S = 15 * 60


class AnswerTooLong(ValueError):
    """More than one answer's worth of words; the message says the limit and why."""


def too_long_message(what: str) -> str:
    """The reason shared by every refusal: what the limit is for, and what to do."""
    return (f"{what}. MicDrop scores one interview answer (1-2 minutes, a few hundred words) "
            f"and refuses more than {MAX_ANSWER_WORDS:,} words, {MAX_TEXT_BYTES // 1000} KB of "
            f"text or {MAX_AUDIO_S // 60} minutes of audio, where analysis would take minutes "
            "and gigabytes for nothing it could coach. Split it into single answers.")


def check_length(transcript: Transcript) -> None:
    """Raise AnswerTooLong for a transcript over MAX_ANSWER_WORDS."""
    count = len(transcript.words)
    if count > MAX_ANSWER_WORDS:
        raise AnswerTooLong(too_long_message(f"The answer has {count:,} words"))


def has_words(transcript: Transcript) -> bool:
    """Whether anything in it can be scored: at least one word with a letter or a digit.
    Whitespace, emoji and symbols alone are nothing to score."""
    return any(ch.isalnum() for w in transcript.words for ch in w.text)
