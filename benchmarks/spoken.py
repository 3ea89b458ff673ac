"""The spoken path measured: each answer said by espeak-ng, heard by the bundled Whisper.

Driven by `scoring_accuracy.py --spoken`. Every answer is spoken at a rate drawn from
140-180 wpm (seeded by the answer's id, so reruns say it the same way), transcribed by one
`audio.transcribe.Transcriber` (one model instance for the whole run), and its transcript is
aligned to the gold text word by word (difflib on normalised tokens). A transcript word takes
the gold part of the gold word it matches; words Whisper inserted or changed take the part of
the gold words they replace, or of their nearest aligned neighbour. Scores are word-level
(a transcript has no gold sentences), next to the same measure on the clean text of the same
answers, so the cost of the speech path reads off one table.

WAVs and transcripts are cached under the temp folder keyed by a hash of text and rate, so
a rerun only re-scores.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import subprocess
import tempfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from corpus import CORE_STORY, macro_f1, sentence_texts

from question_bank import Question
from scoring import Transcript, analyze
from scoring.analysis import BACKGROUND_PARTS
from scoring.transcript import Word

RATE_RANGE = (140, 180)
CACHE = Path(tempfile.gettempdir()) / "micdrop-spoken-bench"


@dataclass(frozen=True)
class WordScored:
    """One answer's gold and predicted part per word, clean and spoken, and the part sets."""

    kind: str
    clean: tuple[tuple[str, str], ...]
    spoken: tuple[tuple[str, str], ...]
    gold_present: frozenset[str]
    clean_present: frozenset[str]
    spoken_present: frozenset[str]


def norm(token: str) -> str:
    """A word as both sides can agree on it: lower case, no punctuation."""
    return re.sub(r"[^a-z0-9']", "", token.lower()).strip("'")


def rate_for(answer_id: str) -> int:
    """The answer's speaking rate, drawn once per id (string seeds are stable)."""
    return random.Random(answer_id).randint(*RATE_RANGE)


def spoken_transcript(text: str, rate: int, transcriber) -> Transcript:
    """The transcript of the text said at `rate` wpm, from the cache when it is there."""
    heard = cached_transcript(text, rate)
    if heard is not None:
        return heard
    cached = _cache_path(text, rate)
    CACHE.mkdir(parents=True, exist_ok=True)
    wav = cached.with_suffix(".wav")
    if not wav.exists():
        subprocess.run(["espeak-ng", "-s", str(rate), "-w", str(wav), text], check=True,
                       capture_output=True)
    heard = transcriber.transcribe_file(wav)
    words = [[w.text, w.start_s, w.end_s, w.probability] for w in heard.words]
    cached.write_text(json.dumps({"words": words, "duration_s": heard.duration_s}))
    return heard


def cached_transcript(text: str, rate: int) -> Transcript | None:
    """The transcript a previous run made of the text said at `rate` wpm, if any."""
    cached = _cache_path(text, rate)
    if not cached.exists():
        return None
    data = json.loads(cached.read_text())
    return Transcript(tuple(Word(*w) for w in data["words"]), data["duration_s"])


def _cache_path(text: str, rate: int) -> Path:
    return CACHE / f"{hashlib.sha1(f'{rate}:{text}'.encode()).hexdigest()[:20]}.json"


def align(gold: list[str], labels: list[str], heard: list[str]) -> list[str]:
    """The gold part of every heard word (see the module docstring)."""
    out: list[str | None] = [None] * len(heard)
    matcher = SequenceMatcher(None, [norm(t) for t in gold], [norm(t) for t in heard],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace") and i2 > i1:
            for k in range(j1, j2):  # proportional mapping inside a replaced stretch
                out[k] = labels[i1 + (k - j1) * (i2 - i1) // (j2 - j1)]
    return _fill(out)


def _fill(out: list[str | None]) -> list[str]:
    """Inserted words take the part of the nearest word before them (or after, at the start)."""
    last = next((x for x in out if x is not None), "other")
    filled = []
    for x in out:
        last = x if x is not None else last
        filled.append(last)
    return filled


def word_parts(analysis) -> list[str]:
    return [s.part for s in analysis.sentences for _ in s.text.split()]


def score_spoken(answer: dict, bank, transcriber, embed=None) -> WordScored:
    """Clean-text and spoken word-level parts of one answer (with the sentence model's
    `embed` when given)."""
    kind = answer["kind"]
    texts = sentence_texts(answer)
    gold_words = [w for t in texts for w in t.split()]
    gold_labels = [p for (p, _), t in zip(answer["sentences"], texts, strict=True)
                   for _ in t.split()]
    question = Question(id="corpus", text=answer["question"], kind=kind)
    company = bank.company(answer["company"]) if answer.get("company") else None
    clean = analyze(Transcript.from_text(" ".join(texts)), question, company, embed=embed)
    heard = spoken_transcript(" ".join(texts), rate_for(answer["id"]), transcriber)
    spoken = analyze(heard, question, company, embed=embed)
    heard_gold = align(gold_words, gold_labels, [w.text for w in heard.words])
    core = set(CORE_STORY if kind == "story" else BACKGROUND_PARTS)
    return WordScored(
        kind,
        tuple(zip(gold_labels, word_parts(clean), strict=True)),
        tuple(zip(heard_gold, word_parts(spoken), strict=True)),
        frozenset(core & set(gold_labels)),
        frozenset(core - set(clean.missing_parts)),
        frozenset(core - set(spoken.missing_parts)),
    )


def report_spoken(results: list[WordScored]) -> None:
    for kind in ("story", "background"):
        mine = [r for r in results if r.kind == kind]
        if not mine:
            continue
        core = CORE_STORY if kind == "story" else BACKGROUND_PARTS
        print(f"\n== spoken path, {kind}: {len(mine)} answers "
              f"(espeak-ng {RATE_RANGE[0]}-{RATE_RANGE[1]} wpm, bundled Whisper)")
        print(f"{'':34s} {'clean text':>10s} {'spoken':>8s}")
        clean_macro, clean_per = macro_f1([p for r in mine for p in r.clean], core)
        spoken_macro, spoken_per = macro_f1([p for r in mine for p in r.spoken], core)
        label = "word macro-F1 " + "/".join(core)
        print(f"{label:34s} {clean_macro:10.3f} {spoken_macro:8.3f}")
        for part in core:
            print(f"  F1 {part:30s} {clean_per[part]:10.3f} {spoken_per[part]:8.3f}")
        clean_exact = sum(r.gold_present == r.clean_present for r in mine) / len(mine)
        spoken_exact = sum(r.gold_present == r.spoken_present for r in mine) / len(mine)
        print(f"{'present parts exact-set':34s} {clean_exact:10.3f} {spoken_exact:8.3f}")


def run_spoken(answers: list[dict], bank, embed=None) -> None:
    """Speak, transcribe, align and score every answer, then print the table."""
    from audio.transcribe import Transcriber  # loads the model only when this path runs

    transcriber = Transcriber()
    results = []
    for k, answer in enumerate(answers, 1):
        results.append(score_spoken(answer, bank, transcriber, embed))
        print(f"\rspoken {k}/{len(answers)}", end="", flush=True)
    print()
    report_spoken(results)
