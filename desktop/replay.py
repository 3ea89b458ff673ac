"""Replay of an attempt: the recording plays while its words light up as they are heard.

It ties the replay bar, the transcript and the timeline to a `Player`. The player's
position is polled on a Qt timer (PortAudio's thread never touches a widget), every
position is in the recording's own seconds whatever the speed, and word times come from the
analysis, so highlighting needs no second pass over the audio.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTextEdit

from audio.errors import AudioError
from desktop.widgets.part_timeline import PartTimeline
from desktop.widgets.replay_bar import ReplayBar
from desktop.widgets.word_highlight import WordMap, highlight
from scoring.analysis import Analysis

POLL_MS = 40  # 25 updates a second: a word is never late by more than a frame
STEP_S = 5.0
LEAD_IN_S = 0.6  # a jump lands this much before the filler or pause, so it is heard in context


class Replay(QObject):
    """Plays one attempt's recording; `load` switches attempts, `stop` ends playback."""

    def __init__(self, bar: ReplayBar, transcript: QTextEdit, timeline: PartTimeline,
                 make_player: Callable[[], Any], say: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar, self.transcript, self.timeline = bar, transcript, timeline
        self._make_player, self._say = make_player, say
        self.player: Any = None
        self.wav: Path | None = None
        self.analysis: Analysis | None = None
        self.position_s = 0.0
        self.words = WordMap("", [])
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._connect()

    def _connect(self) -> None:
        bar = self.bar
        bar.play_button.clicked.connect(self.toggle)
        bar.slider.sliderMoved.connect(lambda value: self.seek(bar.slider_seconds(value)))
        bar.speed_box.currentIndexChanged.connect(lambda _i: self._restart())
        bar.filler_button.clicked.connect(lambda: self._jump(self._filler_times()))
        bar.pause_button.clicked.connect(lambda: self._jump(self._pause_times()))
        self.transcript.viewport().installEventFilter(self)
        self.timeline.installEventFilter(self)

    # --- what is loaded ---------------------------------------------------------------

    def load(self, analysis: Analysis | None, wav: Path | None) -> None:
        """Show `analysis` ready to replay `wav`; a missing file is said, the feedback stays."""
        self.stop()
        self.analysis, self.wav, self.position_s = analysis, wav, 0.0
        words = analysis.extra.get("words", []) if analysis else []
        self.words = WordMap(self.transcript.toPlainText(), words)
        self.bar.set_duration(analysis.duration_s if analysis else 0.0)
        if analysis is None:
            self.bar.set_available(False, "Replay appears here after an answer.")
        elif wav is None or not Path(wav).is_file():
            name = Path(wav).name if wav else "this attempt's recording"
            self.bar.set_available(False, f"The recording {name} is missing, so it cannot be "
                                          "replayed; the feedback is kept.")
        else:
            self.bar.set_available(True)
            self.bar.set_jumps(len(self._filler_times()), len(self._pause_times()))

    @property
    def is_playing(self) -> bool:
        return self.player is not None and self.player.is_playing

    # --- the controls -----------------------------------------------------------------

    def toggle(self) -> None:
        if self.is_playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if self.wav is None or not self.bar.play_button.isEnabled():
            return
        if self.player is None:
            self.player = self._make_player()
        if self.position_s >= self.bar.slider_seconds(self.bar.slider.maximum()) - 0.05:
            self.position_s = 0.0  # at the end: start over, as every player does
        try:
            self.player.play(self.wav, start_s=self.position_s, speed=self.bar.speed)
        except AudioError as error:
            self._say(f"Cannot replay: {error}")
            return
        self.bar.set_playing(True)
        self._timer.start()

    def pause(self) -> None:
        if self.player is not None:
            self.position_s = self.player.position_s
            self.player.stop()
        self._timer.stop()
        self.bar.set_playing(False)

    def stop(self) -> None:
        """End playback (a new take starts, or another attempt is opened)."""
        self.pause()
        highlight(self.transcript, self.words, None)

    def seek(self, seconds: float) -> None:
        end = self.analysis.duration_s if self.analysis else 0.0
        self.position_s = min(max(seconds, 0.0), end)
        if self.is_playing:
            self.player.seek(self.position_s)
        self._show(self.position_s)

    def step(self, delta_s: float) -> None:
        current = self.player.position_s if self.is_playing else self.position_s
        self.seek(current + delta_s)

    def _restart(self) -> None:
        """A new speed takes effect where the listener is."""
        if self.is_playing:
            self.pause()
            self.play()

    def _jump(self, times: list[float]) -> None:
        here = self.player.position_s if self.is_playing else self.position_s
        later = [t for t in times if t - LEAD_IN_S > here + 0.05]
        target = later[0] if later else (times[0] if times else None)
        if target is None:
            return
        self.seek(max(0.0, target - LEAD_IN_S))
        if not self.is_playing:
            self.play()

    def _filler_times(self) -> list[float]:
        words = self.analysis.extra.get("words", []) if self.analysis else []
        return [w["start_s"] for w in words if w.get("filler")]

    def _pause_times(self) -> list[float]:
        words = self.analysis.extra.get("words", []) if self.analysis else []
        return [w["end_s"] for w in words if "pause_after_s" in w]

    # --- following the audio ----------------------------------------------------------

    def _poll(self) -> None:
        if self.player is None:
            return
        self.position_s = self.player.position_s
        self._show(self.position_s)
        if not self.player.is_playing:
            self._timer.stop()
            self.bar.set_playing(False)

    def _show(self, seconds: float) -> None:
        self.bar.set_position(seconds)
        highlight(self.transcript, self.words, self.words.at_time(seconds))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on a word or a timeline block seeks there."""
        if event.type() != QEvent.Type.MouseButtonRelease or not self.bar.slider.isEnabled():
            return False
        point = event.position().toPoint()
        if watched is self.timeline:
            seconds = self.timeline.part_start_at(point.x())
        else:
            index = self.words.at_char(self.transcript.cursorForPosition(point).position())
            seconds = self.words.spots[index].start_s if index is not None else None
        if seconds is not None:
            self.seek(seconds)
        return False
