"""Two takes never share a file: unique names, exclusive creation, private modes.

The recorder is the real one (`audio.capture.Recorder` writing through `WavWriter`), fed by
a fake PortAudio that plays a tone per take, so a mixed-up file shows as the wrong pitch.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from audio.capture import Recorder
from audio.recovery import marker_for
from audio.wavfile import WavWriter, read_wav
from desktop import window_devices
from desktop.rehearse import Console, Devices, StopReason, StopRules, rehearse
from desktop.store import Store
from desktop.window_devices import question_id_of, recording_path
from question_bank.model import Question
from scoring import Transcript

RATE = 16_000
QUESTION = Question(id="test-q", text="Tell me about a time you failed.", kind="story")
ANSWER = ("Just to be clear, you want a failure. I was the analyst on a pricing launch. "
          "I rebuilt the validation set and ran an A/B test. Errors fell by 18%.")
MIC = {"index": 0, "name": "Test Mic", "max_input_channels": 1, "max_output_channels": 0,
       "default_samplerate": 16000.0}
INSTANT = datetime(2026, 1, 1, 12, 0, 0, 123456, tzinfo=UTC)


class FrozenClock(datetime):
    """Every take starts at the same microsecond."""

    @classmethod
    def now(cls, tz=None):
        return INSTANT


class ToneStream:
    """Delivers a tone in 50 ms blocks, four times faster than real time, until stopped."""

    def __init__(self, freq: float, samplerate: float, blocksize: int, callback, **_) -> None:
        self.freq, self.rate, self.blocksize, self.callback = freq, samplerate, blocksize, callback
        self.closed = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            t = (n + np.arange(self.blocksize)) / self.rate
            block = (0.3 * np.sin(2 * np.pi * self.freq * t)).astype(np.float32)[:, None]
            self.callback(block, self.blocksize, None, None)
            n += self.blocksize
            time.sleep(self.blocksize / self.rate / 4)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def close(self) -> None:
        self.stop()
        self.closed = True


class ToneBackend:
    """Just enough of sounddevice for the Recorder: one microphone that plays `freq`."""

    def __init__(self, freq: float) -> None:
        self.freq = freq

    def query_devices(self, device=None, kind=None):
        return dict(MIC) if kind == "input" else [dict(MIC)]

    def InputStream(self, samplerate: float, **kwargs) -> ToneStream:
        return ToneStream(self.freq, samplerate, **kwargs)


class TextStreamer:
    def feed(self, block: np.ndarray) -> None:
        pass

    def finish(self, duration_s: float) -> Transcript:
        return Transcript.from_text(ANSWER)


def pitch(path: Path) -> float:
    samples, rate = read_wav(path)
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[np.argmax(spectrum)])


def test_two_rehearsals_started_in_the_same_microsecond_get_their_own_files(
        tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(window_devices, "datetime", FrozenClock)
    outcomes: dict[float, object] = {}
    start = threading.Barrier(2)

    def take(freq: float) -> None:
        devices = Devices(Recorder(backend=ToneBackend(freq)), TextStreamer())
        term = Console(io.StringIO(), io.StringIO(), None)
        with Store(tmp_path / f"db-{freq:g}.sqlite3") as store:
            start.wait()
            outcomes[freq] = rehearse(QUESTION, None, devices, StopRules(max_seconds=2.0),
                                      store, tmp_path, term)

    threads = [threading.Thread(target=take, args=(f,)) for f in (300.0, 700.0)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    low, high = outcomes[300.0], outcomes[700.0]
    assert low.reason is high.reason is StopReason.TIME_LIMIT
    assert low.wav_path != high.wav_path
    assert sorted(tmp_path.glob("*.wav")) == sorted([low.wav_path, high.wav_path])
    for outcome, freq in ((low, 300.0), (high, 700.0)):
        assert pitch(outcome.wav_path) == pytest.approx(freq, abs=5)
        samples, rate = read_wav(outcome.wav_path)
        assert 2.0 <= len(samples) / rate <= 4.0  # one take's audio, not two interleaved
        assert question_id_of(outcome.wav_path) == QUESTION.id


def test_names_differ_within_a_microsecond_and_across_processes(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path))
    names = {recording_path(QUESTION, when=INSTANT) for _ in range(100)}
    assert len(names) == 100
    script = ("import sys; from datetime import datetime; "
              "from desktop.window_devices import recording_path; "
              "from question_bank.model import Question; "
              "q = Question(id='test-q', text='?', kind='story'); "
              "print(recording_path(q, when=datetime.fromisoformat(sys.argv[1])))")
    other = subprocess.run([sys.executable, "-c", script, INSTANT.isoformat()],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(other) not in names and question_id_of(Path(other)) == QUESTION.id
    assert all(question_id_of(name) == QUESTION.id for name in names)


def test_a_taken_name_is_never_opened_again_the_writer_takes_the_next_free_one(
        tmp_path) -> None:
    wanted = tmp_path / "20260101T120000123456__test-q.wav"
    wanted.write_bytes(b"another take's audio")
    first = WavWriter(wanted, RATE)
    second = WavWriter(wanted, RATE)
    first.write(np.full(1600, 0.5, np.float32))
    second.write(np.full(3200, -0.5, np.float32))
    first.close()
    second.close()
    assert wanted.read_bytes() == b"another take's audio"  # untouched
    assert first.path.name == wanted.stem + "~2.wav" and second.path.name == wanted.stem + "~3.wav"
    assert len(read_wav(first.path)[0]) == 1600 and len(read_wav(second.path)[0]) == 3200
    assert question_id_of(first.path) == question_id_of(second.path) == QUESTION.id


def test_the_recorder_reports_the_numbered_name_it_really_wrote(tmp_path) -> None:
    wanted = tmp_path / "take.wav"
    wanted.write_bytes(b"keep me")
    recorder = Recorder(backend=ToneBackend(440.0))
    recorder.start(wanted)
    assert marker_for(tmp_path / "take~2.wav").exists()
    time.sleep(0.3)
    written = recorder.stop()
    assert written == tmp_path / "take~2.wav" and wanted.read_bytes() == b"keep me"
    assert not marker_for(written).exists() and pitch(written) == pytest.approx(440, abs=5)


def test_recordings_and_their_markers_are_private_under_umask_022(tmp_path) -> None:
    old = os.umask(0o022)
    try:
        recorder = Recorder(backend=ToneBackend(440.0))
        recorder.start(tmp_path / "take.wav")
        time.sleep(0.2)
        marker_mode = stat.S_IMODE(marker_for(tmp_path / "take.wav").stat().st_mode)
        wav = recorder.stop()
        stale = tmp_path / "stale.wav"
        marker_for(stale).write_text("{}")  # a marker left world-readable by an old version
        from audio.recovery import write_marker

        write_marker(stale, RATE)
    finally:
        os.umask(old)
    assert marker_mode == 0o600
    assert stat.S_IMODE(wav.stat().st_mode) == 0o600
    assert stat.S_IMODE(marker_for(stale).stat().st_mode) == 0o600
