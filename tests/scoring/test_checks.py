"""Content checks, each with the sentences behind it."""

from __future__ import annotations

from question_bank.model import Question
from scoring import checks
from scoring.text import tokens


def toks(sentences: list[str]) -> list[list[str]]:
    return [tokens(s) for s in sentences]


def test_quantified_needs_a_figure_outside_the_setup():
    texts = ["We had 3 analysts.", "I automated it.", "It now takes 10 minutes."]
    found = checks.quantified(texts, ["situation", "action", "result"])
    assert found.ok and found.evidence == (2,) and "10 minutes" in found.detail
    assert not checks.quantified(texts[:2], ["situation", "action"]).ok


def test_vague_outcome_points_at_the_sentence():
    texts = ["I rebuilt the job.", "In the end it went really well."]
    found = checks.vague(texts, toks(texts), ["action", "result"])
    assert not found.ok and found.evidence == (1,)
    texts[1] = "In the end it went really well: errors fell by 40%."
    assert checks.vague(texts, toks(texts), ["action", "result"]).ok


def test_i_vs_we_in_the_action_part():
    texts = ["We were a team of five.", "We built it and we tested it.", "I wrote the docs."]
    found = checks.i_vs_we(toks(texts), ["situation", "action", "action"])
    assert not found.ok and found.evidence == (1,)
    assert found.detail == "action part: 1 I, 2 we"
    assert checks.i_vs_we(toks(texts), ["situation", "situation", "action"]).ok


def test_technical_terms_need_a_reason_nearby():
    bare = ["I trained an XGBoost model on the logs.", "We talked to finance.",
            "I served it on Kubernetes with Kafka for events."]
    found = checks.tradeoffs(toks(bare))
    assert not found.ok and found.evidence == (0, 2)
    reasoned = [bare[0], "I chose it over a neural network because it was easier to explain.",
                bare[2], "That way we reused the platform team's cluster instead of a new one."]
    assert checks.tradeoffs(toks(reasoned)).ok
    assert checks.tradeoffs(toks(bare[:1])).ok, "one passing mention is not a habit"
    assert checks.tradeoffs(toks(["I talked to the team."])) is None


def test_a_shipped_model_needs_validation_or_safeguards():
    shipped = ["We deployed the fraud model to production."]
    assert not checks.quality(toks(shipped)).ok
    assert checks.quality(toks([*shipped, "I set up monitoring for drift."])).ok
    assert checks.quality(toks(["I wrote a report."])) is None


def test_deadline_questions_want_the_deadline_and_the_criteria():
    assert checks.deadline(toks(["We had two weeks.", "Success meant zero data loss."])).ok
    found = checks.deadline(toks(["We had two weeks."]))
    assert not found.ok and "success criteria" in found.detail


def test_failure_questions_want_the_lesson():
    assert checks.lesson(toks(["What I learned is to test early."])).ok
    assert not checks.lesson(toks(["Then we shipped it."])).ok


def test_a_success_story_does_not_answer_a_failure_question():
    question = Question(id="custom", text="Tell me about a time you failed.", kind="story")
    success = ["I led the launch.", "Revenue grew 20% and everyone was proud."]
    assert not checks.answers_question(success, question).ok
    failure = ["I missed the launch date.", "It was my mistake and I learned from it."]
    assert checks.answers_question(failure, question).ok


def test_run_checks_adds_question_specific_checks():
    question = Question(id="q", text="Tell me about a tight deadline.", kind="story",
                        competencies=("deadline", "failure"))
    names = {f.name for f in checks.run_checks(["I did it."], ["action"], question)}
    assert {"deadline_criteria", "lesson", "answers_question", "quantified_result"} <= names
