"""Non-blocking playback of a question or an attempt, with a position for word highlighting.

The whole file is loaded into memory (answers are minutes of 16 kHz mono, a few MB) and an
OutputStream callback copies from it, so seek is an index change and stop is immediate.
`on_position` and `on_finished` run on PortAudio's thread: the GUI must hand them to its
own thread (a Qt signal) and keep them quick.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from audio.capture import StreamResampler, call_quietly
from audio.devices import Failure, classify, playback_error, remember_stream
from audio.timestretch import stretch
from audio.wavfile import read_wav

log = logging.getLogger(__name__)

POSITION_EVERY_S = 0.05  # 20 updates a second: smooth highlighting, little GUI traffic
OUTPUT_LATENCY_S = 0.2  # roomy buffer: no dropouts when transcription loads the CPU;
# position_s subtracts it, so word highlighting stays in step
FILES_RATE = 16000  # audio.files decodes non-WAV formats to 16 kHz mono


def load_for_playback(path: Path) -> tuple[np.ndarray, int]:
    """Mono float32 samples at their own rate: WAVs directly, other formats via audio.files."""
    path = Path(path)
    if path.suffix.lower() == ".wav":
        return read_wav(path)
    from audio.files import load_audio  # decoding compressed formats is audio.files' job

    return load_audio(path), FILES_RATE


class Player:
    """Plays one file at a time through `backend` (the sounddevice module, or a fake)."""

    def __init__(
        self,
        backend: Any = None,
        device: int | str | None = None,
        on_position: Callable[[float], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        if backend is None:
            import sounddevice as backend
        self._backend = backend
        self.device = device
        self.on_position = on_position
        self.on_finished = on_finished
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._done.set()
        self._samples = np.zeros(0, dtype=np.float32)
        self._rate = FILES_RATE
        self._speed = 1.0  # seconds of the recording per second of playback
        self._pos = 0
        self._floor_s = 0.0
        self._stream: Any = None
        self._generation = 0  # which play() a stream belongs to; stale hooks are ignored
        self._last_report = 0.0

    @property
    def duration_s(self) -> float:
        """Length of the recording itself, whatever the playback speed."""
        return len(self._samples) / self._rate * self._speed

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def position_s(self) -> float:
        """Where the listener is: samples handed out minus what still sits in the device buffer.

        Never before the last seek target, so a clicked word is highlighted at once.
        """
        latency = float(getattr(self._stream, "latency", 0.0) or 0.0) if self.is_playing else 0.0
        return max(self._floor_s, (self._pos / self._rate - latency) * self._speed)

    @property
    def is_playing(self) -> bool:
        return not self._done.is_set()

    def play(self, path: Path, start_s: float = 0.0, speed: float = 1.0) -> None:
        """Start playing `path` from `start_s` and return at once; stops what was playing.

        `speed` (0.75–1.5 in the app) changes the tempo, not the pitch; positions and seeks
        stay in the recording's own seconds, so word times need no conversion.
        Raises AudioFileError for an unreadable file and PlaybackError for output trouble.
        """
        self.stop()
        samples, rate = load_for_playback(path)
        samples = stretch(samples, rate, speed)
        generation = self._generation + 1
        stream, samples, rate = self._open(samples, rate, generation)
        with self._lock:
            self._samples, self._rate, self._stream = samples, rate, stream
            self._speed = speed
            self._pos = self._index(start_s)
            self._floor_s = self._pos / rate * speed
            self._generation = generation
        self._done.clear()
        try:
            stream.start()
        except Exception as exc:
            self._done.set()
            self._close()
            raise playback_error(exc) from exc

    def seek(self, seconds: float) -> None:
        """Jump to `seconds` (clamped to the file); works while playing or stopped."""
        with self._lock:
            self._pos = self._index(seconds)
            self._floor_s = self._pos / self._rate * self._speed
        self._report_position(force=True)

    def stop(self) -> None:
        """Stop at once; `on_finished` is not called (the caller knows it stopped)."""
        if self._stream is None:
            return
        self._generation += 1  # the stream's finished hook now finds itself stale
        self._close()
        self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until playback ends; False if `timeout` passed first."""
        return self._done.wait(timeout)

    def _index(self, seconds: float) -> int:
        """The sample of the (stretched) buffer that plays the recording's second `seconds`."""
        return int(min(max(seconds, 0.0), self.duration_s) / self._speed * self._rate)

    def _open(self, samples: np.ndarray, rate: int, generation: int) -> tuple[Any, np.ndarray, int]:
        """An output stream at the file's rate, else at the device's rate with resampling."""
        try:
            return self._stream_at(rate, generation), samples, rate
        except Exception as exc:
            if classify(exc) is not Failure.SAMPLE_RATE:
                raise playback_error(exc) from exc
            log.info("output refused %d Hz: %s", rate, exc)
        try:
            info = self._backend.query_devices(self.device, "output")
            device_rate = int(info["default_samplerate"])
            resampled = StreamResampler(rate, device_rate).process(samples)
            return self._stream_at(device_rate, generation), resampled, device_rate
        except Exception as exc:
            raise playback_error(exc) from exc

    def _stream_at(self, rate: int, generation: int) -> Any:
        return remember_stream(self._backend.OutputStream(
            samplerate=rate, device=self.device, channels=1, dtype="float32",
            latency=OUTPUT_LATENCY_S, callback=self._callback,
            finished_callback=lambda: self._finished(generation),
        ))

    def _callback(self, outdata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        with self._lock:
            chunk = self._samples[self._pos : self._pos + frames]
            self._pos += len(chunk)
        outdata[: len(chunk), 0] = chunk
        outdata[len(chunk) :] = 0
        self._report_position()
        if len(chunk) < frames:
            raise self._backend.CallbackStop

    def _finished(self, generation: int) -> None:
        """PortAudio's end-of-stream hook: on a natural end of the current play, tell the caller.

        A stream that was stopped, or replaced by a newer play(), must not mark the new one
        done nor report a finish nobody is waiting for.
        """
        if generation != self._generation:
            return
        self._done.set()
        if self.on_finished is not None:
            call_quietly(self.on_finished)

    def _report_position(self, force: bool = False) -> None:
        now = time.monotonic()
        if self.on_position is None or (not force and now - self._last_report < POSITION_EVERY_S):
            return
        self._last_report = now
        call_quietly(self.on_position, self.position_s)

    def _close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            stream.abort()
            stream.close()
        except Exception:  # the device vanished: nothing left to stop
            log.exception("closing the output stream failed")

