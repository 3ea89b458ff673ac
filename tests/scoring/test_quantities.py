"""Quantified claims in digits and in words; dates and "one of" are not quantities."""

from __future__ import annotations

import pytest

from scoring.quantities import find_quantities


@pytest.mark.parametrize(("text", "expected"), [
    ("latency fell by 40% in a week", ["40%"]),
    ("we saved $2M and €40,000", ["$2M", "€40,000"]),
    ("it went from thirty percent to twelve percent", ["thirty percent", "twelve percent"]),
    ("done in two weeks instead of three months", ["two weeks", "three months"]),
    ("a 1.5x lift on 200 ms pages", ["1.5x", "200 ms"]),
    ("sign-ups doubled", ["doubled"]),
    ("tickets went from 40 to 12", ["40", "12"]),
])
def test_finds_figures(text, expected):
    assert list(find_quantities(text)) == expected


@pytest.mark.parametrize("text", [
    "one of our clients asked for it",
    "in 2021 I joined the team",
    "two years ago I was an analyst",
    "it went really well",
])
def test_ignores_what_measures_nothing(text):
    assert find_quantities(text) == ()
