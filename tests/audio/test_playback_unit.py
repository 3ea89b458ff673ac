"""Player against a fake output stream that records exactly what it was handed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import sounddevice as sd

from audio.errors import AudioFileError, PlaybackError
from audio.playback import Player
from audio.wavfile import WavWriter

RATE = 16000
BLOCK = 160  # 10 ms


class FakeOutputStream:
    """Pulls blocks from the player's callback at `speed` x real time, like PortAudio would."""

    def __init__(self, backend, samplerate, callback, finished_callback, **_):
        self.backend, self.rate = backend, samplerate
        self.callback, self.finished_callback = callback, finished_callback
        self.played: list[np.ndarray] = []
        self.latency = 0.0
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while not self._halt.is_set():
            out = np.full((BLOCK, 1), np.nan, dtype=np.float32)
            try:
                self.callback(out, BLOCK, None, None)
            except sd.CallbackStop:
                self.played.append(out[:, 0].copy())
                break
            self.played.append(out[:, 0].copy())
            time.sleep(BLOCK / self.rate / self.backend.speed)
        self.finished_callback()

    def abort(self) -> None:
        self._halt.set()
        if self._thread.ident is not None:
            self._thread.join()

    def close(self) -> None:
        self.abort()

    @property
    def output(self) -> np.ndarray:
        return np.concatenate(self.played) if self.played else np.zeros(0, np.float32)


class FakeBackend:
    PortAudioError = sd.PortAudioError
    CallbackStop = sd.CallbackStop

    def __init__(self, speed: float = 4.0) -> None:
        self.speed = speed
        self.refused_rates: set[int] = set()
        self.open_error: Exception | None = None
        self.streams: list[FakeOutputStream] = []

    def query_devices(self, device=None, kind=None):
        return {"name": "Speakers", "index": 0, "default_samplerate": 48000.0}

    def OutputStream(self, samplerate, **kwargs) -> FakeOutputStream:
        if self.open_error is not None:
            raise self.open_error
        if samplerate in self.refused_rates:
            raise sd.PortAudioError("Error opening OutputStream: Invalid sample rate", -9997)
        stream = FakeOutputStream(self, samplerate, **kwargs)
        self.streams.append(stream)
        return stream


def ramp_wav(path: Path, seconds: float = 1.0) -> np.ndarray:
    """A WAV whose every sample says where it is, so the output shows what was played."""
    samples = np.linspace(-0.9, 0.9, int(RATE * seconds), dtype=np.float32)
    writer = WavWriter(path, RATE)
    writer.write(samples)
    writer.close()
    return np.round(samples * 32767) / 32768


def test_plays_the_whole_file_then_reports_finished(tmp_path: Path) -> None:
    expected = ramp_wav(tmp_path / "a.wav")
    finished: list[bool] = []
    player = Player(backend=FakeBackend(speed=20), on_finished=lambda: finished.append(True))
    player.play(tmp_path / "a.wav")
    assert player.is_playing and player.duration_s == pytest.approx(1.0)
    assert player.wait(timeout=5)
    out = player._backend.streams[-1].output
    assert np.allclose(out[: len(expected)], expected, atol=1e-4)
    assert np.all(out[len(expected) :] == 0)  # the last block is padded with silence
    assert finished == [True] and not player.is_playing
    assert player.position_s == pytest.approx(1.0)


def test_start_position_and_position_reports(tmp_path: Path) -> None:
    expected = ramp_wav(tmp_path / "a.wav")
    positions: list[float] = []
    player = Player(backend=FakeBackend(speed=4), on_position=positions.append)
    player.play(tmp_path / "a.wav", start_s=0.5)
    time.sleep(0.05)
    assert 0.5 < player.position_s < 0.95
    player.wait(timeout=5)
    out = player._backend.streams[-1].output
    assert np.allclose(out[:100], expected[8000:8100], atol=1e-4)
    assert positions == sorted(positions) and len(positions) >= 3
    assert positions[0] >= 0.5 and positions[-1] <= 1.0


def test_seek_jumps_while_playing(tmp_path: Path) -> None:
    expected = ramp_wav(tmp_path / "a.wav", seconds=2.0)
    player = Player(backend=FakeBackend(speed=2))
    player.play(tmp_path / "a.wav")
    time.sleep(0.05)
    player.seek(1.5)
    assert player.position_s == pytest.approx(1.5, abs=0.02)
    player.wait(timeout=5)
    out = player._backend.streams[-1].output
    jump = int(np.argmax(np.abs(np.diff(out)) > 0.1)) + 1
    assert np.allclose(out[jump : jump + 100], expected[24000:24100], atol=1e-4)
    assert len(out) < 0.5 * len(expected) + 24000  # the skipped part was never played


def test_stop_is_immediate_and_not_a_finish(tmp_path: Path) -> None:
    ramp_wav(tmp_path / "a.wav", seconds=3.0)
    finished: list[bool] = []
    player = Player(backend=FakeBackend(speed=1), on_finished=lambda: finished.append(True))
    player.play(tmp_path / "a.wav")
    time.sleep(0.2)
    player.stop()
    stopped_at = player.position_s
    assert not player.is_playing and player.wait(timeout=0)
    time.sleep(0.1)
    assert player.position_s == stopped_at and 0.1 < stopped_at < 0.5
    assert finished == []
    player.play(tmp_path / "a.wav", start_s=2.9)  # usable again
    assert player.wait(timeout=5) and finished == [True]


def test_refused_rate_resamples_to_the_device_rate(tmp_path: Path) -> None:
    ramp_wav(tmp_path / "a.wav", seconds=0.5)
    backend = FakeBackend(speed=20)
    backend.refused_rates = {RATE}
    player = Player(backend=backend)
    player.play(tmp_path / "a.wav")
    assert player.wait(timeout=5)
    assert backend.streams[-1].rate == 48000
    assert player.duration_s == pytest.approx(0.5, abs=0.001)
    assert len(backend.streams[-1].output) >= 3 * 8000


def test_output_errors_are_plain_playback_errors(tmp_path: Path) -> None:
    ramp_wav(tmp_path / "a.wav")
    backend = FakeBackend()
    backend.open_error = sd.PortAudioError("Error querying device -1")
    player = Player(backend=backend)
    with pytest.raises(PlaybackError) as caught:
        player.play(tmp_path / "a.wav")
    assert str(caught.value).startswith("No speaker or headphones were found.")
    assert "PaErrorCode" not in str(caught.value)
    backend.open_error = sd.PortAudioError("Error opening OutputStream: Device unavailable", -9985)
    with pytest.raises(PlaybackError, match="output is busy"):
        player.play(tmp_path / "a.wav")
    assert not player.is_playing
    backend.open_error = None
    player.play(tmp_path / "a.wav")
    assert player.wait(timeout=5)


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "broken.wav").write_bytes(b"RIFF....WAVEjunk")
    with pytest.raises(AudioFileError, match="Check the file exists and is not damaged"):
        Player(backend=FakeBackend()).play(tmp_path / "broken.wav")


def test_a_new_play_replaces_the_old_one_cleanly(tmp_path: Path) -> None:
    ramp_wav(tmp_path / "long.wav", seconds=3.0)
    expected = ramp_wav(tmp_path / "short.wav", seconds=0.3)
    finished: list[bool] = []
    backend = FakeBackend(speed=4)
    player = Player(backend=backend, on_finished=lambda: finished.append(True))
    player.play(tmp_path / "long.wav")
    time.sleep(0.05)
    player.play(tmp_path / "short.wav")
    assert player.is_playing  # the old stream's end did not mark the new one done
    assert player.wait(timeout=5)
    assert finished == [True]
    assert np.allclose(backend.streams[-1].output[: len(expected)], expected, atol=1e-4)
    assert player.duration_s == pytest.approx(0.3)


def test_a_faster_speed_plays_less_audio_but_keeps_recording_time(tmp_path: Path) -> None:
    ramp_wav(tmp_path / "a.wav", seconds=2.0)
    player = Player(backend=FakeBackend(speed=20))
    player.play(tmp_path / "a.wav", speed=1.5)
    assert player.duration_s == pytest.approx(2.0, abs=0.01) and player.speed == 1.5
    assert player.wait(timeout=5)
    played = len(player._backend.streams[-1].output) / RATE
    assert played == pytest.approx(2.0 / 1.5, abs=0.02)  # tempo, in 1/1.5 of the time
    assert player.position_s == pytest.approx(2.0, abs=0.02)  # positions in recording time
    player.play(tmp_path / "a.wav", start_s=1.0, speed=0.75)
    player.seek(1.2)
    assert player.position_s == pytest.approx(1.2, abs=0.02)
    player.stop()
