"""Malformed user files: each problem is named precisely, and everything else still loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from question_bank import Bank, BankError, load_bank

Write = Callable[[str, str], Path]
Load = Callable[[], Bank]
Make = Callable[..., str]

BUNDLED = load_bank()


def only_error(bank: Bank) -> BankError:
    assert len(bank.errors) == 1, bank.errors
    return bank.errors[0]


def test_bad_toml_syntax_skips_that_file_only(
    user_file: Write, load_user: Load, good_question: Make
) -> None:
    user_file("questions/good.toml", good_question("still-here"))
    broken = user_file("questions/broken.toml", '[[questions]]\nid = "x"\ntext = "unclosed\n')
    bank = load_user()
    error = only_error(bank)
    assert error.file == str(broken)
    assert error.field.startswith("line 3, column ")
    assert "not valid TOML" in error.message and "fix the syntax" in error.message
    assert bank.question("still-here") is not None
    assert len(bank.questions) == len(BUNDLED.questions) + 1
    assert bank.companies == BUNDLED.companies


@pytest.mark.parametrize(
    ("entry", "field", "hint"),
    [
        ('id = "a"\ntext = "T?"', "questions[1].kind", 'add kind = "story"'),
        ('id = "a"\nkind = "story"', "questions[1].text", "add text ="),
        ('text = "T?"\nkind = "story"', "questions[1].id", "add id ="),
        ('id = "a"\ntext = "   "\nkind = "story"', "questions[1].text", "is empty"),
        ('id = "a"\ntext = "T?"\nkind = "stroy"', "questions[1].kind", "did you mean 'story'"),
        ('id = "a"\ntext = "T?"\nkind = "essay"', "questions[1].kind", "background, story"),
        ('id = "a"\ntext = 42\nkind = "story"', "questions[1].text", "got a number"),
        ('id = "My Q"\ntext = "T?"\nkind = "story"', "questions[1].id", "lowercase letters"),
        (
            'id = "a"\ntext = "T?"\nkind = "story"\ncompetencies = "failure"',
            "questions[1].competencies",
            'expected a list like ["a", "b"], got text',
        ),
        (
            'id = "a"\ntext = "T?"\nkind = "story"\ncompetencies = ["failure", "falure"]',
            "questions[1].competencies[1]",
            "did you mean 'failure'",
        ),
        (
            'id = "a"\ntext = "T?"\nkind = "story"\nroles = ["astronaut"]',
            "questions[1].roles[0]",
            "data_scientist",
        ),
        (
            'id = "a"\ntext = "T?"\nkind = "story"\nfollow_ups = ["1?", "2?", "3?", "4?"]',
            "questions[1].follow_ups",
            "keep at most 3",
        ),
        (
            'id = "a"\ntext = "T?"\nkind = "story"\nfollow_ups = ["fine?", 7]',
            "questions[1].follow_ups[1]",
            "got a number",
        ),
        (
            'id = "a"\ntext = "T?"\nkind = "story"\nfollowups = ["Why?"]',
            "questions[1].followups",
            "did you mean 'follow_ups'",
        ),
    ],
)
def test_bad_question_entry_is_named_and_its_neighbours_load(
    user_file: Write, load_user: Load, entry: str, field: str, hint: str, good_question: Make
) -> None:
    path = user_file(
        "questions/mixed.toml",
        good_question("before") + f"\n[[questions]]\n{entry}\n" + good_question("after"),
    )
    bank = load_user()
    error = only_error(bank)
    assert (error.file, error.field) == (str(path), field)
    assert hint in error.message
    assert bank.question("before") is not None and bank.question("after") is not None
    assert bank.question("a") is None
    assert len(bank.questions) == len(BUNDLED.questions) + 2


def test_every_problem_of_one_entry_is_reported(user_file: Write, load_user: Load) -> None:
    user_file("questions/x.toml", '[[questions]]\nid = "Bad Id"\nkind = "tale"\n')
    fields = {e.field for e in load_user().errors}
    assert fields == {"questions[0].id", "questions[0].text", "questions[0].kind"}


def test_duplicate_id_within_a_file_keeps_the_first(
    user_file: Write, load_user: Load, good_question: Make
) -> None:
    user_file(
        "questions/dup.toml",
        good_question("same", "First.") + good_question("same", "Second."),
    )
    bank = load_user()
    error = only_error(bank)
    assert error.field == "questions[1].id"
    assert "duplicate id 'same'" in error.message and "questions[0]" in error.message
    assert bank.question("same").text == "First."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("", "questions"),
        ("questions = []", "questions"),
        ('questions = "oops"', "questions"),
        ('title = "mine"\n{question}', "title"),
    ],
)
def test_question_file_without_question_tables(
    user_file: Write, load_user: Load, good_question: Make, body: str, field: str
) -> None:
    user_file("questions/empty.toml", body.format(question=good_question("x")))
    assert only_error(load_user()).field == field


def test_file_that_is_not_utf8(tmp_path: Path, load_user: Load) -> None:
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "latin1.toml").write_bytes('text = "café"'.encode("latin-1"))
    error = only_error(load_user())
    assert error.field == "(file)" and "UTF-8" in error.message


def test_company_missing_name_is_dropped(user_file: Write, load_user: Load) -> None:
    path = user_file("companies/noname.toml", '[[values]]\nname = "Be kind"\n')
    bank = load_user()
    error = only_error(bank)
    assert (error.file, error.field) == (str(path), "name")
    assert bank.company("noname") is None
    assert bank.companies == BUNDLED.companies


def test_company_bad_value_drops_only_that_value(
    user_file: Write, load_user: Load, good_company: Make
) -> None:
    user_file(
        "companies/acme.toml",
        good_company("Acme")
        + '\n[[values]]\ndescription = "no name"\n'
        + '\n[[values]]\nname = "Ship it"\nkeywords = "ship"\n'
        + '\n[[values]]\nname = "Be kind"\n',
    )
    bank = load_user()
    fields = [e.field for e in bank.errors]
    assert fields == ["values[1].name", "values[2].keywords", "values[3].name"]
    assert "duplicate value 'Be kind'" in bank.errors[2].message
    assert [v.name for v in bank.company("acme").values] == ["Be kind"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('name = "Acme"\nsource = "x"\n', "values"),
        ('name = "Acme"\nvalues = ["Be kind"]\n', "values[0]"),
        ('id = "Acme Inc"\n{company}', "id"),
        ('name = ""\n[[values]]\nname = "Be kind"\n', "name"),
        ('website = "acme.test"\n{company}', "website"),
    ],
)
def test_broken_company_is_dropped_with_a_named_field(
    user_file: Write, load_user: Load, body: str, field: str, good_company: Make
) -> None:
    user_file("companies/acme.toml", body.format(company=good_company("Acme")))
    user_file("companies/other.toml", good_company("Other"))
    bank = load_user()
    assert only_error(bank).field == field
    assert bank.company("acme") is None
    assert bank.company("other") is not None


def test_error_text_names_file_field_and_fix(user_file: Write, load_user: Load) -> None:
    path = user_file("questions/x.toml", '[[questions]]\nid = "a"\ntext = "T?"\nkind = "tale"\n')
    assert str(only_error(load_user())) == (
        f"{path}: questions[0].kind: unknown kind 'tale'; use one of: background, story"
    )
