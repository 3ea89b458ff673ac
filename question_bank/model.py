"""Typed records of the question bank.

Frozen dataclasses so that every layer above can share them without defensive copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["background", "story"]
KINDS: tuple[Kind, ...] = ("background", "story")


@dataclass(frozen=True)
class Question:
    """One interview question and the follow-ups an interviewer might probe with."""

    id: str
    text: str
    kind: Kind
    competencies: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Value:
    """A company value: its own name, what it means, and words that signal it in an answer."""

    name: str
    description: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Company:
    """A values profile: the published values of one company and where they come from."""

    id: str
    name: str
    source: str
    values: tuple[Value, ...] = ()


@dataclass(frozen=True)
class BankError:
    """A problem in one data file: which file, which field, what is wrong."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Bank:
    """Everything that loaded, plus the errors of what did not."""

    questions: tuple[Question, ...] = ()
    companies: tuple[Company, ...] = ()
    errors: tuple[BankError, ...] = field(default=())

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)

    def company(self, name_or_id: str) -> Company | None:
        """The company matched by id or name, case-insensitively, or None."""
        key = name_or_id.strip().casefold()
        return next(
            (c for c in self.companies if key in (c.id.casefold(), c.name.casefold())), None
        )
