"""Replay: the recording plays while its words light up; clicks on words and blocks seek."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from audio.playback import Player
from audio.wavfile import WavWriter
from desktop.replay import LEAD_IN_S, STEP_S, Replay
from desktop.widgets.part_timeline import PartTimeline
from desktop.widgets.replay_bar import ReplayBar
from desktop.widgets.transcript_view import TranscriptView
from question_bank.model import Question
from scoring import Transcript, Word, analyze

QUESTION = Question(id="q", text="Tell me about a time you failed.", kind="story")
TEXT = ("Um so last year at my company we launched a pricing model for merchants. "
        "My task was to deliver the forecast by March. I built a boosting model and "
        "I tested it every week. In the end the error fell by 30% and we saved $2M.")
GAP = 0.35


def _analysis():
    words = [Word(w, 0.5 + GAP * n, 0.5 + GAP * n + 0.25) for n, w in enumerate(TEXT.split())]
    return analyze(Transcript(tuple(words), duration_s=words[-1].end_s + 0.5), QUESTION, None)


def _wav(path: Path, seconds: float) -> Path:
    t = np.arange(int(16000 * seconds)) / 16000
    writer = WavWriter(path, 16000)
    writer.write((0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32))
    writer.close()
    return path


class FakePlayer:
    """Records what it was asked; its position is whatever the test sets."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.position_s = 0.0
        self.is_playing = False

    def play(self, path, start_s=0.0, speed=1.0):
        self.calls.append(("play", start_s, speed))
        self.position_s, self.is_playing = start_s, True

    def seek(self, seconds):
        self.calls.append(("seek", seconds))
        self.position_s = seconds

    def stop(self):
        self.is_playing = False


def _setup(qtbot, player_factory, wav: Path | None):
    transcript, timeline, bar = TranscriptView(), PartTimeline(), ReplayBar()
    for widget in (transcript, timeline, bar):
        qtbot.addWidget(widget)
    transcript.resize(600, 300)
    timeline.resize(600, 80)
    messages: list[str] = []
    replay = Replay(bar, transcript, timeline, player_factory, messages.append)
    analysis = _analysis()
    transcript.set_analysis(analysis)
    timeline.set_analysis(analysis)
    replay.load(analysis, wav)
    transcript.show()
    timeline.show()
    return replay, analysis, messages


def _highlighted(replay: Replay) -> str:
    selections = replay.transcript.extraSelections()
    return selections[0].cursor.selectedText() if selections else ""


def test_clicking_a_word_seeks_to_it_and_highlights_it(qtbot, tmp_path):
    player = FakePlayer()
    replay, analysis, _ = _setup(qtbot, lambda: player, _wav(tmp_path / "a.wav", 20))
    view = replay.transcript
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.toPlainText().index("boosting") + 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.cursorRect(cursor).center())
    word = next(w for w in analysis.extra["words"] if w["text"].strip() == "boosting")
    assert replay.position_s == pytest.approx(word["start_s"])
    assert _highlighted(replay) == "boosting"


def test_clicking_a_timeline_block_seeks_to_the_part(qtbot, tmp_path):
    player = FakePlayer()
    replay, analysis, _ = _setup(qtbot, lambda: player, _wav(tmp_path / "a.wav", 20))
    action = next(p for p in analysis.parts if p.part == "action")
    scale = replay.timeline._scale()
    x = int(1 + (action.start_s + action.duration_s / 2) * scale)
    qtbot.mouseClick(replay.timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, 30))
    assert replay.position_s == pytest.approx(action.start_s)


def test_speed_and_jumps_reach_the_player(qtbot, tmp_path):
    player = FakePlayer()
    replay, _analysis, _ = _setup(qtbot, lambda: player, _wav(tmp_path / "a.wav", 20))
    replay.bar.speed_box.setCurrentIndex(replay.bar.speed_box.findData(1.5))
    replay.bar.filler_button.click()  # "Um" is the filler: jump there and play
    assert player.calls[-1] == ("play", pytest.approx(0.0), 1.5)
    replay.bar.speed_box.setCurrentIndex(replay.bar.speed_box.findData(0.75))
    assert player.calls[-1][0] == "play" and player.calls[-1][2] == 0.75  # restarted in place
    player.position_s = 3.0
    replay.step(STEP_S)  # the window's L key
    assert replay.position_s == pytest.approx(8.0)
    replay.stop()
    assert not player.is_playing and replay.transcript.extraSelections() == []
    assert LEAD_IN_S > 0


def test_a_missing_recording_is_said_and_the_feedback_stays(qtbot, tmp_path):
    replay, _analysis, _ = _setup(qtbot, FakePlayer, tmp_path / "gone.wav")
    assert not replay.bar.play_button.isEnabled()
    assert "gone.wav is missing" in replay.bar.status.text()
    assert "boosting" in replay.transcript.toPlainText()


@pytest.mark.slow
def test_the_highlight_follows_real_playback(qtbot, virtual_mic, tmp_path):
    """On the PulseAudio virtual sink: the word lit up is the one at the player's position."""
    replay, analysis, _ = _setup(qtbot, Player, _wav(tmp_path / "a.wav", 16))
    words = analysis.extra["words"]
    replay.play()
    seen: list[tuple[float, str]] = []
    deadline = time.monotonic() + 4.0
    while time.monotonic() < deadline:
        qtbot.wait(100)
        seen.append((replay.position_s, _highlighted(replay)))
    replay.stop()
    assert seen[-1][0] > seen[0][0] + 2.0  # it played, in real time or near it
    lit = [text for _, text in seen if text]
    assert len(set(lit)) >= 5  # the highlight moved from word to word
    for position, text in seen[5:]:
        current = [w for w in words if w["start_s"] <= position][-1]
        assert text == current["text"].strip()
