"""Adding companies and questions from the window: written in the loader's format, 0600,
only when the loader reads them back whole, with the loader's own messages otherwise."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.widgets.company_editor import CompanyEditor
from desktop.widgets.question_editor import QuestionEditor
from question_bank import Company, Question, Value, load_bank


def _save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _fill_company(dialog: CompanyEditor, qtbot, company_id: str, value_name: str) -> None:
    qtbot.keyClicks(dialog.id_edit, company_id)
    qtbot.keyClicks(dialog.name_edit, 'Acme "Rockets"')
    qtbot.keyClicks(dialog.source_edit, "Acme careers page")
    dialog.values.item(0, 0).setText(value_name)
    dialog.values.item(0, 1).setText("Start from what the customer needs.")
    dialog.values.item(0, 2).setText("Customer, user need, ")


def test_a_company_added_in_the_dialog_loads_with_the_bank(qtbot, tmp_path: Path) -> None:
    dialog = CompanyEditor(tmp_path)
    qtbot.addWidget(dialog)
    _fill_company(dialog, qtbot, "acme", "Customers first")
    dialog.add_value()
    dialog.values.item(1, 0).setText("Ship weekly")
    with qtbot.waitSignal(dialog.saved) as saved:
        _save(dialog)
    path = tmp_path / "companies" / "acme.toml"
    assert dialog.saved_path == path and path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob("*.tmp"))
    bank = load_bank(tmp_path)
    assert bank.errors == ()
    assert bank.company("acme") == saved.args[0] == Company(
        "acme", 'Acme "Rockets"', "Acme careers page",
        (Value("Customers first", "Start from what the customer needs.",
               ("customer", "user need")), Value("Ship weekly", "", ())))
    assert dialog.result() == dialog.DialogCode.Accepted


def test_an_invalid_company_shows_the_loaders_message_and_writes_nothing(qtbot, tmp_path):
    dialog = CompanyEditor(tmp_path)
    qtbot.addWidget(dialog)
    _fill_company(dialog, qtbot, "Acme Corp", "Customers first")
    _save(dialog)
    assert not (tmp_path / "companies").exists() or not list((tmp_path / "companies").iterdir())
    assert dialog.errors.isVisibleTo(dialog)
    assert "id: 'Acme Corp' is not a valid id; use lowercase letters" in dialog.errors.text()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_a_company_with_no_value_is_refused_in_the_loaders_words(qtbot, tmp_path) -> None:
    dialog = CompanyEditor(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_edit, "acme")
    qtbot.keyClicks(dialog.name_edit, "Acme")
    _save(dialog)
    assert "values: missing; add at least one [[values]] table" in dialog.errors.text()
    assert not (tmp_path / "companies" / "acme.toml").exists()


def test_editing_a_bundled_company_replaces_it_for_this_user(qtbot, tmp_path) -> None:
    amazon = load_bank().company("amazon")
    dialog = CompanyEditor(tmp_path, amazon)
    qtbot.addWidget(dialog)
    assert dialog.id_edit.isReadOnly() and dialog.values.rowCount() == len(amazon.values)
    dialog.values.item(0, 1).setText("Customers come first, always.")
    _save(dialog)
    edited = load_bank(tmp_path).company("amazon")
    assert edited.values[0].description == "Customers come first, always."
    assert edited.values[1:] == amazon.values[1:]


def _tick(dialog: QuestionEditor, *words: str) -> None:
    for row in range(dialog.competencies.count()):
        item = dialog.competencies.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in words:
            item.setCheckState(Qt.CheckState.Checked)


def test_a_question_added_in_the_dialog_loads_with_the_bank(qtbot, tmp_path: Path) -> None:
    dialog = QuestionEditor(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_edit, "hard-call")
    qtbot.keyClicks(dialog.text_edit, 'Tell me about a "hard" call you made.')
    _tick(dialog, "ownership", "ambiguity")
    dialog.follow_ups.setPlainText("Would you make it again?\n\nWho disagreed?\n")
    with qtbot.waitSignal(dialog.saved):
        _save(dialog)
    path = tmp_path / "questions" / "my-questions.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    bank = load_bank(tmp_path)
    assert bank.errors == ()
    assert bank.question("hard-call") == Question(
        "hard-call", 'Tell me about a "hard" call you made.', "story",
        ("ambiguity", "ownership"), ("any",), ("Would you make it again?", "Who disagreed?"))
    # a second question joins the first in the same file; editing one keeps the other
    second = QuestionEditor(tmp_path)
    qtbot.addWidget(second)
    qtbot.keyClicks(second.id_edit, "walk-me-through")
    qtbot.keyClicks(second.text_edit, "Walk me through your background.")
    second.kind.setCurrentIndex(second.kind.findData("background"))
    _save(second)
    edit = QuestionEditor(tmp_path, load_bank(tmp_path).question("hard-call"))
    qtbot.addWidget(edit)
    edit.text_edit.setPlainText("Tell me about the hardest call you made.")
    _save(edit)
    bank = load_bank(tmp_path)
    assert bank.question("hard-call").text == "Tell me about the hardest call you made."
    assert bank.question("hard-call").follow_ups == ("Would you make it again?",
                                                     "Who disagreed?")
    assert bank.question("walk-me-through").kind == "background"


def test_too_many_follow_ups_shows_the_loaders_message_and_writes_nothing(qtbot, tmp_path):
    dialog = QuestionEditor(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_edit, "hard-call")
    dialog.follow_ups.setPlainText("One?\nTwo?\nThree?\nFour?")
    _save(dialog)
    text = dialog.errors.text()
    assert "questions[0].text: is empty; write the text between the quotes" in text
    assert "questions[0].follow_ups: has 4 items; keep at most 3" in text
    assert not (tmp_path / "questions").exists()


def test_a_broken_hand_edited_file_is_not_overwritten(qtbot, tmp_path) -> None:
    path = tmp_path / "questions" / "my-questions.toml"
    path.parent.mkdir()
    path.write_text('[[questions]]\nid = "x"\ntext = "Why?"\nkind = "storey"\n')
    dialog = QuestionEditor(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_edit, "new-one")
    qtbot.keyClicks(dialog.text_edit, "Why this company?")
    _save(dialog)
    assert "has mistakes; fix them there first" in dialog.errors.text()
    assert "did you mean 'story'?" in dialog.errors.text()
    assert path.read_text().endswith('kind = "storey"\n')
