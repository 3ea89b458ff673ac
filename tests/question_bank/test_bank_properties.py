"""Properties of the parser over arbitrary hand-written entries: it never crashes, and an
entry either loads cleanly or is refused with errors that point inside that entry."""

from __future__ import annotations

import json
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank import COMPETENCIES, KINDS, MAX_FOLLOW_UPS, ROLES, Question
from question_bank.parse import QUESTION_KEYS, parse_questions

FILE = "user.toml"

plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
scalars = st.one_of(plain_text, st.integers(), st.booleans(), st.floats(allow_nan=False))
toml_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(plain_text, inner, max_size=3),
    max_leaves=8,
)
words = st.sampled_from([*KINDS, *COMPETENCIES, *ROLES, "stroy", "", "a-b"])
field_values = st.one_of(words, toml_values, st.lists(words, max_size=5))
entries = st.dictionaries(st.sampled_from([*QUESTION_KEYS, "followups", "notes"]), field_values)


@settings(max_examples=100, deadline=None)
@given(entries)
def test_any_entry_loads_cleanly_or_is_refused_with_located_errors(entry: dict) -> None:
    questions, errors = parse_questions({"questions": [entry]}, FILE)
    if questions:
        (question,) = questions
        assert errors == []
        assert question.kind in KINDS and question.text and question.id
        assert set(question.competencies) <= set(COMPETENCIES)
        assert set(question.roles) <= set(ROLES) and question.roles
        assert len(question.follow_ups) <= MAX_FOLLOW_UPS
    else:
        assert errors
        assert all(e.file == FILE and e.field.startswith("questions[0].") for e in errors)
        assert all(e.message for e in errors)


slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")
stripped_text = plain_text.map(str.strip).filter(bool)


@st.composite
def questions(draw: st.DrawFn) -> Question:
    return Question(
        id=draw(slugs),
        text=draw(stripped_text),
        kind=draw(st.sampled_from(KINDS)),
        competencies=tuple(draw(st.lists(st.sampled_from(COMPETENCIES), unique=True))),
        roles=tuple(draw(st.lists(st.sampled_from(ROLES), min_size=1, unique=True))),
        follow_ups=tuple(draw(st.lists(stripped_text, max_size=MAX_FOLLOW_UPS, unique=True))),
    )


def as_toml(question: Question) -> str:
    """What a user would type for this question (JSON strings are valid TOML basic strings)."""
    lines = ["[[questions]]"]
    for key in QUESTION_KEYS:
        value = getattr(question, key)
        value = list(value) if isinstance(value, tuple) else value
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(questions(), min_size=1, max_size=4, unique_by=lambda q: q.id))
def test_written_questions_read_back_unchanged(written: list[Question]) -> None:
    document = tomllib.loads("\n".join(as_toml(q) for q in written))
    loaded, errors = parse_questions(document, FILE)
    assert errors == []
    assert loaded == written
