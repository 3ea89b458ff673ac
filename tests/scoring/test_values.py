"""Link back to company values: by keyword stems, by synonyms, by description meaning."""

from __future__ import annotations

from question_bank.model import Company, Value
from scoring.values import link_values, ties_to_work_style

COMPANY = Company("acme", "Acme", "test", (
    Value("We are leaders", "Act like an owner of the outcome and see it through.",
          ("ownership", "owner", "made the call")),
    Value("We are students", "Stay curious and keep learning from mistakes.", ("learn",)),
    Value("Customer first", "Start from what customers need.", ()),
))


def values_of(sentences: list[str]) -> dict[str, tuple[int, ...]]:
    return {v.value: v.sentences for v in link_values(sentences, COMPANY)}


def test_keyword_stems_match_other_forms():
    found = values_of(["We shipped it.", "I owned the rollout end to end."])
    assert found == {"We are leaders": (1,)}


def test_multiword_keyword_and_synonyms():
    assert "We are leaders" in values_of(["In the end I made the call myself."])
    assert "Customer first" in values_of(["Our users got answers twice as fast."])


def test_description_words_tie_by_meaning():
    found = values_of(["I stayed curious about every mistake we made."])
    assert "We are students" in found


def test_no_company_no_values_and_unrelated_text_ties_nothing():
    assert link_values(["I owned it."], None) == []
    assert values_of(["The weather was nice."]) == {}


def test_a_close_about_how_i_work():
    assert ties_to_work_style("That's why I always check the data first.")
    assert not ties_to_work_style("The project ended in March.")


def test_generic_words_of_a_value_name_tie_nothing():
    open_company = Company("x", "X", "test", (
        Value("Open company, no bullshit", "Share information openly and be honest.", ()),
    ))
    assert link_values(["At my last company I built the pipeline."], open_company) == []
    found = link_values(["I was honest with them about the delay."], open_company)
    assert [v.value for v in found] == ["Open company, no bullshit"]
