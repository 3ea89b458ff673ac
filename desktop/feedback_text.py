"""The feedback of one answer as plain text, for the terminal.

It reads only the `Analysis` (never the transcript again), so what `micdrop analyze` and
`micdrop rehearse` print is the same feedback the window and the exports show.
"""

from __future__ import annotations

from scoring import Analysis

_VERDICTS = {"too_short": "too short", "on_target": "on target", "too_long": "too long"}


def render_feedback(analysis: Analysis) -> str:
    """A readable report: score, timing, parts, what is missing, delivery, tips, follow-up."""
    sections = [
        _headline(analysis),
        _parts(analysis),
        _delivery(analysis),
        _content(analysis),
        _tips(analysis),
        f"Follow-up: {analysis.follow_up}" if analysis.follow_up else "",
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _headline(analysis: Analysis) -> str:
    timing = analysis.timing
    verdict = _VERDICTS.get(timing.verdict, timing.verdict)
    estimated = " (estimated from text)" if analysis.timing_estimated else ""
    lines = [
        f"Score: {analysis.score}/100",
        f"Length: {analysis.answer_seconds} s, first word to last{estimated}, {verdict} "
        f"(target {timing.target_min_s}–{timing.target_max_s} s for a {analysis.kind} answer)",
    ]
    if analysis.company:
        lines.append(f"Company: {analysis.company}")
    return "\n".join(lines)


def _parts(analysis: Analysis) -> str:
    lines = ["Parts:"]
    lines += [
        f"  {p.part:<10} {p.start_s:6.1f}–{p.end_s:6.1f} s  {p.duration_s:5.1f} s"
        for p in analysis.parts
    ]
    missing = ", ".join(analysis.missing_parts) if analysis.missing_parts else "none"
    lines.append(f"Missing: {missing}")
    return "\n".join(lines)


def _delivery(analysis: Analysis) -> str:
    d = analysis.delivery
    return "\n".join([
        "Delivery:",
        f"  {d.wpm:.0f} words per minute"
        + (f" ({d.articulation_wpm:.0f} articulation rate, pauses removed)"
           if d.articulation_wpm else ""),
        f"  {_count(d.fillers, 'filler')} ({d.fillers_per_min:.1f} per minute; a lower "
        "bound, transcription drops some)",
        f"  {_count(d.long_pauses, 'long pause')}, {d.thinking_time_s:.1f} s thinking time "
        "before the first word",
        f"  \"I\" {d.i_count} times, \"we\" {d.we_count} times",
    ])


def _content(analysis: Analysis) -> str:
    c = analysis.content
    return "\n".join([
        "Content:",
        f"  numbers: {', '.join(c.quantified) or 'none'}",
        f"  values linked: {values_with_words(analysis) or 'none'}",
        f"  question repeated: {c.repeat}",
    ])


def _tips(analysis: Analysis) -> str:
    if not analysis.tips:
        return ""
    return "\n".join(["Tips:", *(f"  {i}. {tip}" for i, tip in enumerate(analysis.tips, 1))])


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def values_with_words(analysis: Analysis) -> str:
    """Each linked value with the words that made the link, e.g. 'Ownership ("took
    ownership")': a link the candidate cannot see the reason for cannot be trusted or fixed."""
    words = {v["value"]: v.get("words", []) for v in analysis.extra.get("value_links", [])}
    shown = []
    for value in analysis.content.values_linked:
        said = words.get(value)
        quoted = ", ".join(f"\u201c{w}\u201d" for w in said or ())
        shown.append(f"{value} ({quoted})" if said else value)
    return ", ".join(shown)
