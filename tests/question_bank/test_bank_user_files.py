"""User files from the data folder are merged into the bundled bank."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from question_bank import Bank, load_bank

Write = Callable[[str, str], Path]
Load = Callable[[], Bank]
Make = Callable[..., str]


def test_no_user_dir_or_empty_user_dir_gives_the_bundled_bank(tmp_path: Path) -> None:
    bundled = load_bank()
    assert load_bank(tmp_path) == bundled
    assert load_bank(tmp_path / "does-not-exist") == bundled


def test_new_user_question_is_added_after_the_bundled_ones(
    user_file: Write, load_user: Load, good_question: Make
) -> None:
    user_file("questions/mine.toml", good_question("my-own-question", "Tell me about Bob."))
    bank = load_user()
    assert bank.errors == ()
    assert len(bank.questions) == len(load_bank().questions) + 1
    assert bank.questions[-1].id == "my-own-question"
    assert bank.question("my-own-question").text == "Tell me about Bob."


def test_user_question_with_a_bundled_id_replaces_it_in_place(
    user_file: Write, load_user: Load, good_question: Make
) -> None:
    bundled = load_bank()
    position = [q.id for q in bundled.questions].index("tight-deadline")
    user_file("questions/override.toml", good_question("tight-deadline", "My own wording."))
    bank = load_user()
    assert len(bank.questions) == len(bundled.questions)
    assert bank.questions[position].id == "tight-deadline"
    assert bank.question("tight-deadline").text == "My own wording."


def test_later_user_file_wins_over_earlier(
    user_file: Write, load_user: Load, good_question: Make
) -> None:
    user_file("questions/a.toml", good_question("twice", "From a."))
    user_file("questions/b.toml", good_question("twice", "From b."))
    assert load_user().question("twice").text == "From b."


def test_roles_default_to_any(user_file: Write, load_user: Load, good_question: Make) -> None:
    user_file("questions/mine.toml", good_question("no-roles"))
    assert load_user().question("no-roles").roles == ("any",)


def test_minimal_question_needs_only_id_text_and_kind(user_file: Write, load_user: Load) -> None:
    user_file(
        "questions/minimal.toml",
        """
        [[questions]]
        id = "minimal"
        text = "Why do you want to leave your current job?"
        kind = "background"
        """,
    )
    question = load_user().question("minimal")
    assert question is not None
    assert (question.competencies, question.follow_ups) == ((), ())


def test_user_company_is_added_and_found_by_name_or_id(
    user_file: Write, load_user: Load, good_company: Make
) -> None:
    user_file("companies/Acme Corp.toml", good_company("Acme Corporation"))
    bank = load_user()
    assert bank.errors == ()
    by_name = bank.company("acme CORPORATION")
    assert by_name is not None
    assert by_name.id == "acme-corp"  # from the file name, as no id was given
    assert bank.company("ACME-CORP") is by_name
    assert by_name.source == "Test fixture"
    assert by_name.values[0].keywords == ("kind", "kindness")


def test_user_company_without_source_names_its_file(user_file: Write, load_user: Load) -> None:
    path = user_file(
        "companies/mine.toml",
        """
        name = "Mine"
        [[values]]
        name = "Ship it"
        """,
    )
    company = load_user().company("mine")
    assert company is not None and str(path) in company.source


def test_user_company_with_a_bundled_id_replaces_it(
    user_file: Write, load_user: Load, good_company: Make
) -> None:
    user_file("companies/dd.toml", 'id = "doordash"\n' + good_company("DoorDash (my notes)"))
    bank = load_user()
    assert len(bank.companies) == len(load_bank().companies)
    assert bank.company("doordash").name == "DoorDash (my notes)"
    assert [v.name for v in bank.company("doordash").values] == ["Be kind"]


def test_keywords_are_stored_casefolded(user_file: Write, load_user: Load) -> None:
    user_file(
        "companies/x.toml",
        """
        name = "X"
        [[values]]
        name = "Own It"
        keywords = ["Took Ownership", "OWNER"]
        """,
    )
    assert load_user().company("x").values[0].keywords == ("took ownership", "owner")


def test_other_files_in_the_folders_are_ignored(user_file: Write, load_user: Load) -> None:
    user_file("questions/notes.txt", "not toml at all [[[")
    user_file("questions/backup.toml.bak", "not toml at all [[[")
    assert load_user() == load_bank()
