"""Feedback reports: what one attempt, or a set of them, says, ready for any export format.

Every format (Markdown, HTML, JSON here; PDF in the desktop, which needs Qt) reads the same
`Analysis` the screen shows, through the few helpers below, so an exported report can never
disagree with the window. Renderers return bytes so a caller writes them as they are.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import mean

from scoring.analysis import BACKGROUND_PARTS, STORY_PARTS, Analysis

REPORT_SCHEMA = "micdrop.report/1"
FORMATS = ("md", "html", "json")

VERDICTS = {"too_short": "too short", "on_target": "on target", "too_long": "too long"}

PART_LABELS: dict[str, str] = {
    "repeat": "Repeat", "situation": "Situation", "task": "Task", "action": "Action",
    "result": "Result", "link": "Link back", "now": "Now", "then": "Then", "why": "Why",
    "bridge": "Bridge", "other": "Other",
}

# Okabe–Ito: hues that stay apart for the common colour blindnesses (the window's palette).
PART_COLORS: dict[str, str] = {
    "repeat": "#CC79A7", "situation": "#56B4E9", "task": "#E69F00", "action": "#0072B2",
    "result": "#009E73", "link": "#D55E00", "now": "#0072B2", "then": "#56B4E9",
    "why": "#E69F00", "bridge": "#009E73", "other": "#A0A0A0",
}

# How much of a part's colour tints its transcript text: the hue shows, the text reads.
TINT_STRENGTH = 0.35


@dataclass(frozen=True)
class ReportItem:
    """One attempt in a report: its analysis and, for a saved attempt, where it came from."""

    analysis: Analysis
    attempt_id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class WordMark:
    """A word as a report shows it: fillers and the long pause after it are marked."""

    text: str
    filler: bool = False
    pause_after_s: float | None = None


@dataclass(frozen=True)
class Summary:
    """What a set of attempts says as a whole: the figures a coach reads first."""

    count: int
    mean_score: float
    best_score: int
    on_target: int
    recurring: tuple[str, ...]


def part_label(part: str) -> str:
    return PART_LABELS.get(part, part.capitalize())


def part_color(part: str) -> str:
    return PART_COLORS.get(part, PART_COLORS["other"])


def part_tint(part: str, strength: float = TINT_STRENGTH) -> str:
    """The part's colour mixed into white, as a background that dark text stays readable on
    (computed, not CSS alpha, because Qt's rich text, which draws the PDF, has none)."""
    base = part_color(part)
    channels = (int(base[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 * (1 - strength) + c * strength):02X}" for c in channels)


def coached_parts(kind: str) -> tuple[str, ...]:
    return BACKGROUND_PARTS if kind == "background" else STORY_PARTS


def clock(seconds: float) -> str:
    """m:ss, whole seconds cut off as the window's timer and timeline show them."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def headline(analysis: Analysis) -> str:
    """Score, length and verdict in one line, as the window's headline says them."""
    t = analysis.timing
    estimated = " (estimated from text)" if analysis.timing_estimated else ""
    return (f"Score {analysis.score}/100 · {clock(analysis.answer_seconds)}{estimated}, "
            f"{VERDICTS.get(t.verdict, t.verdict)} (target {clock(t.target_min_s)}–"
            f"{clock(t.target_max_s)})")


def checklist(analysis: Analysis) -> list[tuple[str, bool]]:
    """Each coached part and whether the answer has it."""
    return [(part_label(p), p not in analysis.missing_parts)
            for p in coached_parts(analysis.kind)]


def delivery_lines(analysis: Analysis) -> list[str]:
    d = analysis.delivery
    return [
        f"Speaking rate: {d.wpm:.0f} words per minute",
        f"Fillers: {d.fillers} ({d.fillers_per_min:.1f} per minute; a lower bound, "
        "transcription drops some)",
        f"Long pauses: {d.long_pauses}; thinking time before the first word "
        f"{d.thinking_time_s:.1f} s",
        f"“I” {d.i_count} times, “we” {d.we_count} times",
    ]


def marked_sentences(analysis: Analysis) -> list[list[WordMark]]:
    """Each sentence's words with their marks; plain words when the analysis has no word
    list (an attempt analysed from text keeps its sentences only)."""
    words = analysis.extra.get("words")
    if not words:
        return [[WordMark(w) for w in s.text.split()] for s in analysis.sentences]
    out: list[list[WordMark]] = [[] for _ in analysis.sentences]
    for w in words:
        out[w["sentence"]].append(
            WordMark(w["text"].strip(), bool(w.get("filler")), w.get("pause_after_s")))
    return out


def summarize(items: Sequence[ReportItem]) -> Summary:
    """Averages, and the problems that come back in more than one answer."""
    analyses = [i.analysis for i in items]
    scores = [a.score for a in analyses] or [0]
    return Summary(
        count=len(analyses),
        mean_score=round(mean(scores), 1),
        best_score=max(scores),
        on_target=sum(a.timing.verdict == "on_target" for a in analyses),
        recurring=_recurring(analyses),
    )


def _recurring(analyses: Sequence[Analysis]) -> tuple[str, ...]:
    """Missing parts, missing figures and timing misses seen in two answers or more."""
    n = len(analyses)
    missing = Counter(p for a in analyses for p in a.missing_parts)
    found = [f"{part_label(p)} missing in {k} of {n} answers"
             for p, k in missing.most_common() if k >= 2]
    stories = [a for a in analyses if a.kind == "story"]
    unquantified = sum(not a.content.quantified for a in stories)
    if unquantified >= 2:
        found.append(f"No figures in {unquantified} of {len(stories)} story results")
    for verdict in ("too_short", "too_long"):
        k = sum(a.timing.verdict == verdict for a in analyses)
        if k >= 2:
            found.append(f"{VERDICTS[verdict].capitalize()} in {k} of {n} answers")
    return tuple(found)


def render_json(items: Sequence[ReportItem]) -> bytes:
    """One attempt: exactly the analysis contract. A set: the contracts in a list."""
    if len(items) == 1:
        data = items[0].analysis.to_dict()
    else:
        data = {"schema": REPORT_SCHEMA, "attempts": [
            {"attempt_id": i.attempt_id,
             "created_at": i.created_at.isoformat() if i.created_at else None,
             "analysis": i.analysis.to_dict()} for i in items]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def renderer(fmt: str) -> Callable[[Sequence[ReportItem]], bytes]:
    """The renderer of a format name ("md", "html", "json")."""
    from scoring.report_html import render_html
    from scoring.report_markdown import render_markdown

    table = {"md": render_markdown, "html": render_html, "json": render_json}
    if fmt not in table:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return table[fmt]
