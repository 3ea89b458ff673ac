"""Reading recordings: every supported format decodes; every bad file says what to do."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from audio.errors import AudioFileError
from audio.files import SAMPLE_RATE, duration_s, load_audio
from audio.wavfile import read_wav


def write_tone(path: Path, seconds: float, rate: int = 44100, channels: int = 2) -> Path:
    """A 440 Hz tone as 16-bit PCM, at a rate and channel count the app must convert."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.3 * np.sin(2 * np.pi * 440 * t) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.repeat(tone, channels).tobytes())
    return path


def test_wav_at_another_rate_and_stereo_becomes_16k_mono_float(tmp_path: Path) -> None:
    samples = load_audio(write_tone(tmp_path / "tone.wav", 1.5))
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert abs(len(samples) - 1.5 * SAMPLE_RATE) < 0.01 * SAMPLE_RATE
    assert 0.15 < float(np.sqrt(np.mean(samples**2))) < 0.25  # 0.3 amplitude sine: rms 0.21


def test_duration_of_wav_comes_from_its_header(tmp_path: Path) -> None:
    assert duration_s(write_tone(tmp_path / "tone.wav", 2.25)) == pytest.approx(2.25, abs=1e-3)


@pytest.mark.parametrize("fmt", ["mp3", "ogg", "flac", "m4a"])
def test_compressed_formats_decode(tmp_path: Path, fmt: str) -> None:
    source = write_tone(tmp_path / "tone.wav", 2.0)
    target = tmp_path / f"tone.{fmt}"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(source), str(target)],
                   check=True)
    samples = load_audio(target)
    # Encoders add priming samples; the length must still be about right.
    assert abs(len(samples) / SAMPLE_RATE - 2.0) < 0.1
    assert duration_s(target) == pytest.approx(len(samples) / SAMPLE_RATE)
    assert float(np.abs(samples).max()) > 0.2


def test_ogg_made_with_sox_decodes(tmp_path: Path) -> None:
    target = tmp_path / "sox.ogg"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(target), "synth", "1.0", "sine",
                    "300"], check=True)
    assert abs(len(load_audio(target)) - SAMPLE_RATE) < 0.05 * SAMPLE_RATE


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match=r"absent\.wav was not found.*Check the path"):
        load_audio(tmp_path / "absent.wav")


def test_empty_file_says_it_is_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.touch()
    with pytest.raises(AudioFileError, match=r"empty\.wav is empty"):
        load_audio(empty)
    with pytest.raises(AudioFileError, match="is empty"):
        duration_s(empty)


def test_text_file_renamed_wav_is_not_audio(tmp_path: Path) -> None:
    fake = tmp_path / "notes.wav"
    fake.write_text("Situation, task, action, result.\n")
    with pytest.raises(AudioFileError) as caught:
        load_audio(fake)
    message = str(caught.value)
    assert "notes.wav" in message and "not an audio file" in message
    assert "wav, flac, mp3, m4a, ogg" in message  # what to do: pick a supported recording
    assert "Errno" not in message


def test_corrupt_file_raises_audio_file_error(tmp_path: Path) -> None:
    corrupt = tmp_path / "answer.mp3"
    corrupt.write_bytes(np.random.default_rng(1).integers(0, 256, 4000, np.uint8).tobytes())
    with pytest.raises(AudioFileError, match=r"answer\.mp3"):
        load_audio(corrupt)
    with pytest.raises(AudioFileError):
        duration_s(corrupt)


def test_wav_header_without_samples_has_no_sound(tmp_path: Path) -> None:
    hollow = write_tone(tmp_path / "hollow.wav", 0.0)
    with pytest.raises(AudioFileError, match="contains no sound"):
        load_audio(hollow)


def cut_short(path: Path, keep_bytes: int) -> Path:
    """The file with only its first `keep_bytes` bytes: the header still claims it all."""
    path.write_bytes(path.read_bytes()[:keep_bytes])
    return path


def test_a_truncated_wav_reports_the_audio_it_holds_not_its_header(tmp_path: Path) -> None:
    """A 10 s recording cut after 2.5 s of samples (+ one stray byte of a half frame)."""
    wav = write_tone(tmp_path / "cut.wav", 10.0, rate=16000, channels=1)
    cut_short(wav, 44 + int(2.5 * 16000) * 2 + 1)
    with wave.open(str(wav), "rb") as header:
        assert header.getnframes() == 160000  # the header still says 10 s
    assert duration_s(wav) == pytest.approx(2.5, abs=1e-3)
    samples, rate = read_wav(wav)
    assert rate == 16000 and len(samples) == int(2.5 * 16000)
    assert abs(len(load_audio(wav)) / SAMPLE_RATE - duration_s(wav)) < 0.05


def test_a_truncated_stereo_wav_keeps_whole_frames_only(tmp_path: Path) -> None:
    wav = write_tone(tmp_path / "cut.wav", 3.0, rate=44100, channels=2)
    cut_short(wav, 44 + 44100 * 4 + 3)  # one second of frames and 3 bytes of the next
    assert duration_s(wav) == pytest.approx(1.0, abs=1e-4)
    samples, rate = read_wav(wav)
    assert rate == 44100 and len(samples) == 44100


def test_a_wav_with_an_unknown_data_size_reports_what_it_holds(tmp_path: Path) -> None:
    """Streaming tools write 0 or 0xFFFFFFFF before they know the length."""
    wav = write_tone(tmp_path / "stream.wav", 1.5, rate=16000, channels=1)
    data = bytearray(wav.read_bytes())
    data[40:44] = b"\xff\xff\xff\xff"
    wav.write_bytes(bytes(data))
    assert duration_s(wav) == pytest.approx(1.5, abs=1e-3)
    assert len(read_wav(wav)[0]) == 24000
