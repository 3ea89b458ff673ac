"""The sentence vectors the analysis uses: kept by text, and prepared while recording."""

from __future__ import annotations

import time

import numpy as np
import pytest

from audio import sentence_model
from desktop import meaning
from desktop.meaning import CachedEmbed, Prefetch
from scoring import Transcript
from scoring.segment import sentence_texts, split_sentences


class CountingEmbed:
    """A stand-in model: a vector per text from its length, and a record of every call."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), sentence_model.DIMENSIONS), np.float32)
        out[:, 0] = [len(t) for t in texts]
        return out


def test_a_sentence_seen_before_is_not_embedded_again():
    fake = CountingEmbed()
    cached = CachedEmbed(fake)
    first = cached(["one two", "three"])
    second = cached(["three", "four five six", "one two"])
    assert fake.calls == [["one two", "three"], ["four five six"]]
    assert second[:, 0].tolist() == [5, 13, 7] and first[:, 0].tolist() == [7, 5]


def test_the_cache_forgets_the_oldest_sentences_past_its_size():
    fake = CountingEmbed()
    cached = CachedEmbed(fake, size=2)
    cached(["a"]), cached(["b"]), cached(["c"]), cached(["a"])
    assert fake.calls == [["a"], ["b"], ["c"], ["a"]]


def test_prefetch_embeds_every_finished_sentence_but_the_last(monkeypatch):
    fake = CountingEmbed()
    cached = CachedEmbed(fake)
    monkeypatch.setattr(meaning, "sentence_embed", lambda: cached)
    words = Transcript.from_text("I joined a small clinic. The queue was long. "
                                 "I rebuilt the rota. Waits fell by half").words
    expected = sentence_texts(words, split_sentences(words))[:-1]
    prefetch = Prefetch()
    prefetch.offer(words)
    deadline = time.monotonic() + 10
    while len(cached) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fake.calls == [expected] and len(expected) == 3
    cached(sentence_texts(words, split_sentences(words)))  # the analysis at Stop
    assert fake.calls[-1] == ["Waits fell by half"]  # only the unfinished sentence is new


@pytest.mark.skipif(sentence_model.model_file() is None, reason="model not installed")
def test_the_real_model_is_what_every_analysis_path_gets():
    embed = meaning.sentence_embed()
    assert embed is not None and embed is meaning.sentence_embed()
    vectors = embed(["I rebuilt the rota.", "I rebuilt the rota."])
    assert vectors.shape == (2, sentence_model.DIMENSIONS)
    assert np.allclose(vectors[0], vectors[1])


def test_the_model_can_be_turned_off_for_a_machine_short_of_memory():
    meaning.set_enabled(False)
    try:
        assert meaning.sentence_embed() is None
    finally:
        meaning.set_enabled(True)
