"""Recorder against an injected fake PortAudio: each device failure gets its own message.

The fake raises the same `sounddevice.PortAudioError` values PortAudio produces (message,
code, host error), so these tests check the translation users see, and that a failed start
leaves the recorder ready for another try.
"""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest
import sounddevice as sd

from audio import capture
from audio.capture import Recorder, list_input_devices
from audio.errors import MicrophoneError
from audio.recovery import marker_for

MIC = {"index": 0, "name": "USB Headset Mic", "max_input_channels": 1,
       "max_output_channels": 0, "default_samplerate": 48000.0}
SPEAKER = {"index": 1, "name": "HDMI Out", "max_input_channels": 0,
           "max_output_channels": 2, "default_samplerate": 44100.0}
LAPTOP = {"index": 2, "name": "Laptop Mic", "max_input_channels": 2,
          "max_output_channels": 0, "default_samplerate": 44100.0}

INVALID_RATE = sd.PortAudioError("Error opening InputStream: Invalid sample rate", -9997)
BUSY = sd.PortAudioError("Error opening InputStream: Device unavailable", -9985)
PERMISSION = sd.PortAudioError(
    "Error opening InputStream: Unanticipated host error", -9999, (0, -13, "Permission denied")
)
NO_DEFAULT = sd.PortAudioError("Error querying device -1")
INVALID_CHANNELS = sd.PortAudioError("Error opening InputStream: Invalid number of channels", -9998)


def tone(rate: float, seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


class FakeStream:
    """Delivers the backend's signal in blocks from a thread, 10x faster than real time."""

    def __init__(
        self, backend: FakeBackend, samplerate: float, blocksize: int, callback, device,
        channels: int, **_
    ):
        self.backend, self.rate, self.blocksize = backend, samplerate, blocksize
        self.callback, self.device, self.channels = callback, device, channels
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        if self.backend.start_error is not None:
            raise self.backend.start_error
        self._thread.start()

    def _run(self) -> None:
        signal = self.backend.signal(self.rate)
        for i in range(0, len(signal), self.blocksize):
            if self._stop.is_set():
                return
            block = np.repeat(signal[i : i + self.blocksize, None], self.channels, axis=1)
            self.callback(block, len(block), None, None)
            time.sleep(self.blocksize / self.rate / 10)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def close(self) -> None:
        self.stop()

    def delivered_all(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()


class FakeBackend:
    """Just enough of the sounddevice module for Recorder and list_input_devices."""

    PortAudioError = sd.PortAudioError

    def __init__(self, devices=(MIC, SPEAKER, LAPTOP), default: int | None = 0) -> None:
        self.devices = [dict(d) for d in devices]
        self.default = default
        self.refused_rates: set[float] = set()
        self.mono_refused = False
        self.open_error: Exception | None = None
        self.start_error: Exception | None = None
        self.signal = lambda rate: tone(rate, 1.0)
        self.streams: list[FakeStream] = []

    def query_devices(self, device=None, kind=None):
        if kind == "input":
            if self.default is None:
                raise NO_DEFAULT
            return next(d for d in self.devices if d["index"] == self.default)
        return list(self.devices)

    def InputStream(self, samplerate: float, **kwargs) -> FakeStream:
        if self.open_error is not None:
            raise self.open_error
        if samplerate in self.refused_rates:
            raise INVALID_RATE
        if self.mono_refused and kwargs["channels"] == 1:
            raise INVALID_CHANNELS
        stream = FakeStream(self, samplerate, **kwargs)
        self.streams.append(stream)
        return stream


def record(recorder: Recorder, path: Path, backend: FakeBackend, **callbacks) -> Path:
    """Start, wait until the fake has delivered its whole signal, stop."""
    recorder.start(path, **callbacks)
    deadline = time.monotonic() + 10
    while not backend.streams[-1].delivered_all() and time.monotonic() < deadline:
        time.sleep(0.01)
    return recorder.stop()


def wav_info(path: Path) -> tuple[int, int, int, float]:
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        return rate, w.getnchannels(), w.getsampwidth(), w.getnframes() / rate


def wav_samples(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2") / 32768.0


def assert_no_leftovers(path: Path) -> None:
    assert not path.exists()
    assert not marker_for(path).exists()


def test_records_16k_mono_16bit_and_reports_level(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.signal = lambda rate: tone(rate, 1.0)
    levels: list[float] = []
    blocks: list[np.ndarray] = []
    recorder = Recorder(backend=backend)
    path = record(recorder, tmp_path / "a.wav", backend, on_level=levels.append,
                  on_block=blocks.append)
    assert wav_info(path)[:3] == (16000, 1, 2)
    assert wav_info(path)[3] == pytest.approx(1.0, abs=0.01)
    assert recorder.elapsed_s == pytest.approx(1.0, abs=0.01)
    assert levels and max(levels) == pytest.approx(0.5, abs=0.01)
    assert sum(len(b) for b in blocks) == pytest.approx(16000, abs=5)
    assert recorder.problem is None
    assert not marker_for(path).exists()


def test_no_device_at_all(tmp_path: Path) -> None:
    backend = FakeBackend(devices=(SPEAKER,), default=None)
    recorder = Recorder(backend=backend)
    with pytest.raises(MicrophoneError, match=r"No microphone was found\. Plug in"):
        recorder.start(tmp_path / "a.wav")
    assert_no_leftovers(tmp_path / "a.wav")
    backend.devices.append(dict(MIC))  # the user plugs the headset in
    backend.default = 0
    path = record(recorder, tmp_path / "a.wav", backend)
    assert wav_info(path)[3] == pytest.approx(1.0, abs=0.01)


def test_busy_device_names_it_and_says_what_to_close(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.open_error = BUSY
    recorder = Recorder(backend=backend)
    with pytest.raises(MicrophoneError) as caught:
        recorder.start(tmp_path / "a.wav")
    message = str(caught.value)
    assert "USB Headset Mic" in message and "busy" in message and "Close other apps" in message
    assert "PaErrorCode" not in message and "-9985" not in message
    assert_no_leftovers(tmp_path / "a.wav")
    backend.open_error = None
    assert record(recorder, tmp_path / "a.wav", backend).exists()


def test_busy_at_stream_start_leaves_no_file(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.start_error = BUSY
    recorder = Recorder(backend=backend)
    with pytest.raises(MicrophoneError, match="busy"):
        recorder.start(tmp_path / "a.wav")
    assert_no_leftovers(tmp_path / "a.wav")
    assert not recorder.is_recording
    backend.start_error = None
    assert record(recorder, tmp_path / "a.wav", backend).exists()


def test_refused_16k_falls_back_to_device_rate_and_resamples(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.refused_rates = {16000.0}
    backend.signal = lambda rate: tone(rate, 1.0, freq=1000.0)
    recorder = Recorder(backend=backend)
    recorder.start(tmp_path / "a.wav")
    assert recorder.device_samplerate == 48000.0
    while not backend.streams[-1].delivered_all():
        time.sleep(0.01)
    path = recorder.stop()
    rate, channels, width, seconds = wav_info(path)
    assert (rate, channels, width) == (16000, 1, 2)
    assert seconds == pytest.approx(1.0, abs=0.01)
    samples = wav_samples(path)
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    peak_hz = np.argmax(spectrum) * 16000 / len(samples)
    assert peak_hz == pytest.approx(1000.0, abs=5.0)
    assert np.max(np.abs(samples[200:-200])) == pytest.approx(0.5, abs=0.02)


def test_device_that_refuses_mono_is_opened_with_all_channels_and_mixed_down(tmp_path):
    backend = FakeBackend()
    backend.mono_refused = True
    path = record(Recorder(backend=backend, device="Laptop Mic"), tmp_path / "a.wav", backend)
    assert backend.streams[-1].channels == 2
    assert wav_info(path)[:2] == (16000, 1)
    assert np.max(np.abs(wav_samples(path))) == pytest.approx(0.5, abs=0.01)


def test_a_stream_that_stops_delivering_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(capture, "NO_BLOCKS_LIMIT_S", 0.3)
    backend = FakeBackend()
    backend.signal = lambda rate: tone(rate, 0.5)  # then nothing more, as when unplugged
    problems: list[MicrophoneError] = []
    recorder = Recorder(backend=backend)
    recorder.start(tmp_path / "a.wav", on_problem=problems.append)
    deadline = time.monotonic() + 5
    while not problems and time.monotonic() < deadline:
        time.sleep(0.05)
    path = recorder.stop()
    assert len(problems) == 1 and "stopped sending audio" in str(problems[0])
    assert wav_info(path)[3] == pytest.approx(0.5, abs=0.01)  # what came is kept


def test_unsupported_rate_everywhere(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.refused_rates = {16000.0, 48000.0}
    recorder = Recorder(backend=backend)
    with pytest.raises(MicrophoneError) as caught:
        recorder.start(tmp_path / "a.wav")
    message = str(caught.value)
    assert "accepts neither 16000 Hz nor its own rate of 48000 Hz" in message
    assert "Invalid sample rate" not in message and "PaErrorCode" not in message
    assert_no_leftovers(tmp_path / "a.wav")
    backend.refused_rates = set()
    assert record(recorder, tmp_path / "a.wav", backend).exists()


def test_permission_denied(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.open_error = PERMISSION
    recorder = Recorder(backend=backend)
    with pytest.raises(MicrophoneError, match=r"not allowed to use the microphone\. Allow"):
        recorder.start(tmp_path / "a.wav")
    assert_no_leftovers(tmp_path / "a.wav")
    backend.open_error = None
    assert record(recorder, tmp_path / "a.wav", backend).exists()


def test_all_zero_input_is_reported_once_and_kept_as_status(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.signal = lambda rate: np.zeros(int(rate * 2.0), dtype=np.float32)
    problems: list[MicrophoneError] = []
    recorder = Recorder(backend=backend)
    path = record(recorder, tmp_path / "a.wav", backend, on_problem=problems.append)
    assert len(problems) == 1
    assert recorder.problem is problems[0]
    assert "sends only silence" in str(problems[0]) and "Unmute it" in str(problems[0])
    assert wav_info(path)[3] == pytest.approx(2.0, abs=0.01)
    backend.signal = lambda rate: tone(rate, 1.0)
    record(recorder, tmp_path / "b.wav", backend)
    assert recorder.problem is None


def test_short_digital_silence_before_sound_is_not_a_problem(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.signal = lambda rate: np.concatenate([np.zeros(int(rate * 0.5), np.float32),
                                                 tone(rate, 1.0)])
    recorder = Recorder(backend=backend)
    record(recorder, tmp_path / "a.wav", backend)
    assert recorder.problem is None


def test_device_by_name_index_and_unknown_name(tmp_path: Path) -> None:
    backend = FakeBackend()
    recorder = Recorder(backend=backend, device="laptop")
    recorder.start(tmp_path / "a.wav")
    recorder.stop()
    assert backend.streams[-1].device == 2
    with pytest.raises(MicrophoneError) as caught:
        Recorder(backend=backend, device="Blue Yeti").start(tmp_path / "b.wav")
    assert "'Blue Yeti' is not connected" in str(caught.value)
    assert "0: USB Headset Mic, 2: Laptop Mic" in str(caught.value)
    with pytest.raises(MicrophoneError, match="not connected or is not an input"):
        Recorder(backend=backend, device=1).start(tmp_path / "c.wav")


def test_raising_callbacks_do_not_break_the_recording(tmp_path: Path) -> None:
    def broken(_value: object) -> None:
        raise ValueError("bug in the meter")

    backend = FakeBackend()
    path = record(Recorder(backend=backend), tmp_path / "a.wav", backend,
                  on_level=broken, on_block=broken)
    assert wav_info(path)[3] == pytest.approx(1.0, abs=0.01)


def test_start_twice_and_stop_without_start_are_programming_errors(tmp_path: Path) -> None:
    backend = FakeBackend()
    recorder = Recorder(backend=backend)
    with pytest.raises(RuntimeError, match="no recording running"):
        recorder.stop()
    recorder.start(tmp_path / "a.wav")
    with pytest.raises(RuntimeError, match="already recording"):
        recorder.start(tmp_path / "b.wav")
    recorder.stop()


def test_list_input_devices_only_inputs_with_default_marked() -> None:
    devices = list_input_devices(FakeBackend(default=2))
    found = [(d.index, d.name, d.default_samplerate, d.is_default, d.max_input_channels)
             for d in devices]
    assert found == [(0, "USB Headset Mic", 48000.0, False, 1), (2, "Laptop Mic", 44100.0, True, 2)]
