"""Result evidence is what a sentence says came of it, wherever the sentence stands."""

from __future__ import annotations

import pytest

from scoring.evidence import result_evidence, shows_result


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Every order left the kitchen on schedule that night.", "ev_on_plan"),
    ("We finished the office move under budget.", "ev_on_plan"),
    ("The last van was loaded with an hour to spare.", "ev_on_plan"),
    ("The parents wrote to the head teacher to say thanks.", "ev_judgement"),
    ("The client was delighted with the second draft.", "ev_judgement"),
])
def test_an_outcome_against_the_plan_or_thanks_from_others_shows_a_result(sentence, kind):
    assert result_evidence(sentence)[kind] == 1.0
    assert shows_result(result_evidence(sentence))


@pytest.mark.parametrize("sentence", [
    "I rang the supplier and asked them to split the delivery.",
    "I booked a meeting room and invited both team leads.",
    "so I went through the rota line by line with her",
])
def test_a_plain_action_shows_no_result(sentence):
    assert not shows_result(result_evidence(sentence))
