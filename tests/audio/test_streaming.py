"""Streaming bookkeeping with a stand-in transcriber: where chunks are cut, how times and
trial transcriptions join into one timeline. The real model runs in
test_streaming_model.py."""

from __future__ import annotations

import threading
import time
from itertools import pairwise

import numpy as np
import pytest

from audio.files import SAMPLE_RATE
from audio.streaming import StreamingTranscriber, TranscriptionCancelled
from scoring.transcript import Transcript, Word

BLOCK = 1600  # 100 ms, what the recorder delivers


class BurstTranscriber:
    """Transcribes each loud burst as one word named after its absolute start time, so a
    test can check every burst comes out exactly once, at the right time."""

    def __init__(self, delay_s: float = 0.0, fail: Exception | None = None) -> None:
        self.delay_s, self.fail = delay_s, fail
        self.calls: list[tuple[float, float, str | None]] = []  # (offset, length, prompt)
        self.call_times: list[float] = []

    def transcribe_samples(self, samples: np.ndarray, offset_s: float = 0.0,
                           prompt: str | None = None, progress=None) -> Transcript:
        self.calls.append((offset_s, len(samples) / SAMPLE_RATE, prompt))
        self.call_times.append(time.monotonic())
        if self.fail:
            raise self.fail
        for step in range(1, 5):  # like Whisper's windows: progress reported as it goes
            time.sleep(self.delay_s / 4)
            if progress is not None:
                progress(step / 4)
        words = tuple(Word(f"w{round(offset_s + s, 1)}", round(offset_s + s, 3),
                           round(offset_s + e, 3)) for s, e in loud_spans(samples))
        return Transcript(words, offset_s + len(samples) / SAMPLE_RATE)


def loud_spans(samples: np.ndarray, frame: int = 160) -> list[tuple[float, float]]:
    """Runs of loud 10 ms frames, in seconds from the start of `samples`."""
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    loud = np.sqrt(np.mean(frames**2, axis=1)) > 0.05
    edges = np.diff(np.concatenate([[0], loud.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(s * frame / SAMPLE_RATE, e * frame / SAMPLE_RATE)
            for s, e in zip(starts, ends, strict=True)]


def speech_like(sentences: int, words: int = 6, word_s: float = 0.4, gap_s: float = 0.1,
                pause_s: float = 0.6, lead_s: float = 0.5) -> tuple[np.ndarray, list[float]]:
    """Tone bursts as words, short gaps between them, longer pauses between sentences.
    Returns the samples and each word's start time."""
    parts, starts, t = [np.zeros(int(lead_s * SAMPLE_RATE), np.float32)], [], lead_s
    tone = 0.3 * np.sin(2 * np.pi * 220 * np.arange(int(word_s * SAMPLE_RATE)) / SAMPLE_RATE)
    for _ in range(sentences):
        for w in range(words):
            starts.append(round(t, 1))
            parts.append(tone.astype(np.float32))
            gap = pause_s if w == words - 1 else gap_s
            parts.append(np.zeros(int(gap * SAMPLE_RATE), np.float32))
            t += word_s + gap
    return np.concatenate(parts), starts


def feed_all(stream: StreamingTranscriber, samples: np.ndarray, pace_s: float = 0.002) -> None:
    """Feed block by block, paced (50x real time) so the worker sees a recording grow."""
    for i in range(0, len(samples), BLOCK):
        stream.feed(samples[i : i + BLOCK])
        time.sleep(pace_s)


def wait_for_tried_ending(stream: StreamingTranscriber, last_start: float) -> None:
    """Give the worker up to 5 s to try the ending through the word starting at `last_start`."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not stream.preview_text.endswith(f"w{last_start}"):
        time.sleep(0.02)


def test_every_word_comes_out_once_in_order_with_absolute_times() -> None:
    samples, starts = speech_like(sentences=12)  # ~36 s
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake)
    feed_all(stream, samples)
    transcript = stream.finish()
    assert [w.text for w in transcript.words] == [f"w{s}" for s in starts]
    assert transcript.duration_s == pytest.approx(len(samples) / SAMPLE_RATE, abs=1e-3)
    assert len(stream.cuts_s) >= 3  # it did stream: several chunks, not one pass at the end


def test_chunks_are_cut_inside_pauses_after_the_minimum_length() -> None:
    samples, _ = speech_like(sentences=12)
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake, min_chunk_s=5.0)
    feed_all(stream, samples)
    transcript = stream.finish()
    cuts = stream.cuts_s
    for cut in cuts:
        # At least half the shortest pause (150 ms) of silence lies on each side of a cut.
        around = samples[int((cut - 0.14) * SAMPLE_RATE) : int((cut + 0.14) * SAMPLE_RATE)]
        assert not np.any(around), f"cut at {cut:.2f}s is not inside a pause"
        assert not any(w.start_s < cut < w.end_s for w in transcript.words)
    # The last cut may be where the tried ending stopped; every earlier chunk is long enough.
    assert all(b - a >= 5.0 for a, b in pairwise([0.0, *cuts[:-1]]))


def test_long_speech_without_pauses_is_cut_at_its_quietest_moment() -> None:
    t = np.arange(40 * SAMPLE_RATE) / SAMPLE_RATE
    envelope = np.full_like(t, 0.3)
    envelope[(t > 17.0) & (t < 17.1)] = 0.01  # a dip too short to count as a pause
    samples = (envelope * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    stream = StreamingTranscriber(BurstTranscriber(), min_chunk_s=6.0, max_chunk_s=25.0)
    feed_all(stream, samples)
    stream.finish()
    assert stream.cuts_s and stream.cuts_s[0] == pytest.approx(17.05, abs=0.1)




def test_each_chunk_is_prompted_with_what_was_said_before() -> None:
    samples, _ = speech_like(sentences=8)
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake, trials=False)
    feed_all(stream, samples)
    stream.finish()
    assert len(fake.calls) >= 2
    first_words = fake.calls[0]
    assert first_words[2].startswith("Um, uh")
    later_prompt = fake.calls[1][2]
    assert later_prompt is not None and "w0.5" in later_prompt


def test_an_ending_already_tried_needs_no_work_at_stop() -> None:
    samples, starts = speech_like(sentences=5, pause_s=1.0)
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake)
    feed_all(stream, samples)
    wait_for_tried_ending(stream, starts[-1])
    stopped = time.monotonic()
    transcript = stream.finish()
    assert [w.text for w in transcript.words] == [f"w{s}" for s in starts]
    assert all(t < stopped for t in fake.call_times)  # nothing left to transcribe at stop


def test_words_after_the_tried_ending_are_transcribed_from_its_pause() -> None:
    samples, starts = speech_like(sentences=3, pause_s=1.0)
    more, more_starts = speech_like(sentences=1, lead_s=0.0, pause_s=0.0)  # stop mid-speech
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake)
    feed_all(stream, samples)
    wait_for_tried_ending(stream, starts[-1])
    feed_all(stream, more)
    transcript = stream.finish()
    offset = len(samples) / SAMPLE_RATE
    expected = starts + [round(offset + s, 1) for s in more_starts]
    assert [w.text for w in transcript.words] == [f"w{s}" for s in expected]
    last_offset, last_length, _ = fake.calls[-1]
    assert starts[-1] < last_offset < offset and last_offset + last_length == pytest.approx(
        (len(samples) + len(more)) / SAMPLE_RATE, abs=1e-3)


def test_a_tried_ending_becomes_the_chunk_when_the_user_speaks_on() -> None:
    # ~10.7 s ending in a pause too short to be cut while it lasts, so only a trial covers
    # it; the trial is longer than the minimum chunk, so it may stand as the chunk.
    samples, starts = speech_like(sentences=3, pause_s=0.5)
    more, more_starts = speech_like(sentences=2, lead_s=0.0)
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake, min_chunk_s=8.0)
    feed_all(stream, samples)
    wait_for_tried_ending(stream, starts[-1])
    tried = len(fake.calls)
    feed_all(stream, more)
    transcript = stream.finish()
    offset = len(samples) / SAMPLE_RATE
    expected = starts + [round(offset + s, 1) for s in more_starts]
    assert [w.text for w in transcript.words] == [f"w{s}" for s in expected]
    later = fake.calls[tried:]
    # The tried audio is kept, not transcribed again: every later call starts after it.
    assert later and all(call_offset > starts[-1] for call_offset, _, _ in later)


def test_no_trials_while_transcription_is_slow() -> None:
    samples, starts = speech_like(sentences=5, pause_s=1.0)
    fake = BurstTranscriber(delay_s=0.05)
    stream = StreamingTranscriber(fake, trial_budget_s=0.01)
    feed_all(stream, samples)
    time.sleep(0.5)
    calls = len(fake.calls)
    assert stream.preview_text == stream.committed_text  # nothing tried beyond the chunks
    transcript = stream.finish()
    assert [w.text for w in transcript.words] == [f"w{s}" for s in starts]
    assert len(fake.calls) == calls + 1  # the ending is transcribed at Stop instead


def test_silence_needs_no_transcription_at_stop() -> None:
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake)
    feed_all(stream, np.zeros(3 * SAMPLE_RATE, np.float32))
    transcript = stream.finish(duration_s=3.0)
    assert transcript.words == () and transcript.duration_s == 3.0 and fake.calls == []


def test_feed_stays_cheap_while_the_worker_is_busy() -> None:
    samples, _ = speech_like(sentences=12)
    fake = BurstTranscriber(delay_s=0.5)
    stream = StreamingTranscriber(fake)
    took = []
    for i in range(0, len(samples), BLOCK):
        began = time.perf_counter()
        stream.feed(samples[i : i + BLOCK])
        took.append(time.perf_counter() - began)
        time.sleep(0.001)
    stream.cancel()
    # Never waits for a transcription (0.5 s here); at worst for a Python thread switch.
    assert float(np.median(took)) < 0.001 and max(took) < 0.05


def test_feed_copies_the_block_because_the_recorder_reuses_its_buffer() -> None:
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake)
    buffer = np.full(BLOCK, 0.3, np.float32)
    stream.feed(buffer)
    buffer[:] = 0.0
    assert [w.start_s for w in stream.finish().words] == [0.0]


def test_a_failure_in_the_worker_is_raised_by_finish() -> None:
    samples, _ = speech_like(sentences=4)
    stream = StreamingTranscriber(BurstTranscriber(fail=RuntimeError("model broke")))
    feed_all(stream, samples)
    with pytest.raises(RuntimeError, match="model broke"):
        stream.finish()


def test_cancel_returns_at_once_and_stops_transcribing() -> None:
    samples, _ = speech_like(sentences=6)
    fake = BurstTranscriber(delay_s=0.3)
    stream = StreamingTranscriber(fake)
    feed_all(stream, samples)
    began = time.monotonic()
    stream.cancel()
    assert time.monotonic() - began < 0.05
    time.sleep(0.4)
    calls = len(fake.calls)
    time.sleep(0.4)
    assert len(fake.calls) == calls


# --- A worker that falls behind (a busy machine), and what Stop then costs. ------------


def test_a_large_backlog_at_stop_is_transcribed_in_one_call() -> None:
    """Chunk by chunk, each call pays a whole Whisper window; one call over the backlog
    costs no more than a one-pass transcription of the same audio."""
    samples, starts = speech_like(sentences=22)  # ~66 s, all there before the worker is
    fake = BurstTranscriber(delay_s=0.4)
    stream = StreamingTranscriber(fake)
    feed_all(stream, samples, pace_s=0.0)
    stopped = time.monotonic()
    transcript = stream.finish()
    assert [w.text for w in transcript.words] == [f"w{s}" for s in starts]
    after_stop = [c for c, t in zip(fake.calls, fake.call_times, strict=True) if t > stopped]
    assert len(after_stop) == 1, after_stop
    offset, length, _ = after_stop[0]
    assert offset + length == pytest.approx(len(samples) / SAMPLE_RATE, abs=1e-3)
    assert length > 30  # the whole backlog, not a 25 s piece of it


def test_a_worker_behind_cuts_the_longest_chunk_the_pauses_allow() -> None:
    """While behind, chunks grow towards 25 s, so it needs fewer calls to catch up."""
    samples, starts = speech_like(sentences=20)  # ~60 s, pauses every ~3 s
    fake = BurstTranscriber(delay_s=2.0)
    stream = StreamingTranscriber(fake, trials=False)
    for i in range(0, len(samples), BLOCK):  # 10x real time: the worker falls behind
        stream.feed(samples[i : i + BLOCK])
        time.sleep(0.01)
    transcript = stream.finish()
    assert [w.text for w in transcript.words] == [f"w{s}" for s in starts]
    chunks = [length for _, length, _ in fake.calls[1:-1]]  # the first came before a backlog
    assert chunks and min(chunks) > 15.0 and max(chunks) <= 25.0, fake.calls


def test_backlog_shrinks_as_the_tail_is_transcribed() -> None:
    samples, _ = speech_like(sentences=8)
    fake = BurstTranscriber(delay_s=1.0)
    stream = StreamingTranscriber(fake, trials=False)
    feed_all(stream, samples, pace_s=0.0)
    assert stream.backlog_s == pytest.approx(len(samples) / SAMPLE_RATE, abs=0.5)
    seen: list[float] = []
    finishing = threading.Thread(target=stream.finish)
    finishing.start()
    while finishing.is_alive():
        seen.append(stream.backlog_s)
        time.sleep(0.05)
    assert stream.backlog_s == 0.0
    assert seen == sorted(seen, reverse=True) and len(set(seen)) >= 3  # it moved, steadily


def test_cancel_while_finishing_ends_the_call_and_raises() -> None:
    samples, _ = speech_like(sentences=10)
    fake = BurstTranscriber(delay_s=2.0)
    stream = StreamingTranscriber(fake, trials=False)
    feed_all(stream, samples, pace_s=0.0)
    outcome: list[BaseException] = []

    def finish() -> None:
        try:
            stream.finish()
        except BaseException as error:
            outcome.append(error)

    finishing = threading.Thread(target=finish)
    finishing.start()
    time.sleep(0.2)
    stream.cancel()
    finishing.join(timeout=1.5)  # the fake's next "window" ends within 0.5 s
    assert not finishing.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], TranscriptionCancelled)


def test_a_pause_already_tried_is_not_transcribed_again_when_it_is_cut() -> None:
    """The ending is tried as a pause begins; once the pause is long enough to cut in,
    the trial is the chunk: the same audio is not sent to Whisper a second time (that
    second call was what a Stop moments after the last word waited for)."""
    samples, starts = speech_like(sentences=3, pause_s=0.6)  # ~9 s
    samples = np.concatenate([samples, np.zeros(3 * SAMPLE_RATE, np.float32)])
    fake = BurstTranscriber()
    stream = StreamingTranscriber(fake, min_chunk_s=6.0)
    feed_all(stream, samples, pace_s=0.02)  # 5x real time: trial first, then the cut
    time.sleep(0.3)
    transcript = stream.finish()
    assert [w.text for w in transcript.words] == [f"w{s}" for s in starts]
    # A later call from the same start is a longer trial, and only worth it for new words.
    for (a_off, a_len, _), (b_off, b_len, _) in pairwise(fake.calls):
        if a_off == b_off:
            assert any(a_off + a_len < s < b_off + b_len for s in starts), fake.calls
    assert stream.cuts_s and stream.cuts_s[-1] > starts[-1]  # the pause was cut all the same
