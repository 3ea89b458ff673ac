"""The window's History, replay, comparison, export, delete and transcript fix, driven
through the window with fake devices and a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    misheard = ANSWER.replace("Churn fell by 4% and we saved 2 million dollars.",
                              "Turn fell by for and we saved to million dollars.")
    window, store, _ = _window(qtbot, tmp_path, home, answer=misheard)
    _take(qtbot, window)
    before = store.attempt(1).analysis
    shown = window.screens.shown
    message = window.screens.actions.fix_transcript(shown, ANSWER)
    assert message is None
    after = store.attempt(1).analysis
    assert "4%" in after["content"]["quantified"] and "4%" not in before["content"]["quantified"]
    assert after["transcript_edited"] is True and after["original_transcript"] == misheard
    assert window.feedback.analysis.transcript == after["transcript"]
