"""Take against take: each figure's change, judged against the coaching figures."""

from __future__ import annotations

from question_bank.model import Question
from scoring import Transcript, Word, analyze
from scoring.compare import compare, part_seconds

QUESTION = Question(id="q", text="Tell me about a time you missed a deadline.", kind="story")
FIRST = (
    "Last year at my company we were launching a new pricing model. "
    "We built a model and we shipped it. It went well."
)
SECOND = (
    "So you're asking about a deadline I missed. "
    "Last year at my company we were launching a new pricing model for merchants. "
    "My task was to deliver the forecast by March with error under 10%. "
    "I built a gradient boosting model because it was faster to iterate. "
    "I set up a backtest and I reviewed it with finance every week. "
    "In the end the forecast cut the error by 30% and saved about $2M a year."
)


def _take(text: str, gap: float = 0.45):
    words = [Word(w, 1 + gap * n, 1 + gap * n + 0.3) for n, w in enumerate(text.split())]
    return analyze(Transcript(tuple(words), duration_s=words[-1].end_s + 0.5), QUESTION, None)


def test_a_better_second_take_shows_its_gains():
    rows = {c.label: c for c in compare(_take(FIRST), _take(SECOND))}
    assert rows["Score"].better is True and rows["Score"].delta.startswith("+")
    assert rows["Length"].better is True  # longer, and closer to the 90–120 s band
    assert rows["Missing parts"].better is True
    assert "−result" in rows["Missing parts"].delta or "−task" in rows["Missing parts"].delta
    assert rows["Figures quantified"].better is True and "+30%" in rows["Figures quantified"].delta
    assert rows["“I” share of I/we"].better is True


def test_every_coached_part_has_a_row_with_its_seconds():
    first, second = _take(FIRST), _take(SECOND)
    rows = {c.label: c for c in compare(first, second)}
    for label in ("Repeat", "Situation", "Task", "Action", "Result", "Link back"):
        assert label in rows
    assert rows["Action"].after == f"{part_seconds(second, 'action'):.0f} s"


def test_speaking_rate_is_better_only_toward_the_comfortable_range():
    slow, comfortable, rushed = _take(SECOND, 0.75), _take(SECOND, 0.42), _take(SECOND, 0.25)
    assert {c.label: c for c in compare(slow, comfortable)}["Speaking rate"].better is True
    assert {c.label: c for c in compare(comfortable, rushed)}["Speaking rate"].better is False


def test_the_same_take_twice_changes_nothing():
    take = _take(SECOND)
    assert all(c.better is None for c in compare(take, take))
