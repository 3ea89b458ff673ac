"""The labeled corpus the accuracy benchmark reads: every file well formed and consistent."""

import tomllib
from pathlib import Path

from scoring.analysis import BACKGROUND_PARTS, OTHER, STORY_PARTS

CORPUS = Path(__file__).parent / "corpus"
ALLOWED = {"story": {*STORY_PARTS, OTHER}, "background": {*BACKGROUND_PARTS, OTHER}}
# Flaw tags that say a part is absent, and the part they name.
ABSENT_TAGS = {"no_task": "task", "no_result": "result", "no_why": "why", "no_bridge": "bridge",
               "no_then": "then"}


def _answers() -> list[dict]:
    found = []
    for path in sorted(CORPUS.glob("*.toml")):
        with path.open("rb") as f:
            found += tomllib.load(f)["answer"]
    return found


def test_every_answer_is_labelled_with_the_parts_of_its_kind_and_a_fixed_split():
    answers = _answers()
    assert len(answers) >= 80
    assert len({a["id"] for a in answers}) == len(answers)
    for a in answers:
        assert a["split"] in ("tune", "test"), a["id"]
        labels = {part for part, _ in a["sentences"]}
        assert labels <= ALLOWED[a["kind"]], a["id"]
        assert all(text.strip() for _, text in a["sentences"]), a["id"]


def test_tags_for_an_absent_part_agree_with_the_labels():
    for a in _answers():
        labels = {part for part, _ in a["sentences"]}
        for tag, part in ABSENT_TAGS.items():
            if tag in a.get("flaws", []):
                assert part not in labels, (a["id"], tag)


def test_both_splits_hold_stories_and_background_answers():
    kinds = {(a["split"], a["kind"]) for a in _answers()}
    assert kinds == {("tune", "story"), ("tune", "background"), ("test", "story"),
                     ("test", "background")}
