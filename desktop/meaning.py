"""The sentence model the analysis reads meaning with, when it is installed.

Every path that analyzes an answer (the window, `micdrop analyze`, `micdrop rehearse`,
recovered takes, a fixed transcript) takes its embedder from here, so they all give the
same feedback for the same words. Loading costs a few tenths of a second once per process;
the window starts it in the background at launch so the first Stop does not pay for it.
Without the model (not installed, or not the pinned file) the analysis uses its word-only
weights and says nothing: the feedback is still whole, only less sure on unusual wording.
The model holds about 80 MB while loaded; `MICDROP_SENTENCE_MODEL=off` keeps it unloaded on
a machine short of memory (the word-only weights are used).

Embedding a whole answer costs tens of milliseconds, so the window embeds the sentences
already transcribed while the user is still talking (`Prefetch`): vectors are kept by
sentence text, and at Stop only the last sentence or two are left to embed.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from audio.sentence_model import DIMENSIONS, load_sentence_model
from scoring.analyze import Embed
from scoring.segment import sentence_texts, split_sentences
from scoring.transcript import Word

# Vectors kept by sentence text: a few answers' worth (a long answer has ~40 sentences).
CACHE_SIZE = 256


class CachedEmbed:
    """The model's `embed` with the vectors of sentences seen before kept; thread-safe."""

    def __init__(self, embed: Embed, size: int = CACHE_SIZE) -> None:
        self._embed = embed
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._vectors)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        fresh = self._embed(missing) if missing else np.zeros((0, DIMENSIONS), np.float32)
        with self._lock:
            self._vectors.update(zip(missing, fresh, strict=True))
            for text in texts:
                self._vectors.move_to_end(text)
            out = np.array([self._vectors[t] for t in texts], dtype=np.float32)
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        return out.reshape(len(texts), DIMENSIONS)


_lock = threading.Lock()
_cached: CachedEmbed | None = None
_enabled = os.environ.get("MICDROP_SENTENCE_MODEL", "on").strip().lower() not in (
    "off", "0", "no", "false")


def set_enabled(on: bool) -> None:
    """Use the model (the default) or analyze with the word-only weights."""
    global _enabled
    _enabled = on


def sentence_embed() -> Embed | None:
    """The embedder for `scoring.analyze(embed=...)`, or None without the model."""
    global _cached
    if not _enabled:
        return None
    with _lock:
        if _cached is None:
            try:
                model = load_sentence_model()
            except Exception:  # a broken runtime must never cost the user their feedback
                return None
            if model is None:
                return None
            _cached = CachedEmbed(model.embed)
        return _cached


def warm_up() -> threading.Thread:
    """Load the model off the GUI thread now, so the first analysis finds it ready."""
    thread = threading.Thread(target=sentence_embed, name="sentence-model", daemon=True)
    thread.start()
    return thread


class Prefetch:
    """Embeds the finished sentences of a take while it is still being recorded.

    `offer` is cheap and called from the GUI tick; one background thread embeds the newest
    words offered, skipping any it did not get to. The last sentence is left out: more words
    may still join it."""

    def __init__(self) -> None:
        self._pending: tuple[Word, ...] | None = None
        self._seen = 0
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def offer(self, words: tuple[Word, ...]) -> None:
        if len(words) == self._seen:
            return
        self._seen = len(words)
        with self._wake:
            self._pending = words
            self._wake.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="sentence-prefetch",
                                            daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while True:
            with self._wake:
                while self._pending is None:
                    self._wake.wait()
                words, self._pending = self._pending, None
            embed = sentence_embed()
            if embed is None:
                return
            texts = sentence_texts(words, split_sentences(words))[:-1]
            if texts:
                embed(texts)


_prefetch = Prefetch()


def prefetch(words: tuple[Word, ...]) -> None:
    """Offer a take's transcribed words to the one background prefetcher."""
    _prefetch.offer(words)
