"""Fix the transcript in the window: edit a misheard result, rescore, see it counted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop.widgets.transcript_editor import TranscriptEditor
from question_bank import load_bank
from scoring import Transcript, analyze
from scoring.limits import MAX_ANSWER_WORDS, AnswerTooLong
from scoring.transcript_fix import rescore
from tests.scoring.fix_example import FIXED, HEARD


def _replace(editor, old: str, new: str) -> None:
    """Select `old` in the editor and type `new` over it, as a user would."""
    assert editor.find(old)
    cursor = editor.textCursor()
    assert cursor.selectedText() == old
    cursor.insertText(new)
    editor.setTextCursor(cursor)


def test_fixing_misheard_words_finds_the_figure_and_the_value_and_raises_the_score(qtbot) -> None:
    bank = load_bank()
    question, company = bank.question("proudest-achievement"), bank.company("amazon")
    heard = analyze(Transcript.from_text(HEARD), question, company)
    results = []

    def on_text(text: str) -> None:
        results.append(rescore(heard, question, company, text))

    dialog = TranscriptEditor(heard, on_text)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.editor.toPlainText() == HEARD and not dialog.ok_button.isEnabled()
    dialog.editor.moveCursor(QTextCursor.MoveOperation.Start)
    _replace(dialog.editor, "arrow", "error")
    _replace(dialog.editor, "dirty", "thirty")
    _replace(dialog.editor, "costumer abs session", "customer obsession")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == dialog.DialogCode.Accepted
    [fixed] = results
    assert fixed.transcript == FIXED
    assert heard.content.quantified == () and fixed.content.quantified == ("thirty percent",)
    assert heard.content.values_linked == ()
    assert fixed.content.values_linked == ("Customer Obsession",)
    assert fixed.score > heard.score
    assert "Quantify the result" in " ".join(heard.tips)
    assert "Quantify the result" not in " ".join(fixed.tips)
    assert heard.transcript == HEARD  # the original analysis is unchanged


def test_a_problem_from_the_window_is_shown_and_the_edit_kept(qtbot) -> None:
    bank = load_bank()
    question = bank.question("proudest-achievement")
    heard = analyze(Transcript.from_text(HEARD), question)

    def on_text(text: str) -> str | None:
        try:
            rescore(heard, question, None, text)
        except AnswerTooLong as error:
            return str(error)
        return None

    dialog = TranscriptEditor(heard, on_text)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText(HEARD + " and then" * (MAX_ANSWER_WORDS // 2))
    dialog.ok_button.click()
    assert dialog.problem.isVisibleTo(dialog) and dialog.problem.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.editor.toPlainText().endswith("and then")


def test_unchanged_or_empty_text_cannot_be_rescored(qtbot) -> None:
    heard = analyze(Transcript.from_text(HEARD), load_bank().question("proudest-achievement"))
    dialog = TranscriptEditor(heard, lambda text: None)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText(HEARD.replace(" ", "\n"))
    assert not dialog.ok_button.isEnabled()
    dialog.editor.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
