"""The vault's stories in SQLite: saved, edited, listed, linked to attempts, deleted."""

from __future__ import annotations

from pathlib import Path

from desktop.history_query import HistoryFilter
from desktop.store import Store
from desktop.story_store import StoryStore
from scoring.stories import Story


def test_stories_round_trip_and_link_to_attempts(tmp_path: Path):
    store = Store(tmp_path / "db.sqlite3")
    vault = StoryStore(store)
    churn = vault.save_story(Story(None, "Churn model rescue", "success",
                                   situation="Churn rose 3% after a pricing change.",
                                   result="Churn back down 2.1 points in 6 weeks.",
                                   competencies=("ownership", "data"),
                                   values=("We are leaders",)))
    outage = vault.save_story(Story(None, "The outage I caused", "failure"))
    assert churn.id is not None and outage.id is not None
    assert vault.list_stories() == [churn, outage]  # by title
    edited = vault.save_story(Story(churn.id, churn.title, "success", action="Retrained it.",
                                    values=("We are leaders", "We are makers")))
    assert vault.story(churn.id) == edited
    a = store.add_attempt("q", "Q?", "story", None, None, {"score": 50}, 50, 90.0)
    b = store.add_attempt("q", "Q?", "story", None, None, {"score": 60}, 60, 90.0)
    store.link_story(a, churn.id)
    store.link_story(b, churn.id)
    assert vault.attempts_of(churn.id) == [b, a]
    assert {r.story_id for r in store.history(HistoryFilter())} == {churn.id}
    vault.delete_story(churn.id)
    assert vault.story(churn.id) is None
    rows = store.history(HistoryFilter())
    assert len(rows) == 2 and {r.story_id for r in rows} == {None}  # attempts stay, unlinked
