"""`analyze`: a timed transcript, the question and the company in; one `Analysis` out.

Only orchestration lives here; each measure is its own module so it can be tested on small
texts. Everything is pure and runs in milliseconds.
"""

from __future__ import annotations

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
from scoring.checks import outcome_figures, run_checks
from scoring.features import Context, answer_features
from scoring.parts import label_parts
from scoring.repeat import classify_repeat
from scoring.segment import sentence_texts, split_sentences
from scoring.timing import assess, part_spans
from scoring.transcript import Transcript
from scoring.values import ValueLink, link_values, ties_to_work_style

# Without a link part, the last sentences of the answer are where a tie-back would be.
CLOSING_SENTENCES = 2


def analyze(transcript: Transcript, question: Question, company: Company | None = None
            ) -> Analysis:
    """The full analysis of one answer to one question."""
    kind = "background" if question.kind == "background" else "story"
    words = transcript.words
    ranges = split_sentences(words)
    texts = sentence_texts(words, ranges)
    labels = label_parts(answer_features(texts, Context.build(kind, question, company)), kind)
    sentences = [
        Sentence(t, words[i].start_s, words[j - 1].end_s, part)
        for t, (i, j), part in zip(texts, ranges, labels, strict=True)
    ]
    order = BACKGROUND_PARTS if kind == "background" else STORY_PARTS
    present = set(labels)
    opening = " ".join(t for t, p in zip(texts, labels, strict=True) if p == "repeat")
    repeat = classify_repeat(opening, question.text) if kind == "story" else "absent"
    close = _closing(labels)
    links = link_values(texts, company)
    linked = [v.value for v in links if set(v.sentences) & set(close)]
    close_text = " ".join(texts[i] for i in close)
    findings = run_checks(texts, labels, question)
    figures_ = delivery.measure(transcript)
    spans = part_spans(sentences)
    report = assess(kind, sentences, spans)

    items = checklist.part_items(order, present)
    if kind == "story":
        items.append(checklist.repeat_item(repeat, opening))
    if kind == "story" or company is not None:
        items.append(checklist.link_item(company, linked, ties_to_work_style(close_text),
                                         "link" in present, close_text))
    items += checklist.check_items(findings, texts)
    items += checklist.timing_items(kind, report, texts)
    items += checklist.delivery_items(figures_, transcript.timing_estimated)
    tips = score.tips(kind, items)
    weights = score.weights_for(kind)
    return Analysis(
        kind=kind,
        question=question.text,
        company=company.name if company else None,
        duration_s=round(transcript.duration_s, 2),
        timing_estimated=transcript.timing_estimated,
        transcript=transcript.text,
        sentences=tuple(sentences),
        parts=tuple(spans),
        missing_parts=tuple(p for p in order if p not in present),
        timing=report.timing,
        delivery=_delivery(figures_),
        content=Content(
            quantified=tuple(q for _, q in outcome_figures(texts, labels)),
            values_linked=tuple(linked),
            repeat=repeat,
        ),
        score=score.score(kind, items) if words else 0,  # silence earns nothing
        tips=tuple(t.text for t in tips),
        follow_up=score.follow_up(items, question.follow_ups),
        extra={
            "competencies": list(competency.competencies(question)),
            "part_shares": report.shares,
            "answer_s": report.answer_s,
            "setup_share": report.setup_share,
            "timing_problems": list(report.problems),
            "checks": [f.to_dict(texts) for f in findings],
            "value_links": [_link_dict(v) for v in links],
            "tip_details": [t.to_dict() for t in tips],
            "score_items": [
                {"item": i.key, "weight": weights[i.key], "earned": round(i.earned, 2)}
                for i in items if i.key in weights
            ],
            "filler_words": [{"word": w, "start_s": t} for w, t in figures_.fillers],
            "filler_clusters": [
                {"start_s": s, "end_s": e, "count": n} for s, e, n in figures_.filler_clusters
            ],
            "possible_dropped_fillers": figures_.possible_dropped_fillers,
            "pauses": len(figures_.pauses),
            "long_pause_times": [{"start_s": s, "end_s": e} for s, e in figures_.long_pauses],
            "speech_s": round(figures_.speech_s, 2),
        },
    )


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
    )


def _link_dict(link: ValueLink) -> dict:
    return {"value": link.value, "sentences": list(link.sentences), "words": list(link.words)}
