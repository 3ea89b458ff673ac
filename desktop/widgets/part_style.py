"""Colours and names of answer parts, shared by the transcript, the timeline and the legend.

The palette is Okabe–Ito, chosen because its hues stay distinct for the common forms of
colour blindness; every coloured thing also carries its part's name, so colour is never
the only cue.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

STORY_PARTS = ("repeat", "situation", "task", "action", "result", "link")
BACKGROUND_PARTS = ("now", "then", "why", "bridge")

PART_COLORS: dict[str, str] = {
    "repeat": "#CC79A7",
    "situation": "#56B4E9",
    "task": "#E69F00",
    "action": "#0072B2",
    "result": "#009E73",
    "link": "#D55E00",
    "now": "#0072B2",
    "then": "#56B4E9",
    "why": "#E69F00",
    "bridge": "#009E73",
    "other": "#A0A0A0",
}

PART_LABELS: dict[str, str] = {
    "repeat": "Repeat",
    "situation": "Situation",
    "task": "Task",
    "action": "Action",
    "result": "Result",
    "link": "Link back",
    "now": "Now",
    "then": "Then",
    "why": "Why",
    "bridge": "Bridge",
    "other": "Other",
}

# How much of the part colour goes into a transcript highlight: light enough that dark text
# on it stays readable, strong enough that the hue is recognisable.
TINT_STRENGTH = 0.35


def parts_for_kind(kind: str) -> tuple[str, ...]:
    """The parts coached for an answer kind, in speaking order, plus the catch-all."""
    return (*(BACKGROUND_PARTS if kind == "background" else STORY_PARTS), "other")


def part_color(part: str) -> QColor:
    """The full-strength colour of a part (unknown parts look like `other`)."""
    return QColor(PART_COLORS.get(part, PART_COLORS["other"]))


def part_label(part: str) -> str:
    """The name shown to the user for a part."""
    return PART_LABELS.get(part, part.capitalize())


def part_tint(part: str) -> QColor:
    """A pale version of the part colour for text backgrounds."""
    base = part_color(part)
    mix = TINT_STRENGTH
    return QColor(
        round(255 * (1 - mix) + base.red() * mix),
        round(255 * (1 - mix) + base.green() * mix),
        round(255 * (1 - mix) + base.blue() * mix),
    )


def readable_text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on the background (relative luminance)."""
    red, green, blue = background.redF(), background.greenF(), background.blueF()
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return QColor("#111111") if luminance > 0.45 else QColor("#FFFFFF")
