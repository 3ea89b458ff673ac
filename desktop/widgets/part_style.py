"""Colours and names of answer parts, shared by the transcript, the timeline and the legend.

The palette is Okabe–Ito, chosen because its hues stay distinct for the common forms of
colour blindness; every coloured thing also carries its part's name, so colour is never
the only cue.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from scoring.analysis import BACKGROUND_PARTS, STORY_PARTS
from scoring.reports import PART_COLORS, PART_LABELS, TINT_STRENGTH
from scoring.reports import part_tint as tint_hex

__all__ = ["BACKGROUND_PARTS", "PART_COLORS", "PART_LABELS", "STORY_PARTS", "TINT_STRENGTH",
           "part_color", "part_label", "part_tint", "parts_for_kind", "readable_text_on"]


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
    """A pale version of the part colour for text backgrounds (as the reports tint it)."""
    return QColor(tint_hex(part))


def readable_text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on the background (relative luminance)."""
    red, green, blue = background.redF(), background.greenF(), background.blueF()
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return QColor("#111111") if luminance > 0.45 else QColor("#FFFFFF")
