"""The feedback report as one self-contained HTML file: inline style, an inline SVG
timeline, no scripts and nothing fetched, so it opens offline and can be mailed as is.

Everything that came from the user or the question bank goes through `escape`: an answer
that says "<script>" shows those characters and runs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from scoring.analysis import Analysis
from scoring.figures import LONG_PAUSE_S
from scoring.reports import (
    ReportItem,
    checklist,
    clock,
    delivery_lines,
    headline,
    marked_sentences,
    part_color,
    part_label,
    part_tint,
    summarize,
)

STYLE = """
body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:52em;margin:2em auto;color:#1b1b1b;
line-height:1.5;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.25em;margin-top:2em}h3{font-size:1.05em;margin-bottom:.3em}
.meta{color:#555}.headline{font-weight:bold}
.sentence{padding:.1em .2em;border-radius:3px}
.filler{font-style:italic;text-decoration:underline;color:#5a5a5a}
.pause{font-size:.85em;color:#5a5a5a}
.missing{color:#b00020}.present{color:#006b4f}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
"""

# Inline, because Qt's rich text (which draws the PDF) honours a page break only there.
PAGE_BREAK = ' style="page-break-before:always"'
TIMELINE_W, TIMELINE_H, BAR_Y, BAR_H = 640, 64, 18, 28


def render_html(items: Sequence[ReportItem],
                timeline: Callable[[Analysis, int], str] | None = None) -> bytes:
    """A whole page; a set gets a summary table before its attempts. `timeline(analysis, n)`
    gives the markup of attempt n's timeline (the PDF swaps the SVG for a painted image)."""
    draw = timeline or (lambda analysis, _n: timeline_svg(analysis))
    body = [] if len(items) == 1 else [_summary(items)]
    body += [_attempt(item, draw(item.analysis, n), new_page=len(items) > 1)
             for n, item in enumerate(items)]
    title = "MicDrop report" if len(items) != 1 else f"MicDrop: {items[0].analysis.question}"
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")
    return page.encode("utf-8")


def _summary(items: Sequence[ReportItem]) -> str:
    s = summarize(items)
    rows = "".join(
        f"<tr><td>{n}</td><td>{escape(i.analysis.question)}</td><td>{i.analysis.score}</td>"
        f"<td>{clock(i.analysis.answer_seconds)}</td>"
        f"<td>{escape(i.analysis.timing.verdict.replace('_', ' '))}</td></tr>"
        for n, i in enumerate(items, 1))
    recurring = "".join(f"<li>{escape(r)}</li>" for r in s.recurring)
    return (f"<h1>MicDrop rehearsal report</h1><p>{s.count} answers · mean score "
            f"{s.mean_score:.0f} · best {s.best_score} · {s.on_target} of {s.count} on "
            f"target</p><table><tr><th>#</th><th>question</th><th>score</th><th>length</th>"
            f"<th>verdict</th></tr>{rows}</table>"
            + (f"<h3>Comes back across answers</h3><ul>{recurring}</ul>" if recurring else ""))


def _attempt(item: ReportItem, timeline: str, new_page: bool) -> str:
    a = item.analysis
    meta = [f"{a.kind} answer"] + ([a.company] if a.company else [])
    if item.created_at:
        meta.append(item.created_at.strftime("%Y-%m-%d %H:%M"))
    checks = "".join(
        f'<li class="{"present" if ok else "missing"}">{"✓" if ok else "✗"} {escape(name)}</li>'
        for name, ok in checklist(a))
    parts = [
        "<section>",
        f"<h2{PAGE_BREAK if new_page else ''}>{escape(a.question or 'Answer')}</h2>",
        f'<p class="meta">{escape(" · ".join(meta))}</p>',
        f'<p class="headline">{escape(headline(a))}</p>',
        "<h3>Timeline</h3>", timeline,
        "<h3>Transcript</h3>", _legend(a), _transcript(a),
        f"<h3>Checklist</h3><ul>{checks}</ul>",
        "<h3>Delivery</h3><ul>" + "".join(f"<li>{escape(x)}</li>" for x in delivery_lines(a))
        + "</ul>",
    ]
    if a.tips:
        parts.append("<h3>Tips</h3><ol>" + "".join(f"<li>{escape(t)}</li>" for t in a.tips)
                     + "</ol>")
    if a.follow_up:
        parts.append(f"<h3>Follow-up</h3><p>{escape(a.follow_up)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _transcript(a: Analysis) -> str:
    spans = []
    for sentence, words in zip(a.sentences, marked_sentences(a), strict=True):
        body = " ".join(_word(w) for w in words)
        tint = part_tint(sentence.part)
        label = escape(part_label(sentence.part))
        spans.append(f'<span class="sentence" style="background:{tint}" title="{label}">'
                     f"{body}</span>")
    return "<p>" + " ".join(spans) + "</p>" if spans else "<p><i>No words recognised.</i></p>"


def _legend(a: Analysis) -> str:
    """The colour key of the parts this answer has: colour is never the only cue."""
    present = dict.fromkeys(s.part for s in a.sentences)
    keys = " ".join(f'<span class="sentence" style="background:{part_tint(p)}">'
                    f"{escape(part_label(p))}</span>" for p in present)
    return (f'<p class="meta">Parts: {keys} · <span class="filler">filler</span> · '
            f'<span class="pause">[pause]</span> a silence of {LONG_PAUSE_S:g} s or more</p>')


def _word(w) -> str:
    text = escape(w.text)
    if w.filler:
        text = f'<span class="filler" title="filler">{text}</span>'
    if w.pause_after_s is not None:
        text += f' <span class="pause">[pause {w.pause_after_s:.1f} s]</span>'
    return text


def timeline_svg(a: Analysis) -> str:
    """Part blocks on a time axis with the target band shaded, like the window's timeline."""
    low, high = a.timing.target_min_s, a.timing.target_max_s
    span = max(a.answer_seconds, high * 1.1, 1.0)
    origin = a.answer_start_s  # the axis is the answer's own time, as on screen

    def x(seconds: float) -> float:
        return 1 + seconds * (TIMELINE_W - 2) / span

    shapes = [f'<rect x="{x(low):.1f}" y="4" width="{x(high) - x(low):.1f}" '
              f'height="{TIMELINE_H - 20}" fill="#e8f4ea"/>']
    for p in a.parts:
        left = x(p.start_s - origin)
        width = max(2.0, x(p.end_s - origin) - left)
        shapes.append(
            f'<rect x="{left:.1f}" y="{BAR_Y}" width="{width:.1f}" height="{BAR_H}" '
            f'fill="{part_color(p.part)}"><title>{escape(part_label(p.part))} '
            f"{p.duration_s:.0f} s</title></rect>")
        if width > 60:
            shapes.append(f'<text x="{left + 4:.1f}" y="{BAR_Y + 18}" font-size="11" '
                          f'fill="#fff">{escape(part_label(p.part))} {p.duration_s:.0f} s</text>')
    for mark in (low, high):
        shapes.append(f'<text x="{x(mark):.1f}" y="{TIMELINE_H - 2}" font-size="10" '
                      f'text-anchor="middle">{clock(mark)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{TIMELINE_W}" '
            f'height="{TIMELINE_H}" role="img" aria-label="timeline">' + "".join(shapes)
            + "</svg>")
