"""The bundled bank: enough questions of each kind, the required topics, sound company profiles."""

from __future__ import annotations

import tomllib
from collections import Counter

import pytest

from question_bank import COMPETENCIES, KINDS, MAX_FOLLOW_UPS, ROLES, Bank, load_bank
from question_bank.loader import bundled_dir

REQUIRED_COMPETENCIES = {
    "ownership",  # a problem outside your responsibility
    "deadline",
    "failure",
    "conflict",
    "influence",
    "leadership",
    "teamwork",
    "ambiguity",
    "communication",  # explaining to a non-technical audience
    "data_quality",
    "prioritization",
    "learning",
    "customer_impact",
    "ethics",
}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def test_bundled_data_loads_without_errors(bank: Bank) -> None:
    assert bank.errors == ()


def test_counts_per_kind(bank: Bank) -> None:
    kinds = Counter(q.kind for q in bank.questions)
    assert len(bank.questions) >= 40
    assert kinds["background"] >= 5
    assert kinds["story"] >= 35
    assert set(kinds) <= set(KINDS)


def test_every_required_competency_has_story_questions(bank: Bank) -> None:
    covered = Counter(c for q in bank.questions if q.kind == "story" for c in q.competencies)
    missing = REQUIRED_COMPETENCIES - set(covered)
    assert not missing, f"no story question covers {sorted(missing)}"


def test_specific_required_prompts_exist(bank: Bank) -> None:
    texts = [q.text.casefold() for q in bank.questions]
    assert any("not your responsibility" in t for t in texts)
    assert any("non-technical" in t for t in texts)
    assert any("deadline" in t for t in texts)


def test_background_questions_are_tagged_background_or_motivation(bank: Bank) -> None:
    for q in bank.questions:
        if q.kind == "background":
            assert {"background", "motivation"} & set(q.competencies), q.id


def test_ids_are_unique_slugs(bank: Bank) -> None:
    ids = [q.id for q in bank.questions]
    assert len(ids) == len(set(ids))
    assert all(i == i.casefold() and " " not in i for i in ids)


def test_texts_are_unique(bank: Bank) -> None:
    texts = [q.text for q in bank.questions]
    assert len(texts) == len(set(texts))


def test_every_question_has_one_to_three_follow_ups(bank: Bank) -> None:
    for q in bank.questions:
        assert 1 <= len(q.follow_ups) <= MAX_FOLLOW_UPS, q.id
        assert all(f.endswith("?") for f in q.follow_ups), q.id


def test_tags_come_from_the_fixed_vocabulary(bank: Bank) -> None:
    for q in bank.questions:
        assert q.competencies and set(q.competencies) <= set(COMPETENCIES), q.id
        assert q.roles and set(q.roles) <= set(ROLES), q.id


def test_scoring_keys_are_in_the_vocabulary() -> None:
    assert {"failure", "deadline"} <= set(COMPETENCIES)


def test_question_lookup_by_id(bank: Bank) -> None:
    question = bank.question("tight-deadline")
    assert question is not None and question.kind == "story"
    assert "deadline" in question.competencies
    assert bank.question("no-such-question") is None


def test_at_least_eight_companies(bank: Bank) -> None:
    assert len(bank.companies) >= 8
    assert len({c.id for c in bank.companies}) == len(bank.companies)


def test_doordash_has_its_four_values_exactly(bank: Bank) -> None:
    doordash = bank.company("doordash")
    assert doordash is not None and doordash.name == "DoorDash"
    assert [v.name for v in doordash.values] == [
        "We are leaders",
        "We are makers",
        "We are students",
        "We are one team",
    ]
    leaders = doordash.values[0]
    assert {"owner", "ownership", "took ownership"} <= set(leaders.keywords)


def test_every_company_has_source_and_three_values_with_keywords(bank: Bank) -> None:
    for company in bank.companies:
        assert company.source.strip(), company.id
        assert len(company.values) >= 3, company.id
        for value in company.values:
            assert value.description.strip(), (company.id, value.name)
            assert len(value.keywords) >= 3, (company.id, value.name)
            assert all(k == k.casefold() for k in value.keywords), (company.id, value.name)


def test_every_bundled_company_file_states_its_source_explicitly() -> None:
    """The loader defaults a missing source; bundled files must not rely on that default."""
    files = [f for f in (bundled_dir() / "companies").iterdir() if f.name.endswith(".toml")]
    assert len(files) >= 8
    for file in files:
        document = tomllib.loads(file.read_text(encoding="utf-8"))
        assert document.get("source", "").strip(), file.name
        assert document.get("id") == file.name.removesuffix(".toml"), file.name


@pytest.mark.parametrize("key", ["doordash", "DoorDash", "DOORDASH", "  doordash "])
def test_company_lookup_is_case_insensitive_by_id_or_name(bank: Bank, key: str) -> None:
    company = bank.company(key)
    assert company is not None and company.id == "doordash"
