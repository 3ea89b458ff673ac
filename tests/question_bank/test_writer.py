"""The TOML writer: what it writes, the loader reads back as the same objects."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank import COMPETENCIES, MAX_FOLLOW_UPS, ROLES, Company, Question, Value, load_bank
from question_bank.writer import (
    company_toml,
    questions_toml,
    toml_string,
    validate_company_text,
    validate_questions_text,
)

# Text the loader keeps as it is: non-empty, no surrounding whitespace (it strips).
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                max_size=40).map(str.strip).filter(bool)
_tricky = st.one_of(_text, st.sampled_from(['say "hi"', "C:\\path\\", "line\nbreak", "tab\there",
                                            "ünïcødé ✓ 日本", "a\\\"b", "bell\x07", "\x7fdel"]))
_slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
# Keywords are stored casefolded, so only casefold-stable ones round-trip unchanged.
_keyword = _tricky.map(str.casefold).map(str.strip).filter(lambda k: k and k.casefold() == k)


def _unique(items: list[str], key=lambda s: s) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return tuple(seen.values())


_value = st.builds(Value, name=_tricky, description=st.one_of(st.just(""), _tricky),
                   keywords=st.lists(_keyword, max_size=4).map(_unique))
_company = st.builds(
    Company, id=_slug, name=_tricky, source=_tricky,
    values=st.lists(_value, min_size=1, max_size=4).map(
        lambda vs: tuple({v.name.casefold(): v for v in reversed(vs)}.values())))
_question = st.builds(
    Question, id=_slug, text=_tricky, kind=st.sampled_from(["story", "background"]),
    competencies=st.lists(st.sampled_from(COMPETENCIES), max_size=3).map(_unique),
    roles=st.lists(st.sampled_from(ROLES), min_size=1, max_size=2).map(_unique),
    follow_ups=st.lists(_tricky, max_size=MAX_FOLLOW_UPS).map(_unique))


@settings(max_examples=200, deadline=None)
@given(_tricky)
def test_any_string_survives_tomllib(text: str) -> None:
    assert tomllib.loads(f"x = {toml_string(text)}") == {"x": text}


@settings(max_examples=100, deadline=None)
@given(_company)
def test_company_round_trips_through_the_loaders_own_parsing(company: Company) -> None:
    loaded, errors = validate_company_text(company_toml(company), f"{company.id}.toml")
    assert errors == [] and loaded == company


@settings(max_examples=100, deadline=None)
@given(st.lists(_question, min_size=1, max_size=4).map(
    lambda qs: list({q.id: q for q in qs}.values())))
def test_questions_round_trip_through_the_loaders_own_parsing(questions) -> None:
    loaded, errors = validate_questions_text(questions_toml(questions), "mine.toml")
    assert errors == [] and loaded == questions


def test_written_files_load_with_load_bank(tmp_path: Path) -> None:
    company = Company("acme", 'Acme "Rockets"', "Acme careers page\nsection 2",
                      (Value("Customers first", "Start from C:\\users.", ("customer", "ünï")),))
    question = Question("my-q", "Tell me about a \"hard\" call.", "story", ("ownership",),
                        ("any",), ("Why?",))
    (tmp_path / "companies").mkdir()
    (tmp_path / "questions").mkdir()
    (tmp_path / "companies" / "acme.toml").write_text(company_toml(company), encoding="utf-8")
    (tmp_path / "questions" / "mine.toml").write_text(questions_toml([question]),
                                                      encoding="utf-8")
    bank = load_bank(tmp_path)
    assert bank.errors == ()
    assert bank.company("acme") == company and bank.question("my-q") == question


def test_bundled_companies_round_trip() -> None:
    for company in load_bank().companies:
        loaded, errors = validate_company_text(company_toml(company), f"{company.id}.toml")
        assert errors == [] and loaded == company


def test_validation_gives_the_loaders_own_messages() -> None:
    _, errors = validate_company_text('name = "Acme"\n[[values]]\nname = ""\n', "acme.toml")
    assert [(e.field, e.message) for e in errors] == [
        ("values[0].name", "is empty; write the text between the quotes")]
    _, errors = validate_questions_text(
        '[[questions]]\nid = "Bad Id"\ntext = "Why?"\nkind = "storey"\n', "mine.toml")
    fields = {e.field: e.message for e in errors}
    assert "not a valid id" in fields["questions[0].id"]
    assert "did you mean 'story'?" in fields["questions[0].kind"]
    _, errors = validate_questions_text('[[questions]\nid = "x"', "mine.toml")
    assert errors[0].field == "line 1, column 12" and "is not valid TOML" in errors[0].message


def test_a_company_with_one_bad_value_is_refused_whole() -> None:
    text = 'name = "Acme"\n[[values]]\nname = "Good"\n[[values]]\nname = "Bad"\nkeywords = 3\n'
    company, errors = validate_company_text(text, "acme.toml")
    assert company is None and errors[0].field == "values[1].keywords"
