"""Repeat: paraphrase, verbatim parrot, or absent."""

from __future__ import annotations

from scoring.repeat import classify_repeat

QUESTION = "Tell me about a time you disagreed with your manager."


def test_parroting_is_verbatim_but_own_pronouns_already_rephrase():
    assert classify_repeat("A time I disagreed with my manager.", QUESTION) == "paraphrase"
    assert classify_repeat("So a time you disagreed with your manager.", QUESTION) == "verbatim"


def test_rephrasing_is_a_paraphrase():
    opening = "Just to be clear, you're asking about pushing back on my boss's call."
    assert classify_repeat(opening, QUESTION) == "paraphrase"


def test_no_opening_is_absent():
    assert classify_repeat("", QUESTION) == "absent"
    assert classify_repeat("   ", QUESTION) == "absent"
