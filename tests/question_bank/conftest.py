"""Helpers for writing a user's data folder by hand, as a user would."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from question_bank import Bank, load_bank

GOOD_QUESTION = """
[[questions]]
id = "{id}"
text = "{text}"
kind = "story"
competencies = ["failure"]
follow_ups = ["What did you learn?"]
"""

GOOD_COMPANY = """
name = "{name}"
source = "Test fixture"

[[values]]
name = "Be kind"
keywords = ["kind", "kindness"]
"""


@pytest.fixture
def user_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``text`` (dedented) to ``relative`` inside a fresh user data folder."""

    def write(relative: str, text: str) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def load_user(tmp_path: Path) -> Callable[[], Bank]:
    """Load the bundled bank with the test's user folder merged in."""
    return lambda: load_bank(tmp_path)


@pytest.fixture
def good_question() -> Callable[..., str]:
    """A valid [[questions]] entry, to surround a broken one with."""

    def entry(question_id: str, text: str = "Tell me about a time you failed.") -> str:
        return GOOD_QUESTION.format(id=question_id, text=text)

    return entry


@pytest.fixture
def good_company() -> Callable[[str], str]:
    """A valid company file body with the given name."""
    return lambda name: GOOD_COMPANY.format(name=name)
