"""Task evidence: families of meaning (obligation, assignment, ownership, goal, deadline)."""

from __future__ import annotations

import pytest

from scoring.task_evidence import states_task, task_families


@pytest.mark.parametrize(("sentence", "family"), [
    ("It was on me to land the cutover.", "ownership"),
    ("The ask was basically, explain it in one meeting.", "assignment"),
    ("I took it on to standardize how we analyzed experiments.", "assignment"),
    ("I had until Friday to retrain the model.", "deadline"),
    ("I had maybe four hours to figure out if it was real.", "deadline"),
    ("Success meant one slide for the board.", "goal"),
    ("What mattered to me was a number we could defend.", "goal"),
    ("Whatever we shipped couldn't make ops slower.", "obligation"),
])
def test_each_way_of_stating_a_task_shows_its_family(sentence, family):
    assert family in task_families(sentence)
    assert states_task(sentence)


def test_unpunctuated_contractions_still_count():
    assert "obligation" in task_families("whatever we shipped couldnt make ops slower")


def test_plain_setup_and_plain_action_state_no_task():
    assert not states_task("I was an analyst at a grocery chain in Ohio.")
    assert not states_task("I rebuilt the features and retrained the model.")


def test_someone_elses_obligation_is_not_the_candidates_task():
    # An obligation or a clock needs "I"/"we" (or the task itself) to be the candidate's.
    assert task_families("She had to finish the forecast within a week.")
    assert not states_task("She had to finish the forecast within a week.")
