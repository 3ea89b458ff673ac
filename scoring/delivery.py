"""Delivery: speaking rate, fillers, pauses and thinking time, from the word times.

The speaking rate is words over the answer's time, first word to last (thinking time before
and silence after excluded), because that is what the 120-170 wpm guidance measures. The
articulation rate, over speech time only (pauses removed), runs 10-20% higher and is reported
under its own name, never held against those figures. Whisper drops most fillers, so the filler
count is a lower bound; short unexplained gaps inside a sentence are reported separately as
places where a filler was probably dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from scoring import figures
from scoring.cues import I_WORDS, WE_WORDS
from scoring.text import tokens, wordset
from scoring.transcript import Transcript, Word

SINGLE_FILLERS = wordset("um umm uh uhh uhm erm er ah hmm hm mm mhm")
HEDGE_FILLERS = wordset("basically literally")
PAIR_FILLERS = frozenset({("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of")})
# A mid-sentence gap this long, between these bounds, is where Whisper likely dropped a filler.
DROPPED_FILLER_GAP_S = (0.4, 1.5)


@dataclass(frozen=True)
class DeliveryFigures:
    """Everything measured about how the answer was said (times in seconds)."""

    wpm: float
    speech_s: float
    # First word's start to last word's end: the answer's time, the one duration every view
    # shows (timing.assess measures the same span from the sentences).
    answer_s: float
    fillers: tuple[tuple[str, float], ...]
    filler_clusters: tuple[tuple[float, float, int], ...]
    pauses: tuple[tuple[float, float], ...]
    long_pauses: tuple[tuple[float, float], ...]
    thinking_time_s: float
    i_count: int
    we_count: int
    possible_dropped_fillers: int
    # Which words (indices into the transcript's words) the fillers are, so a view can mark
    # them where they were said.
    filler_at: tuple[int, ...] = ()
    # Words over speech time only (pauses removed): higher than `wpm` by nature.
    articulation_wpm: float = 0.0

    @property
    def fillers_per_min(self) -> float:
        """Fillers per minute of the answer's time, the same minutes the rate is over."""
        return len(self.fillers) / (self.answer_s / 60) if self.answer_s > 0 else 0.0


def measure(transcript: Transcript) -> DeliveryFigures:
    """Delivery figures of the transcript; zeros for an empty one."""
    words = transcript.words
    lowered = [(tokens(w.text) or [""])[0] for w in words]
    pauses = _pauses(words)
    span = words[-1].end_s - words[0].start_s if words else 0.0
    speech_s = max(span - sum(end - start for start, end in pauses), 0.0)
    found = _fillers(words, lowered)
    fillers = [(word, start) for word, start, _ in found]
    every = [t for w in words for t in tokens(w.text)]
    return DeliveryFigures(
        wpm=_rate(len(words), span),
        speech_s=speech_s,
        answer_s=span,
        fillers=tuple(fillers),
        filler_clusters=tuple(_clusters([t for _, t in fillers])),
        pauses=tuple(pauses),
        long_pauses=tuple(p for p in pauses if p[1] - p[0] >= figures.LONG_PAUSE_S),
        thinking_time_s=round(words[0].start_s, 2) if words else 0.0,
        i_count=sum(1 for t in every if t in I_WORDS),
        we_count=sum(1 for t in every if t in WE_WORDS),
        possible_dropped_fillers=_dropped(words),
        filler_at=tuple(i for _, _, i in found),
        articulation_wpm=_rate(len(words), speech_s),
    )


def _rate(count: int, seconds: float) -> float:
    """Words per minute, one decimal; 0 when there is no time to divide by."""
    return round(count / (seconds / 60), 1) if seconds > 0 else 0.0


def _pauses(words: tuple[Word, ...]) -> list[tuple[float, float]]:
    """Silences between words of at least a pause's length, as (start, end)."""
    return [
        (a.end_s, b.start_s) for a, b in pairwise(words)
        if b.start_s - a.end_s >= figures.PAUSE_S
    ]


def _fillers(words: tuple[Word, ...], lowered: list[str]) -> list[tuple[str, float, int]]:
    """Filler words with their start times and word indices; "like" only where commas mark
    it as a filler."""
    found = []
    for i, (word, low) in enumerate(zip(words, lowered, strict=True)):
        nxt = lowered[i + 1] if i + 1 < len(words) else ""
        if low in SINGLE_FILLERS or low in HEDGE_FILLERS:
            found.append((low, word.start_s, i))
        elif (low, nxt) in PAIR_FILLERS and word.text[-1:] != "," and _comma_around(words, i):
            found.append((f"{low} {nxt}", word.start_s, i))
        elif low == "like" and _comma_around(words, i):
            found.append((low, word.start_s, i))
    return found


def _comma_around(words: tuple[Word, ...], i: int) -> bool:
    """Whether a comma sits right before word i or right after it or its pair word."""
    before = i > 0 and words[i - 1].text.endswith(",")
    after = any(words[j].text.endswith(",") for j in (i, i + 1) if j < len(words))
    return before or after


def _clusters(times: list[float]) -> list[tuple[float, float, int]]:
    """Runs of fillers dense enough to be heard as a stumble: (start, end, count)."""
    clusters: list[tuple[float, float, int]] = []
    start = 0
    for end in range(len(times)):
        while times[end] - times[start] > figures.FILLER_CLUSTER_WINDOW_S:
            start += 1
        if end - start + 1 >= figures.FILLER_CLUSTER_COUNT:
            if clusters and times[start] <= clusters[-1][1]:
                first = clusters[-1][0]
                count = sum(1 for t in times if first <= t <= times[end])
                clusters[-1] = (first, times[end], count)
            else:
                clusters.append((times[start], times[end], end - start + 1))
    return clusters


def _dropped(words: tuple[Word, ...]) -> int:
    """Mid-sentence gaps of filler length: where Whisper probably dropped an "um"."""
    low, high = DROPPED_FILLER_GAP_S
    return sum(
        1 for a, b in pairwise(words)
        if low <= b.start_s - a.end_s <= high and a.text[-1:] not in ".!?,;:"
    )
