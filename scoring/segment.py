"""Sentence segmentation of a timed transcript, punctuated or not.

Whisper's punctuation is unreliable and typed answers may have none, so three signals end a
sentence: end punctuation, a pause between words (speakers breathe between ideas), and a
discourse marker that opens a new step of a story ("so", "after that", "in the end"). A hard
maximum keeps run-on speech from becoming one giant sentence that would straddle parts.
"""

from __future__ import annotations

from scoring import figures
from scoring.cues import IRREGULAR_PAST
from scoring.text import phrases, tokens, wordset
from scoring.transcript import Word

# Markers that open a new sentence when the current one is already long enough.
MARKERS = phrases(
    "so", "and then", "then", "after that", "in the end", "at the end",
    "eventually", "finally", "ultimately", "as a result", "because of that", "first i",
    "next i", "that's why", "which is why", "this is why", "since then", "before that",
    "right now", "currently", "looking back", "what i learned", "the result", "the outcome",
    "my goal", "my task", "my job was", "my role was", "i was asked", "i was responsible",
    "i needed to", "i had to", "i decided", "the problem was", "the challenge was",
    "in short", "overall", "but", "however", "at the time", "back then", "on top of that",
    "the lesson", "i learned", "i think", "i believe", "i'd bring", "i would bring",
    "that's what", "this is what", "which is exactly", "while", "my manager",
    # Openers where one part of an answer hands over to the next (setup, result, tie-back,
    # why and bridge), as heard in unpunctuated answers.
    "at my last", "at my previous", "at my current", "last year", "a few years ago",
    "that's kind of", "thats kind of", "that's how", "thats how", "for me that's",
    "the next morning", "we were live", "within a month",
    "by the next", "it turned out", "i'm looking", "im looking", "i want", "from day one",
    "id bring", "i'm applying", "im applying", "what draws me", "these days", "i'm an",
    "im an", "i'm a", "im a", "i'm excited", "im excited", "i'm interested", "im interested",
    # Openers that hand the setup over to the task ("...a streaming company the ask was to").
    "the ask", "the goal was", "the target was", "the aim was", "the bar was", "success was",
    "success meant", "what mattered", "it was on me", "i had until", "i was supposed to",
    # A speaker naming the method's parts aloud ("...the new rota result was fewer calls").
    "situation was", "situation is", "task was", "task is", "action was", "result was",
    "result is", "in the next", "the next day", "the next week", "the next month",
)
# A jump forward in time opens the next step ("...the supplier after two weeks the money...",
# "...three months later the queue..."): "after" and an amount of time, or an amount and "later".
_AMOUNTS = wordset(
    "a an one two three four five six seven eight nine ten eleven twelve few couple several "
    "some"
)
_TIME_UNITS = wordset("minutes hours days weeks months years day week month year shifts")
# "so" and "then" that do not open a sentence.
_NOT_OPENERS = phrases(
    "so that", "so much", "so many", "so far", "then the", "so we could", "so we would",
    "so i could", "so it would", "so they could", "so they would",
)
# A clause opens with a subject pronoun and a past-tense verb ("...customers i was an
# analyst...", "...two weeks she agreed..."): in unpunctuated speech that is where one step of
# the story hands over to the next, and a merged sentence straddling two parts mislabels one.
_SUBJECTS = frozenset({"i", "we", "im", "i'm", "she", "he", "they"})
# Past forms the cue lists do not need but a story's clauses often start with.
_MORE_PAST = wordset(
    "rewrote rebuilt dug drove threw forgot sought fought shot stuck hung oversaw undertook "
    "overcame withdrew rode woke tore swore flew"
)
_LINKS = frozenset({"and", "but", "then"})
# Present-tense verbs of doing: a speaker telling the story in the present ("...the forms i call
# the supplier...", "...on friday we ship...") opens a step with them as others do with a past.
_PRESENT_DOING = wordset(
    "call ask check send talk tell go make take give write start stop say see find put try "
    "explain decide help bring change move open fix build count read show plan book order "
    "calls asks checks sends talks tells goes makes takes gives writes starts stops says sees "
    "finds puts tries explains decides helps brings changes moves opens fixes builds counts "
    "reads shows plans books orders learn learns"
)

_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "dr.", "approx."})


def split_sentences(words: tuple[Word, ...]) -> list[tuple[int, int]]:
    """Half-open word-index ranges, one per sentence, covering all words in order.

    Discourse markers only split text that lacks punctuation: where the transcriber did
    punctuate, "so" or "now" inside a sentence is just a word.
    """
    lowered = [_core(w.text) for w in words]
    stops = sum(1 for w in words if _ends_with_stop(w.text))
    use_markers = stops < len(words) / figures.PUNCTUATED_WORDS_PER_STOP
    spans: list[tuple[int, int]] = []
    start = 0
    for i in range(len(words)):
        length = i + 1 - start
        if i + 1 == len(words) or _ends_here(words, lowered, i, length, use_markers):
            spans.append((start, i + 1))
            start = i + 1
    return spans


def sentence_texts(words: tuple[Word, ...], spans: list[tuple[int, int]]) -> list[str]:
    """Each sentence's text, joined as `Transcript.text` joins words, so it is a substring."""
    return [" ".join(w.text for w in words[i:j]) for i, j in spans]


def _ends_here(words: tuple[Word, ...], lowered: list[str], i: int, length: int,
               use_markers: bool) -> bool:
    """Whether a sentence boundary falls right after word i."""
    if _ends_with_stop(words[i].text):
        return True
    if length >= figures.MAX_SENTENCE_WORDS and _long_enough_to_cut(words, i, length):
        return True
    if length < figures.MIN_SENTENCE_WORDS:
        return False
    gap = words[i + 1].start_s - words[i].end_s
    if gap >= figures.SENTENCE_PAUSE_S:
        return True
    return use_markers and _marker_at(lowered, i + 1)


def _long_enough_to_cut(words: tuple[Word, ...], i: int, length: int) -> bool:
    """Cut a long sentence at a comma, or anywhere once far too long, but never just before
    its own end: a three-word tail carries too little evidence to be labelled."""
    ahead = words[i + 1 : i + 1 + figures.MIN_TAIL_WORDS]
    if any(_ends_with_stop(w.text) for w in ahead):
        return False
    return words[i].text.endswith(",") or length >= figures.MAX_SENTENCE_WORDS * 3 // 2


def _ends_with_stop(text: str) -> bool:
    """End punctuation, ignoring closing quotes/brackets and common abbreviations."""
    stripped = text.rstrip("\"')]}»”’")
    return bool(stripped) and stripped[-1] in ".!?" and text.lower() not in _ABBREVIATIONS


def _marker_at(lowered: list[str], j: int) -> bool:
    """Whether a discourse marker, or a new "I did..." clause, starts at word j."""
    if _NOT_OPENERS.starts_at(lowered, j):
        return False
    return MARKERS.starts_at(lowered, j) or _time_jump_at(lowered, j) or _clause_at(lowered, j)


def _time_jump_at(lowered: list[str], j: int) -> bool:
    """ "after two weeks", "after a couple of months", "six months later" starting at word j."""
    ahead = [w for w in lowered[j:j + 5] if w != "of"]
    after = ahead[:1] == ["after"]
    amount = ahead[1:] if after else ahead
    while len(amount) > 1 and amount[0] in _AMOUNTS and amount[1] in _AMOUNTS:
        amount = amount[1:]  # "a couple", "a few"
    if len(amount) < 2 or amount[0] not in _AMOUNTS or amount[1] not in _TIME_UNITS:
        return False
    return after or amount[2:3] == ["later"]


def _clause_at(lowered: list[str], j: int) -> bool:
    """A subject pronoun and a past-tense verb, optionally after "and"/"but"/"then"."""
    if j < len(lowered) and lowered[j] in _LINKS:
        j += 1
    if j + 1 >= len(lowered) or lowered[j] not in _SUBJECTS:
        return False
    verb = lowered[j + 1]
    return (lowered[j] in ("im", "i'm") or verb in IRREGULAR_PAST or verb in _MORE_PAST
            or verb.endswith("ed") or verb in _PRESENT_DOING)


def _core(text: str) -> str:
    """The word without punctuation, lowercased, as markers are written."""
    found = tokens(text)
    return found[0] if found else ""
