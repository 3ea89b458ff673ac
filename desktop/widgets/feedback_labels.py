"""The words of the feedback panel (verdict, checklist, delivery figures, tips) as labels.

Plain functions from an `Analysis` to display text, kept apart from the widgets so the
wording can be read and tested without a window.
"""

from __future__ import annotations

from html import escape

from desktop.feedback_text import values_with_words
from desktop.widgets.band_timer import clock
from desktop.widgets.part_style import part_label, parts_for_kind
from scoring.analysis import Analysis
from scoring.timing import band

VERDICT_TEXT = {"too_short": "Too short", "on_target": "On target", "too_long": "Too long"}
VERDICT_COLORS = {"too_short": "#0072B2", "on_target": "#009E73", "too_long": "#D55E00"}


def verdict_text(analysis: Analysis) -> str:
    """E.g. "On target · 1:44 (target 1:30–2:00)": the answer's time, first word to last,
    in the whole seconds the verdict was made on (the recording's length includes thinking
    time and the silence before Stop, which are not answer time)."""
    timing = analysis.timing
    verdict = VERDICT_TEXT.get(timing.verdict, timing.verdict.replace("_", " ").capitalize())
    band = f"target {clock(timing.target_min_s)}–{clock(timing.target_max_s)}"
    estimated = " · times estimated from text" if analysis.timing_estimated else ""
    return f"{verdict} · {clock(analysis.answer_seconds)} ({band}){estimated}"


def placeholder_text(kind: str) -> str:
    """Before an answer: the kind, its parts in order and its band, e.g. "Background answer:
    Now → Then → Why → Bridge, aim for 1:00–1:30. Feedback appears here when you stop
    recording."."""
    low, high = band(kind)
    name = "Background answer" if kind == "background" else "Story answer"
    parts = " → ".join(part_label(p) for p in parts_for_kind(kind)[:-1])
    return (f"{name}: {parts}, aim for {clock(low)}–{clock(high)}. "
            "Feedback appears here when you stop recording.")


def checklist_html(analysis: Analysis) -> str:
    """Each coached part ticked when present, crossed when missing (symbol and word, not colour)."""
    rows = []
    for part in parts_for_kind(analysis.kind)[:-1]:
        if part in analysis.missing_parts:
            rows.append(f'<span style="color:#B34700;">✗ {part_label(part)} — missing</span>')
        else:
            rows.append(f"<span>✓ {part_label(part)}</span>")
    content = analysis.content
    if content.quantified:
        rows.append("Numbers: " + escape(", ".join(content.quantified)))
    if content.values_linked:
        rows.append("Values linked: " + escape(values_with_words(analysis)))
    if analysis.kind == "story":
        rows.append(f"Repeat of the question: {escape(content.repeat)}")
    return "<br>".join(rows)


def delivery_rows(analysis: Analysis) -> list[tuple[str, str]]:
    """Label and value pairs; the filler count says it is a lower bound because Whisper
    drops fillers."""
    d = analysis.delivery
    rows = [
        ("Speaking rate", f"{d.wpm:.0f} wpm"),
        ("Fillers (at least)", f"{d.fillers} · {d.fillers_per_min:.1f}/min"),
        ("Long pauses", str(d.long_pauses)),
        ("Thinking time", f"{d.thinking_time_s:.1f} s"),
        ("I / we", f"{d.i_count} / {d.we_count}"),
    ]
    if d.articulation_wpm:
        # Named apart: over speech time only, it runs above the speaking rate by nature.
        rows.insert(1, ("Articulation rate", f"{d.articulation_wpm:.0f} wpm"))
    return rows


def tips_html(analysis: Analysis) -> str:
    if not analysis.tips:
        return "Nothing pressing: keep rehearsing this one."
    items = "".join(f"<li>{escape(tip)}</li>" for tip in analysis.tips[:3])
    return f'<ol style="margin-left:-20px;">{items}</ol>'
