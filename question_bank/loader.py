"""Loading the question bank: bundled TOML data plus the user's own files.

Where files live
    Bundled: ``question_bank/data/questions/*.toml`` and ``question_bank/data/companies/*.toml``.
    User: ``<user_dir>/questions/*.toml`` and ``<user_dir>/companies/*.toml`` (same schema).
    Files are read in name order; other file types are ignored.

Questions file (any number of ``[[questions]]`` tables)::

    [[questions]]
    id = "missed-deadline"            # required; lowercase letters, digits, '-' or '_'
    text = "Tell me about a time you missed a deadline."   # required
    kind = "story"                    # required; "story" or "background"
    competencies = ["deadline", "failure"]   # optional; words from COMPETENCIES
    roles = ["any"]                   # optional (default ["any"]); words from ROLES
    follow_ups = ["What would you do differently?"]   # optional; at most 3

Company file (one company per file)::

    id = "example"                    # optional; defaults to the file name, e.g. example.toml
    name = "Example Corp"             # required; the company's own spelling
    source = "Example Corp careers page, 'Our values'"   # optional; where the values come from

    [[values]]
    name = "Customers first"          # required; the company's own wording
    description = "Start from what the customer needs."  # optional
    keywords = ["customer", "user need"]   # optional; words that signal it in an answer

Merging
    A user question whose ``id`` matches a bundled one replaces it (same place in the order);
    new ids are added after the bundled ones. Likewise a user company replaces the bundled
    company with the same ``id``. Between two user files, the later file name wins.

Errors
    Nothing here raises on bad data. A file that is not valid TOML is skipped as a whole; any
    other problem skips only the entry it is in (one question, one company value, or the company
    if its own fields are wrong). Each problem becomes a ``BankError`` naming the file and the
    field (``questions[3].kind``, counting from 0) and saying how to fix it; the rest loads.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from question_bank.model import Bank, BankError, Company, Question
from question_bank.parse import parse_company, parse_questions
from question_bank.vocabulary import COMPETENCIES, MAX_FOLLOW_UPS, ROLES

__all__ = ["COMPETENCIES", "MAX_FOLLOW_UPS", "ROLES", "bundled_dir", "load_bank"]

T = TypeVar("T", Question, Company)
Source = Traversable | Path
_LOCATION = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)$")


def bundled_dir() -> Traversable:
    """The data folder shipped inside the package (works from a wheel or a frozen app too)."""
    return resources.files("question_bank") / "data"


def load_bank(user_dir: Path | None = None) -> Bank:
    """The bundled questions and companies, with the user's files from ``user_dir`` merged in.

    See the module docstring for the file schema and the merge rule (a user entry replaces the
    bundled one with the same id).
    """
    roots: list[Source] = [bundled_dir()]
    if user_dir is not None:
        roots.append(Path(user_dir))
    questions: list[Question] = []
    companies: list[Company] = []
    errors: list[BankError] = []
    for root in roots:
        files, folder_errors = _toml_files(root / "questions")
        found, file_errors = _load(files, _questions_of)
        questions = _merge(questions, found, key=lambda q: q.id)
        errors.extend([*folder_errors, *file_errors])
        files, folder_errors = _toml_files(root / "companies")
        found_companies, file_errors = _load(files, _company_of)
        companies = _merge(companies, found_companies, key=lambda c: c.id)
        errors.extend([*folder_errors, *file_errors])
    return Bank(questions=tuple(questions), companies=tuple(companies), errors=tuple(errors))


def _toml_files(folder: Source) -> tuple[list[Source], list[BankError]]:
    """The folder's TOML files in name order (so "later file wins" is predictable). A folder
    that is absent has none; one that cannot be listed is an error, and the rest loads."""
    try:
        if not folder.is_dir():
            return [], []
        files = [f for f in folder.iterdir() if f.name.endswith(".toml") and f.is_file()]
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        message = f"cannot be read ({reason}); check its permissions, nothing in it loaded"
        return [], [BankError(str(folder), "(folder)", message)]
    return sorted(files, key=lambda f: f.name), []


def _load(
    files: Iterable[Source],
    parse: Callable[[dict[str, Any], Source], tuple[list[T], list[BankError]]],
) -> tuple[list[T], list[BankError]]:
    """Parse each file in turn, later files replacing earlier entries with the same id; a
    file that is not TOML at all is one error and skipped."""
    entries: list[T] = []
    errors: list[BankError] = []
    for file in files:
        document, error = _read_toml(file)
        if document is None:
            errors.append(error)  # type: ignore[arg-type]
            continue
        found, file_errors = parse(document, file)
        entries = _merge(entries, found, key=lambda entry: entry.id)
        errors.extend(file_errors)
    return entries, errors


def _questions_of(document: dict[str, Any], file: Source) -> tuple[list[Question], list[BankError]]:
    return parse_questions(document, str(file))


def _company_of(document: dict[str, Any], file: Source) -> tuple[list[Company], list[BankError]]:
    """A company file holds one company; its id defaults to the file's name."""
    default_id = slugify(file.name.removesuffix(".toml"))
    company, errors = parse_company(document, str(file), default_id)
    return ([company] if company is not None else []), errors


def _read_toml(file: Source) -> tuple[dict[str, Any] | None, BankError | None]:
    """The parsed document, or the error that makes the whole file unusable."""
    try:
        text = file.read_bytes().decode("utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"cannot be read ({reason}); check the file exists and is readable"
        return None, BankError(str(file), "(file)", message)
    except UnicodeDecodeError:
        message = "is not UTF-8 text; save it as UTF-8 and reload"
        return None, BankError(str(file), "(file)", message)
    return read_toml_text(text, str(file))


def read_toml_text(text: str, file: str) -> tuple[dict[str, Any] | None, BankError | None]:
    """The parsed document of a file's text, or the error naming where the syntax breaks;
    public so an editor can check a text with the very message loading would give."""
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        text = str(exc)
        match = _LOCATION.search(text)
        field = match.group(1) if match else "(file)"
        reason = _LOCATION.sub("", text)
        message = f"is not valid TOML ({reason}); fix the syntax there, nothing in it loaded"
        return None, BankError(file, field, message)


def _merge(base: list[T], extra: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """``base`` with each item of ``extra`` replacing the one with its key, or appended."""
    merged = list(base)
    index = {key(item): i for i, item in enumerate(merged)}
    for item in extra:
        if key(item) in index:
            merged[index[key(item)]] = item
        else:
            index[key(item)] = len(merged)
            merged.append(item)
    return merged


def slugify(name: str) -> str:
    """A file name as an id: 'My Company' -> 'my-company'."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "company"
