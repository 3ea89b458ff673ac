"""The feedback report as Markdown: readable as plain text, pasteable into notes.

Answer text is the user's own words, so characters that Markdown would read as markup are
escaped; the report shows what was said, never formatting it happened to contain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scoring.reports import (
    ReportItem,
    checklist,
    clock,
    delivery_lines,
    headline,
    marked_sentences,
    part_label,
    summarize,
)

_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#+|!~])")


def escape_md(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)


def render_markdown(items: Sequence[ReportItem]) -> bytes:
    """One attempt's report, or a set's: a summary first, then each attempt."""
    blocks = [] if len(items) == 1 else [_summary(items)]
    blocks += [_attempt(item, level=1 if len(items) == 1 else 2) for item in items]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _summary(items: Sequence[ReportItem]) -> str:
    s = summarize(items)
    lines = [
        "# MicDrop rehearsal report",
        "",
        f"{s.count} answers · mean score {s.mean_score:.0f} · best {s.best_score} · "
        f"{s.on_target} of {s.count} on target",
        "",
        "| # | question | score | length | verdict |",
        "|---|---|---|---|---|",
    ]
    for n, item in enumerate(items, 1):
        a = item.analysis
        lines.append(f"| {n} | {escape_md(a.question)} | {a.score} | {clock(a.answer_seconds)} | "
                     f"{a.timing.verdict.replace('_', ' ')} |")
    if s.recurring:
        lines += ["", "Comes back across answers:", *(f"- {r}" for r in s.recurring)]
    return "\n".join(lines)


def _attempt(item: ReportItem, level: int) -> str:
    a = item.analysis
    h = "#" * level
    title = escape_md(a.question) or "Answer"
    meta = [f"{a.kind} answer"]
    if a.company:
        meta.append(escape_md(a.company))
    if item.created_at:
        meta.append(item.created_at.strftime("%Y-%m-%d %H:%M"))
    sections = [
        f"{h} {title}",
        " · ".join(meta),
        f"**{headline(a)}**",
        f"{h}# Timeline\n\n" + _timeline(a),
        f"{h}# Transcript\n\n" + _transcript(a),
        f"{h}# Checklist\n\n" + "\n".join(
            f"- [{'x' if ok else ' '}] {name}" for name, ok in checklist(a)),
        f"{h}# Delivery\n\n" + "\n".join(f"- {line}" for line in delivery_lines(a)),
    ]
    if a.tips:
        sections.append(f"{h}# Tips\n\n" + "\n".join(
            f"{n}. {escape_md(t)}" for n, t in enumerate(a.tips, 1)))
    if a.follow_up:
        sections.append(f"{h}# Follow-up\n\n{escape_md(a.follow_up)}")
    return "\n\n".join(sections)


def _timeline(a) -> str:
    rows = ["| part | from | to | length |", "|---|---|---|---|"]
    origin = a.answer_start_s  # times into the answer, as the window's timeline shows them
    rows += [f"| {part_label(p.part)} | {clock(p.start_s - origin)} | {clock(p.end_s - origin)} | "
             f"{p.duration_s:.0f} s |" for p in a.parts]
    return "\n".join(rows)


def _transcript(a) -> str:
    """One paragraph per sentence, led by its part; fillers in italics, long pauses named."""
    out = []
    for sentence, words in zip(a.sentences, marked_sentences(a), strict=True):
        text = " ".join(_word(w) for w in words)
        out.append(f"**{part_label(sentence.part)}:** {text}")
    return "\n\n".join(out) or "_No words were recognised._"


def _word(w) -> str:
    text = escape_md(w.text)
    if w.filler:
        text = f"_{text}_"
    if w.pause_after_s is not None:
        text += f" [pause {w.pause_after_s:.1f} s]"
    return text
