"""Sentence segmentation: punctuation, pauses, discourse markers, maximum length."""

from __future__ import annotations

from itertools import pairwise

from scoring import Transcript, Word, figures
from scoring.segment import sentence_texts, split_sentences


def timed(text: str, start: float) -> tuple[Word, ...]:
    """Words 0.4 s apart (no pause between them) from `start`."""
    return tuple(Word(w, start + i * 0.4, start + i * 0.4 + 0.3)
                 for i, w in enumerate(text.split(" ")))


def texts_of(transcript: Transcript) -> list[str]:
    return sentence_texts(transcript.words, split_sentences(transcript.words))


def test_punctuated_text_splits_at_stops_only():
    t = Transcript.from_text("I was so tired. So I slept, and then I woke up! Did it work? Yes.")
    assert texts_of(t) == ["I was so tired.", "So I slept, and then I woke up!", "Did it work?",
                           "Yes."]


def test_unpunctuated_text_splits_at_discourse_markers():
    t = Transcript.from_text(
        "we had a slow pipeline at work so i rewrote the worst job in python "
        "after that i added tests for every stage in the end the run took ten minutes"
    )
    assert texts_of(t) == [
        "we had a slow pipeline at work",
        "so i rewrote the worst job in python",
        "after that i added tests for every stage",
        "in the end the run took ten minutes",
    ]


def test_a_pause_between_words_ends_a_sentence():
    t = Transcript(timed("we shipped the new model", 0.0) + timed("it cut churn a lot", 5.0), 8.0)
    assert texts_of(t) == ["we shipped the new model", "it cut churn a lot"]


def test_run_on_speech_is_cut_at_a_comma_past_the_maximum_length_or_hard_later():
    t = Transcript.from_text("word " * 100)
    spans = split_sentences(t.words)
    assert len(spans) > 1
    assert all(j - i <= figures.MAX_SENTENCE_WORDS * 3 // 2 for i, j in spans)
    assert spans[0][0] == 0 and spans[-1][1] == 100
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    with_comma = Transcript.from_text("word " * 38 + "here, " + "word " * 30)
    assert split_sentences(with_comma.words)[0] == (0, 39)


def test_a_long_sentence_is_not_cut_just_before_its_end():
    t = Transcript.from_text("word " * (figures.MAX_SENTENCE_WORDS + 3) + "end.")
    assert len(split_sentences(t.words)) == 1


def test_so_that_does_not_open_a_sentence():
    t = Transcript.from_text("i added a cache to the service so that pages loaded faster for users")
    assert len(texts_of(t)) == 1


def test_no_words_no_sentences():
    assert split_sentences(()) == []


def test_unpunctuated_i_did_clauses_open_sentences_but_purpose_so_does_not():
    t = Transcript.from_text(
        "a time where i used data to help customers i was an analyst on the onboarding team "
        "and i built a funnel from the event logs so we could see every step"
    )
    assert texts_of(t) == [
        "a time where i used data to help customers",  # "a time where" is too short alone
        "i was an analyst on the onboarding team",
        "and i built a funnel from the event logs so we could see every step",
    ]


def test_unpunctuated_part_handovers_open_sentences():
    t = Transcript.from_text(
        "i asked for a two week test with ten percent of traffic she agreed after a short call "
        "within a month churn was down four points that's how i like to work with product"
    )
    assert texts_of(t) == [
        "i asked for a two week test with ten percent of traffic",
        "she agreed after a short call",
        "within a month churn was down four points",
        "that's how i like to work with product",
    ]


def test_unpunctuated_jumps_in_time_and_present_tense_steps_open_sentences():
    # Told in the present by a speaker who does not mark the past; the new step starts where
    # time jumps or a new "I do" clause begins, not mid-clause.
    t = Transcript.from_text(
        "the invoices for march are wrong by a lot i call the supplier the same morning "
        "after two weeks the money is back in our account three months later nobody has "
        "complained again"
    )
    assert texts_of(t) == [
        "the invoices for march are wrong by a lot",
        "i call the supplier the same morning",
        "after two weeks the money is back in our account",
        "three months later nobody has complained again",
    ]


def test_a_speaker_naming_the_result_opens_it():
    t = Transcript.from_text("i moved the stand up to nine in the morning result was the "
                             "whole team came on time for a month")
    assert texts_of(t) == ["i moved the stand up to nine in the morning",
                           "result was the whole team came on time for a month"]
