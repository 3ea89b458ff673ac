"""Fake devices for the mock interview: a recorder the test feeds blocks into, a player whose
playback ends when the test says, a speaker that writes a short WAV."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from desktop.window_devices import Devices
from question_bank.model import Bank, Company, Question, Value
from scoring.transcript import Transcript
from tests.desktop.test_window_fakes import write_wav

BACKGROUND = Question("bg", "Walk me through your background.", "background",
                      ("background",))
STORY = Question("fail", "Tell me about a time you failed.", "story", ("failure", "learning"),
                 follow_ups=("What did you learn?",))
ACME = Company("acme", "Acme", "test", values=(
    Value("Grit", "Keep going after a setback or a mistake.", ("setback", "mistake")),))
BANK = Bank(questions=(BACKGROUND, STORY), companies=(ACME,))
ANSWER = ("Just to be clear, you are asking about a time a project of mine failed. "
          "In 2022 I led the churn model at a telecom. My task was to cut churn by five "
          "percent. I rebuilt the features and I ran an A/B test with monitoring. "
          "Churn fell by 4% and we saved 2 million dollars.")
RATE = 16_000


class Recorder:
    def __init__(self, log: list[Recorder], fail: Exception | None = None) -> None:
        self.fail, self.path, self.on_block = fail, None, None
        self.elapsed_s, self.level, self.problem, self.stopped = 0.0, 0.0, None, False
        log.append(self)

    def start(self, path, on_block=None) -> None:
        if self.fail is not None:
            raise self.fail
        self.path, self.on_block = Path(path), on_block
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_wav(self.path)

    def push(self, seconds: float, loud: bool) -> None:
        """`seconds` of speech (loud) or silence, in 0.1 s blocks, as the writer would."""
        block = np.full(RATE // 10, 0.2 if loud else 0.0, dtype=np.float32)
        for _ in range(round(seconds * 10)):
            self.elapsed_s += 0.1
            self.on_block(block)

    def stop(self) -> Path:
        self.stopped = True
        return self.path


class Streaming:
    backlog_s = 0.0

    def __init__(self, text: str) -> None:
        self.text, self.fed, self.cancelled = text, 0, False

    def feed(self, block) -> None:
        self.fed += 1

    def cancel(self) -> None:
        self.cancelled = True

    def finish(self, duration_s: float) -> Transcript:
        return Transcript.from_text(self.text)


class Speaker:
    def __init__(self, folder: Path) -> None:
        self.folder, self.texts = folder, []

    def synthesize(self, text: str) -> Path:
        self.texts.append(text)
        return write_wav(self.folder / f"said{len(self.texts)}.wav")


class Player:
    def __init__(self) -> None:
        self.played: list[Path] = []
        self.is_playing = False

    def play(self, path, start_s: float = 0.0) -> None:
        self.played.append(Path(path))
        self.is_playing = True

    def stop(self) -> None:
        self.is_playing = False


class Rig:
    """Everything a MockInterview needs, fake, with handles for the test."""

    def __init__(self, folder: Path, answer: str = ANSWER) -> None:
        self.recorders: list[Recorder] = []
        self.speaker, self.player, self.answer = Speaker(folder), Player(), answer
        self.recorder_fail: Exception | None = None
        self.devices = Devices(
            recorder=lambda _s: Recorder(self.recorders, self.recorder_fail),
            speaker=lambda _s: self.speaker,
            player=lambda _s: self.player,
            transcriber=lambda _s: None,
            streaming=lambda _t: Streaming(self.answer),
            find_unfinished=lambda _f: [],
            recover=lambda p: p,
        )

    @property
    def recorder(self) -> Recorder:
        return self.recorders[-1]
