"""Light and dark palettes that follow the system, on the Fusion style.

`theme.STYLE` is written for the light look, with fixed colours. Rather than a second style
sheet to keep in step with it, the dark one is derived (`style_sheet("dark")`): each light
colour is swapped for its dark counterpart, with separate tables for text colours and for
backgrounds and borders, so white text on the red record button stays white while white
panels turn dark. A colour added to `theme.STYLE` later and not in the tables stays as it is
(`unmapped_colours` finds such colours; a test fails on them). One rule is added for dark
only (`DARK_EXTRA`): Fusion's unchecked check boxes disappear on a dark panel.

Use: `apply_theme(app)` once at start (instead of a per-window `setStyleSheet(STYLE)`), and
`follow_system(app)` to switch when the system switches.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.widgets.theme import STYLE

LIGHT, DARK = "light", "dark"

# Text colours of the light style -> dark style (white text on coloured buttons stays).
DARK_TEXT = {
    "#22282E": "#E3E7EB", "#14191E": "#F2F4F6", "#5B6670": "#A7B1BA", "#3A434B": "#C3CAD1",
    "#6B4200": "#F3D28C", "#A0A8B0": "#6E7882",
}
# Backgrounds and borders of the light style -> dark style.
DARK_FILL = {
    "#F5F6F8": "#1D2126", "#FFFFFF": "#262B31", "#DDE1E6": "#3A4149", "#C5CCD3": "#4E5760",
    "#EEF1F4": "#323941", "#F8F9FA": "#2A2F35", "#D6E6F5": "#2E4A66", "#EEF4FA": "#22313F",
    "#FFF4E0": "#3B3020", "#F0D9A8": "#6B5530", "#EBEDF0": "#181B1F", "#C0392B": "#C0392B",
    "#E8B4AE": "#6E3A35",
}
# Fusion outlines an unchecked box in the window colour made darker, which vanishes on a dark
# panel; the box gets a visible border (a checked box keeps Fusion's own tick).
DARK_EXTRA = """
QCheckBox::indicator:unchecked, QAbstractItemView::indicator:unchecked {
    border: 1px solid #A7B1BA; border-radius: 2px; background: #262B31;
    width: 13px; height: 13px; }
"""
_DECLARATION = re.compile(r"([\w-]+)(\s*:\s*)([^;{}]+)")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")

# Palette colours per role: (light, dark). Matches the style sheet so that widgets it does
# not style (tables, spin boxes, dialogs' own backgrounds) look of a piece with it.
_ROLES = {
    QPalette.ColorRole.Window: ("#F5F6F8", "#1D2126"),
    QPalette.ColorRole.WindowText: ("#22282E", "#E3E7EB"),
    QPalette.ColorRole.Base: ("#FFFFFF", "#262B31"),
    QPalette.ColorRole.AlternateBase: ("#F8F9FA", "#2A2F35"),
    QPalette.ColorRole.Text: ("#22282E", "#E3E7EB"),
    QPalette.ColorRole.Button: ("#FFFFFF", "#2C3238"),
    QPalette.ColorRole.ButtonText: ("#22282E", "#E3E7EB"),
    QPalette.ColorRole.BrightText: ("#C0392B", "#FF8A7A"),
    QPalette.ColorRole.Highlight: ("#2F6FB0", "#2D66A3"),
    QPalette.ColorRole.HighlightedText: ("#FFFFFF", "#FFFFFF"),
    QPalette.ColorRole.ToolTipBase: ("#FFFFFF", "#2C3238"),
    QPalette.ColorRole.ToolTipText: ("#22282E", "#E3E7EB"),
    QPalette.ColorRole.PlaceholderText: ("#6E7882", "#8A949E"),
    QPalette.ColorRole.Link: ("#1F5F9E", "#7FB2E8"),
    QPalette.ColorRole.Mid: ("#C5CCD3", "#4E5760"),
    QPalette.ColorRole.Dark: ("#A0A8B0", "#15181B"),
    QPalette.ColorRole.Light: ("#FFFFFF", "#3A4149"),
}
_DISABLED = {QPalette.ColorRole.Text: ("#A0A8B0", "#6E7882"),
             QPalette.ColorRole.ButtonText: ("#A0A8B0", "#6E7882"),
             QPalette.ColorRole.WindowText: ("#A0A8B0", "#6E7882")}


def palette(scheme: str) -> QPalette:
    """The Fusion palette for `scheme` ("light" or "dark")."""
    column = 1 if scheme == DARK else 0
    result = QPalette()
    for role, colours in _ROLES.items():
        result.setColor(role, QColor(colours[column]))
    for role, colours in _DISABLED.items():
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours[column]))
    return result


def style_sheet(scheme: str, style: str = STYLE) -> str:
    """The window's style sheet for `scheme`: `style` itself for light, else derived."""
    if scheme != DARK:
        return style

    def swap(match: re.Match[str]) -> str:
        prop, colon, value = match.groups()
        table = DARK_TEXT if prop == "color" else DARK_FILL
        return prop + colon + _HEX.sub(lambda h: table.get(h.group().upper(), h.group()), value)

    return _DECLARATION.sub(swap, style) + DARK_EXTRA


def unmapped_colours(style: str = STYLE) -> set[str]:
    """Colours in `style` that the dark tables do not cover (they would stay light)."""
    missing = set()
    for prop, _colon, value in _DECLARATION.findall(style):
        table = DARK_TEXT if prop == "color" else DARK_FILL
        missing |= {h.upper() for h in _HEX.findall(value) if h.upper() not in table
                    and not (prop == "color" and h.upper() == "#FFFFFF")}
    return missing


def system_scheme() -> str:
    """"dark" if the system asks for dark (Qt 6.5+ reads it from the platform), else light;
    an unknown scheme (older systems, offscreen) is light, the style's native look."""
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def apply_theme(app: QApplication, scheme: str | None = None) -> str:
    """Fusion, the palette and the style sheet of `scheme` (the system's by default) on the
    whole application, dialogs included; returns the scheme applied."""
    scheme = scheme or system_scheme()
    app.setStyle("Fusion")
    app.setPalette(palette(scheme))
    app.setStyleSheet(style_sheet(scheme))
    return scheme


def follow_system(app: QApplication, on_change: Callable[[str], None] | None = None
                  ) -> Callable[[Qt.ColorScheme], None]:
    """Re-apply the theme whenever the system switches between light and dark; returns the
    connected slot, so a caller can disconnect it."""
    def changed(_scheme: Qt.ColorScheme) -> None:
        applied = apply_theme(app)
        if on_change is not None:
            on_change(applied)

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)
    return changed
