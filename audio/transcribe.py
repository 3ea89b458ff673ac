"""Speech to timed words with faster-whisper, without Whisper's bad habits.

Whisper invents text on silence ("Thank you.") and drops fillers. Silero VAD (shipped inside
faster-whisper, no download) removes the silence before the model sees it, segments the model
itself thinks are not speech are dropped, and a short filler prompt makes Whisper write the
"um"s and "uh"s a delivery coach needs (measured in tests/audio/test_transcribe_model.py:
more fillers, no worse word error rate).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from audio.files import SAMPLE_RATE, duration_s, load_audio
from audio.models import resolve_model
from scoring.transcript import Transcript, Word

# Primes Whisper's decoder to keep disfluencies instead of cleaning them away.
FILLER_PROMPT = "Um, uh, so, like, you know, I mean,"

# Whisper's stock output on silence or noise; dropped when the model doubts it heard speech.
KNOWN_HALLUCINATIONS = frozenset({
    "thank you", "thanks for watching", "thank you for watching", "you", "bye", "uh", "um",
    "so", "okay", "oh", "hmm", "please subscribe", "subtitles by the amaraorg community",
})
# No 10 ms of audio louder than this (RMS, full scale = 1) means nobody spoke.
SILENCE_RMS = 0.002
# A segment the model rates this likely to be non-speech is dropped if its text is stock.
DOUBTFUL_NO_SPEECH = 0.3
# Word edges are refined on 10 ms frames; a frame is sound above this share of the
# recording's loud level (-30 dB: quiet consonants still count).
EDGE_FRAME, EDGE_SHARE = 160, 0.03
# Whisper's own rule for silence, applied even when its thresholds let a segment through.
NO_SPEECH_PROB, LOW_LOGPROB = 0.6, -0.7
# A segment ending this close to the last sound has heard everything said in the audio.
SOUND_END_MARGIN_S = 0.3
# Called with the share (0..1) of a call's audio transcribed so far; may raise to stop it.
Progress = Callable[[float], None]


def default_cpu_threads(cores: int | None = None) -> int:
    """Threads for one decode: half the cores (at most 4), never fewer than one.

    faster-whisper's default is 4 OpenMP threads whatever the machine. On 2 cores that
    oversubscribes, and every parallel step waits at a barrier for a thread the OS has
    descheduled: measured here under two busy processes, a 6 s chunk took 9.9 s with 4
    threads and 1.2 s with one, and 100 s took 32 s against 5.5 s. Leaving cores free
    also keeps the window, the recorder and other programs responsive while it decodes.
    """
    cores = cores or os.cpu_count() or 1
    return max(1, min(4, cores // 2))


class Transcriber:
    """One speech model, loaded on first use and shared by every thread that transcribes.

    `model` is None (the bundled tiny.en), a model name downloaded into `models_dir`, or a
    local model folder; see `audio.models.resolve_model`. Calls are serialized on one model
    thread: a 2-core machine gains nothing from two decodes at once, and memory stays flat.
    """

    def __init__(
        self,
        model: str | Path | None = None,
        models_dir: Path | None = None,
        beam_size: int = 5,
        cpu_threads: int | None = None,
    ) -> None:
        self._spec = model
        self._models_dir = models_dir
        self._beam_size = beam_size
        self._cpu_threads = cpu_threads or default_cpu_threads()
        self._model: Any = None
        self._load_lock = threading.Lock()
        # Every decode runs on this one thread: CTranslate2 and ONNX Runtime leave ~100 MB
        # in the malloc arena of each thread that ever ran them, and the streaming worker,
        # the GUI's workers and the CLI would otherwise each add one.
        self._model_thread = ThreadPoolExecutor(1, thread_name_prefix="micdrop-whisper")

    def load(self) -> None:
        """Load the model now (e.g. in a worker at start-up) instead of on the first answer."""
        self._whisper()

    def transcribe_file(self, path: str | Path) -> Transcript:
        """Transcribe a whole recording in one pass."""
        samples = load_audio(path)
        transcript = self.transcribe_samples(samples)
        return Transcript(transcript.words, round(duration_s(path), 3))

    def transcribe_samples(
        self, samples: np.ndarray, offset_s: float = 0.0, prompt: str | None = None,
        progress: Progress | None = None,
    ) -> Transcript:
        """Timed words of 16 kHz float32 mono samples, shifted to start at `offset_s`.

        `prompt` is text said just before these samples (streaming passes the committed
        text); None uses the filler prompt alone and "" no prompt at all. `progress` is
        told after each segment how far the call got; an exception it raises ends the call
        there (how a long transcription is cancelled) and is raised here.
        """
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        length_s = len(samples) / SAMPLE_RATE
        duration = round(offset_s + length_s, 3)
        if _loudest(samples) < SILENCE_RMS:
            return Transcript((), duration)
        initial_prompt = FILLER_PROMPT if prompt is None else prompt
        segments = self._model_thread.submit(
            self._segments, samples, initial_prompt, progress).result()
        kept = [s for s in segments if not _is_hallucination(s, samples)]
        words = _timed_words(kept, offset_s, offset_s + length_s)
        return Transcript(tuple(_fit_to_sound(words, samples, offset_s)), duration)

    def _segments(self, samples: np.ndarray, prompt: str,
                  progress: Progress | None = None) -> list[Any]:
        """Run Whisper (on the model thread) and collect its segments."""
        segments, _ = self._whisper().transcribe(
            samples,
            language="en",
            beam_size=self._beam_size,
            word_timestamps=True,
            vad_filter=True,
            initial_prompt=prompt or None,
            condition_on_previous_text=False,
        )
        length_s = max(len(samples) / SAMPLE_RATE, 1e-6)
        last_sound_s = _last_sound_s(samples)
        try:
            collected = []
            for segment in segments:  # decoded lazily, one 30 s window at a time
                collected.append(segment)
                if progress is not None:
                    progress(min(1.0, segment.end / length_s))
                if segment.end >= last_sound_s - SOUND_END_MARGIN_S:
                    # Past the last sound only silence is left, yet Whisper would decode it
                    # in a window of its own (a full encoder pass, about as long as the
                    # speech before it): for a short streamed chunk that doubled the cost.
                    break
            return collected
        finally:
            _release_freed_memory()

    def _whisper(self) -> Any:
        """The faster-whisper model, loaded once even if several threads ask at once."""
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    path = resolve_model(self._spec, self._models_dir)
                    from faster_whisper import WhisperModel

                    self._model = WhisperModel(str(path), device="cpu", compute_type="int8",
                                               cpu_threads=self._cpu_threads)
        return self._model


def prompt_for_next_chunk(committed_text: str, max_words: int = 40) -> str:
    """What to prompt the next streamed chunk with: the last words already said.

    Whisper was trained to continue the previous text, so the context keeps names,
    spelling and the speaker's fillers consistent across chunks; measured on espeak answers
    it beats the filler prompt followed by the context. Before anything was said the filler
    prompt stands in. The context is capped because Whisper reads only ~220 prompt tokens
    and a long prompt slows decoding.
    """
    tail = committed_text.split()[-max_words:]
    return " ".join(tail) if tail else FILLER_PROMPT


def _timed_words(segments: Iterable[Any], start_s: float, end_s: float) -> list[Word]:
    """Words with absolute, non-decreasing times kept inside the audio they came from,
    spelled as Whisper spelled them (see `_glued`)."""
    words: list[Word] = []
    last = start_s
    for segment in segments:
        first_of_segment = len(words)
        for w in segment.words or ():
            text = w.word.strip()
            if not text:
                continue
            begin = min(max(start_s + w.start, last), end_s)
            end = min(max(start_s + w.end, begin), end_s)
            if len(words) > first_of_segment and _glued(w.word):
                words[-1] = _joined(words[-1], text, end, w.probability)
                continue
            words.append(Word(text, _r3(begin), _r3(end), _r3(w.probability)))
            last = begin
    return words


def _glued(raw: str) -> bool:
    """Whisper starts every new word with a space; a piece without one continues the word
    before it: "9" ".8" "%" is "9.8%", " 40" ",000" is "40,000", " in" "-product" is
    "in-product". Joined with spaces they read "9 .8 %" and no figure is found in them."""
    return not raw[:1].isspace()


def _joined(word: Word, piece: str, end_s: float, probability: float) -> Word:
    """`word` with `piece` glued on: it ends where the piece ends, and is as sure as its
    least sure piece."""
    return Word(word.text + piece, word.start_s, _r3(max(word.end_s, end_s)),
                _r3(min(word.probability, probability)))


def _fit_to_sound(words: list[Word], samples: np.ndarray, offset_s: float) -> list[Word]:
    """Trim each word's times to where its span is actually loud.

    Whisper's alignment (and VAD's 400 ms padding) lets a word start in the silence before
    it and end in the pause after it; thinking time and pause figures need the real edges.
    """
    frames = samples[: len(samples) // EDGE_FRAME * EDGE_FRAME].reshape(-1, EDGE_FRAME)
    if len(frames) == 0:
        return words
    levels = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    loud = levels >= max(SILENCE_RMS * 2, EDGE_SHARE * float(np.percentile(levels, 95)))
    fitted = []
    for w in words:
        first = int((w.start_s - offset_s) * SAMPLE_RATE) // EDGE_FRAME
        last = -(-int((w.end_s - offset_s) * SAMPLE_RATE) // EDGE_FRAME)
        hits = np.flatnonzero(loud[first:last])
        if len(hits) == 0:
            fitted.append(w)
            continue
        start = offset_s + (first + hits[0]) * EDGE_FRAME / SAMPLE_RATE
        end = offset_s + (first + hits[-1] + 1) * EDGE_FRAME / SAMPLE_RATE
        fitted.append(Word(w.text, _r3(max(w.start_s, start)), _r3(min(w.end_s, end)),
                           w.probability))
    return fitted


def _last_sound_s(samples: np.ndarray) -> float:
    """Where the last 10 ms frame louder than silence ends, in seconds (0 if none is)."""
    frames = samples[: len(samples) // EDGE_FRAME * EDGE_FRAME].reshape(-1, EDGE_FRAME)
    if len(frames) == 0:
        return 0.0
    levels = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    loud = np.flatnonzero(levels >= max(SILENCE_RMS * 2, EDGE_SHARE * float(levels.max())))
    return (int(loud[-1]) + 1) * EDGE_FRAME / SAMPLE_RATE if len(loud) else 0.0


def _is_hallucination(segment: Any, samples: np.ndarray) -> bool:
    """True for text Whisper wrote where nobody spoke."""
    span = samples[int(segment.start * SAMPLE_RATE) : int(segment.end * SAMPLE_RATE) + 1]
    if _loudest(span) < SILENCE_RMS:
        return True
    if segment.no_speech_prob > NO_SPEECH_PROB and segment.avg_logprob < LOW_LOGPROB:
        return True
    stock = re.sub(r"[^a-z ]", "", segment.text.lower()).strip()
    return stock in KNOWN_HALLUCINATIONS and segment.no_speech_prob > DOUBTFUL_NO_SPEECH


def _release_freed_memory() -> None:
    """Hand memory Whisper freed back to the system (glibc keeps it otherwise).

    A decode briefly needs ~100 MB more than the model; without this the process keeps
    that peak for good and a rehearsal's footprint creeps past 400 MB.
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _load_libc() -> Any:
    """glibc, where malloc_trim exists; None elsewhere (macOS, Windows, musl)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _load_libc()


def _r3(value: float) -> float:
    """Plain floats (not numpy scalars) so transcripts compare and serialize cleanly."""
    return round(float(value), 3)


def _loudest(samples: np.ndarray) -> float:
    """RMS of the loudest 10 ms frame: a long silence must not hide a few quiet words."""
    frames = samples[: len(samples) // EDGE_FRAME * EDGE_FRAME].reshape(-1, EDGE_FRAME)
    if len(frames) == 0:
        return 0.0
    return float(np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1)).max())
