"""What the `micdrop` commands share: the one-line error, exit codes, and finding the
question and the company a command was given."""

from __future__ import annotations

import sys
from dataclasses import replace

from desktop.paths import data_root
from question_bank import load_bank
from question_bank.model import Bank, Company, Question

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A failure to report as one line; `code` is the exit status."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


def load_user_bank() -> Bank:
    """The bundled bank plus the user's files; a broken user file is a warning, not a stop.
    Only read: a data folder that is missing or read-only does not stop the listing."""
    bank = load_bank(data_root())
    for problem in bank.errors:
        print(f"micdrop: warning: skipped {problem.file}: {problem.field}: {problem.message}",
              file=sys.stderr)
    return bank


def resolve_question(bank: Bank, question_id: str | None, kind: str | None,
                     text: str | None = None) -> Question:
    """The question to judge against, its kind overridden by --kind; free text (or none)
    becomes a `custom` question, as scoring expects."""
    if question_id is not None:
        question = bank.question(question_id)
        if question is None:
            known = ", ".join(q.id for q in bank.questions)
            raise CliError(f"unknown question id {question_id!r}; known ids: {known}",
                           EXIT_USAGE)
        return replace(question, kind=kind) if kind and kind != question.kind else question
    return Question(id="custom", text=text or "", kind=kind or "story")


def resolve_company(bank: Bank, name: str | None) -> Company | None:
    """The values profile named by id or name; an unknown one lists what is available."""
    if name is None:
        return None
    company = bank.company(name)
    if company is None:
        known = ", ".join(f"{c.name} ({c.id})" for c in bank.companies) or "none"
        raise CliError(f"unknown company {name!r}; known companies: {known}", EXIT_USAGE)
    return company
