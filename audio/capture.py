"""Microphone capture written to disk as it arrives, at 16 kHz mono whatever the device does.

Threads: PortAudio's audio thread only copies each block into a queue and updates the
level (it must never block or raise, or the stream glitches); a writer thread resamples,
appends to the WAV, watches for a dead (all-zero) input and feeds `on_block` to the
streaming transcriber. A write the disk refuses (full, drive gone) is reported once as
`.problem` (a RecordingWriteError: the file already holds a valid WAV of what reached the
disk) and writing stops there; the owner ends the take. All state of one recording lives
in a `_Session`, so a failed start leaves nothing behind and the recorder can simply be
started again.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from audio.devices import (
    Failure,
    InputDevice,
    classify,
    is_channel_count_error,
    list_input_devices,
    microphone_error,
    remember_stream,
    resolve_input_device,
    silent_input_message,
    stalled_input_message,
)
from audio.errors import (
    AudioError,
    InputStalledError,
    MicrophoneError,
    RecordingWriteError,
)
from audio.recovery import remove_marker, write_marker
from audio.wavfile import WavWriter, create_error

__all__ = ["InputDevice", "Recorder", "StreamResampler", "list_input_devices"]

log = logging.getLogger(__name__)

TARGET_RATE = 16000
BLOCK_S = 0.05  # 20 meter updates a second; small enough for a lively level meter
INPUT_LATENCY_S = 0.1  # buffer against overflows while Whisper keeps both cores busy
SILENCE_LIMIT_S = 1.5  # exact zeros this long at the start: the OS is handing out silence
NO_BLOCKS_LIMIT_S = 2.5  # a stream that delivers nothing this long is dead (or unplugged)
FILTER_TAPS = 129

LevelCallback = Callable[[float], None]
BlockCallback = Callable[[np.ndarray], None]
ProblemCallback = Callable[[AudioError], None]


class StreamResampler:
    """Block-by-block resampling: a windowed-sinc low-pass, then linear interpolation.

    Chosen because it needs only numpy, keeps state across blocks (no clicks at block
    edges), handles any rate pair (44.1 kHz as well as 48 kHz), and the low-pass (cut at
    90 % of the output Nyquist, 129-tap Blackman window) removes what plain linear
    interpolation would alias into the speech band; for integer ratios such as 48 -> 16 kHz
    the interpolation lands on whole samples and this is exact FIR decimation. Delay:
    64 input samples (1.3 ms at 48 kHz), irrelevant for speech timing.
    """

    def __init__(self, src_rate: float, dst_rate: int = TARGET_RATE, taps: int = FILTER_TAPS):
        self.step = float(src_rate) / dst_rate  # input samples per output sample
        self._filter = _lowpass(0.45 / self.step, taps) if self.step > 1 else np.ones(1)
        self._history = np.zeros(len(self._filter) - 1, dtype=np.float32)
        self._prev = 0.0  # last filtered sample of the previous block
        self._next = 0.0  # position of the next output sample, in current-block samples

    def process(self, block: np.ndarray) -> np.ndarray:
        block = np.asarray(block, dtype=np.float32)
        if self.step == 1.0 or len(block) == 0:
            return block.copy()
        padded = np.concatenate([self._history, block])
        if len(self._history):
            self._history = padded[-len(self._history) :]
        filtered = np.convolve(padded, self._filter, mode="valid")
        n = len(block)
        count = int(np.floor((n - 1 - self._next) / self.step)) + 1 if self._next <= n - 1 else 0
        positions = self._next + self.step * np.arange(count)
        extended = np.concatenate([[self._prev], filtered])
        out = np.interp(positions + 1.0, np.arange(n + 1), extended)
        self._prev = float(filtered[-1])
        self._next = self._next + self.step * count - n
        return out.astype(np.float32)


def _lowpass(cutoff: float, taps: int) -> np.ndarray:
    """Windowed-sinc low-pass; `cutoff` in cycles per input sample (0..0.5), unity DC gain."""
    n = np.arange(taps) - (taps - 1) / 2
    h = np.sinc(2 * cutoff * n) * np.blackman(taps)
    return (h / h.sum()).astype(np.float32)


@dataclass
class _Session:
    """One recording: the stream, its writer thread and what they share."""

    path: Path
    device: InputDevice
    on_level: LevelCallback | None
    on_block: BlockCallback | None
    on_problem: ProblemCallback | None
    rate: float = TARGET_RATE
    writer: WavWriter | None = None
    stream: Any = None
    thread: threading.Thread | None = None
    blocks: queue.Queue = field(default_factory=queue.Queue)
    frames_in: int = 0
    heard_sound: bool = False
    last_block: float = field(default_factory=time.monotonic)
    write_error: RecordingWriteError | None = None


class Recorder:
    """Records one answer at a time from a microphone to a 16 kHz mono 16-bit WAV.

    `backend` is the sounddevice module or anything with the same `InputStream`,
    `query_devices` and `PortAudioError` (tests inject fakes). `device` is an index, a
    name (exact or a unique part of it) or None for the system default.
    """

    def __init__(
        self, backend: Any = None, device: int | str | None = None, samplerate: int = TARGET_RATE
    ) -> None:
        if backend is None:
            import sounddevice as backend
        self._backend = backend
        self.device = device
        self.samplerate = samplerate
        self.level = 0.0
        self.problem: AudioError | None = None
        self._session: _Session | None = None
        self._elapsed_s = 0.0

    @property
    def is_recording(self) -> bool:
        return self._session is not None

    @property
    def elapsed_s(self) -> float:
        """Seconds of audio captured so far (device time, not wall time); once a write has
        failed, the length of what the disk kept."""
        s = self._session
        if s is None:
            return self._elapsed_s
        return s.write_error.kept_s if s.write_error else s.frames_in / s.rate

    @property
    def device_samplerate(self) -> float | None:
        """The rate the device actually runs at (16000 unless it refused and we resample)."""
        return self._session.rate if self._session else None

    def start(
        self,
        path: Path,
        on_level: LevelCallback | None = None,
        on_block: BlockCallback | None = None,
        on_problem: ProblemCallback | None = None,
    ) -> None:
        """Open the microphone and start writing `path`; raises MicrophoneError if it can't.

        `on_level(0..1)` runs on the audio thread and `on_block(16 kHz float32)` on the
        writer thread: both must be quick. `on_problem(AudioError)` is called from the
        writer thread when the input turns out to be dead (a MicrophoneError: once for only
        exact zeros, and once, an InputStalledError, when blocks stop arriving altogether)
        and when the disk refuses a write (a RecordingWriteError, which outranks any
        microphone problem: the owner should stop the take); the latest error stays in
        `.problem` for the stop-time check. A disk already full fails here. The file written
        may have a numbered name if `path` was taken: `stop()` returns it.
        """
        if self._session is not None:
            raise RuntimeError("Recorder.start() called while already recording; stop() first")
        path = Path(path)
        device = resolve_input_device(self._backend, self.device)
        self.level, self.problem, self._elapsed_s = 0.0, None, 0.0
        session = self._open(path, device, on_level, on_block, on_problem)
        try:
            session.stream.start()
        except Exception as exc:
            self._discard(session)
            raise microphone_error(exc, _quoted(device)) from exc
        self._session = session

    def stop(self) -> Path:
        """Stop, finish the WAV (complete header, marker removed) and return its path.

        The recording is kept even when `.problem` says the input was silent; the caller
        decides whether to show or discard it. Never raises for the disk: a failed last
        write becomes `.problem` (a RecordingWriteError) and the file is left valid.
        """
        session = self._session
        if session is None:
            raise RuntimeError("Recorder.stop() called with no recording running")
        self._close_stream(session)  # may still deliver the blocks PortAudio had buffered
        self._finish_writer(session)
        self._elapsed_s = self.elapsed_s
        self._session = None
        remove_marker(session.path)
        return session.path

    def _open(
        self,
        path: Path,
        device: InputDevice,
        on_level: LevelCallback | None,
        on_block: BlockCallback | None,
        on_problem: ProblemCallback | None,
    ) -> _Session:
        """Stream first (the likeliest failure), then the file, then the writer thread."""
        session = _Session(path, device, on_level, on_block, on_problem)
        session.stream, session.rate = self._open_stream(device, self._make_callback(session))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            session.writer = WavWriter(path, self.samplerate)
            session.path = session.writer.path  # a numbered name if `path` was taken
            write_marker(session.path, self.samplerate)
            session.writer.flush()  # a disk already full fails here, before the take begins
        except (OSError, RecordingWriteError) as exc:
            self._close_stream(session)
            if session.writer is not None:  # only a file this take created is removed
                self._drop_file(session)
            raise create_error(path, exc) from exc
        session.thread = threading.Thread(
            target=self._write_loop, args=(session,), name="micdrop-recorder", daemon=True
        )
        session.thread.start()
        return session

    def _open_stream(self, device: InputDevice, callback: Callable[..., None]) -> tuple[Any, float]:
        """An input stream at 16 kHz, else at the device's own rate (resampled later); mono,
        else all of the device's channels (mixed down later)."""
        rates = [float(self.samplerate)]
        if device.default_samplerate and device.default_samplerate != self.samplerate:
            rates.append(device.default_samplerate)
        channel_counts = sorted({1, max(1, device.max_input_channels)})
        error: Exception | None = None
        for rate in rates:
            for channels in channel_counts:
                try:
                    stream = remember_stream(self._backend.InputStream(
                        samplerate=rate, device=device.index, channels=channels,
                        dtype="float32", blocksize=int(rate * BLOCK_S),
                        latency=INPUT_LATENCY_S, callback=callback,
                    ))
                    return stream, rate
                except Exception as exc:
                    error = exc
                    log.info("input %s refused %g Hz x %d: %s", device.name, rate, channels, exc)
                    if not is_channel_count_error(exc):
                        break
            if error is not None and classify(error) is not Failure.SAMPLE_RATE:
                break
        assert error is not None
        raise microphone_error(error, _quoted(device), device.default_samplerate) from error

    def _make_callback(self, session: _Session) -> Callable[..., None]:
        def callback(indata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
            try:
                block = indata.mean(axis=1, dtype=np.float32) if indata.ndim == 2 else indata.copy()
                session.frames_in += frames
                session.blocks.put_nowait(block)
                self.level = min(1.0, float(np.abs(block).max())) if frames else 0.0
                if session.on_level is not None:
                    session.on_level(self.level)
            except Exception:  # an exception here would abort the stream mid-answer
                log.exception("input callback failed")

        return callback

    def _write_loop(self, session: _Session) -> None:
        resampler = StreamResampler(session.rate, self.samplerate)
        while True:
            try:
                block = session.blocks.get(timeout=0.25)
            except queue.Empty:  # keep the header current even when the device stalls
                if session.write_error is None and self._written(session, session.writer.flush):
                    self._check_stalled(session)
                continue
            if block is None:
                break
            if session.write_error is not None:
                continue  # the file is finished: later audio is dropped until the owner stops
            session.last_block = time.monotonic()
            samples = resampler.process(block)
            self._check_silence(session, block)
            wrote = self._written(session, session.writer.write, samples)
            if wrote and session.on_block is not None and len(samples):
                call_quietly(session.on_block, samples)

    def _written(self, session: _Session, action: Callable[..., None], *args: Any) -> bool:
        """Run a writer call; a disk failure is reported (once) instead of raised."""
        try:
            action(*args)
        except RecordingWriteError as error:
            self._write_failed(session, error)
            return False
        return True

    def _write_failed(self, session: _Session, error: RecordingWriteError) -> None:
        """The take cannot go on: note it once, in one log line (the message says it all),
        and let the owner stop and tell the user; this outranks any microphone problem.
        INFO, not WARNING: with no logging set up (the CLI) a warning would print the
        message on stderr a second time."""
        if session.write_error is not None:
            return
        session.write_error = error
        log.info("recording stopped: %s", error)
        self.problem = error
        if session.on_problem is not None:
            call_quietly(session.on_problem, error)

    def _check_silence(self, session: _Session, block: np.ndarray) -> None:
        if session.heard_sound:
            return
        if np.any(block):
            session.heard_sound = True
            if isinstance(self.problem, MicrophoneError):  # a late starter after all
                self.problem = None
        elif session.frames_in >= SILENCE_LIMIT_S * session.rate:
            self._report(session, silent_input_message(_quoted(session.device)))

    def _check_stalled(self, session: _Session) -> None:
        if time.monotonic() - session.last_block < NO_BLOCKS_LIMIT_S:
            return
        name = _quoted(session.device)
        never = session.frames_in == 0
        message = silent_input_message(name) if never else stalled_input_message(name)
        self._report(session, message, InputStalledError)

    def _report(self, session: _Session, message: str,
                kind: type[MicrophoneError] = MicrophoneError) -> None:
        if isinstance(self.problem, kind | RecordingWriteError):
            return  # once; a stall outranks a silent start, a failed write outranks both
        self.problem = kind(message)
        if session.on_problem is not None:
            call_quietly(session.on_problem, self.problem)

    def _close_stream(self, session: _Session) -> None:
        try:
            session.stream.stop()
            session.stream.close()
        except Exception:  # the device vanished mid-answer: what was captured is kept
            log.exception("closing the input stream failed")

    def _finish_writer(self, session: _Session) -> None:
        session.blocks.put(None)
        if session.thread is not None:
            session.thread.join()
        if session.writer is not None:
            self._written(session, session.writer.close)

    def _discard(self, session: _Session) -> None:
        """Undo a start that failed at the last step: no file, no marker, no thread."""
        self._close_stream(session)
        self._finish_writer(session)
        self._drop_file(session)
        self.problem = None  # a failed start is the error raised, not a problem of a take

    def _drop_file(self, session: _Session) -> None:
        if session.writer is not None:
            with contextlib.suppress(OSError, RecordingWriteError):
                session.writer.close()
        for remove in (session.path.unlink, lambda: remove_marker(session.path)):
            with contextlib.suppress(OSError):
                remove()


def _quoted(device: InputDevice) -> str:
    return f"\u201c{device.name}\u201d"


def call_quietly(callback: Callable[..., None], *args: Any) -> None:
    """Run a caller's callback on an audio or writer thread: its bug is logged, not raised,
    because an exception there would end the recording (or the playback) mid-way."""
    try:
        callback(*args)
    except Exception:
        log.exception("callback %r failed", callback)
