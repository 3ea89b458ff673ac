"""Writing companies and questions as TOML in exactly the format `loader` reads.

The standard library reads TOML but has no writer, and the files here use only strings,
lists of strings and arrays of tables, so a small writer for those is enough and adds no
dependency. Every string is written as a basic string with TOML's escapes, so quotes,
backslashes, newlines and control characters survive; other Unicode is written as itself.

`validate_company_text` and `validate_questions_text` run the loader's own parsing on a text,
so an editor can show the very messages the loader would give, before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from question_bank.loader import read_toml_text, slugify
from question_bank.model import BankError, Company, Question
from question_bank.parse import parse_company, parse_questions

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: the short escapes, \\uXXXX for other control
    characters (TOML forbids them raw), everything else as itself."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_strings(items: Iterable[str]) -> str:
    """A list of strings on one line: `["a", "b"]`."""
    return "[" + ", ".join(toml_string(i) for i in items) + "]"


def company_toml(company: Company) -> str:
    """One company file: its own fields, then one `[[values]]` table per value. Empty
    optional fields are left out, as the loader treats a missing field as empty."""
    lines = [f"id = {toml_string(company.id)}", f"name = {toml_string(company.name)}"]
    if company.source:
        lines.append(f"source = {toml_string(company.source)}")
    for value in company.values:
        lines += ["", "[[values]]", f"name = {toml_string(value.name)}"]
        if value.description:
            lines.append(f"description = {toml_string(value.description)}")
        if value.keywords:
            lines.append(f"keywords = {toml_strings(value.keywords)}")
    return "\n".join(lines) + "\n"


def questions_toml(questions: Iterable[Question]) -> str:
    """A questions file: one `[[questions]]` table per question, in order."""
    blocks = []
    for q in questions:
        lines = ["[[questions]]", f"id = {toml_string(q.id)}", f"text = {toml_string(q.text)}",
                 f"kind = {toml_string(q.kind)}"]
        if q.competencies:
            lines.append(f"competencies = {toml_strings(q.competencies)}")
        lines.append(f"roles = {toml_strings(q.roles or ('any',))}")
        if q.follow_ups:
            lines.append(f"follow_ups = {toml_strings(q.follow_ups)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def validate_company_text(text: str, file: str) -> tuple[Company | None, list[BankError]]:
    """The company the loader would read from `text` saved as `file`, and its errors.

    Stricter than loading in one way: any error means None, because an editor must not
    save a company that would silently lose one of its values."""
    document, error = read_toml_text(text, file)
    if document is None:
        return None, [error] if error else []
    default_id = slugify(file.rsplit("/", 1)[-1].removesuffix(".toml"))
    company, errors = parse_company(document, file, default_id)
    return (company if not errors else None), errors


def validate_questions_text(text: str, file: str
                            ) -> tuple[list[Question] | None, list[BankError]]:
    """The questions the loader would read from `text` saved as `file`, or None with the
    loader's errors if any entry has one (an editor saves all of them or nothing)."""
    document, error = read_toml_text(text, file)
    if document is None:
        return None, [error] if error else []
    questions, errors = parse_questions(document, file)
    return (questions if not errors else None), errors
