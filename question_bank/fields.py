"""Typed reading of one TOML table, collecting every problem instead of stopping at the first.

Hand-written files have several mistakes at once; reporting all of them, each under its exact
path (``questions[3].kind``), saves the user a fix-reload-fix loop.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from question_bank.model import BankError

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def toml_type(value: object) -> str:
    """How a TOML author would name the type they wrote, for messages."""
    names: tuple[tuple[type | tuple[type, ...], str], ...] = (
        (bool, "true/false"),
        ((int, float), "a number"),
        (str, "text"),
        (list, "a list"),
        (dict, "a table"),
        ((datetime.date, datetime.time), "a date/time"),
    )
    return next((name for kind, name in names if isinstance(value, kind)), type(value).__name__)


def one_of(word: str, allowed: Iterable[str]) -> str:
    """A hint naming the closest allowed word, or all of them, so a typo is fixed in one go."""
    allowed = tuple(allowed)
    close = difflib.get_close_matches(word, allowed, n=1)
    if close:
        return f"did you mean {close[0]!r}? Allowed: {', '.join(allowed)}"
    return f"use one of: {', '.join(allowed)}"


class TableReader:
    """Reads fields of one table at ``path`` in ``file``; any problem marks the table unusable."""

    def __init__(self, table: Mapping[str, Any], path: str, file: str) -> None:
        self.table = table
        self.path = path
        self.file = file
        self.errors: list[BankError] = []

    @property
    def ok(self) -> bool:
        return not self.errors

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, field: str, message: str) -> None:
        self.errors.append(BankError(self.file, field, message))

    def reject_unknown_keys(self, allowed: Iterable[str]) -> None:
        """A misspelt key (``followups``) would otherwise be dropped without a word."""
        allowed = tuple(allowed)
        for key in self.table:
            if key not in allowed:
                self.fail(self.where(key), f"unknown key; {one_of(key, allowed)}")

    def text(self, key: str, *, required: bool = True, example: str = "") -> str:
        """A non-empty string, stripped; "" when absent and not required."""
        if key not in self.table:
            if required:
                self.fail(self.where(key), f"missing; add {key} = {example or '...'}")
            return ""
        value = self.table[key]
        if not isinstance(value, str):
            self.fail(self.where(key), f"expected text in quotes, got {toml_type(value)}")
            return ""
        if not value.strip():
            self.fail(self.where(key), "is empty; write the text between the quotes")
        return value.strip()

    def slug(self, key: str, *, default: str = "") -> str:
        """An id made of lowercase letters, digits, '-' or '_', stable enough to key history on."""
        value = self.text(key, required=not default, example='"my-question"')
        if key not in self.table:
            return default
        if value and not SLUG.match(value):
            self.fail(
                self.where(key),
                f"{value!r} is not a valid id; use lowercase letters, digits and '-', "
                'e.g. "missed-deadline"',
            )
        return value

    def choice(self, key: str, allowed: Iterable[str]) -> str:
        """One word from a fixed set."""
        allowed = tuple(allowed)
        value = self.text(key, example=f'"{allowed[-1]}"')
        if value and value not in allowed:
            self.fail(self.where(key), f"unknown {key} {value!r}; {one_of(value, allowed)}")
        return value

    def strings(
        self,
        key: str,
        *,
        allowed: Iterable[str] | None = None,
        max_items: int | None = None,
    ) -> tuple[str, ...]:
        """An optional list of non-empty strings, each checked against ``allowed`` if given."""
        if key not in self.table:
            return ()
        values = self.table[key]
        if not isinstance(values, list):
            self.fail(
                self.where(key),
                f'expected a list like ["a", "b"], got {toml_type(values)}',
            )
            return ()
        if max_items is not None and len(values) > max_items:
            self.fail(self.where(key), f"has {len(values)} items; keep at most {max_items}")
        allowed = tuple(allowed) if allowed is not None else None
        items: list[str] = []
        for index, value in enumerate(values):
            field = f"{self.where(key)}[{index}]"
            if not isinstance(value, str) or not value.strip():
                self.fail(field, f"expected non-empty text in quotes, got {toml_type(value)}")
            elif allowed is not None and value.strip() not in allowed:
                self.fail(field, f"unknown value {value!r}; {one_of(value.strip(), allowed)}")
            else:
                items.append(value.strip())
        return tuple(dict.fromkeys(items))

    def tables(self, key: str, *, example: str) -> list[tuple[str, Mapping[str, Any]]]:
        """The array of tables under ``key`` with each one's path; an empty array is a mistake."""
        values = self.table.get(key)
        if values is None or values == []:
            self.fail(self.where(key), f"missing; add at least one {example} table")
            return []
        if not isinstance(values, list):
            self.fail(self.where(key), f"expected {example} tables, got {toml_type(values)}")
            return []
        found: list[tuple[str, Mapping[str, Any]]] = []
        for index, value in enumerate(values):
            path = f"{self.where(key)}[{index}]"
            if isinstance(value, dict):
                found.append((path, value))
            else:
                self.fail(path, f"expected a {example} table, got {toml_type(value)}")
        return found
