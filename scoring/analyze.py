"""`analyze`: a timed transcript, the question and the company in; one `Analysis` out.

Only orchestration lives here; each measure is its own module so it can be tested on small
texts. Everything is pure and runs in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from question_bank.model import Company, Question
from scoring import checklist, competency, delivery, score
from scoring.analysis import (
    BACKGROUND_PARTS,
    STORY_PARTS,
    Analysis,
    Content,
    Delivery,
    Sentence,
)
from scoring.checks import Finding, outcome_figures, run_checks
from scoring.features import Context, answer_features
from scoring.limits import check_length
from scoring.parts import label_parts
from scoring.repeat import classify_repeat
from scoring.segment import sentence_texts, split_sentences
from scoring.timing import TimingReport, assess, part_spans
from scoring.transcript import Transcript, Word
from scoring.values import ValueLink, link_values, ties_to_work_style

# Sentences in, one unit vector per sentence out (`audio.sentence_model`); injected so the
# analysis stays pure and runs without it (word-only weights) in tests and when not installed.
Embed = Callable[[Sequence[str]], np.ndarray]

# Without a link part, the last sentences of the answer are where a tie-back would be.
CLOSING_SENTENCES = 2


@dataclass(frozen=True)
class _Found:
    """Everything measured on one answer, before it is scored and put into words."""

    kind: str
    sentences: list[Sentence]
    repeat: str
    opening: str
    links: list[ValueLink]
    linked: list[str]
    close: str
    findings: list[Finding]
    report: TimingReport
    delivery: delivery.DeliveryFigures
    words: tuple[Word, ...]
    ranges: list[tuple[int, int]]


def analyze(transcript: Transcript, question: Question, company: Company | None = None,
            embed: Embed | None = None) -> Analysis:
    """The full analysis of one answer to one question.

    Raises `scoring.limits.AnswerTooLong` past MAX_ANSWER_WORDS: more than an answer's worth
    of text costs memory and time for nothing the feedback could use."""
    check_length(transcript)
    found = _measure(transcript, question, company, embed)
    items = _items(found, company, transcript.timing_estimated)
    tips = score.tips(found.kind, items)
    labels = [s.part for s in found.sentences]
    order = BACKGROUND_PARTS if found.kind == "background" else STORY_PARTS
    return Analysis(
        kind=found.kind,
        question=question.text,
        company=company.name if company else None,
        duration_s=round(transcript.duration_s, 2),
        timing_estimated=transcript.timing_estimated,
        transcript=transcript.text,
        sentences=tuple(found.sentences),
        parts=tuple(part_spans(found.sentences)),
        missing_parts=tuple(p for p in order if p not in labels),
        timing=found.report.timing,
        delivery=_delivery(found.delivery),
        content=Content(
            quantified=tuple(q for _, q in outcome_figures([s.text for s in found.sentences],
                                                           labels)),
            values_linked=tuple(found.linked),
            repeat=found.repeat,
        ),
        score=score.score(found.kind, items) if transcript.words else 0,  # silence earns 0
        tips=tuple(t.text for t in tips),
        follow_up=score.follow_up(items, question.follow_ups),
        extra=_extra(found, question, items, tips),
    )


def _measure(transcript: Transcript, question: Question, company: Company | None,
             embed: Embed | None) -> _Found:
    """Sentences and their parts, then every measure taken on them."""
    kind = "background" if question.kind == "background" else "story"
    words = transcript.words
    ranges = split_sentences(words)
    texts = sentence_texts(words, ranges)
    ctx = Context.build(kind, question, company)
    vectors = embed(texts) if embed is not None and texts else None
    labels = label_parts(answer_features(texts, ctx), kind, vectors=vectors)
    sentences = [
        Sentence(t, words[i].start_s, words[j - 1].end_s, part)
        for t, (i, j), part in zip(texts, ranges, labels, strict=True)
    ]
    opening = " ".join(t for t, p in zip(texts, labels, strict=True) if p == "repeat")
    close = _closing(labels)
    links = link_values(texts, labels, company, vectors=vectors, embed=embed)
    return _Found(
        kind=kind,
        sentences=sentences,
        repeat=classify_repeat(opening, question.text) if kind == "story" else "absent",
        opening=opening,
        links=links,
        linked=[v.value for v in links],
        close=" ".join(texts[i] for i in close),
        findings=run_checks(texts, labels, question),
        report=assess(kind, sentences, part_spans(sentences)),
        delivery=delivery.measure(transcript),
        words=words,
        ranges=ranges,
    )


def _items(found: _Found, company: Company | None, estimated: bool) -> list[score.Item]:
    """The checklist the score and the tips are built from."""
    order = BACKGROUND_PARTS if found.kind == "background" else STORY_PARTS
    texts = [s.text for s in found.sentences]
    items = checklist.part_items(order, {s.part for s in found.sentences})
    if found.kind == "story":
        items.append(checklist.repeat_item(found.repeat, found.opening))
    if found.kind == "story" or company is not None:
        has_link = any(s.part == "link" for s in found.sentences)
        items.append(checklist.link_item(company, found.linked, ties_to_work_style(found.close),
                                         has_link, found.close))
    items += checklist.check_items(found.findings, texts)
    items += checklist.timing_items(found.kind, found.report)
    items += checklist.delivery_items(found.delivery, estimated)
    return items


def _extra(found: _Found, question: Question, items: list[score.Item],
           tips: list[score.Tip]) -> dict:
    """Fields added to the contract: the evidence behind every figure, tip and score."""
    d, report = found.delivery, found.report
    weights = score.weights_for(found.kind)
    return {
        "competencies": list(competency.competencies(question)),
        "part_timing": [
            {"part": part, "duration_s": round(share * report.answer_s, 2), "share": share}
            for part, share in report.shares.items()
        ],
        "answer_s": report.answer_s,
        "setup_share": report.setup_share,
        "timing_problems": list(report.problems),
        "checks": [f.to_dict(found.sentences) for f in found.findings],
        "value_links": [
            {"value": v.value, "sentences": list(v.sentences), "ways": list(v.ways),
             "words": list(v.words)}
            for v in found.links
        ],
        "close_ties_to_work_style": ties_to_work_style(found.close),
        "tip_details": [t.to_dict() for t in tips],
        "score_items": [
            {"item": i.key, "weight": weights[i.key], "earned": round(i.earned, 2)}
            for i in items if i.key in weights
        ],
        "filler_words": [{"word": w, "start_s": t} for w, t in d.fillers],
        "filler_clusters": [
            {"start_s": s, "end_s": e, "count": n} for s, e, n in d.filler_clusters
        ],
        "possible_dropped_fillers": d.possible_dropped_fillers,
        "pauses": len(d.pauses),
        "long_pause_times": [{"start_s": s, "end_s": e} for s, e in d.long_pauses],
        "speech_s": round(d.speech_s, 2),
        "words": _word_marks(found),
    }


def _word_marks(found: _Found) -> list[dict]:
    """Every word with its times, its sentence, whether it is a filler, and the long pause
    after it: what a transcript view needs to mark fillers and pauses where they happened,
    and a replay to highlight the word being heard."""
    fillers = set(found.delivery.filler_at)
    long_after = {start: end - start for start, end in found.delivery.long_pauses}
    marks = []
    for k, (i, j) in enumerate(found.ranges):
        for n in range(i, j):
            w = found.words[n]
            mark = {"text": w.text, "start_s": w.start_s, "end_s": w.end_s, "sentence": k,
                    "filler": n in fillers}
            if w.end_s in long_after and n + 1 < len(found.words):
                mark["pause_after_s"] = round(long_after[w.end_s], 2)
            marks.append(mark)
    return marks


def _closing(labels: list[str]) -> list[int]:
    """Indices of the sentences where a tie-back belongs: the link part, else the last ones."""
    link = [i for i, p in enumerate(labels) if p == "link"]
    return link or list(range(max(len(labels) - CLOSING_SENTENCES, 0), len(labels)))


def _delivery(d: delivery.DeliveryFigures) -> Delivery:
    return Delivery(
        wpm=d.wpm,
        fillers=len(d.fillers),
        fillers_per_min=round(d.fillers_per_min, 1),
        long_pauses=len(d.long_pauses),
        thinking_time_s=d.thinking_time_s,
        i_count=d.i_count,
        we_count=d.we_count,
        articulation_wpm=d.articulation_wpm,
    )
