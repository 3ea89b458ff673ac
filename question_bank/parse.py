"""Turning parsed TOML documents into records, one entry at a time.

Each question and each company value is validated on its own, so one bad entry costs only
itself: the user's other questions still load and the error says exactly which entry to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from question_bank.fields import TableReader
from question_bank.model import KINDS, BankError, Company, Question, Value
from question_bank.vocabulary import COMPETENCIES, MAX_FOLLOW_UPS, ROLES

QUESTION_KEYS = ("id", "text", "kind", "competencies", "roles", "follow_ups")
COMPANY_KEYS = ("id", "name", "source", "values")
VALUE_KEYS = ("name", "description", "keywords")


def parse_questions(
    document: Mapping[str, Any], file: str
) -> tuple[list[Question], list[BankError]]:
    """The valid questions of a questions file, and an error for each entry that is not."""
    top = TableReader(document, "", file)
    top.reject_unknown_keys(("questions",))
    questions: list[Question] = []
    errors = top.errors
    seen: dict[str, str] = {}
    for path, table in top.tables("questions", example="[[questions]]"):
        question, entry_errors = _parse_question(table, path, file)
        errors.extend(entry_errors)
        if question is None:
            continue
        if question.id in seen:
            errors.append(
                BankError(
                    file,
                    f"{path}.id",
                    f"duplicate id {question.id!r} (first used at {seen[question.id]}); "
                    "give each question its own id",
                )
            )
            continue
        seen[question.id] = path
        questions.append(question)
    return questions, errors


def _parse_question(
    table: Mapping[str, Any], path: str, file: str
) -> tuple[Question | None, list[BankError]]:
    reader = TableReader(table, path, file)
    reader.reject_unknown_keys(QUESTION_KEYS)
    question = Question(
        id=reader.slug("id"),
        text=reader.text("text", example='"Tell me about a time ..."'),
        kind=reader.choice("kind", KINDS),  # type: ignore[arg-type]
        competencies=reader.strings("competencies", allowed=COMPETENCIES),
        roles=reader.strings("roles", allowed=ROLES) or ("any",),
        follow_ups=reader.strings("follow_ups", max_items=MAX_FOLLOW_UPS),
    )
    return (question if reader.ok else None), reader.errors


def parse_company(
    document: Mapping[str, Any], file: str, default_id: str
) -> tuple[Company | None, list[BankError]]:
    """The company of a company file, or None with the reasons.

    A bad ``[[values]]`` entry drops only that value; a problem with the company itself (its id,
    name, source, an unknown key, or no valid value at all) drops the company.

    ``default_id`` (from the file name) is used when the file has no ``id``, and ``source``
    defaults to naming the file, so a user can start with just a name and values.
    """
    reader = TableReader(document, "", file)
    reader.reject_unknown_keys(COMPANY_KEYS)
    company_id = reader.slug("id", default=default_id)
    name = reader.text("name", example='"Example Corp"')
    source = reader.text("source", required=False) or f"your own file {file}"
    values, value_errors = _parse_values(reader, file)
    errors = reader.errors + value_errors
    if not values or not reader.ok:
        return None, errors
    return Company(id=company_id, name=name, source=source, values=tuple(values)), errors


def _parse_values(reader: TableReader, file: str) -> tuple[list[Value], list[BankError]]:
    values: list[Value] = []
    errors: list[BankError] = []
    seen: dict[str, str] = {}
    for path, table in reader.tables("values", example="[[values]]"):
        value_reader = TableReader(table, path, file)
        value_reader.reject_unknown_keys(VALUE_KEYS)
        value = Value(
            name=value_reader.text("name", example='"Customer obsession"'),
            description=value_reader.text("description", required=False),
            keywords=tuple(k.casefold() for k in value_reader.strings("keywords")),
        )
        key = value.name.casefold()
        if value_reader.ok and key in seen:
            value_reader.fail(
                f"{path}.name",
                f"duplicate value {value.name!r} (first at {seen[key]}); list each value once",
            )
        errors.extend(value_reader.errors)
        if value_reader.ok:
            seen[key] = path
            values.append(value)
    return values, errors
