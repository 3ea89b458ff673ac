"""Two takes side by side: figures with their change, timelines on one time axis."""

from __future__ import annotations

from desktop.views.compare_view import BETTER, CompareView
from question_bank.model import Question
from scoring import Transcript, Word, analyze

QUESTION = Question(id="q", text="Tell me about a time you missed a deadline.", kind="story")
SHORT = "Last year we launched a pricing model. We built it and shipped it. It went well."
LONG = ("So you're asking about a deadline I missed. Last year at my company we launched a "
        "pricing model. My task was to deliver the forecast by March. I built a boosting "
        "model because it was faster. In the end the error fell by 30% and saved $2M. ") * 3


def _take(text: str):
    words = [Word(w, 1 + 0.45 * n, 1.3 + 0.45 * n) for n, w in enumerate(text.split())]
    return analyze(Transcript(tuple(words), duration_s=words[-1].end_s + 0.5), QUESTION, None)


def test_figures_and_aligned_timelines(qtbot):
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    before, after = _take(SHORT), _take(LONG)
    view.show_takes(before, after, ("1 Dec", "3 Dec"))
    rows = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    score = rows["Score"]
    assert view.table.item(score, 1).text() == str(before.score)
    assert view.table.item(score, 2).text() == str(after.score)
    assert view.table.item(score, 3).foreground().color() == BETTER
    first, second = view.timelines
    assert first.span_s() == second.span_s() >= after.duration_s  # one time axis
    assert first._scale() == second._scale()
    assert "3 Dec: score" in view.labels[1].text()
