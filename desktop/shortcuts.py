"""Every keyboard shortcut of the window, in one table.

The window makes its QActions from this table (`make_action`) and Help → Keyboard shortcuts
lists this same table (`key_text`), so the list shown can never drift from the real keys.

How the keys were chosen
    * Rehearsing is one hand on the keyboard: single letters, active when no text field has
      focus (a text field takes its own typing first). R records, S stops, Space toggles,
      Q reads the question again. Replay uses the video players' J / K / L: back 5 s,
      play/pause, forward 5 s.
    * Screens are Ctrl+1 … Ctrl+6, as views are switched in mail clients, browsers and the
      macOS Finder. None of Qt's standard keys use them on any platform. The obvious letters
      all clash with a standard: Ctrl+H is Replace on Windows and Linux (and Cmd+H hides the
      app on macOS), Ctrl+P is Print, Ctrl+G / Ctrl+Shift+G are Find next / previous, Ctrl+B
      is Bold, Ctrl+T a new tab, Ctrl+M minimises on macOS.
    * Export is Ctrl+E; edit the transcript is F2, the usual "edit this" key.
    * Settings and help use the platform's own keys (Preferences, HelpContents); where the
      platform has none (Preferences on Windows and most Linux desktops), Ctrl+, and F1.
`Ctrl` is Cmd on macOS, as Qt maps it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class Shortcut:
    """One action: its stable name (what the window looks up), the menu text, the key as
    portable text, what it does, and the platform standard key that takes precedence."""

    action: str
    label: str
    keys: str
    description: str
    group: str
    standard: StandardKey | None = None


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("record", "Record", "R", "Start recording your answer", "Rehearse"),
    Shortcut("stop", "Stop", "S", "Stop recording and get feedback", "Rehearse"),
    Shortcut("toggle_recording", "Record / stop", "Space", "Start or stop recording",
             "Rehearse"),
    Shortcut("read_question", "Read the question again", "Q",
             "Hear the question read aloud again", "Rehearse"),
    Shortcut("edit_transcript", "Fix the transcript…", "F2",
             "Correct misheard words and score the answer again", "Rehearse"),
    Shortcut("replay_play_pause", "Play / pause replay", "K",
             "Play or pause the recording of the last take", "Replay"),
    Shortcut("replay_back", "Back 5 seconds", "J", "Jump back 5 seconds in the replay",
             "Replay"),
    Shortcut("replay_forward", "Forward 5 seconds", "L",
             "Jump forward 5 seconds in the replay", "Replay"),
    Shortcut("show_rehearse", "Rehearse", "Ctrl+1", "Show the rehearsal screen", "Screens"),
    Shortcut("show_vault", "Story vault", "Ctrl+2", "Show your stories", "Screens"),
    Shortcut("show_values_grid", "Values grid", "Ctrl+3",
             "Show the company's values against your stories", "Screens"),
    Shortcut("show_mock_interview", "Mock interview", "Ctrl+4",
             "Start or resume a mock interview", "Screens"),
    Shortcut("show_history", "History", "Ctrl+5", "Show your past attempts", "Screens"),
    Shortcut("show_progress", "Progress", "Ctrl+6", "Show your scores over time", "Screens"),
    Shortcut("export", "Export…", "Ctrl+E", "Export the feedback as a report", "Files"),
    Shortcut("settings", "Settings…", "Ctrl+,", "Voice, microphone and speech model", "App",
             StandardKey.Preferences),
    Shortcut("shortcuts", "Keyboard shortcuts", "F1", "This list of keyboard shortcuts", "App",
             StandardKey.HelpContents),
)
_BY_ACTION = {s.action: s for s in SHORTCUTS}


def shortcut(action: str) -> Shortcut:
    """The table's entry for `action`; a KeyError names an action the table lacks."""
    return _BY_ACTION[action]


def sequences(entry: Shortcut) -> list[QKeySequence]:
    """The keys that trigger `entry` here: the platform's standard binding if it has one,
    else the table's own key."""
    if entry.standard is not None:
        bindings = [k for k in QKeySequence.keyBindings(entry.standard) if not k.isEmpty()]
        if bindings:
            return bindings[:1]  # the first is the platform's main key; extras are media keys
    return [QKeySequence(entry.keys)]


def key_text(entry: Shortcut) -> str:
    """The keys as this platform writes them (⌘, on macOS, Ctrl+, elsewhere)."""
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                     for k in sequences(entry))


def make_action(parent: QObject, action: str, slot: Callable[[], object]) -> QAction:
    """A QAction for `action`, with its menu text, keys and description from the table;
    add it to a menu or to the window (`addAction`) so its keys work."""
    entry = shortcut(action)
    made = QAction(entry.label, parent)
    made.setObjectName(f"action_{entry.action}")
    made.setShortcuts(sequences(entry))
    made.setStatusTip(entry.description)
    made.setToolTip(f"{entry.description} ({key_text(entry)})")
    made.triggered.connect(slot)
    return made
