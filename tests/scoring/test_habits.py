"""A habit the story left the candidate with: said by them, about now, with no figure."""

from scoring.habits import states_habit


def test_a_habit_is_said_by_the_candidate_and_carries_no_figure():
    assert states_habit("Since then, whenever I'm dropped into something new, I start small.")
    assert states_habit("and honestly that is how i deal with vague asks now")
    assert not states_habit("The alert has caught two more issues since then.")
    assert not states_habit("And, yeah, she and I get along pretty well these days.")
