"""The window's History, replay, comparison, export, delete and transcript fix, driven
through the window with fake devices and a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.history_query import HistoryFilter
from desktop.store import Store
from desktop.views.compare_view import CompareView
from tests.desktop.test_window_fakes import ANSWER, STORY, FakeStreaming, make_window

BETTER_ANSWER = ANSWER + (" Since then I always set up monitoring before a launch, because "
                          "owning the outcome is what I care about.")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


class SpeedPlayer:
    """A player with the replay's calls; it plays instantly and remembers what."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.position_s, self.is_playing = 0.0, False

    def play(self, path, start_s=0.0, speed=1.0):
        self.calls.append((Path(path), start_s, speed))
        self.position_s, self.is_playing = start_s, True

    def seek(self, seconds):
        self.position_s = seconds

    def stop(self):
        self.is_playing = False


def _take(qtbot, window) -> None:
    window.picker.select_question(STORY.id)
    window.start_recording()
    window.stop_recording()
    qtbot.waitUntil(lambda: not window.finisher.busy and not window.workers.busy())


def _window(qtbot, tmp_path, home, answer=ANSWER):
    store = Store(home / "micdrop.sqlite3")
    player = SpeedPlayer()
    window, *_ = make_window(qtbot, tmp_path, store=store, answer=answer,
                             ask=lambda *_: True,
                             devices_extra={"player": lambda _s: player})
    return window, store, player


def test_takes_appear_in_history_and_open_with_their_replay(qtbot, tmp_path, home):
    window, store, player = _window(qtbot, tmp_path, home)
    _take(qtbot, window)
    screens = window.screens
    assert screens.replay_bar.play_button.isEnabled()  # the fresh take can be replayed
    screens.replay.play()
    assert player.calls[-1][0] == screens.shown.wav
    screens.show_tab("History")
    assert [r.id for r in screens.history.model.rows] == [1]
    assert "best" in window.picker.question_list.currentItem().text()
    window.feedback.show_placeholder("story")  # something else on screen
    screens.history.table.selectRow(0)
    screens.history.open_button.click()
    assert screens.tabs.tabText(screens.tabs.currentIndex()) == "Rehearse"
    assert window.feedback.analysis.score == store.attempt(1).score
    assert screens.shown.attempt_id == 1 and screens.replay_bar.play_button.isEnabled()


def test_a_missing_recording_still_opens_its_feedback(qtbot, tmp_path, home):
    window, store, _ = _window(qtbot, tmp_path, home)
    _take(qtbot, window)
    store.attempt(1).wav_path.unlink()
    window.screens.actions.open(1)
    assert window.feedback.analysis is not None
    assert not window.screens.replay_bar.play_button.isEnabled()
    assert "is missing" in window.screens.replay_bar.status.text()


def test_compare_two_takes_of_the_question(qtbot, tmp_path, home):
    window, store, _ = _window(qtbot, tmp_path, home)
    _take(qtbot, window)
    window.devices.streaming = lambda _t: FakeStreaming(BETTER_ANSWER)
    _take(qtbot, window)
    history = window.screens.history
    window.screens.show_tab("History")
    history.table.selectAll()
    assert history.compare_button.isEnabled()
    history.compare_button.click()
    dialog = window.screens.actions.compare_dialog
    view = dialog.findChild(CompareView)
    rows = {c.label: c for c in view.changes}
    assert rows["Score"].before == str(store.attempt(1).score)
    assert rows["Score"].after == str(store.attempt(2).score)
    dialog.close()


def test_export_every_format_and_delete(qtbot, tmp_path, home):
    window, store, _ = _window(qtbot, tmp_path, home)
    _take(qtbot, window)
    for suffix in ("pdf", "html", "md", "json"):
        target = tmp_path / f"report.{suffix}"
        window.screens.actions.export([1], path=target)
        qtbot.waitUntil(lambda t=target: t.exists() and not window.workers.busy())
        assert target.stat().st_size > 300
    assert json.loads((tmp_path / "report.json").read_text())["score"] == store.attempt(1).score
    wav = store.attempt(1).wav_path
    window.screens.show_tab("History")
    window.screens.history.table.selectRow(0)
    window.screens.history.delete_button.click()  # ask() answers yes in these tests
    assert store.attempt(1) is None and not wav.exists()
    assert window.screens.history.model.rows == []


def test_fixing_the_transcript_rescores_and_keeps_the_original(qtbot, tmp_path, home):
    """The recognizer heard "4%" as "for" and dropped the tie-back: fixing both finds the
    figure and the link back, and the score and the missing parts change with them."""
    heard = ANSWER.replace("Churn fell by 4%", "Churn fell by for")
    fixed = ANSWER + " That is why I always take ownership of the outcome, as an owner would."
    window, store, _ = _window(qtbot, tmp_path, home, answer=heard)
    window.picker.select_company("acme")
    _take(qtbot, window)
    before = store.attempt(1).analysis
    assert "link" in before["missing_parts"] and "4%" not in before["content"]["quantified"]
    assert window.screens.actions.fix_transcript(window.screens.shown, fixed) is None
    after = store.attempt(1).analysis
    assert "link" not in after["missing_parts"] and "4%" in after["content"]["quantified"]
    assert after["score"] != before["score"]
    assert after["transcript_edited"] is True and after["original_transcript"] == heard
    assert window.feedback.analysis.transcript == after["transcript"]
    assert window.feedback.score_label.text() == str(after["score"])


def test_vault_stories_color_the_grid_link_takes_and_filter_history(qtbot, tmp_path, home):
    from desktop.story_store import StoryStore
    from scoring.stories import Story

    window, store, _ = _window(qtbot, tmp_path, home)
    window.picker.select_company("acme")
    screens = window.screens
    screens.show_tab("Values")
    assert [c.status for c in screens.grid.cells] == ["red"]
    churn = Story(None, "Churn model at a telecom", "failure",
                  situation="In 2022 I led the churn model at a telecom.",
                  task="Cut churn by five percent.",
                  action="I rebuilt the features and ran an A/B test with monitoring.",
                  result="Churn fell by 4% and we saved 2 million dollars.",
                  values=("Own it",))
    for story in (churn, Story(None, "Another ownership story", "success",
                               values=("Own it",))):
        screens.show_tab("Story vault")
        screens.vault.new_story(values=story.values)
        screens.vault.editor.load(story)
        screens.vault.save()
        screens.show_tab("Values")
        stories = len(StoryStore(store).list_stories())
        assert [c.status for c in screens.grid.cells] == [("amber", "green")[stories - 1]]
    screens.show_tab("Rehearse")
    _take(qtbot, window)  # the answer retells the churn story
    told = screens.story_told
    assert told.isVisibleTo(window) and "Churn model at a telecom" in told.label.text()
    assert store.history(HistoryFilter())[0].story_id == told.story_id
    screens.show_tab("History")
    history = screens.history
    history.story_box.setCurrentIndex(history.story_box.findText("Another ownership story"))
    assert history.model.rows == []
    history.story_box.setCurrentIndex(history.story_box.findText("Churn model at a telecom"))
    assert len(history.model.rows) == 1
    screens.export_vault(tmp_path / "vault.md")
    text = (tmp_path / "vault.md").read_text()
    assert "Churn model at a telecom" in text and "Churn fell by 4%" in text
