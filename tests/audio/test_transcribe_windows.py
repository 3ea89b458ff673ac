"""Whisper's cost per call, with the real bundled model: a streamed chunk is one window.

faster-whisper decodes a chunk in 30 s windows and, after the last word, starts another
window on the silence left over (a full encoder pass that finds nothing). For a few seconds
of speech that doubled the time of each streamed chunk, and of the tail at Stop.
"""

from __future__ import annotations

import logging

import numpy as np
import pytest

from audio.files import SAMPLE_RATE, load_audio
from audio.transcribe import Transcriber, default_cpu_threads
from scoring.wer import word_error_rate

SENTENCE = "Early on I noticed that the training data had a leakage problem."
BEFORE = "just to be clear you are asking about a time when I had to push back"
# ~34 s of different sentences, so the speech runs past Whisper's first 30 s window. Not one
# sentence said over and over: text that repetitive fails Whisper's compression-ratio check
# at temperature 0 in every run, and the random samples it falls back to changed from run
# to run (once the window after a sample's early end was dropped as "no speech" and the
# transcript came back empty).
STORY = (
    "Early on I noticed that the training data had a leakage problem. "
    "Some customer records appeared in both the training split and the test split. "
    "I raised it with my manager before the quarterly review. "
    "She asked me to measure how much the scores were inflated. "
    "I rebuilt the splits so that each customer stayed on one side. "
    "Then I retrained the model and compared the two results. "
    "Accuracy dropped by four points, which was the honest number. "
    "We shipped the corrected model two weeks later, and the complaints stopped."
)


@pytest.fixture(scope="module")
def transcriber() -> Transcriber:
    model = Transcriber()
    model.load()
    return model


def windows_decoded(caplog: pytest.LogCaptureFixture) -> int:
    return sum("Processing segment at" in r.getMessage() for r in caplog.records)


def test_a_chunk_ending_in_a_pause_is_decoded_in_one_window(transcriber, espeak_wav, caplog):
    speech = load_audio(espeak_wav(SENTENCE, rate=150))
    samples = np.concatenate([speech, np.zeros(SAMPLE_RATE, np.float32)])  # then a pause
    caplog.set_level(logging.DEBUG, logger="faster_whisper")
    # Prompted with what was said before, as streaming does (unprompted, Whisper often
    # closes the window itself and the second one never starts).
    transcript = transcriber.transcribe_samples(samples, 10.0, prompt=BEFORE)
    assert windows_decoded(caplog) == 1
    assert word_error_rate(SENTENCE, transcript.text) <= 0.25, transcript.text
    assert transcript.words[-1].end_s <= 10.0 + len(speech) / SAMPLE_RATE + 0.1


def test_speech_past_the_first_window_is_still_transcribed(transcriber, espeak_wav, caplog):
    """Stopping early is only for silence: a long recording is read to its last word."""
    speech = load_audio(espeak_wav(STORY, rate=150))
    assert len(speech) / SAMPLE_RATE > 32.0
    caplog.set_level(logging.DEBUG, logger="faster_whisper")
    transcript = transcriber.transcribe_samples(speech)
    assert windows_decoded(caplog) >= 2
    assert word_error_rate(STORY, transcript.text) <= 0.25, transcript.text
    assert transcript.words[-1].end_s > len(speech) / SAMPLE_RATE - 3.0
    assert transcript.words[-1].text.strip(".").lower() == "stopped"


@pytest.mark.parametrize(("cores", "threads"), [(1, 1), (2, 1), (4, 2), (8, 4), (64, 4)])
def test_whisper_uses_half_the_cores_never_more_than_four(cores, threads):
    assert default_cpu_threads(cores) == threads
