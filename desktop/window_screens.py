"""The window's screens around the rehearsal: History, Progress, the story vault and the
values grid as tabs, replay of the attempt on screen, and the menus that reach them.

`Screens` is built by the main window once its rehearsal screen exists; the window calls
it at three moments (a question is shown, a take starts, a take's feedback arrives) and
it does the rest, so the window stays a thin orchestrator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QLabel, QTabWidget

from desktop import paths
from desktop.attempt_actions import AttemptActions, Shown
from desktop.attempts import AttemptOutcome
from desktop.backup_dialogs import backup_to_file, restore_from_file
from desktop.paths import write_private_text
from desktop.replay import STEP_S, Replay
from desktop.shortcuts import make_action
from desktop.story_store import StoryStore
from desktop.views.history_view import HistoryActions, HistoryView
from desktop.views.mock_view import MockInterviewView
from desktop.views.progress_view import ProgressView
from desktop.views.values_grid import ValuesGrid
from desktop.views.vault_view import VaultView
from desktop.widgets.company_editor import CompanyEditor
from desktop.widgets.question_editor import QuestionEditor
from desktop.widgets.replay_bar import ReplayBar
from desktop.widgets.shortcuts_dialog import ShortcutsDialog
from desktop.widgets.story_suggestions import StorySuggestions, StoryTold
from desktop.widgets.theme import ScrollingColumn
from desktop.widgets.transcript_editor import TranscriptEditor
from question_bank import load_bank
from question_bank.model import Question
from scoring.stories import detect_story

NO_STORE = ("No history this session: the attempts database could not be opened (the "
            "notice on the Rehearse screen says why).")


class Screens(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.shown: Shown | None = None
        self._by_question: dict[str, Shown] = {}
        self.stories = StoryStore(window.store) if window.store else None
        self.actions = AttemptActions(window, self.show_attempt, self.refresh)
        self._build_rehearse_parts()
        self._build_tabs()
        self._build_menus()
        self.refresh()

    # --- construction -------------------------------------------------------------------

    def _build_rehearse_parts(self) -> None:
        w = self.w
        self.replay_bar = ReplayBar()
        self.replay = Replay(self.replay_bar, w.feedback.transcript, w.feedback.timeline,
                             lambda: w.devices.player(w.settings), w.say, self)
        self.story_told = StoryTold(self._story_corrected)
        self.story_told.hide()
        column = w.controls.parentWidget().layout()
        at = column.indexOf(w.controls) + 1
        column.insertWidget(at, self.replay_bar)
        column.insertWidget(at + 1, self.story_told)
        self.suggestions = StorySuggestions(self._open_story)
        w.picker.layout().addWidget(self.suggestions)

    def _build_tabs(self) -> None:
        w, store = self.w, self.w.store
        self.tabs = QTabWidget()
        self._inner: dict[object, object] = {}
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(w.centralWidget(), "Rehearse")
        if self.stories is not None:
            self.vault = VaultView(self.stories, w._ask, on_changed=self._stories_changed)
            self.grid = ValuesGrid(self._open_story, self._new_story_for)
            self.history = HistoryView(store.history, store.history_count, HistoryActions(
                open=self.actions.open, compare=self.actions.compare,
                export=self.actions.export, delete=self.actions.delete))
            self.progress = ProgressView(store.history)
            self.mock = MockInterviewView(
                w.devices, lambda: w.settings, lambda: w.transcriber, w.bank, store,
                w.workers, w.say, company=w.picker.current_company)
            screens = ((self.vault, "Story vault"), (self.grid, "Values"),
                       (self.mock, "Mock interview"), (self.history, "History"),
                       (self.progress, "Progress"))
        else:
            self.vault = self.grid = self.history = self.progress = self.mock = None
            screens = ((_notice(NO_STORE), "History"),)
        tall = (self.vault, self.grid, self.mock)  # they scroll rather than size the window
        for widget, title in screens:
            page = ScrollingColumn(widget) if widget in tall else widget
            self._inner[page] = widget
            self.tabs.addTab(page, title)
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        w.setCentralWidget(self.tabs)

    def _build_menus(self) -> None:
        w = self.w
        bar = w.menuBar()
        files = bar.addMenu("&File")
        files.addAction(make_action(w, "export", self.export_shown))
        files.addAction("Export the story vault (Markdown)…", self.export_vault)
        files.addSeparator()
        for label, slot in (("Back up everything…", lambda: backup_to_file(w)),
                            ("Restore from a backup…", lambda: restore_from_file(w,
                                                                                 self.refresh))):
            files.addAction(label, slot)
        edit = bar.addMenu("&Edit")
        edit.addAction(make_action(w, "edit_transcript", self.fix_transcript))
        edit.addSeparator()
        edit.addAction("Add a company…", lambda: self._edit_company(None))
        edit.addAction("Edit this company…", lambda: self._edit_company(
            w.picker.current_company()))
        edit.addAction("Add a question…", lambda: self._edit_question(None))
        view = bar.addMenu("&View")
        for name, title in (("show_rehearse", "Rehearse"), ("show_vault", "Story vault"),
                            ("show_values_grid", "Values"),
                            ("show_mock_interview", "Mock interview"),
                            ("show_history", "History"),
                            ("show_progress", "Progress")):
            view.addAction(make_action(w, name, lambda t=title: self.show_tab(t)))
        for name, slot in (("replay_play_pause", self.replay.toggle),
                           ("replay_back", lambda: self.replay.step(-STEP_S)),
                           ("replay_forward", lambda: self.replay.step(STEP_S))):
            w.addAction(make_action(w, name, slot))
        bar.addMenu("&Help").addAction(make_action(w, "shortcuts",
                                                   lambda: ShortcutsDialog(w).exec()))

    # --- the window's moments -----------------------------------------------------------

    def question_shown(self, question: Question, analysis: Any) -> None:
        """The picker moved: replay what is shown for this question, suggest stories."""
        known = self._by_question.get(question.text)
        shown = known if known is not None and known.analysis is analysis else None
        self._set_shown(shown)
        if self.stories is not None:
            self.suggestions.set_question(question, self.stories.list_stories())

    def take_started(self) -> None:
        self.replay.stop()
        self.story_told.hide()

    def take_done(self, outcome: AttemptOutcome, question: Question) -> None:
        if outcome.analysis is None:
            return
        shown = Shown(outcome.analysis, outcome.wav, outcome.attempt_id, question)
        self._by_question[question.text] = shown
        if self.w.feedback.analysis is outcome.analysis:  # not if another question is shown
            self._set_shown(shown)
        self._detect_story(shown)
        self.refresh()

    def mock_showing(self) -> bool:
        """The mock interview screen is in front: Stop keys end its answer, not a take."""
        return self.mock is not None and self.current() is self.mock

    def close(self) -> None:
        """The window closes: playback stops, a running interview is paused to resume."""
        self.replay.stop()
        if self.mock is not None:
            self.mock.stop_interview()

    # --- showing an attempt --------------------------------------------------------------

    def show_attempt(self, shown: Shown) -> None:
        """Put a stored attempt on the Rehearse screen: its feedback and its replay."""
        w = self.w
        if shown.analysis.company:
            w.picker.select_company(shown.analysis.company)
        if not w.picker.select_question(shown.question.id):
            w.card.show_question(shown.question)
        w.feedback.show_question(shown.question)
        w.feedback.set_analysis(shown.analysis)
        w.controls.set_elapsed(shown.analysis.answer_seconds)
        self._by_question[shown.question.text] = shown
        self._set_shown(shown)
        self.show_tab("Rehearse")
        if shown.attempt_id is not None:
            w.say(f"Showing attempt #{shown.attempt_id}.", 8000)

    def _set_shown(self, shown: Shown | None) -> None:
        self.shown = shown
        self.replay.load(shown.analysis if shown else None, shown.wav if shown else None)

    def export_shown(self) -> None:
        """File → Export: the selection on History, else the attempt on screen."""
        if self.current() is self.history and self.history.selected_ids():
            self.actions.export(self.history.selected_ids())
        elif self.shown is not None:
            ids = [self.shown.attempt_id] if self.shown.attempt_id is not None else []
            self.actions.export(ids, self.shown)
        else:
            self.w.say("Nothing to export yet: answer a question or open an attempt.")

    def export_vault(self, path: Path | None = None) -> None:
        if self.vault is None:
            self.w.say("No story vault this session: the database could not be opened.")
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self.w, "Export the story vault",
                                                    str(Path.home() / "story-vault.md"),
                                                    "Markdown (*.md)")
            if not chosen:
                return
            path = Path(chosen)
        try:
            write_private_text(path, self.vault.markdown())
        except OSError as error:
            self.w.say(f"The vault was not exported: {error.strerror or error}.")
            return
        self.w.say(f"Exported the story vault to {path}.", 10000)

    def fix_transcript(self) -> None:
        shown = self.shown
        if shown is None:
            self.w.say("There is no transcript to fix yet: answer a question first.")
            return
        TranscriptEditor(shown.analysis, lambda text: self.actions.fix_transcript(shown, text),
                         self.w).exec()

    # --- stories -------------------------------------------------------------------------

    def _detect_story(self, shown: Shown) -> None:
        if self.stories is None or shown.question.kind != "story":
            return
        stories = self.stories.list_stories()
        if not stories:
            return
        match = detect_story(shown.analysis.transcript, stories)
        self.story_told.set_match(match, stories)
        self.story_told.show()
        if match is not None and shown.attempt_id is not None:
            self.w.store.link_story(shown.attempt_id, match.story.id)

    def _story_corrected(self, story_id: int | None) -> None:
        if self.shown is not None and self.shown.attempt_id is not None:
            self.w.store.link_story(self.shown.attempt_id, story_id)
            self.w.say("Noted which story this answer told.", 5000)

    def _open_story(self, story_id: int) -> None:
        if self.vault is not None:
            self.show_tab("Story vault")
            self.vault.open_story(story_id)

    def _new_story_for(self, value: str) -> None:
        if self.vault is not None:
            self.show_tab("Story vault")
            self.vault.new_story(values=(value,))

    def _stories_changed(self) -> None:
        self._tab_shown()

    # --- bank editors --------------------------------------------------------------------

    def _edit_company(self, company: Any) -> None:
        editor = CompanyEditor(paths.data_dir(), company, self.w)
        editor.saved.connect(lambda _c: self._reload_bank())
        editor.exec()

    def _edit_question(self, question: Question | None) -> None:
        editor = QuestionEditor(paths.data_dir(), question, self.w)
        editor.saved.connect(lambda _q: self._reload_bank())
        editor.exec()

    def _reload_bank(self) -> None:
        w = self.w
        w.bank = load_bank(paths.data_dir())
        w.picker.set_bank(w.bank)
        self.refresh()
        w.say("Saved; the question list now includes it.", 8000)

    # --- refreshing ----------------------------------------------------------------------

    def current(self) -> object:
        """The screen in front (not the scroll area some screens sit in)."""
        page = self.tabs.currentWidget()
        return self._inner.get(page, page)

    def show_tab(self, title: str) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == title:
                self.tabs.setCurrentIndex(index)

    def refresh(self) -> None:
        """After a take, an edit or a delete: every screen reads the store again."""
        store = self.w.store
        if store is None:
            return
        self.w.picker.set_scores(store.scores_by_question())
        questions = [(q.id, q.text) for q in self.w.bank.questions]
        companies = [c.name for c in self.w.bank.companies]
        stories = [(st.id, st.title) for st in self.stories.list_stories()]
        self.history.set_choices(questions, companies, stories)
        self.progress.set_companies(companies)
        self._tab_shown()

    def _tab_shown(self) -> None:
        current = self.current()
        if current is None or self.stories is None:
            return
        if current is self.history:
            self.history.refresh()
        elif current is self.progress:
            self.progress.refresh()
        elif current is self.grid:
            self.grid.set_data(self.w.picker.current_company(), self.stories.list_stories())
        elif current is self.vault:
            self.vault.set_company(self.w.picker.current_company())


def _notice(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("caption")
    return label

