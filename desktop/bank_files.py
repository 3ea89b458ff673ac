"""Saving the user's own companies and questions into the data folder, in the loader's format.

Nothing is written unless the loader itself would read the new file without a single error,
and a file is replaced atomically (temp file, then rename) as 0600, so a crash or a mistake
never leaves a half-written or broken file where the bank loads from.

Companies go to `companies/<id>.toml`, one per file as the loader expects. Questions the
user adds or edits in the window go to one file of their own, `questions/my-questions.toml`
(an edited bundled question is saved there under its id, which replaces the bundled one
when the bank loads); hand-written question files are never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.paths import private_dir, write_private_text
from question_bank.model import BankError, Company, Question
from question_bank.writer import (
    company_toml,
    questions_toml,
    validate_company_text,
    validate_questions_text,
)

QUESTIONS_FILE = "my-questions.toml"


class BankFileError(Exception):
    """The entry was not saved; `problems` are the loader's own (field, message) pairs."""

    def __init__(self, problems: list[BankError], summary: str = "") -> None:
        self.problems = problems
        lines = [f"{p.field}: {p.message}" for p in problems]
        super().__init__("\n".join([summary, *lines]) if summary else "\n".join(lines))


@dataclass(frozen=True)
class Saved:
    """Where the entry was written, the text, and the entry as the loader reads it back
    (keywords casefolded, roles defaulted), which is what the window should show."""

    path: Path
    text: str
    entry: Company | Question


def company_path(data_dir: Path, company_id: str) -> Path:
    return Path(data_dir) / "companies" / f"{company_id}.toml"


def questions_path(data_dir: Path) -> Path:
    return Path(data_dir) / "questions" / QUESTIONS_FILE


def save_company(data_dir: Path, company: Company) -> Saved:
    """Write `company` to its own file, if the loader would read it back whole."""
    text = company_toml(company)
    loaded, problems = validate_company_text(text, f"{company.id or 'company'}.toml")
    if loaded is None:
        raise BankFileError(problems)
    path = company_path(data_dir, loaded.id)
    private_dir(path.parent)
    write_private_text(path, text)
    return Saved(path, text, loaded)


def save_question(data_dir: Path, question: Question) -> Saved:
    """Add `question` to the user's questions file, replacing the one with its id."""
    path = questions_path(data_dir)
    questions = _existing_questions(path)
    at = next((i for i, q in enumerate(questions) if q.id == question.id), None)
    if at is None:
        questions.append(question)
    else:
        questions[at] = question
    text = questions_toml(questions)
    loaded, problems = validate_questions_text(text, QUESTIONS_FILE)
    if loaded is None:
        raise BankFileError(problems)
    private_dir(path.parent)
    write_private_text(path, text)
    return Saved(path, text, next(q for q in loaded if q.id == question.id))


def _existing_questions(path: Path) -> list[Question]:
    """The questions already in the user's file; one that no longer loads cleanly is not
    rewritten (that would drop the broken entries the user may still want)."""
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BankFileError([], f"{path} cannot be read ({error}); fix or move it first.") \
            from error
    loaded, problems = validate_questions_text(text, QUESTIONS_FILE)
    if loaded is None:
        raise BankFileError(problems, f"{path} has mistakes; fix them there first:")
    return loaded


