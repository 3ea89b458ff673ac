"""What the sentence model costs: resident memory and time per 500-word answer, per variant.

Usage: python benchmarks/sentence_model_cost.py [--variants NAME,...] [--file NAME=PATH ...]

Issue 10 allows the model ~100 MB of memory and ~50 ms per answer. Each variant (a model file
and the onnxruntime session settings it runs with) is measured in a fresh subprocess, so
memory figures do not leak between variants:

- RSS added: resident memory (VmRSS, /proc/self/status) after loading the model and
  embedding every timing window, minus the same process's RSS just before loading (numpy,
  onnxruntime and tokenizers already imported); "peak" is VmHWM minus the same baseline;
- time: milliseconds to embed each of 40 different ~500-word windows of corpus sentences
  (whole sentences from `tests/scoring/corpus/`, ~25-35 per window), median and p90, with 1
  and with 2 threads; one other window is embedded first (the model's first run);
- agreement: every variant embeds the same 400 corpus sentences, and each sentence's cosine
  with the current model (`pinned`) is reported, min and median. A variant only counts if it
  keeps the vectors (min >= 0.995): the part and value-link weights were fitted on them.

`--file NAME=PATH` adds a model file made elsewhere (e.g. by an experiment with the `onnx`
package) as variant NAME, run with the current settings.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "scoring" / "corpus"
WINDOW_WORDS = 500
WINDOWS = 40
AGREEMENT_SENTENCES = 400
THREADS = (1, 2)


# name -> (model: "pinned" (the file as it is) or "int8-lookups" (its embedding tables left
#          int8, `audio.onnx_edit`, as `load_sentence_model` runs it) or a file, settings).
# Settings: level ("all", "extended", "basic", "none"), disabled (optimizer names), config
# (session config entries), arena (bool), trim (hand freed memory back after the load and
# every run: True, the default; "load": after the load only; False: never), batch
# (sentences per run, default `BATCH`).
_OLD = {"trim": False}
VARIANTS: dict[str, tuple[str, dict]] = {
    "pinned": ("pinned", _OLD),
    "pinned-no-prepack": ("pinned", {**_OLD, "config": {"session.disable_prepacking": "1"}}),
    "pinned-no-constfold": ("pinned", {**_OLD, "disabled": ["ConstantFolding"]}),
    "pinned-level-basic": ("pinned", {**_OLD, "level": "basic"}),
    "pinned-level-none": ("pinned", {**_OLD, "level": "none"}),
    "pinned-arena": ("pinned", {**_OLD, "arena": True}),
    "pinned-trim": ("pinned", {}),
    "int8-lookups": ("int8-lookups", _OLD),
    "int8-lookups-trim-load": ("int8-lookups", {"trim": "load"}),
    "int8-lookups-trim-load-arena": ("int8-lookups", {"trim": "load", "arena": True}),
    "int8-lookups-trim": ("int8-lookups", {}),
    "int8-lookups-trim-batch1": ("int8-lookups", {"batch": 1}),
    "int8-lookups-trim-batch4": ("int8-lookups", {"batch": 4}),
    "int8-lookups-trim-batch16": ("int8-lookups", {"batch": 16}),
    "int8-lookups-trim-batch32": ("int8-lookups", {"batch": 32}),
}


def corpus_sentences() -> list[str]:
    """Every corpus sentence, in file order (the windows and the agreement set)."""
    texts = []
    for path in sorted(CORPUS.glob("*.toml")):
        with path.open("rb") as f:
            for answer in tomllib.load(f).get("answer", []):
                texts += [text for _, text in answer["sentences"]]
    return texts


def windows(sentences: list[str]) -> list[list[str]]:
    """WINDOWS + 1 runs of consecutive sentences of ~500 words, spread over the corpus."""
    step = max(len(sentences) // (WINDOWS + 1), 1)
    out = []
    for k in range(WINDOWS + 1):
        run, words = [], 0
        for text in sentences[k * step:]:
            if words >= WINDOW_WORDS:
                break
            run.append(text)
            words += len(text.split())
        out.append(run)
    return out


def agreement_set(sentences: list[str]) -> list[str]:
    step = max(len(sentences) // AGREEMENT_SENTENCES, 1)
    return sentences[::step][:AGREEMENT_SENTENCES]


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def build_model(model: str, settings: dict, threads: int):
    """A SentenceModel on `model` with the variant's session settings."""
    from audio import sentence_model as sm

    options = sm.session_options(threads)
    level = settings.get("level")
    if level:
        import onnxruntime as ort

        options.graph_optimization_level = {
            "none": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
            "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
            "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL}[level]
    for key, value in settings.get("config", {}).items():
        options.add_session_config_entry(key, value)
    if "arena" in settings:
        options.enable_cpu_mem_arena = settings["arena"]
    if not settings.get("trim", True):
        sm.release_free_memory = lambda force=False: None
    sm.BATCH = settings.get("batch", sm.BATCH)
    if model == "pinned":
        source = sm.model_file()
    elif model == "int8-lookups":
        source = sm.write_int8_lookups(sm.model_file().read_bytes(), Path(tempfile.mkdtemp()))
    else:
        source = Path(model)
    return sm.SentenceModel(source, sm.vocab_file(), threads=threads, options=options,
                            disabled_optimizers=settings.get("disabled", []))


def child(spec: dict) -> dict:
    """Run in a fresh process: load, time the windows, embed the agreement set."""
    import onnxruntime  # noqa: F401  (imported before the baseline RSS is read)
    import tokenizers  # noqa: F401

    from audio import sentence_model as sm

    sentences = corpus_sentences()
    runs = windows(sentences)
    before = rss_mb()
    start = time.perf_counter()
    model = build_model(spec["model"], spec["settings"], spec["threads"])
    sm.release_free_memory(force=True)  # as `load_sentence_model` does after the load
    if spec["settings"].get("trim", True) == "load":
        sm.release_free_memory = lambda force=False: None
    load_ms = (time.perf_counter() - start) * 1000
    loaded = rss_mb() - before
    start = time.perf_counter()
    model.embed(runs[0])
    first_ms = (time.perf_counter() - start) * 1000
    times, cpu = [], []
    for run in runs[1:]:
        start, start_cpu = time.perf_counter(), time.process_time()
        model.embed(run)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    vectors = model.embed(agreement_set(sentences))
    np.save(spec["vectors"], vectors)
    return {"load_ms": load_ms, "loaded_mb": loaded, "first_ms": first_ms,
            "rss_mb": rss_mb() - before, "peak_mb": rss_mb("VmHWM") - before,
            "median_ms": statistics.median(times),
            "p90_ms": float(np.percentile(times, 90)), "cpu_ms": statistics.median(cpu),
            "sentences": statistics.mean(len(r) for r in runs[1:])}


def run_child(model: str, settings: dict, threads: int, vectors: Path) -> dict:
    spec = {"model": model, "settings": settings, "threads": threads, "vectors": str(vectors)}
    # This checkout's code first, whatever copy of MicDrop the interpreter has installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)],
                          capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def cosines(reference: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(reference, axis=1) * np.linalg.norm(vectors, axis=1)
    return (reference * vectors).sum(1) / norms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", help="comma-separated names (default: all)")
    parser.add_argument("--file", action="append", default=[], help="NAME=PATH model file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0
    variants = dict(VARIANTS)
    for item in args.file:
        name, path = item.split("=", 1)
        variants[name] = (str(Path(path).resolve()), {})
    names = args.variants.split(",") if args.variants else list(variants)
    names = ["pinned"] + [n for n in names if n != "pinned"]
    tmp = Path(tempfile.mkdtemp())
    print(f"{WINDOWS} windows of ~{WINDOW_WORDS} words; agreement on "
          f"{AGREEMENT_SENTENCES} sentences; MB and ms are added by the model\n")
    print(f"{'variant':24s} {'RSS':>6s} {'peak':>6s} {'load':>6s} "
          f"{'1t med':>7s} {'1t p90':>7s} {'1t cpu':>7s} {'2t med':>7s} {'2t p90':>7s} "
          f"{'cos min':>8s} {'cos med':>8s}")
    reference = None
    for name in names:
        model, settings = variants[name]
        one = run_child(model, settings, 1, tmp / f"{name}-1.npy")
        two = run_child(model, settings, 2, tmp / f"{name}-2.npy")
        vectors = np.load(tmp / f"{name}-2.npy")
        reference = vectors if reference is None else reference
        cos = cosines(reference, vectors)
        print(f"{name:24s} {two['rss_mb']:6.0f} {two['peak_mb']:6.0f} {two['load_ms']:6.0f} "
              f"{one['median_ms']:7.1f} {one['p90_ms']:7.1f} {one['cpu_ms']:7.1f} "
              f"{two['median_ms']:7.1f} {two['p90_ms']:7.1f} "
              f"{cos.min():8.4f} {np.median(cos):8.4f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
