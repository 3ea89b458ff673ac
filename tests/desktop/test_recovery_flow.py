"""Recovery in the terminal, and a dead input in the terminal, with injected pieces.

The interrupted WAVs are real files with real markers of a dead process; the store is real
SQLite and the analysis real scoring. Only transcription is a stand-in (the slow tests in
test_recovery_mic.py run Whisper on a take killed mid-answer).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from audio.errors import InputStalledError
from audio.recovery import find_unfinished, marker_for
from audio.wavfile import WavWriter
from desktop import recovery_flow
from desktop.recovery_flow import RECOVERED_QUESTION, offer_in_terminal, question_for
from desktop.rehearse import Console, Devices, StopReason, StopRules, rehearse
from desktop.store import Store
from question_bank.model import Bank, Question
from scoring import Transcript

STORY = Question(id="failure-learned", text="Tell me about a time you failed.", kind="story")
OTHER = Question(id="why-this-role", text="Why this role, and why now?", kind="background")
BANK = Bank(questions=(STORY, OTHER), companies=())
ANSWER = ("Just to be clear, you want a failure. I was the analyst on a pricing launch. "
          "I rebuilt the validation set and ran an A/B test. Errors fell by 18%.")


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def interrupted(folder: Path, name: str) -> Path:
    """A take as a killed recorder leaves it: header behind the data, a dead pid's marker."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = WavWriter(folder / name, 16000)
    writer.write(np.full(8000, 0.2, np.float32))
    writer.flush()
    writer._file.write(b"\x10\x00" * 16000)
    writer._file.flush()
    marker_for(writer.path).write_text(json.dumps({"pid": dead_pid(), "samplerate": 16000}))
    return writer.path


def transcribe_file(path: Path) -> Transcript:
    return Transcript.from_text(ANSWER)


def term(stdin) -> Console:
    return Console(io.StringIO(), io.StringIO(), stdin)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "db.sqlite3") as opened:
        yield opened


def test_yes_recovers_each_take_with_its_question_and_prints_its_feedback(tmp_path,
                                                                         store) -> None:
    window_take = interrupted(tmp_path, "20260101T090000000000-41-1__failure-learned.wav")
    old_terminal_take = interrupted(tmp_path, "20260101-090500-why-this-role.wav")
    console = term(io.StringIO("y\n"))
    outcomes = offer_in_terminal(tmp_path, BANK, transcribe_file, store, console)
    out, err = console.out.getvalue(), console.err.getvalue()
    assert "Recover 2 interrupted recording(s)? [Y/n]" in err
    assert {o.wav for o in outcomes} == {window_take, old_terminal_take}
    ids = {o.wav: o.attempt_id for o in outcomes}
    assert f"Recovered {window_take.name} as attempt #{ids[window_take]} (“{STORY.text}”" in out
    assert f"Recovered {old_terminal_take.name} as attempt #{ids[old_terminal_take]} " \
           f"(“{OTHER.text}”, score " in out
    assert out.count("Score: ") == 2 and "Tips:" in out  # each attempt's feedback
    saved = {a.wav_path: a.question_id for a in store.attempts()}
    assert saved == {window_take: STORY.id, old_terminal_take: OTHER.id}
    assert find_unfinished(tmp_path) == []  # markers gone: not offered again


def test_no_leaves_the_takes_for_next_time(tmp_path, store) -> None:
    take = interrupted(tmp_path, "20260101T090000000000-41-1__failure-learned.wav")
    console = term(io.StringIO("n\n"))
    assert offer_in_terminal(tmp_path, BANK, transcribe_file, store, console) == []
    assert "asked again next time" in console.err.getvalue()
    assert store.attempts() == [] and find_unfinished(tmp_path) == [take]


def test_nothing_to_recover_asks_nothing(tmp_path, store) -> None:
    console = term(io.StringIO("n\n"))
    assert offer_in_terminal(tmp_path, BANK, transcribe_file, store, console) == []
    assert console.err.getvalue() == "" and console.stdin.read() == "n\n"  # input untouched


@pytest.mark.parametrize("stdin", ["eof", "silent pipe", "none"])
def test_no_answer_takes_the_default_yes_without_hanging(tmp_path, store, monkeypatch,
                                                         stdin) -> None:
    monkeypatch.setattr(recovery_flow, "ANSWER_WAIT_S", 0.3)
    interrupted(tmp_path, "20260101T090000000000-41-1__failure-learned.wav")
    read_fd, write_fd = os.pipe()  # a pipe nobody writes to, like a script's open stdin
    streams = {"eof": io.StringIO(""), "silent pipe": os.fdopen(read_fd), "none": None}
    console = term(streams[stdin])
    started = time.monotonic()
    outcomes = offer_in_terminal(tmp_path, BANK, transcribe_file, store, console)
    assert time.monotonic() - started < 5.0
    os.close(write_fd)
    assert "No answer on input: recovering them, the default." in console.err.getvalue()
    assert len(outcomes) == 1 and outcomes[0].attempt_id is not None


def test_a_take_that_cannot_be_repaired_is_reported_and_the_rest_recovered(tmp_path,
                                                                          store) -> None:
    junk = tmp_path / "20260101T080000000000-41-1__failure-learned.wav"
    junk.write_bytes(b"not a wav")
    marker_for(junk).write_text(json.dumps({"pid": dead_pid()}))
    good = interrupted(tmp_path, "20260101T090000000000-41-2__failure-learned.wav")
    console = term(io.StringIO("\n"))  # Enter: the default
    outcomes = offer_in_terminal(tmp_path, BANK, transcribe_file, store, console)
    assert [o.wav for o in outcomes] == [good]
    assert f"Could not recover {junk.name}: {junk.name} is not a recording" in (
        console.err.getvalue())


def test_the_question_comes_from_the_name_whoever_recorded_it() -> None:
    assert question_for(Path("20260101T090000000000-7-3__failure-learned.wav"), BANK) == STORY
    assert question_for(Path("20260101T090000000000-7-3__failure-learned~2.wav"), BANK) == STORY
    assert question_for(Path("20260101T090000000000__why-this-role.wav"), BANK) == OTHER
    assert question_for(Path("20260101-090000-why-this-role.wav"), BANK) == OTHER
    assert question_for(Path("20260101T0900__gone-from-bank.wav"), BANK) is RECOVERED_QUESTION
    assert question_for(Path("stray.wav"), BANK) is RECOVERED_QUESTION


class StallingRecorder:
    """Delivers speech for a while, then no blocks at all, then reports the dead input the
    way audio.capture does (InputStalledError from its writer thread)."""

    def start(self, path: Path, on_level=None, on_block=None, on_problem=None) -> None:
        self.path = path
        self._thread = threading.Thread(target=self._run, args=(on_block, on_problem))
        self._thread.start()

    def _run(self, on_block, on_problem) -> None:
        t = np.arange(1600) / 16000
        for _ in range(20):  # 2 s of "speech"
            on_block((0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32))
        time.sleep(0.2)
        on_problem(InputStalledError("The microphone “Test” stopped sending audio."))

    def stop(self) -> Path:
        self._thread.join()
        WavWriter(self.path, 16000).close()
        return self.path


class Streamer:
    def feed(self, block) -> None:
        pass

    def finish(self, duration_s: float) -> Transcript:
        return Transcript.from_text(ANSWER)


def test_a_dead_input_ends_the_terminal_take_at_once_and_scores_it(tmp_path, store) -> None:
    console = term(None)
    started = time.monotonic()
    outcome = rehearse(STORY, None, Devices(StallingRecorder(), Streamer()),
                       StopRules(max_seconds=150), store, tmp_path, console)
    assert time.monotonic() - started < 10.0  # not the 150 s limit
    err = console.err.getvalue()
    assert outcome.reason is StopReason.MIC_LOST
    assert "Stopped: the microphone stopped sending audio (2.0 s recorded)." in err
    assert "it may have been unplugged, or the sound system stopped" in err
    assert "What you said until then is kept and scored below." in err
    assert outcome.attempt_id is not None and "Score: " in console.out.getvalue()


class DeadFromTheStartRecorder(StallingRecorder):
    def _run(self, on_block, on_problem) -> None:
        time.sleep(0.2)
        on_problem(InputStalledError("The microphone “Test” sends only silence. Unmute it."))


def test_an_input_dead_from_the_start_gives_the_recorders_advice(tmp_path, store) -> None:
    console = term(None)
    outcome = rehearse(STORY, None, Devices(DeadFromTheStartRecorder(), Streamer()),
                       StopRules(max_seconds=150), store, tmp_path, console)
    assert outcome.reason is StopReason.MIC_LOST
    err = console.err.getvalue()
    assert "The microphone “Test” sends only silence. Unmute it." in err
    assert "kept and scored" not in err
