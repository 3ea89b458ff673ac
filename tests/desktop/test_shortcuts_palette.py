"""One shortcut table for the actions and the Help list; palettes that read in light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.shortcuts import SHORTCUTS, key_text, make_action, sequences, shortcut
from desktop.widgets import palette as pal
from desktop.widgets.shortcuts_dialog import ShortcutsDialog
from desktop.widgets.theme import STYLE

EXISTING = {"record": "R", "stop": "S", "toggle_recording": "Space"}  # the window's keys today


def test_the_help_list_shows_exactly_the_keys_the_actions_have(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = {s.action: make_action(window, s.action, lambda: None) for s in SHORTCUTS}
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    native = QKeySequence.SequenceFormat.NativeText
    assert dialog.listed() == {
        name: ", ".join(k.toString(native) for k in action.shortcuts())
        for name, action in actions.items()}
    assert all(dialog.listed().values())  # every main action has a key here


def test_the_existing_keys_are_kept_and_the_replay_keys_are_j_k_l() -> None:
    for action, keys in {**EXISTING, "replay_back": "J", "replay_play_pause": "K",
                         "replay_forward": "L", "export": "Ctrl+E"}.items():
        assert sequences(shortcut(action)) == [QKeySequence(keys)]
    assert shortcut("settings").standard == QKeySequence.StandardKey.Preferences


def test_no_two_actions_share_a_key_and_none_takes_a_platform_standard(qtbot) -> None:
    keys = [k.toString() for s in SHORTCUTS for k in sequences(s)]
    assert len(keys) == len(set(keys))
    for entry in SHORTCUTS:
        for standard in QKeySequence.StandardKey:
            if standard in (entry.standard, QKeySequence.StandardKey.UnknownKey):
                continue
            taken = {k.toString() for k in QKeySequence.keyBindings(standard)}
            assert not taken & {k.toString() for k in sequences(entry)}, (entry, standard)


def test_an_action_fires_on_its_key(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    fired = []
    window.addAction(make_action(window, "replay_play_pause", lambda: fired.append("k")))
    window.addAction(make_action(window, "show_history", lambda: fired.append("history")))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_K)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert fired == ["k", "history"]


def test_dialog_fits_a_1280x800_screen_and_names_its_controls(qtbot) -> None:
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    assert dialog.height() <= 720 and dialog.width() <= 1280
    assert dialog.table.accessibleName() and dialog.accessibleName()
    assert key_text(shortcut("shortcuts"))


def _luminance(colour: str) -> float:
    c = QColor(colour)
    channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_colour_of_the_style_has_a_dark_counterpart() -> None:
    assert pal.unmapped_colours() == set()
    dark = pal.style_sheet("dark")
    assert "#F5F6F8" not in dark and "background: #FFFFFF" not in dark
    assert "QPushButton#recordButton { background: #C0392B; color: white;" in dark
    assert pal.style_sheet("light") == STYLE


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_reads_on_its_background_in_both_schemes(scheme: str) -> None:
    """WCAG AA (4.5:1) for body text, captions and notices on the fills they sit on."""
    def text(c: str) -> str:
        return pal.DARK_TEXT.get(c, c) if scheme == "dark" else c

    def fill(c: str) -> str:
        return pal.DARK_FILL.get(c, c) if scheme == "dark" else c

    pairs = [("#22282E", "#F5F6F8"), ("#22282E", "#FFFFFF"), ("#5B6670", "#FFFFFF"),
             ("#5B6670", "#F5F6F8"), ("#14191E", "#FFFFFF"), ("#6B4200", "#FFF4E0"),
             ("#14191E", "#D6E6F5"), ("#3A434B", "#EBEDF0"), ("#22282E", "#EEF4FA")]
    for fg, bg in pairs:
        assert contrast(text(fg), fill(bg)) >= 4.5, (scheme, fg, bg)
    p = pal.palette(scheme)
    roles = QPalette.ColorRole
    for fg, bg in ((roles.Text, roles.Base), (roles.WindowText, roles.Window),
                   (roles.ButtonText, roles.Button), (roles.HighlightedText, roles.Highlight)):
        assert contrast(p.color(fg).name(), p.color(bg).name()) >= 4.5, (scheme, fg)


def test_apply_theme_sets_fusion_palette_and_style(qtbot) -> None:
    app = QApplication.instance()
    before = (app.style().name() or "fusion", app.palette(), app.styleSheet())
    try:
        assert pal.apply_theme(app, "dark") == "dark"
        assert app.palette().color(QPalette.ColorRole.Window).name().upper() == "#1D2126"
        assert "#1D2126" in app.styleSheet()
        app.setStyleSheet("")  # a style sheet wraps the style; its base is what was set
        assert app.style().name().lower() == "fusion"
        assert pal.system_scheme() in ("light", "dark")
    finally:
        app.setStyle(before[0])
        app.setPalette(before[1])
        app.setStyleSheet(before[2])


def test_every_control_of_the_new_dialogs_has_an_accessible_name(qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
    )

    from desktop.widgets.company_editor import CompanyEditor
    from desktop.widgets.question_editor import QuestionEditor
    from desktop.widgets.transcript_editor import TranscriptEditor
    from question_bank import load_bank
    from scoring import Transcript, analyze

    question = load_bank().question("proudest-achievement")
    analysis = analyze(Transcript.from_text("We shipped it. It worked."), question)
    dialogs = [ShortcutsDialog(), CompanyEditor(tmp_path), QuestionEditor(tmp_path),
               TranscriptEditor(analysis, lambda _text: None)]
    controls = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        found = [w for kind in controls for w in dialog.findChildren(kind)
                 if w.isVisibleTo(dialog) and w.parent() is not None
                 and type(w.parent()).__name__ not in ("QComboBox", "QTableCornerButton")
                 and not isinstance(w, QHeaderView)  # part of its table
                 and not w.objectName().startswith("qt_")]  # Qt's own parts
        assert found, dialog
        unnamed = [f"{type(w).__name__} {w.objectName()}" for w in found
                   if not w.accessibleName()]
        assert unnamed == [], (dialog.windowTitle(), unnamed)


def test_the_theme_follows_the_system_when_it_switches(qtbot, monkeypatch) -> None:
    from PySide6.QtGui import QGuiApplication

    app = QApplication.instance()
    before = (app.palette(), app.styleSheet())
    seen: list[str] = []
    slot = pal.follow_system(app, seen.append)
    try:
        monkeypatch.setattr(pal, "system_scheme", lambda: "dark")
        QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert seen == ["dark"]
        assert app.palette().color(QPalette.ColorRole.Base).name().upper() == "#262B31"
        monkeypatch.setattr(pal, "system_scheme", lambda: "light")
        QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert seen == ["dark", "light"] and app.styleSheet() == STYLE
    finally:
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(slot)
        app.setPalette(before[0])
        app.setStyleSheet(before[1])
