"""A rehearsal in the terminal: ask, listen, stop at the right moment, give feedback, save.

Every device comes in through `Devices`, so tests drive the whole flow with a WAV as the
microphone or with fakes; nothing here imports Qt, and nothing here knows about argparse.

When to stop is decided from the sound itself (`StopWatch`), not from wall time: the
recording ends on Enter, at the time limit, after a long silence once the user has spoken,
early with "no speech heard" when the microphone never picked anything up, or at once when
the disk refuses the recording (full): what reached the disk is kept and scored.
"""

from __future__ import annotations

import math
import sys
import threading
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Protocol, TextIO

import numpy as np

from audio.errors import AudioError, InputStalledError, RecordingWriteError
from desktop.attempts import save_attempt
from desktop.feedback_text import render_feedback
from desktop.meaning import sentence_embed
from desktop.settings import Settings
from desktop.store import Store
from desktop.window_devices import recording_path
from question_bank.model import Company, Question
from scoring import Analysis, Transcript, analyze
from scoring.figures import BACKGROUND_BAND_S, STORY_BAND_S
from scoring.limits import has_words

SAMPLERATE = 16_000
BANDS_S = {"story": STORY_BAND_S, "background": BACKGROUND_BAND_S}

# A block louder than this RMS (about -40 dBFS) counts as speech: well above a quiet room
# through a laptop microphone, well below any voice at speaking distance.
SPEECH_RMS = 0.01
# This much speech must accumulate before the user "has spoken", so a click or a cough
# does not arm the silence stop.
MIN_SPEECH_S = 0.3
# Stop with "no speech heard" if nothing at all came in this long.
NO_SPEECH_S = 20.0
# How much longer than the band's upper end the recording may run by default.
DEFAULT_OVERRUN_S = 60.0
# How long speaking the question may take before it is cut off.
QUESTION_PLAYBACK_TIMEOUT_S = 60.0


class StopReason(Enum):
    ENTER = "you pressed Enter"
    TIME_LIMIT = "time limit reached"
    SILENCE = "silence after your answer"
    NO_SPEECH = "no speech heard"
    WRITE_FAILED = "the recording could not be written"
    MIC_LOST = "the microphone stopped sending audio"


@dataclass(frozen=True)
class StopRules:
    """When a recording ends; all in seconds of recorded sound."""

    max_seconds: float
    silence_seconds: float = 6.0
    no_speech_seconds: float = NO_SPEECH_S
    speech_rms: float = SPEECH_RMS

    @classmethod
    def for_kind(cls, kind: str, max_seconds: float | None = None,
                 silence_seconds: float = 6.0) -> StopRules:
        """Default time limit: a minute past the top of the kind's band."""
        limit = max_seconds or BANDS_S[kind][1] + DEFAULT_OVERRUN_S
        return cls(max_seconds=limit, silence_seconds=silence_seconds)


class StopWatch:
    """Counts recorded time and speech from the blocks and says when to stop."""

    def __init__(self, rules: StopRules, samplerate: int = SAMPLERATE) -> None:
        self.rules = rules
        self.samplerate = samplerate
        self.elapsed_s = 0.0
        self.speech_s = 0.0
        self.last_speech_end_s = 0.0

    @property
    def heard_speech(self) -> bool:
        return self.speech_s >= MIN_SPEECH_S

    def feed(self, block: np.ndarray) -> StopReason | None:
        """Account for one block; the reason to stop now, or None to go on."""
        seconds = len(block) / self.samplerate
        self.elapsed_s += seconds
        if _rms(block) >= self.rules.speech_rms:
            self.speech_s += seconds
            self.last_speech_end_s = self.elapsed_s
        return self.verdict()

    def verdict(self) -> StopReason | None:
        rules = self.rules
        if self.elapsed_s >= rules.max_seconds:
            return StopReason.TIME_LIMIT
        if self.heard_speech:
            silent_for = self.elapsed_s - self.last_speech_end_s
            return StopReason.SILENCE if silent_for >= rules.silence_seconds else None
        return StopReason.NO_SPEECH if self.elapsed_s >= rules.no_speech_seconds else None


def _rms(block: np.ndarray) -> float:
    if block.size == 0:
        return 0.0
    return math.sqrt(float(np.mean(np.square(block, dtype=np.float64))))


# --- the devices, as this module uses them -------------------------------------------------

class RecorderLike(Protocol):
    def start(self, path: Path, on_level: Any = None, on_block: Any = None,
              on_problem: Any = None) -> None: ...
    def stop(self) -> Path: ...


class StreamerLike(Protocol):
    def feed(self, block: np.ndarray) -> None: ...
    def finish(self, duration_s: float) -> Transcript: ...


class SpeakerLike(Protocol):
    def synthesize(self, text: str) -> Path: ...


class PlayerLike(Protocol):
    def play(self, path: Path, start_s: float = 0.0) -> None: ...
    def wait(self, timeout: float | None = None) -> bool: ...
    def stop(self) -> None: ...


@dataclass
class Devices:
    """What a rehearsal talks to. `speaker`/`player` None means: show, do not speak.
    `transcriber` (whole files) is what recovering an interrupted take needs."""

    recorder: RecorderLike
    streamer: StreamerLike
    speaker: SpeakerLike | None = None
    player: PlayerLike | None = None
    transcriber: Any = None


@dataclass
class Console:
    """Where the rehearsal talks to the user: results on `out`, status on `err`."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO | None = field(default_factory=lambda: sys.stdin)

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def status(self, text: str) -> None:
        print(text, file=self.err, flush=True)


@dataclass(frozen=True)
class Outcome:
    """How a rehearsal ended: the reason, the recording, and the feedback if there was any."""

    reason: StopReason
    wav_path: Path | None
    analysis: Analysis | None = None
    attempt_id: int | None = None


# --- the rehearsal -------------------------------------------------------------------------

def rehearse(question: Question, company: Company | None, devices: Devices, rules: StopRules,
             store: Store, recordings: Path, console: Console | None = None) -> Outcome:
    """One attempt, start to end. Raises AudioError when the microphone cannot be used and
    StoreError (naming the kept WAV) when the attempt cannot be saved."""
    console = console or Console()
    ask(question, devices, console)
    wav = recording_path(question, recordings)
    watch = StopWatch(rules)
    reason, wav = record(devices, watch, BANDS_S[question.kind], wav, console)
    transcript = devices.streamer.finish(watch.elapsed_s)
    if not has_words(transcript) and reason is StopReason.WRITE_FAILED:
        console.status("No speech was heard before the recording stopped.")
        return Outcome(reason, wav if wav.exists() else None)
    if not has_words(transcript):
        wav.unlink(missing_ok=True)
        console.status("No speech heard: check that the microphone is connected, chosen as "
                       "the default input and not muted, then try again.")
        return Outcome(StopReason.NO_SPEECH, None)
    analysis = analyze(transcript, question, company, embed=sentence_embed())
    console.say("")
    console.say(render_feedback(analysis))
    attempt_id = save_attempt(store, question, company, wav, analysis)
    console.status(f"Saved attempt #{attempt_id}; recording: {wav}")
    return Outcome(reason, wav, analysis, attempt_id)


def ask(question: Question, devices: Devices, console: Console) -> None:
    """Show the question and read it aloud; a missing voice is a notice, not a failure."""
    low, high = BANDS_S[question.kind]
    console.say(f"Question ({question.kind} answer, aim for {low}–{high} s):")
    console.say(f"  {question.text}")
    if devices.speaker is None or devices.player is None:
        return
    try:
        devices.player.play(devices.speaker.synthesize(question.text))
        if not devices.player.wait(timeout=QUESTION_PLAYBACK_TIMEOUT_S):
            devices.player.stop()
    except AudioError as error:
        console.status(f"(Not spoken: {error} The question is shown above.)")


def record(devices: Devices, watch: StopWatch, band: tuple[int, int], wav: Path,
           console: Console) -> tuple[StopReason, Path]:
    """Record until a stop condition; the streamer transcribes along the way. A write the
    disk refused ends the take within a poll (0.25 s) and is told in the recorder's words."""
    stop = threading.Event()
    reasons: list[StopReason] = []
    meter = LiveLine(watch, band, console.err)

    def on_block(block: np.ndarray) -> None:
        devices.streamer.feed(block)
        reason = watch.feed(block)
        if reason is not None and not stop.is_set():
            reasons.append(reason)
            stop.set()

    def on_problem(error: Exception) -> None:
        """A dead input (the sound server died, the device was unplugged) ends the take
        now: waiting would only run to the time limit. Silence alone does not."""
        if isinstance(error, InputStalledError) and not stop.is_set():
            problems.append(error)
            reasons.append(StopReason.MIC_LOST)
            stop.set()

    problems: list[Exception] = []
    devices.recorder.start(wav, on_level=meter.level, on_block=on_block, on_problem=on_problem)
    try:
        console.status("Recording: answer now. Press Enter when you are done.")
        _watch_for_enter(console.stdin, stop, reasons)
        # Wall-clock backstop in case the device stops delivering blocks altogether.
        deadline = time.monotonic() + watch.rules.max_seconds + 5.0
        while not stop.wait(0.25):
            meter.draw()
            if _write_failure(devices.recorder) is not None:
                break
            if time.monotonic() > deadline:
                reasons.append(StopReason.TIME_LIMIT)
                break
    finally:  # even on Ctrl+C the WAV is finished properly and kept
        wav = devices.recorder.stop()
        meter.clear()
    failure = _write_failure(devices.recorder)  # also one met at the final flush
    if failure is not None:
        console.status(str(failure))
        return StopReason.WRITE_FAILED, wav
    reason = reasons[0]
    console.status(f"Stopped: {reason.value} ({watch.elapsed_s:.1f} s recorded).")
    if reason is StopReason.MIC_LOST:
        console.status(_mic_lost_message(problems[0], watch))
    return reason, wav


def _write_failure(recorder: RecorderLike) -> RecordingWriteError | None:
    """The disk failure the recorder reported, if any (recorders without `.problem`, such
    as test fakes, never have one)."""
    problem = getattr(recorder, "problem", None)
    return problem if isinstance(problem, RecordingWriteError) else None


def _mic_lost_message(error: Exception, watch: StopWatch) -> str:
    """After speech, what happened and that the answer so far counts; before any, the
    recorder's own advice (a muted or blocked input looks the same from here)."""
    if not watch.heard_speech:
        return str(error)
    return ("The microphone stopped sending audio: it may have been unplugged, or the sound "
            "system stopped. Check it before the next rehearsal. What you said until then is "
            "kept and scored below.")


def _watch_for_enter(stdin: TextIO | None, stop: threading.Event,
                     reasons: list[StopReason]) -> None:
    """Stop on a line from stdin; end of input (no terminal) just means no Enter key."""
    if stdin is None:
        return

    def wait_for_line() -> None:
        try:
            line = stdin.readline()
        except (OSError, ValueError):
            return
        if line and not stop.is_set():
            reasons.append(StopReason.ENTER)
            stop.set()

    threading.Thread(target=wait_for_line, name="micdrop-enter", daemon=True).start()


class LiveLine:
    """Elapsed time against the band and an input meter, redrawn in place on a terminal."""

    WIDTH = 20

    def __init__(self, watch: StopWatch, band: tuple[int, int], stream: TextIO) -> None:
        self.watch = watch
        self.band = band
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self._level = 0.0

    def level(self, value: float) -> None:
        self._level = max(0.0, min(1.0, float(value)))

    def draw(self) -> None:
        if not self.enabled:
            return
        filled = round(self._level * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        low, high = (_clock(s) for s in self.band)
        self.stream.write(f"\r  {_clock(self.watch.elapsed_s)} (aim {low}–{high})  "
                          f"mic [{bar}] ")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def real_devices(speak: bool, settings: Settings) -> Devices:
    """The microphone, voice, rate and model the user chose in Settings, made by the same
    factories as the window's (`desktop.window_devices`), so both rehearse alike.

    Imported here, not at the top, because loading faster-whisper and PortAudio costs a
    second that tests with fake devices, and the other commands, should not pay."""
    from desktop.window_devices import real_devices as factories

    made = factories()
    transcriber = made.transcriber(settings)
    devices = Devices(recorder=made.recorder(settings), streamer=made.streaming(transcriber),
                      transcriber=transcriber)
    if speak:
        devices.speaker = made.speaker(settings)
        devices.player = made.player(settings)
    return devices
