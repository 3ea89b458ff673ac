"""Headless rehearsal with injected devices: when it stops, what it prints, what it saves.

The fake recorder plays a synthetic signal (tone = speech, zeros = silence) through the real
callbacks at about ten times real speed and writes a real WAV; the store is real SQLite and
the analysis is the real scoring.
"""

from __future__ import annotations

import io
import json
import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from audio.errors import SpeechUnavailable
from desktop.rehearse import (
    Console,
    Devices,
    StopReason,
    StopRules,
    StopWatch,
    rehearse,
)
from desktop.store import Store, StoreError
from question_bank.model import Question
from scoring import Transcript

RATE = 16_000
BLOCK = RATE // 10  # 0.1 s
QUESTION = Question(id="test-q", text="Tell me about a time you failed.", kind="story")
ANSWER = ("Just to be clear, you want a failure. I was the analyst on a pricing launch. "
          "I rebuilt the validation set and ran an A/B test. Errors fell by 18%.")


def signal(speech_s: float, silence_s: float, amplitude: float = 0.2) -> np.ndarray:
    t = np.arange(int(speech_s * RATE)) / RATE
    tone = (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    return np.concatenate([tone, np.zeros(int(silence_s * RATE), np.float32)])


class FakeRecorder:
    """Plays `samples` (then silence forever) as the microphone; writes a real WAV."""

    def __init__(self, samples: np.ndarray, speed: float = 10.0) -> None:
        self.samples = samples
        self.speed = speed
        self._stop = threading.Event()
        self._fed: list[np.ndarray] = []

    def start(self, path: Path, on_level=None, on_block=None, on_problem=None) -> None:
        self.path = path
        self.on_problem = on_problem
        self._thread = threading.Thread(target=self._run, args=(on_level, on_block))
        self._thread.start()

    def _run(self, on_level, on_block) -> None:
        position = 0
        while not self._stop.wait(BLOCK / RATE / self.speed):
            block = self.samples[position:position + BLOCK]
            block = np.pad(block, (0, BLOCK - len(block)))
            position += BLOCK
            self._fed.append(block)
            on_level(float(np.abs(block).max()))
            on_block(block)

    def stop(self) -> Path:
        self._stop.set()
        self._thread.join()
        pcm = (np.concatenate(self._fed or [np.zeros(1, np.float32)]) * 32767).astype("<i2")
        with wave.open(str(self.path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(pcm.tobytes())
        return self.path


class FakeStreamer:
    """Counts what it is fed; on finish returns the answer text, or nothing if all silent."""

    def __init__(self, text: str = ANSWER) -> None:
        self.text = text
        self.fed_s = 0.0
        self.finished_with: float | None = None

    def feed(self, block: np.ndarray) -> None:
        self.fed_s += len(block) / RATE

    def finish(self, duration_s: float) -> Transcript:
        self.finished_with = duration_s
        return Transcript.from_text(self.text) if self.text else Transcript((), duration_s)


class FakeSpeaker:
    def __init__(self, tmp: Path, fail: bool = False) -> None:
        self.tmp, self.fail, self.spoken = tmp, fail, []

    def synthesize(self, text: str) -> Path:
        if self.fail:
            raise SpeechUnavailable("No voice is installed. Install espeak-ng.")
        self.spoken.append(text)
        return self.tmp / "question.wav"


class FakePlayer:
    def __init__(self) -> None:
        self.played: list[Path] = []

    def play(self, path: Path, start_s: float = 0.0) -> None:
        self.played.append(path)

    def wait(self, timeout: float | None = None) -> bool:
        return True

    def stop(self) -> None:
        pass


def console(stdin: str | None = None) -> Console:
    return Console(io.StringIO(), io.StringIO(), io.StringIO(stdin) if stdin else None)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "db.sqlite3") as opened:
        yield opened


# --- StopWatch: the stop conditions alone ---------------------------------------------------

def feed_all(watch: StopWatch, samples: np.ndarray) -> StopReason | None:
    for start in range(0, len(samples), BLOCK):
        reason = watch.feed(samples[start:start + BLOCK])
        if reason is not None:
            return reason
    return None


def test_silence_after_speech_stops_after_the_silence_span() -> None:
    watch = StopWatch(StopRules(max_seconds=60, silence_seconds=2.0))
    assert feed_all(watch, signal(3.0, 10.0)) is StopReason.SILENCE
    assert watch.elapsed_s == pytest.approx(5.0, abs=0.11)


def test_pauses_shorter_than_the_silence_span_do_not_stop() -> None:
    watch = StopWatch(StopRules(max_seconds=60, silence_seconds=2.0))
    samples = np.concatenate([signal(1.0, 1.5), signal(1.0, 1.5), signal(1.0, 0.0)])
    assert feed_all(watch, samples) is None
    assert watch.speech_s == pytest.approx(3.0, abs=0.11)


def test_nothing_heard_stops_with_no_speech() -> None:
    watch = StopWatch(StopRules(max_seconds=60, no_speech_seconds=5.0))
    assert feed_all(watch, signal(0.0, 30.0)) is StopReason.NO_SPEECH
    assert watch.elapsed_s == pytest.approx(5.0, abs=0.11)


def test_a_click_does_not_count_as_having_spoken() -> None:
    watch = StopWatch(StopRules(max_seconds=60, silence_seconds=1.0, no_speech_seconds=4.0))
    assert feed_all(watch, signal(0.1, 10.0)) is StopReason.NO_SPEECH


def test_quiet_room_noise_is_not_speech() -> None:
    noise = np.random.default_rng(1).normal(0, 0.002, RATE * 10).astype(np.float32)
    watch = StopWatch(StopRules(max_seconds=60, no_speech_seconds=5.0))
    assert feed_all(watch, noise) is StopReason.NO_SPEECH


def test_time_limit_stops_a_long_answer() -> None:
    watch = StopWatch(StopRules(max_seconds=4.0))
    assert feed_all(watch, signal(10.0, 0.0)) is StopReason.TIME_LIMIT


def test_default_limit_is_a_minute_past_the_band() -> None:
    assert StopRules.for_kind("story").max_seconds == 180
    assert StopRules.for_kind("background").max_seconds == 150
    assert StopRules.for_kind("story", max_seconds=30).max_seconds == 30


# --- the whole rehearsal with fakes ---------------------------------------------------------

def test_rehearsal_stops_on_silence_prints_feedback_and_saves(tmp_path, store) -> None:
    streamer, term = FakeStreamer(), console()
    devices = Devices(FakeRecorder(signal(2.0, 30.0)), streamer)
    outcome = rehearse(QUESTION, None, devices, StopRules(60, silence_seconds=1.5), store,
                       tmp_path, term)
    assert outcome.reason is StopReason.SILENCE
    # Stopped once 1.5 s of silence followed the 2 s of speech (plus what arrived while
    # stopping, which a loaded machine makes longer).
    assert 3.5 <= streamer.finished_with <= 8.0
    assert streamer.fed_s == pytest.approx(streamer.finished_with)
    out, err = term.out.getvalue(), term.err.getvalue()
    assert "Tell me about a time you failed." in out and "aim for 90–120 s" in out
    assert "Score: " in out and "too short" in out and "Tips:" in out
    assert "Stopped: silence after your answer" in err
    saved = store.attempt(outcome.attempt_id)
    assert saved.question_id == "test-q" and saved.kind == "story"
    assert saved.analysis == json.loads(json.dumps(outcome.analysis.to_dict()))
    assert saved.score == outcome.analysis.score
    assert saved.wav_path == outcome.wav_path and saved.wav_path.parent == tmp_path
    with wave.open(str(saved.wav_path)) as wav:  # the transcript spans the whole recording
        assert wav.getnframes() / wav.getframerate() == pytest.approx(streamer.finished_with)


def test_enter_stops_the_recording(tmp_path, store) -> None:
    devices = Devices(FakeRecorder(signal(60.0, 0.0), speed=2.0), FakeStreamer())
    outcome = rehearse(QUESTION, None, devices, StopRules(60), store, tmp_path, console("\n"))
    assert outcome.reason is StopReason.ENTER
    assert outcome.attempt_id is not None


def test_end_of_input_is_not_enter(tmp_path, store) -> None:
    """With no terminal (stdin at EOF) the recording runs until a sound-based stop."""
    term = Console(io.StringIO(), io.StringIO(), io.StringIO(""))
    devices = Devices(FakeRecorder(signal(30.0, 0.0), speed=20.0), FakeStreamer())
    outcome = rehearse(QUESTION, None, devices, StopRules(3.0), store, tmp_path, term)
    assert outcome.reason is StopReason.TIME_LIMIT


def test_no_speech_saves_nothing_and_says_what_to_check(tmp_path, store) -> None:
    term = console()
    devices = Devices(FakeRecorder(signal(0.0, 60.0), speed=40.0), FakeStreamer(text=""))
    rules = StopRules(60, no_speech_seconds=3.0)
    outcome = rehearse(QUESTION, None, devices, rules, store, tmp_path, term)
    assert outcome.reason is StopReason.NO_SPEECH
    assert outcome.analysis is None and outcome.attempt_id is None
    assert "No speech heard" in term.err.getvalue() and "microphone" in term.err.getvalue()
    assert store.attempts() == []
    assert list(tmp_path.glob("*.wav")) == []


def test_question_is_spoken_before_recording(tmp_path, store) -> None:
    speaker, player = FakeSpeaker(tmp_path), FakePlayer()
    devices = Devices(FakeRecorder(signal(1.0, 10.0)), FakeStreamer(), speaker, player)
    rehearse(QUESTION, None, devices, StopRules(60, silence_seconds=1.0), store, tmp_path,
             console())
    assert speaker.spoken == [QUESTION.text]
    assert player.played == [tmp_path / "question.wav"]


def test_unavailable_speech_is_a_notice_and_the_rehearsal_goes_on(tmp_path, store) -> None:
    term = console()
    devices = Devices(FakeRecorder(signal(1.0, 10.0)), FakeStreamer(),
                      FakeSpeaker(tmp_path, fail=True), FakePlayer())
    outcome = rehearse(QUESTION, None, devices, StopRules(60, silence_seconds=1.0), store,
                       tmp_path, term)
    assert "Not spoken: No voice is installed." in term.err.getvalue()
    assert outcome.attempt_id is not None


def test_failed_save_keeps_the_recording_and_says_where(tmp_path, store) -> None:
    store._db.execute("PRAGMA query_only = 1")  # the same error a read-only database gives
    devices = Devices(FakeRecorder(signal(1.0, 10.0)), FakeStreamer())
    with pytest.raises(StoreError) as caught:
        rehearse(QUESTION, None, devices, StopRules(60, silence_seconds=1.0), store, tmp_path,
                 console())
    [wav] = tmp_path.glob("*.wav")
    assert str(wav) in str(caught.value) and "read-only" in str(caught.value)


def test_the_terminal_rehearsal_uses_the_microphone_voice_and_rate_from_settings(
        tmp_path, monkeypatch) -> None:
    from desktop.rehearse import real_devices
    from desktop.settings import Settings

    monkeypatch.setenv("MICDROP_HOME", str(tmp_path))
    chosen = Settings(voice="en-gb", rate=150, input_device="USB headset", model=None)
    devices = real_devices(True, chosen)
    assert devices.recorder.device == "USB headset"
    assert (devices.speaker.voice, devices.speaker.rate) == ("en-gb", 150)
    assert real_devices(False, chosen).speaker is None


def test_a_damaged_settings_file_is_reported_and_the_defaults_are_used(
        tmp_path, monkeypatch, capsys) -> None:
    from desktop import cli_rehearse
    from desktop.settings import Settings

    monkeypatch.setenv("MICDROP_HOME", str(tmp_path))
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert cli_rehearse.saved_settings() == Settings()
    said = capsys.readouterr().err
    assert "settings.json" in said and "default settings" in said
