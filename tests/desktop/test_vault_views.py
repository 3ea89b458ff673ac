"""The vault screen, the values grid and the story widgets, in a real Qt window offscreen."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from desktop.views.values_grid import ValuesGrid
from desktop.views.vault_view import VaultView
from desktop.widgets.story_suggestions import StorySuggestions, StoryTold
from question_bank import load_bank
from scoring.stories import Story, detect_story
from tests.scoring.story_fixtures import CHURN, CHURN_ANSWER, MIGRATION, PRICING, VAULT

BANK = load_bank()
DOORDASH = BANK.company("doordash")


class MemoryRepository:
    """The StoryRepository protocol on a dict, as the SQLite store will do it on a table."""

    def __init__(self, stories: tuple[Story, ...] = ()) -> None:
        self.stories = {s.id: s for s in stories}
        self.next_id = max(self.stories, default=0) + 1

    def list_stories(self) -> list[Story]:
        return sorted(self.stories.values(), key=lambda s: s.title.casefold())

    def save_story(self, story: Story) -> Story:
        if story.id is None:
            story = replace(story, id=self.next_id)
            self.next_id += 1
        self.stories[story.id] = story
        return story

    def delete_story(self, story_id: int) -> None:
        del self.stories[story_id]


def _check(box, text: str) -> None:
    item = next(box.item(i) for i in range(box.count()) if box.item(i).text() == text)
    item.setCheckState(Qt.CheckState.Checked)


def _type_story(qtbot, view: VaultView, title: str, action: str, value: str) -> None:
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.editor.title, title)
    view.editor.notes["action"].setPlainText(action)
    _check(view.editor.value_list, value)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)


def _setup(qtbot, answers=()):
    repo = MemoryRepository()
    asked: list[str] = []
    replies = list(answers)

    def ask(_parent, _title, text):
        asked.append(text)
        return replies.pop(0)

    opened: list = []
    grid = ValuesGrid(open_story=lambda sid: opened.append(("open", sid)),
                      new_story=lambda value: opened.append(("new", value)))
    view = VaultView(repo, ask=ask,
                     on_changed=lambda: grid.set_data(DOORDASH, repo.list_stories()))
    view.set_company(DOORDASH)
    grid.set_data(DOORDASH, repo.list_stories())
    qtbot.addWidget(view)
    qtbot.addWidget(grid)
    return repo, view, grid, opened, asked


def test_two_stories_made_in_the_editor_turn_a_value_red_amber_green(qtbot):
    repo, view, grid, opened, _ = _setup(qtbot)
    leaders = "We are leaders"
    assert grid.status_of(leaders).property("status") == "red"
    assert "No story" in grid.status_of(leaders).text()
    _type_story(qtbot, view, "Fee experiment", "I took ownership of the rollout.", leaders)
    assert grid.status_of(leaders).property("status") == "amber"
    assert "One story" in grid.status_of(leaders).text()
    _type_story(qtbot, view, "Churn rollback", "I rolled the model back.", leaders)
    assert grid.status_of(leaders).property("status") == "green"
    assert [s.title for s in repo.list_stories()] == ["Churn rollback", "Fee experiment"]
    assert view.story_list.count() == 2
    assert grid.status_of("We are one team").property("status") == "red"
    story_cells = grid.buttons(leaders)
    assert [b.text() for b in story_cells] == ["Churn rollback", "Fee experiment", "+ New story"]
    story_cells[0].click()
    story_cells[2].click()
    churn_id = next(s.id for s in repo.list_stories() if s.title == "Churn rollback")
    assert opened == [("open", churn_id), ("new", leaders)]


def test_grid_callbacks_drive_the_vault_open_and_pre_tagged_new(qtbot):
    repo, view, _, _, _ = _setup(qtbot)
    for story in VAULT:
        repo.save_story(story)
    view.refresh()
    view.open_story(MIGRATION.id)
    assert view.editor.title.text() == MIGRATION.title
    assert view.editor.story() == MIGRATION
    view.new_story(values=("We are makers",))
    assert view.editor.story().values == ("We are makers",)
    assert view.editor.story().id is None


def test_delete_asks_first_and_keeps_the_story_on_no(qtbot):
    repo, view, _, _, asked = _setup(qtbot, answers=[False, True])
    for story in (CHURN, PRICING):
        repo.save_story(story)
    view.open_story(PRICING.id)
    assert not view.delete_selected()
    assert PRICING.id in repo.stories and "Dynamic delivery fee experiment" in asked[0]
    assert view.delete_selected()
    assert list(repo.stories) == [CHURN.id]
    assert view.story_list.count() == 1


def test_edits_are_kept_when_moving_to_another_story(qtbot):
    repo, view, _, _, _ = _setup(qtbot)
    for story in (CHURN, PRICING):
        repo.save_story(story)
    view.refresh(select=CHURN.id)
    view.editor.notes["result"].setPlainText("Churn down 4%.")
    view.story_list.setCurrentRow(1)  # Dynamic delivery fee experiment
    assert repo.stories[CHURN.id].result == "Churn down 4%."
    assert view.editor.title.text() == PRICING.title


def test_suggest_values_ticks_what_the_notes_show(qtbot):
    _, view, _, _, _ = _setup(qtbot)
    view.editor.load(replace(PRICING, values=()))
    assert view.editor.story().values == ()
    found = view.editor.suggest()
    assert found == ["We are leaders"]  # "I took ownership"; building a model is everyday
    assert view.editor.story().values == ("We are leaders",)
    assert "Suggested from your action and result notes" in view.editor.values_caption.text()


def test_values_of_another_company_survive_switching_company(qtbot):
    _, view, _, _, _ = _setup(qtbot)
    view.editor.load(PRICING)
    view.set_company(BANK.company("amazon"))
    assert set(PRICING.values) <= set(view.editor.story().values)


def test_suggestions_rank_the_failure_story_first_for_a_failure_question(qtbot):
    opened: list[int] = []
    panel = StorySuggestions(open_story=opened.append)
    qtbot.addWidget(panel)
    panel.set_question(BANK.question("failure-learned"), VAULT)
    assert panel.titles()[0] == CHURN.title
    first = panel.list.item(0)
    assert "Failure story for a failure question" in first.text()
    panel.set_question(BANK.question("conflict-with-peer"), VAULT)
    assert panel.titles()[0] == MIGRATION.title
    panel.list.itemActivated.emit(panel.list.item(0))
    assert opened == [MIGRATION.id]
    panel.set_question(BANK.question("conflict-with-peer"), ())
    assert not panel.empty.isHidden() and panel.list.isHidden()
    background = next(q for q in BANK.questions if q.kind == "background")
    panel.set_question(background, VAULT)
    assert panel.titles() == [] and "Now \u2192 Then" in panel.empty.text()


def test_story_told_shows_the_detected_story_and_takes_a_correction(qtbot):
    corrections: list = []
    told = StoryTold(corrected=corrections.append)
    qtbot.addWidget(told)
    told.set_match(detect_story(CHURN_ANSWER, VAULT), VAULT)
    assert CHURN.title in told.label.text()
    qtbot.mouseClick(told.change, Qt.MouseButton.LeftButton)
    assert not told.choice.isHidden()
    told.choice.activated.emit(told.choice.findData(PRICING.id))
    assert corrections == [PRICING.id]
    assert PRICING.title in told.label.text() and told.choice.isHidden()
    told.choose(None)
    assert corrections[-1] is None and "none of your vault stories" in told.label.text()


def test_an_empty_form_is_not_saved_and_the_vault_exports_to_markdown(qtbot):
    repo, view, _, _, _ = _setup(qtbot)
    view.new_story()
    assert view.save() is None
    assert repo.stories == {} and "Nothing to save yet" in view.status.text()
    _type_story(qtbot, view, "Fee experiment", "I took ownership of the rollout.",
                "We are leaders")
    text = view.markdown()
    assert "## Fee experiment" in text
    assert "**Action.** I took ownership of the rollout." in text
    assert "Values: We are leaders" in text


def test_keyboard_shortcuts_make_save_and_delete_stories(qtbot):
    repo = MemoryRepository()
    view = VaultView(repo, ask=lambda *_: True)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.windowHandle().requestActivate()  # shortcuts act only in the active window
    qtbot.waitUntil(view.isActiveWindow)
    view.editor.title.setFocus()
    qtbot.keyClick(view.editor.title, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.editor.title, "Pager rotation")
    qtbot.keyClick(view.editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [s.title for s in repo.list_stories()] == ["Pager rotation"]
    view.story_list.setFocus()
    qtbot.keyClick(view.story_list, Qt.Key.Key_Delete)
    assert repo.stories == {}
