"""The history list: filters and sorts go to the query, choices go to the actions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from desktop.history_query import HistoryFilter, HistoryRow
from desktop.views.history_view import HistoryActions, HistoryView, cell_text

NOW = datetime.now(UTC)
ROWS = [
    HistoryRow(1, NOW - timedelta(days=40), "fail", "Tell me about a failure.", "story",
               "Amazon", 55, 80.0, (90, 120), "too_short", None),
    HistoryRow(2, NOW - timedelta(days=2), "fail", "Tell me about a failure.", "story",
               "Amazon", 71, 101.0, (90, 120), "on_target", None),
    HistoryRow(3, NOW - timedelta(hours=1), "bg", "Walk me through your background.",
               "background", None, 64, 95.0, (60, 90), "too_long", None),
]


def _query(f: HistoryFilter) -> list[HistoryRow]:
    """What the store's SQL does, in Python, so the view can be tested alone."""
    rows = [r for r in ROWS if (f.question_id in (None, r.question_id))
            and (f.company in (None, r.company)) and (f.kind in (None, r.kind))
            and (f.since is None or r.created_at >= f.since)]
    key = {"date": lambda r: r.created_at, "score": lambda r: r.score}.get(
        f.sort, lambda r: r.created_at)
    rows = sorted(rows, key=key, reverse=f.descending)
    return rows[f.offset:f.offset + f.limit] if f.limit is not None else rows


def _view(qtbot):
    calls: list[tuple] = []
    actions = HistoryActions(open=lambda i: calls.append(("open", i)),
                             compare=lambda a, b: calls.append(("compare", a, b)),
                             export=lambda ids: calls.append(("export", ids)),
                             delete=lambda ids: calls.append(("delete", ids)))
    view = HistoryView(_query, lambda f: len(_query(replace(f, limit=None))), actions)
    qtbot.addWidget(view)
    view.set_choices([("fail", "Tell me about a failure."), ("bg", "Background")], ["Amazon"])
    return view, calls


def test_lists_every_attempt_newest_first_with_its_band(qtbot):
    view, _ = _view(qtbot)
    assert [r.id for r in view.model.rows] == [3, 2, 1]
    assert cell_text(ROWS[0], "duration") == "1:20 (1:30–2:00)"
    assert cell_text(ROWS[0], "verdict") == "too short"
    assert view.count_label.text() == "3 attempts"


def test_filters_and_sort_reach_the_query(qtbot):
    view, _ = _view(qtbot)
    view.kind_box.setCurrentIndex(view.kind_box.findData("story"))
    assert [r.id for r in view.model.rows] == [2, 1]
    view.period_box.setCurrentIndex(view.period_box.findData(7))
    assert [r.id for r in view.model.rows] == [2]
    view.period_box.setCurrentIndex(0)
    view.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
    assert view.filter.sort == "score" and not view.filter.descending
    assert [r.id for r in view.model.rows] == [1, 2]


def test_compare_needs_two_takes_of_one_question(qtbot):
    view, calls = _view(qtbot)
    view.table.selectRow(0)
    assert view.open_button.isEnabled() and not view.compare_button.isEnabled()
    view.open_button.click()
    assert calls[-1] == ("open", 3)
    view.table.selectAll()
    assert not view.compare_button.isEnabled()  # three rows, two questions
    view.kind_box.setCurrentIndex(view.kind_box.findData("story"))
    view.table.selectAll()
    view.compare_button.click()
    assert calls[-1] == ("compare", 1, 2)  # oldest first
    view.delete_button.click()
    assert calls[-1] == ("delete", [2, 1])


def test_refresh_keeps_the_selection(qtbot):
    view, _ = _view(qtbot)
    view.table.selectRow(1)
    ROWS.append(replace(ROWS[2], id=4, created_at=NOW))
    try:
        view.refresh()
        assert view.selected_ids() == [2]
        assert view.count_label.text() == "4 attempts"
    finally:
        ROWS.pop()


def test_a_long_history_loads_a_page_at_a_time_from_the_store(qtbot, tmp_path):
    from desktop.store import Store
    from desktop.views.history_view import PAGE

    store = Store(tmp_path / "db.sqlite3")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(PAGE * 2 + 50):
        store.add_attempt("q", "Tell me about a failure.", "story", None, None,
                          {"score": n % 100, "timing": {"verdict": "on_target"}}, n % 100,
                          95.0, start + timedelta(hours=n))
    view = HistoryView(store.history, store.history_count, HistoryActions(
        open=print, compare=print, export=print, delete=print))
    qtbot.addWidget(view)
    assert len(view.model.rows) == PAGE and view.model.total == PAGE * 2 + 50
    assert view.count_label.text() == f"{PAGE * 2 + 50} attempts"
    while view.model.canFetchMore():
        view.model.fetchMore()
    ids = [r.id for r in view.model.rows]
    assert len(ids) == len(set(ids)) == PAGE * 2 + 50  # every attempt once, newest first
    assert ids == sorted(ids, reverse=True)
