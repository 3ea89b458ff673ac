"""The whole capture path: speech played into the PulseAudio virtual microphone, recorded by
`Recorder`, streamed block by block into `StreamingTranscriber`, and transcribed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from audio.capture import Recorder
from audio.files import SAMPLE_RATE
from audio.streaming import StreamingTranscriber
from audio.transcribe import Transcriber
from audio.wavfile import WavWriter
from scoring.wer import word_error_rate

pytestmark = [pytest.mark.slow, pytest.mark.model]

ANSWER = (
    "Last year I built a new search feature for our online store. Then we tested the new "
    "version with real customers."
)


def test_speech_played_into_the_microphone_is_transcribed_live_and_from_disk(
    virtual_mic, espeak_wav, tmp_path: Path
) -> None:
    transcriber = Transcriber()
    transcriber.load()
    streamer = StreamingTranscriber(transcriber)
    recorder = Recorder()
    recorder.start(tmp_path / "answer.wav", on_block=streamer.feed)
    time.sleep(0.5)
    virtual_mic.play(espeak_wav(ANSWER)).wait(timeout=30)
    time.sleep(0.8)
    path = recorder.stop()
    live = streamer.finish(recorder.elapsed_s)
    from_disk = transcriber.transcribe_file(path)

    assert word_error_rate(ANSWER, live.text) <= 0.15, live.text
    assert word_error_rate(ANSWER, from_disk.text) <= 0.15, from_disk.text
    assert live.duration_s == pytest.approx(from_disk.duration_s, abs=0.1)
    # The same words at the same moments whether streamed or read back from the file.
    assert live.words[0].start_s == pytest.approx(from_disk.words[0].start_s, abs=0.3)
    assert live.words[0].start_s >= 0.3  # the half second before the clip stays silent


# Two sentences each side (no test may hinge on one short utterance: tiny.en's int8
# kernels differ by CPU, see `make test-isa`); measured WER 0 under every forced ISA.
BEFORE_PAUSE = "We had two weeks to ship the new model. The team agreed to cut the scope."
AFTER_PAUSE = "So I cut the scope and we launched on time. Our customers liked the new version."
GAP_S = 4.0


def test_words_after_a_four_second_pause_in_the_microphone_keep_their_times(
    virtual_mic, clip_with_pause, tmp_path: Path
) -> None:
    clip, gap_start = clip_with_pause(BEFORE_PAUSE, AFTER_PAUSE, GAP_S)
    clip_path = tmp_path / "with_pause.wav"
    writer = WavWriter(clip_path, SAMPLE_RATE)
    writer.write(clip)
    writer.close()
    gap_end = gap_start + GAP_S

    transcriber = Transcriber()
    streamer = StreamingTranscriber(transcriber)
    recorder = Recorder()
    recorder.start(tmp_path / "answer.wav", on_block=streamer.feed)
    time.sleep(0.5)
    virtual_mic.play(clip_path).wait(timeout=30)
    time.sleep(0.8)
    recorder.stop()
    words = streamer.finish(recorder.elapsed_s).words

    # Where the clip began in the recording: the lead-in plus the route's own latency.
    offset = words[0].start_s
    before = [w for w in words if w.start_s < offset + gap_start]
    after = [w for w in words if w.start_s >= offset + gap_start]
    assert word_error_rate(BEFORE_PAUSE, " ".join(w.text for w in before)) <= 0.2
    assert word_error_rate(AFTER_PAUSE, " ".join(w.text for w in after)) <= 0.2
    assert after[0].start_s == pytest.approx(offset + gap_end, abs=0.4)
    assert before[-1].end_s <= offset + gap_start + 0.3
