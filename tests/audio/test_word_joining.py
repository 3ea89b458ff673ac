"""Words are joined as Whisper spelled them: a piece without a leading space belongs to the
word before it, so figures like "9.8%" and "40,000" stay whole (no model here)."""

from __future__ import annotations

from types import SimpleNamespace

from audio.transcribe import _timed_words
from scoring import Transcript
from scoring.quantities import find_quantities


def segment(*pieces: tuple[str, float, float]) -> SimpleNamespace:
    return SimpleNamespace(words=[SimpleNamespace(word=w, start=s, end=e, probability=0.9)
                                  for w, s, e in pieces])


# What tiny.en returned for espeak-ng saying these sentences (word by word).
CHURN = segment((" Our", 0.0, 0.2), (" churn", 0.2, 0.5), (" fell", 0.5, 0.8),
                (" to", 0.8, 0.9), (" 9", 0.9, 1.2), (".8", 1.2, 1.5), ("%", 1.5, 1.9),
                (" and", 2.0, 2.1), (" we", 2.1, 2.2), (" kept", 2.2, 2.5), (" 40", 2.5, 2.9),
                (",000", 2.9, 3.3), (" customers.", 3.3, 4.0))
PRODUCT = segment((" We", 5.0, 5.2), (" built", 5.2, 5.5), (" it", 5.5, 5.6),
                  (" in", 5.6, 5.8), ("-product.", 5.8, 6.4))


def test_pieces_without_a_leading_space_join_the_word_before():
    words = _timed_words([CHURN, PRODUCT], 0.0, 10.0)
    texts = [w.text for w in words]
    assert "9.8%" in texts and "40,000" in texts and "in-product." in texts
    text = Transcript(tuple(words), 10.0).text
    assert text == ("Our churn fell to 9.8% and we kept 40,000 customers. "
                    "We built it in-product.")
    for broken in ("9 .8", ".8 %", "40, 000", "in -product"):
        assert broken not in text


def test_a_joined_word_spans_its_pieces_and_figures_are_found():
    words = _timed_words([CHURN], 10.0, 20.0)
    figure = next(w for w in words if w.text == "9.8%")
    assert (figure.start_s, figure.end_s) == (10.9, 11.9)
    assert find_quantities(Transcript(tuple(words), 20.0).text) == ("9.8%", "40,000 customers")


def test_a_segment_never_glues_onto_the_segment_before():
    first = segment((" It", 0.0, 0.3), (" worked.", 0.3, 0.8))
    second = segment(("So", 1.0, 1.2), (" we", 1.2, 1.4), (" shipped.", 1.4, 1.9))
    assert [w.text for w in _timed_words([first, second], 0.0, 5.0)] == [
        "It", "worked.", "So", "we", "shipped."]


def test_words_with_spaces_stay_apart():
    plain = segment((" I", 0.0, 0.2), (" led", 0.2, 0.5), (" the", 0.5, 0.6),
                    (" team.", 0.6, 1.0))
    assert [w.text for w in _timed_words([plain], 0.0, 5.0)] == ["I", "led", "the", "team."]
