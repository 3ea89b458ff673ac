"""Speaker: real pyttsx3/espeak-ng synthesis, the cache, and every way speech can fail."""

from __future__ import annotations

import subprocess
import time
import wave
from pathlib import Path

import pytest

from audio.errors import SpeechUnavailable
from audio.tts import Speaker, espeak_command, pyttsx3_command

QUESTION = "Tell me about a time you disagreed with your manager and how you resolved it."


def seconds_of(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def soxi_seconds(path: Path) -> float:
    return float(subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True,
                                check=True).stdout)


def test_question_is_a_wav_whose_length_fits_its_words(tmp_path: Path) -> None:
    speaker = Speaker(cache_dir=tmp_path)
    path = speaker.synthesize(QUESTION)
    words = len(QUESTION.split())
    assert path.parent == tmp_path and path.stat().st_size > 44
    assert 0.25 * words <= seconds_of(path) <= 0.8 * words
    assert soxi_seconds(path) == pytest.approx(seconds_of(path), abs=0.01)


def test_second_request_comes_from_the_cache_instantly(tmp_path: Path) -> None:
    speaker = Speaker(cache_dir=tmp_path)
    first = speaker.synthesize(QUESTION)
    written = first.stat().st_mtime_ns
    started = time.perf_counter()
    again = Speaker(cache_dir=tmp_path).synthesize("  " + QUESTION.replace(" ", "\n", 1))
    assert time.perf_counter() - started < 0.05
    assert again == first and again.stat().st_mtime_ns == written
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name]  # no partial files left


def test_rate_and_voice_are_part_of_the_cache_key_and_take_effect(tmp_path: Path) -> None:
    slow = Speaker(cache_dir=tmp_path, rate=120).synthesize(QUESTION)
    fast = Speaker(cache_dir=tmp_path, rate=240).synthesize(QUESTION)
    american = Speaker(cache_dir=tmp_path, voice="gmw/en-us").synthesize(QUESTION)
    assert len({slow, fast, american}) == 3
    assert seconds_of(fast) < 0.7 * seconds_of(slow)


def test_espeak_ng_takes_over_when_pyttsx3_fails(tmp_path: Path) -> None:
    def broken(out: Path, voice: str | None, rate: int) -> list[str]:
        return ["false"]

    path = Speaker(cache_dir=tmp_path, engines=[broken, espeak_command]).synthesize(QUESTION)
    assert 0.25 * 15 <= seconds_of(path) <= 0.8 * 15


def test_a_hung_synthesizer_is_timed_out_quickly(tmp_path: Path) -> None:
    def hangs(out: Path, voice: str | None, rate: int) -> list[str]:
        return ["sleep", "60"]

    speaker = Speaker(cache_dir=tmp_path, timeout_s=1.0, engines=[hangs])
    started = time.monotonic()
    with pytest.raises(SpeechUnavailable) as caught:
        speaker.synthesize(QUESTION)
    assert time.monotonic() - started < 3.0
    assert "sleep did not finish within 1 s" in str(caught.value)
    assert "shown on screen instead" in str(caught.value)


def test_no_engine_at_all(tmp_path: Path) -> None:
    with pytest.raises(SpeechUnavailable) as caught:
        Speaker(cache_dir=tmp_path, engines=[]).synthesize(QUESTION)
    message = str(caught.value)
    assert "no speech engine is configured" in message
    assert "install espeak-ng" in message


def test_missing_program_and_garbage_output_are_explained(tmp_path: Path) -> None:
    def missing(out: Path, voice: str | None, rate: int) -> list[str]:
        return ["/nonexistent/speech-engine"]

    def garbage(out: Path, voice: str | None, rate: int) -> list[str]:
        return ["sh", "-c", f"echo not-a-wav > '{out}'"]

    with pytest.raises(SpeechUnavailable) as caught:
        Speaker(cache_dir=tmp_path, engines=[missing, garbage]).synthesize(QUESTION)
    assert "speech-engine is not installed" in str(caught.value)
    assert "the engine wrote no usable audio" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_unknown_voice_fails_with_a_settings_hint(tmp_path: Path) -> None:
    speaker = Speaker(cache_dir=tmp_path, voice="missing-voice-xyz",
                      engines=[pyttsx3_command, espeak_command])
    with pytest.raises(SpeechUnavailable) as caught:
        speaker.synthesize(QUESTION)
    assert "no voice 'missing-voice-xyz'" in str(caught.value)
    assert "choose another voice than 'missing-voice-xyz' in Settings" in str(caught.value)


def test_unwritable_cache_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where the folder should be")
    with pytest.raises(SpeechUnavailable, match=r"speech folder .* cannot be created"):
        Speaker(cache_dir=tmp_path / "file" / "speech").synthesize(QUESTION)


def test_empty_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpeechUnavailable, match="no question text"):
        Speaker(cache_dir=tmp_path).synthesize("  \n ")


def test_voices_lists_ids_that_synthesize(tmp_path: Path) -> None:
    voices = Speaker(cache_dir=tmp_path).voices()
    assert "gmw/en-us" in voices and len(voices) > 10
