"""One-pass transcription with the real bundled model on short espeak-ng clips."""

from __future__ import annotations

import re
import subprocess
import wave
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from audio.files import SAMPLE_RATE, load_audio
from audio.transcribe import FILLER_PROMPT, SILENCE_RMS, Transcriber
from question_bank.model import Question
from scoring import analyze
from scoring.quantities import find_quantities
from scoring.transcript import Transcript
from scoring.wer import word_error_rate

pytestmark = [pytest.mark.slow, pytest.mark.model]

# Sentences espeak-ng pronounces clearly enough for tiny.en (checked one by one, and under
# every forced CPU kernel set of `make test-isa`).
STORY = (
    "Last year I built a new search feature for our online store, and sales went up by ten "
    "percent."
)
# Two sentences each side of the pause: one short sentence is not a fair test of tiny.en,
# whose int8 kernels differ by CPU (`make test-isa`). Measured WER 0.05 each, every ISA.
BEFORE = (
    "Last year I built a new search feature for our online store. Then we tested the new "
    "version with real customers."
)
AFTER = (
    "The result was a faster page and happier customers. Sales went up by ten percent in "
    "the first month."
)
# A few words only (their level must stay under the silence floor over 30 s): the one
# sentence here, heard right (WER 0) under every forced ISA.
QUIET = "Then we tested the new version with real customers."
FILLERS = (
    "Um, so, I was leading the data team, uh, and we had a problem with, like, the churn "
    "model. You know, I mean, it was slow. Um, so I rebuilt the pipeline and, uh, cut "
    "latency by forty percent."
)
FILLER_WORDS = {"um", "uh", "like", "so"}


@pytest.fixture(scope="module")
def transcriber() -> Transcriber:
    """One model for the whole module: loading it is the slow part."""
    model = Transcriber()
    model.load()
    return model


def write_wav(path: Path, samples: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes((np.clip(samples, -1, 1) * 32767).astype(np.int16).tobytes())
    return path


def assert_well_timed(transcript: Transcript, start_s: float = 0.0) -> None:
    """Words are stripped, inside the audio and in order."""
    words = transcript.words
    assert all(w.text == w.text.strip() and w.text for w in words)
    assert all(start_s <= w.start_s <= w.end_s <= transcript.duration_s for w in words)
    assert all(a.start_s <= b.start_s for a, b in pairwise(words))


def test_espeak_clip_transcribes_to_its_text(transcriber: Transcriber, espeak_wav) -> None:
    clip = espeak_wav(STORY)
    transcript = transcriber.transcribe_file(clip)
    assert word_error_rate(STORY, transcript.text) <= 0.15, transcript.text
    assert transcript.duration_s == pytest.approx(len(load_audio(clip)) / SAMPLE_RATE, abs=0.01)
    assert_well_timed(transcript)
    assert transcript.words[-1].end_s > 0.7 * transcript.duration_s  # times span the speech


def test_compressed_file_transcribes_like_the_wav(
    transcriber: Transcriber, espeak_wav, tmp_path: Path
) -> None:
    mp3 = tmp_path / "story.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(espeak_wav(STORY)), str(mp3)],
                   check=True)
    assert word_error_rate(STORY, transcriber.transcribe_file(mp3).text) <= 0.15


def test_words_after_a_four_second_pause_start_after_the_gap(
    transcriber: Transcriber, clip_with_pause
) -> None:
    samples, gap_start = clip_with_pause(BEFORE, AFTER)
    gap_end = gap_start + 4.0
    transcript = transcriber.transcribe_samples(samples)
    assert_well_timed(transcript)
    before = [w for w in transcript.words if w.start_s < gap_start]
    after = [w for w in transcript.words if w.start_s >= gap_end - 0.2]
    assert len(before) + len(after) == len(transcript.words)  # nothing placed in the gap
    assert word_error_rate(BEFORE, " ".join(w.text for w in before)) <= 0.2
    assert word_error_rate(AFTER, " ".join(w.text for w in after)) <= 0.2
    assert all(w.end_s <= gap_start + 0.05 for w in before)  # edges fitted to the sound
    assert after[0].start_s >= gap_end - 0.05


def test_offset_shifts_every_word(transcriber: Transcriber, espeak_wav) -> None:
    samples = load_audio(espeak_wav(STORY))
    plain = transcriber.transcribe_samples(samples)
    shifted = transcriber.transcribe_samples(samples, offset_s=100.0)
    assert shifted.text == plain.text
    assert shifted.duration_s == pytest.approx(plain.duration_s + 100.0)
    for a, b in zip(plain.words, shifted.words, strict=True):
        assert b.start_s == pytest.approx(a.start_s + 100.0, abs=0.002)
    assert_well_timed(shifted, start_s=100.0)


def test_a_few_quiet_words_in_a_long_silence_are_not_lost(
    transcriber: Transcriber, espeak_wav
) -> None:
    """A far-away microphone: the recording's average level is below the silence floor."""
    speech = load_audio(espeak_wav(QUIET))
    speech *= 0.006 / float(np.sqrt(np.mean(speech**2)))
    samples = np.concatenate([np.zeros(30 * SAMPLE_RATE, np.float32), speech])
    assert float(np.sqrt(np.mean(samples**2))) < SILENCE_RMS
    transcript = transcriber.transcribe_samples(samples)
    assert word_error_rate(QUIET, transcript.text) <= 0.2
    assert transcript.words[0].start_s >= 29.95


def test_silence_gives_no_words(transcriber: Transcriber) -> None:
    transcript = transcriber.transcribe_samples(np.zeros(5 * SAMPLE_RATE, np.float32))
    assert transcript.words == () and transcript.duration_s == 5.0


@pytest.mark.parametrize("level", [0.02, 0.3])
def test_white_noise_gives_no_words(transcriber: Transcriber, level: float) -> None:
    noise = np.random.default_rng(7).normal(0, level, 6 * SAMPLE_RATE).astype(np.float32)
    assert transcriber.transcribe_samples(noise).words == ()


def test_noise_file_gives_no_words(transcriber: Transcriber, tmp_path: Path) -> None:
    noise = np.random.default_rng(3).uniform(-0.2, 0.2, 4 * SAMPLE_RATE).astype(np.float32)
    assert transcriber.transcribe_file(write_wav(tmp_path / "hiss.wav", noise)).text == ""


def count_fillers(text: str) -> int:
    return sum(w in FILLER_WORDS for w in re.findall(r"[a-z]+", text.lower()))


def test_filler_prompt_recovers_fillers_without_hurting_wer(
    transcriber: Transcriber, espeak_wav
) -> None:
    """The measurement behind FILLER_PROMPT: keep it only while this holds."""
    samples = load_audio(espeak_wav(FILLERS))
    prompted = transcriber.transcribe_samples(samples, prompt=FILLER_PROMPT).text
    default = transcriber.transcribe_samples(samples).text
    bare = transcriber.transcribe_samples(samples, prompt="").text
    assert default == prompted  # the prompt is on by default
    assert count_fillers(prompted) > count_fillers(bare), (prompted, bare)
    assert count_fillers(prompted) >= count_fillers(FILLERS) - 2
    assert word_error_rate(FILLERS, prompted) <= word_error_rate(FILLERS, bare)


FIGURES = "As a result, the error rate fell by 9.8% and we saved 40,000 dollars a year."


def test_figures_come_out_whole_and_are_quantified(transcriber: Transcriber, espeak_wav) -> None:
    """tiny.en writes "9.8%" as the pieces " 9" ".8" "%" and "40,000" as " 40" ",000"; joined
    with spaces they read "9 .8 %" and "40, 000" and no figure was found. Checked under the
    GENERIC, AVX and AVX2 kernels: the wording around them varies, the figures do not."""
    transcript = transcriber.transcribe_file(espeak_wav(FIGURES, rate=150))
    assert_well_timed(transcript)
    text = transcript.text
    assert "9.8%" in text and "40,000" in text, text
    for broken in ("9 .8", ".8 %", "40, 000", " ,000"):
        assert broken not in text, text
    found = " | ".join(find_quantities(text))
    assert "9.8%" in found and "40,000" in found, found
    question = Question(id="custom", text="Tell me about a time you improved a model.",
                        kind="story")
    quantified = " | ".join(analyze(transcript, question).content.quantified)
    assert "9.8%" in quantified or "40,000" in quantified, (text, quantified)
