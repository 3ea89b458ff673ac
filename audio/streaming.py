"""Transcribing while the user is still talking, so feedback is there the moment they stop.

The audio thread only appends blocks; a worker thread cuts the growing recording into
chunks, only inside pauses (Whisper mangles words cut in half), and transcribes each with
the text already committed as its prompt. When the worker is idle it also transcribes, on
trial, everything up to the latest pause: if the user then stops without saying more, that
trial is the answer's ending and `finish` has nothing left to transcribe; if they say more,
only the words after that pause remain. Trials pause while the machine is too busy for them.

When the machine is too busy to keep up, the backlog is cut into chunks as long as the
pauses allow (each Whisper call costs a full 30 s window however short its audio), and at
Stop whatever is left is transcribed in one call, never chunk by chunk: finishing a backlog
costs no more than transcribing it in one pass after the answer would.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from audio.files import SAMPLE_RATE
from audio.transcribe import Transcriber, prompt_for_next_chunk
from scoring.transcript import Transcript, Word

log = logging.getLogger(__name__)

FRAME = 480  # 30 ms: short enough to find the gaps between sentences
PAUSE_S = 0.3  # the shortest silence a chunk may be cut in
MIN_CHUNK_S = 6.0  # shorter chunks give Whisper too little context for its best WER
MAX_CHUNK_S = 25.0  # Whisper reads 30 s windows; past this, cut at the quietest point
TRIAL_STEP_S = 1.0  # new speech needed before another trial transcription of the ending
# Trials are skipped while a transcription takes longer than this: on a busy machine they
# would delay the committed chunks and leave a backlog for the moment of Stop.
TRIAL_BUDGET_S = 3.0
# Uncommitted audio this long means the worker is behind: cut the longest chunk that ends
# in a pause (up to MAX_CHUNK_S) instead of the first one past MIN_CHUNK_S.
BEHIND_S = 12.0
QUIET_FLOOR = 0.003  # RMS below which a frame is quiet whatever the recording's level
QUIET_SHARE = 0.1  # quiet means within this share of the way from noise floor to speech


class TranscriptionCancelled(Exception):
    """Raised by `finish` once `cancel` was called: the transcript was not completed."""


@dataclass(frozen=True)
class _Trial:
    """A trial transcription of the audio from `start` to a pause at `end` (samples)."""

    start: int
    end: int
    words: tuple[Word, ...]


class _Recording:
    """The samples fed so far and the loudness of each 30 ms frame, grown in place."""

    def __init__(self) -> None:
        self.samples = np.zeros(SAMPLE_RATE * 60, dtype=np.float32)
        self.size = 0
        self.levels = np.zeros(0, dtype=np.float32)

    def append(self, blocks: list[np.ndarray]) -> None:
        if not blocks:
            return
        new = np.concatenate(blocks)
        if self.size + len(new) > len(self.samples):
            grown = np.zeros(max(2 * len(self.samples), self.size + len(new)), np.float32)
            grown[: self.size] = self.samples[: self.size]
            self.samples = grown
        self.samples[self.size : self.size + len(new)] = new
        self.size += len(new)
        done = len(self.levels) * FRAME
        frames = self.samples[done : self.size - (self.size - done) % FRAME].reshape(-1, FRAME)
        rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1)).astype(np.float32)
        self.levels = np.concatenate([self.levels, rms])

    def quiet(self) -> np.ndarray:
        """Which frames are silence, relative to this recording's own noise and speech."""
        if len(self.levels) == 0:
            return np.zeros(0, dtype=bool)
        floor, loud = np.percentile(self.levels, [10, 90])
        threshold = max(QUIET_FLOOR, floor + QUIET_SHARE * (loud - floor))
        return self.levels < threshold

    def has_sound(self, start: int, end: int | None = None) -> bool:
        """Whether anything louder than silence lies between two samples (to the end of
        the recording by default, its last incomplete frame included)."""
        end = self.size if end is None else end
        quiet = self.quiet()[start // FRAME : -(-end // FRAME)]
        rest = self.samples[max(start, len(self.levels) * FRAME) : end]
        loud_rest = len(rest) > 0 and float(np.sqrt(np.mean(np.square(rest)))) >= QUIET_FLOOR
        return bool(loud_rest or not quiet.all())


class StreamingTranscriber:
    """Feed it microphone blocks; `finish` returns the whole answer's timed transcript."""

    def __init__(
        self,
        transcriber: Transcriber,
        min_chunk_s: float = MIN_CHUNK_S,
        max_chunk_s: float = MAX_CHUNK_S,
        pause_s: float = PAUSE_S,
        trials: bool = True,
        trial_budget_s: float = TRIAL_BUDGET_S,
        behind_s: float = BEHIND_S,
    ) -> None:
        self._transcriber = transcriber
        self._min_frames = int(min_chunk_s * SAMPLE_RATE / FRAME)
        self._behind_frames = max(self._min_frames, int(behind_s * SAMPLE_RATE / FRAME))
        self._max_frames = int(max_chunk_s * SAMPLE_RATE / FRAME)
        self._pause_frames = max(1, round(pause_s * SAMPLE_RATE / FRAME))
        self._trials = trials
        self._trial_budget_s = trial_budget_s
        self._recording = _Recording()
        self._inbox: list[np.ndarray] = []
        self._wake = threading.Condition()
        self._stopping = False
        self._cancelled = False
        self._error: BaseException | None = None
        self._words: list[Word] = []
        self._cuts: list[int] = []
        self._trial: _Trial | None = None
        self._last_call_s = 0.0
        self._fed = 0  # samples fed so far, whether or not the worker has taken them yet
        self._call: tuple[int, int, float] | None = None  # (start, end, share done) running
        self._finished = False
        self._thread = threading.Thread(target=self._work, name="micdrop-streaming", daemon=True)
        self._thread.start()

    def feed(self, block: np.ndarray) -> None:
        """Queue 16 kHz float32 mono samples; cheap enough for the audio callback."""
        copy = np.array(block, dtype=np.float32).reshape(-1)  # the caller may reuse its buffer
        with self._wake:
            self._inbox.append(copy)
            self._fed += len(copy)
            self._wake.notify()

    @property
    def committed_text(self) -> str:
        """The words already transcribed, for a live view while recording."""
        words = list(self._words)
        return " ".join(w.text for w in words)

    @property
    def committed_words(self) -> tuple[Word, ...]:
        """The timed words already transcribed; they do not change any more."""
        return tuple(self._words)

    @property
    def preview_text(self) -> str:
        """The committed words and the tried ending: the best guess of everything said."""
        trial = self._trial
        extra = trial.words if trial is not None and trial.start == self._start() else ()
        return " ".join(w.text for w in [*self._words, *extra])

    @property
    def cuts_s(self) -> list[float]:
        """Where the recording was cut into chunks (seconds); each lies inside a pause."""
        return [c / SAMPLE_RATE for c in self._cuts]

    @property
    def backlog_s(self) -> float:
        """Seconds of audio fed but not yet transcribed: what a Stop now would wait for.

        A running call counts the share of its audio Whisper has got through, and a tried
        ending counts as transcribed (at Stop it is used as it stands).
        """
        if self._finished:
            return 0.0
        done = self._start()
        trial = self._trial
        if trial is not None and trial.start == done:
            done = trial.end
        call = self._call
        if call is not None and call[0] <= done:
            done = max(done, call[0] + int(call[2] * (call[1] - call[0])))
        return max(0, self._fed - done) / SAMPLE_RATE

    def finish(self, duration_s: float | None = None) -> Transcript:
        """Wait for the chunk being transcribed, transcribe what is left in one call, and
        return one timeline. Raises TranscriptionCancelled if `cancel` was called."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        self._thread.join()
        if self._cancelled:
            raise TranscriptionCancelled()
        if self._error is not None:
            raise self._error
        self._recording.append(self._take_inbox())
        start, trial = self._start(), self._trial
        if trial is not None and trial.start == start:
            self._words.extend(trial.words)
            self._cuts.append(trial.end)
            start = trial.end
        if self._recording.has_sound(start):
            # One call however long the backlog: faster-whisper walks it in 30 s windows
            # itself, with no window spent on silence, so this is never slower than a
            # one-pass transcription of the same audio, and Cancel can stop between windows.
            self._words.extend(self._transcribe(start, self._recording.size))
        if self._cancelled:
            raise TranscriptionCancelled()
        self._finished = True
        size_s = self._recording.size / SAMPLE_RATE
        duration = size_s if duration_s is None else duration_s
        return Transcript(tuple(self._words), round(duration, 3))

    def cancel(self) -> None:
        """Stop transcribing (the attempt was discarded, or the user gave up waiting);
        returns at once. A running Whisper call ends after its current 30 s window."""
        with self._wake:
            self._cancelled = self._stopping = True
            self._wake.notify()

    def _work(self) -> None:
        """Commit chunks as pauses allow; when nothing is ready, try the ending."""
        busy = False
        try:
            while True:
                with self._wake:
                    while not (self._inbox or self._stopping or busy):
                        self._wake.wait()
                    if self._stopping:
                        return
                    blocks = self._take_inbox()
                self._recording.append(blocks)
                busy = self._step()
        except TranscriptionCancelled:
            return
        except BaseException as error:  # reported by finish(), not lost in a thread
            self._error = error

    def _step(self) -> bool:
        """Do the most useful piece of work; False when there was nothing to do."""
        if self._promote_trial():
            return True
        cut = self._next_cut()
        if cut is not None:
            self._commit(cut)
            return True
        return self._trials and self._try_ending()

    def _take_inbox(self) -> list[np.ndarray]:
        blocks, self._inbox = self._inbox, []
        return blocks

    def _next_cut(self) -> int | None:
        """The sample to cut at: mid-pause once the chunk is long enough, or its quietest
        moment if it grew too long without a pause."""
        first = self._start() // FRAME
        quiet = self._recording.quiet()[first:]
        if len(quiet) < self._min_frames:
            return None
        if len(quiet) >= self._behind_frames:
            latest = self._latest_pause(quiet[: self._max_frames])
            if latest is not None:
                return (first + latest) * FRAME
        for run_start, run_len in _quiet_runs(quiet, self._pause_frames):
            middle = run_start + run_len // 2
            still_quiet = run_start + run_len == len(quiet)
            # A pause still going on is cut only once it is twice the minimum long, so the
            # cut lies a full minimum pause away from the fading end of the last word.
            if middle >= self._min_frames and not (still_quiet and
                                                   run_len < 2 * self._pause_frames):
                return (first + middle) * FRAME
        return self._cut_before(self._max_frames) if len(quiet) >= self._max_frames else None

    def _latest_pause(self, quiet: np.ndarray) -> int | None:
        """The middle of the last pause in `quiet` (frames from the last cut) that may end
        a chunk: past the minimum length, and over if it touches the end of `quiet`."""
        for run_start, run_len in reversed(_quiet_runs(quiet, self._pause_frames)):
            middle = run_start + run_len // 2
            ongoing = run_start + run_len == len(quiet)
            if middle < self._min_frames:
                return None
            if not (ongoing and run_len < 2 * self._pause_frames):
                return middle
        return None

    def _cut_before(self, limit: int) -> int:
        """The latest mid-pause point (or else the quietest moment) between the minimum
        chunk length and `limit` frames after the last cut."""
        first = self._start() // FRAME
        quiet = self._recording.quiet()[first : first + limit]
        middles = [s + n // 2 for s, n in _quiet_runs(quiet, self._pause_frames)
                   if self._min_frames <= s + n // 2 < limit - self._pause_frames // 2]
        if middles:
            return (first + middles[-1]) * FRAME
        levels = self._recording.levels[first + self._min_frames : first + limit]
        smooth = np.convolve(levels, np.ones(5) / 5, mode="same")
        return (first + self._min_frames + int(np.argmin(smooth))) * FRAME

    def _commit(self, cut: int) -> None:
        """Transcribe up to `cut` and keep it, unless a tried ending already holds every
        word before it (the cut lies later in the same pause): that trial is the chunk.

        Without that, each pause long enough to cut in was transcribed twice, once on
        trial as it began and again once it was long enough; at the end of an answer the
        second call was often still running when the user clicked Stop.
        """
        start, trial = self._start(), self._trial
        if (trial is not None and trial.start == start and trial.end <= cut
                and not self._recording.has_sound(trial.end, cut)):
            words = list(trial.words)
        else:
            words = self._transcribe(start, cut)
        self._words.extend(words)
        self._cuts.append(cut)
        self._trial = None

    def _promote_trial(self) -> bool:
        """Keep a long enough trial as a committed chunk once the user speaks on.

        A trial ends inside a pause, so it is a valid chunk as it stands; committing it
        instead of transcribing the same audio again halves the worker's load, which keeps
        it free to try the ending by the time the user clicks Stop.
        """
        trial = self._trial
        if trial is None or trial.start != self._start():
            return False
        if trial.end - trial.start < self._min_frames * FRAME:
            return False
        if not self._recording.has_sound(trial.end):
            return False
        self._words.extend(trial.words)
        self._cuts.append(trial.end)
        self._trial = None
        return True

    def _try_ending(self) -> bool:
        """Transcribe up to the latest pause on trial, if enough was said since the last."""
        if self._last_call_s > self._trial_budget_s:
            return False
        start = self._start()
        first = start // FRAME
        runs = _quiet_runs(self._recording.quiet()[first:], self._pause_frames)
        if not runs:
            return False
        run_start, run_len = runs[-1]
        end = (first + run_start + min(run_len // 2, self._pause_frames)) * FRAME
        done = self._trial.end if self._trial and self._trial.start == start else start
        if end - done < TRIAL_STEP_S * SAMPLE_RATE or not self._recording.has_sound(done, end):
            return False
        self._trial = _Trial(start, end, tuple(self._transcribe(start, end)))
        return True

    def _transcribe(self, start: int, end: int) -> list[Word]:
        if self._cancelled:
            raise TranscriptionCancelled()
        prompt = prompt_for_next_chunk(" ".join(w.text for w in self._words))
        samples = self._recording.samples[start:end]
        began = time.perf_counter()
        self._call = (start, end, 0.0)
        try:
            transcript = self._transcriber.transcribe_samples(
                samples, start / SAMPLE_RATE, prompt, progress=self._progress(start, end))
        finally:
            self._call = None
        self._last_call_s = time.perf_counter() - began
        log.debug("transcribed %.2f-%.2f s of %.2f s in %.2f s", start / SAMPLE_RATE,
                  end / SAMPLE_RATE, self._recording.size / SAMPLE_RATE, self._last_call_s)
        return list(transcript.words)

    def _progress(self, start: int, end: int) -> Callable[[float], None]:
        """Follows a running call for `backlog_s`, and ends it early once cancelled."""

        def report(share: float) -> None:
            if self._cancelled:
                raise TranscriptionCancelled()
            self._call = (start, end, share)

        return report

    def _start(self) -> int:
        """Where the uncommitted audio begins (the last cut)."""
        return self._cuts[-1] if self._cuts else 0


def _quiet_runs(quiet: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    """(start, length) of each run of quiet frames at least `min_len` long, in order."""
    edges = np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int(s), int(e - s)) for s, e in zip(starts, ends, strict=True) if e - s >= min_len]
