"""`rehearse` in the terminal when the disk fills mid-answer: real recorder on the PulseAudio
virtual microphone, real streaming Whisper (bundled tiny.en), real scoring and SQLite, and
the recordings folder on a real tmpfs that holds about five seconds of audio.

The take must end within about a second of the refused write, say in plain words what
happened, where the kept part is and what to do, keep that part as a valid WAV, and still
give feedback on it.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from audio.errors import DiskFullError
from desktop.rehearse import Console, Devices, StopReason, StopRules, real_devices, rehearse
from desktop.settings import Settings
from desktop.store import Store
from question_bank.model import Question
from tests.desktop.test_rehearse import BLOCK, RATE, FakeRecorder, FakeStreamer, signal

QUESTION = Question(id="failure-learned", text="Tell me about a time you failed.", kind="story")
ANSWER = (
    "Just to be clear, you want to hear about a failure. Last year I owned a pricing model "
    "launch. I skipped a holdout test and the model overpriced rural orders. I rolled it "
    "back, fixed the data, and ran an A B test. Errors fell by eighteen percent."
)
DISK_KB = 160  # 16 kHz 16-bit: about 5 s once the recovery marker has taken its page


class StatusStream(io.StringIO):
    """The terminal's status stream; the answer starts playing when recording is announced."""

    def __init__(self, on_recording) -> None:
        super().__init__()
        self._on_recording = on_recording

    def write(self, text: str) -> int:
        if "Recording:" in text and self._on_recording is not None:
            self._on_recording()
            self._on_recording = None
        return super().write(text)


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        assert 44 + 2 * w.getnframes() == path.stat().st_size  # header covers all on disk
        return w.getnframes() / w.getframerate()


class FillingRecorder(FakeRecorder):
    """test_rehearse's fake microphone, whose disk refuses a write after `fit_s` seconds:
    from then on `.problem` holds the error and no block reaches the listeners."""

    def __init__(self, samples, fit_s: float) -> None:
        super().__init__(samples)
        self.fit_s = fit_s
        self.problem: DiskFullError | None = None

    def start(self, path: Path, on_level=None, on_block=None, on_problem=None) -> None:
        def block(samples) -> None:
            if self.problem is None and len(self._fed) * BLOCK / RATE > self.fit_s:
                self.problem = DiskFullError(
                    f"The disk is full: the recording stopped at 0:0{int(self.fit_s)} and what "
                    f"was recorded is kept in {path}. Free some space, then record again.",
                    path, self.fit_s)
            if self.problem is None:
                on_block(samples)

        super().start(path, on_level, block)


def test_the_terminal_take_ends_on_the_recorders_write_failure(tmp_path) -> None:
    """record()'s side alone, with fakes: no Enter, no silence, no limit needed."""
    recorder = FillingRecorder(signal(60.0, 0.0), fit_s=2.0)  # speech past the failure
    term = Console(io.StringIO(), io.StringIO(), None)
    with Store(tmp_path / "attempts.sqlite3") as store:
        outcome = rehearse(QUESTION, None, Devices(recorder, FakeStreamer()), StopRules(60),
                           store, tmp_path, term)
        assert outcome.reason is StopReason.WRITE_FAILED
        assert outcome.analysis is not None and store.attempt(outcome.attempt_id)
    assert len(recorder._fed) * BLOCK / RATE < 2.0 + 3.0  # ended soon after, not at 60 s
    status = term.err.getvalue()
    assert status.count("The disk is full: the recording stopped at 0:02") == 1
    assert "Score: " in term.out.getvalue()


@pytest.mark.slow
def test_a_disk_filling_mid_answer_ends_the_take_keeps_it_and_gives_feedback(
        virtual_mic, espeak_wav, tiny_disk, tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    answer = espeak_wav(ANSWER, "answer.wav", rate=160)
    recordings = tiny_disk(DISK_KB)
    devices = real_devices(False, Settings())
    stopped_at: list[float] = []
    real_stop = devices.recorder.stop

    def stop() -> Path:
        stopped_at.append(time.time())
        return real_stop()

    devices.recorder.stop = stop
    players = []
    err = StatusStream(lambda: players.append(virtual_mic.play(answer)))
    term = Console(io.StringIO(), err, None)
    caplog.set_level(logging.INFO, logger="audio")
    began = time.monotonic()
    with Store(tmp_path / "attempts.sqlite3") as store:
        try:
            outcome = rehearse(QUESTION, None, devices, StopRules(60, silence_seconds=3.0),
                               store, recordings, term)
        finally:
            for player in players:
                player.kill()
                player.wait()
        took = time.monotonic() - began
        saved = store.attempts()

    status, out = err.getvalue(), term.out.getvalue()
    assert outcome.reason is StopReason.WRITE_FAILED, status
    wav = outcome.wav_path
    assert wav is not None and wav.parent == recordings
    kept = wav_seconds(wav)
    assert 4.0 <= kept <= DISK_KB * 1024 / 32000
    assert took < 30  # the answer lasts about 16 s; today the take runs on to its end

    # Told once, in plain words: what happened, when, where the take is, what to do.
    message = (f"The disk is full: the recording stopped at 0:0{int(kept)} and what was "
               f"recorded is kept in {wav}. Free some space, then record again.")
    assert message in status
    assert "Traceback" not in status and "Errno" not in status
    [line] = [r for r in caplog.records if r.name.startswith("audio")]
    assert line.exc_info is None and "The disk is full" in line.getMessage()
    # The take ended within about a second of the refused write.
    lag = stopped_at[0] - line.created
    assert len(stopped_at) == 1 and lag < 1.0
    print(f"kept {kept:.2f} s; take stopped {lag:.2f} s after the refused write; "
          f"rehearsal took {took:.1f} s")

    # Feedback on what was kept, and the attempt saved with the kept WAV.
    assert outcome.analysis is not None and "Score: " in out
    assert outcome.analysis.duration_s <= kept + 0.1
    heard = set(re.findall(r"[a-z]+", outcome.analysis.transcript.lower()))
    assert len(heard & {"just", "clear", "want", "hear", "about", "failure"}) >= 3, heard
    [attempt] = saved
    assert attempt.wav_path == wav and attempt.id == outcome.attempt_id


@pytest.mark.slow
def test_micdrop_rehearse_on_a_full_disk_says_it_once_with_no_traceback(
        virtual_mic, espeak_wav, tiny_disk, tmp_path) -> None:
    """The command as a user runs it: the message is on stderr once, with no traceback and
    no log noise, and the feedback on the kept part is on stdout."""
    home = tmp_path / "home"
    recordings = tiny_disk(DISK_KB, at=home / "recordings")
    answer = espeak_wav(ANSWER, "answer.wav", rate=160)
    app = subprocess.Popen(
        [sys.executable, "-m", "desktop", "rehearse", "--question-id", QUESTION.id,
         "--no-speak", "--silence-seconds", "3", "--max-seconds", "60"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**virtual_mic.env, "MICDROP_HOME": str(home)},
    )
    lines: list[str] = []
    recording = threading.Event()

    def read_stderr() -> None:
        for line in app.stderr:
            lines.append(line)
            if "Recording:" in line:
                recording.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    player = None
    try:
        assert recording.wait(120), "".join(lines)
        player = virtual_mic.play(answer)
        out = app.stdout.read()
        app.wait(timeout=120)
    finally:
        for process in (app, player):
            if process is not None and process.poll() is None:
                process.kill()
    reader.join(timeout=10)
    err = "".join(lines)
    assert app.returncode == 0, err
    [wav] = recordings.glob("*.wav")
    kept = wav_seconds(wav)
    assert err.count("The disk is full") == 1, err
    assert (f"the recording stopped at 0:0{int(kept)} and what was recorded is kept in {wav}. "
            "Free some space, then record again.") in err
    assert "Traceback" not in err and "Errno" not in err and len(err.splitlines()) < 10, err
    assert "Score: " in out

