"""The end-of-interview summary, from real analyses of typed answers."""

from __future__ import annotations

import scoring
from question_bank.model import Company, Question, Value
from scoring.interview_summary import Answer, summarize_interview
from scoring.transcript import Transcript

STORY = Question("fail", "Tell me about a time you failed.", "story", ("failure",))
TEAM = Question("team", "Tell me about a conflict in your team.", "story", ("conflict",))
ACME = Company("acme", "Acme", "test", values=(
    Value("Own It", "Act like an owner.", ("owner", "ownership")),
    Value("Grit", "Keep going after a setback.", ("setback",)),))
VAGUE = ("We had a project that went badly. I worked on the model and things were late. "
         "In the end it was fine and the team moved on.")
OWNED = ("Just to be clear, you are asking about a failure. In 2022 I led the churn model. "
         "I rebuilt the features and ran an A/B test. Churn fell by 4% and we saved 2 million "
         "dollars. That is what being an owner means to me, and it shows ownership.")


def analysed(text: str, question: Question):
    return scoring.analyze(Transcript.from_text(text), question, ACME)


def test_recurring_issues_count_first_answers_only_and_values_are_reported():
    answers = [Answer(STORY.text, False, analysed(VAGUE, STORY)),
               Answer("What did you learn?", True, analysed("Not much.", STORY)),
               Answer(TEAM.text, False, analysed(VAGUE, TEAM)),
               Answer("What would you change?", True, None)]
    summary = summarize_interview(answers, probed=("Grit", "Own It"))
    assert "No figures in 2 of 2 story results" in summary.recurring
    assert all("of 2" in issue for issue in summary.recurring)  # follow-ups not counted
    assert summary.mean_score == round((answers[0].analysis.score
                                        + answers[2].analysis.score) / 2, 1)
    assert [line.score is None for line in summary.lines] == [False, False, False, True]
    assert summary.lines[3].timing == "no speech heard"
    assert summary.lines[1].missing == () and "aim" not in summary.lines[1].timing
    assert "aim 1:30–2:00" in summary.lines[0].timing and summary.lines[0].missing
    assert summary.values_not_linked == ("Grit", "Own It")


def test_a_value_linked_back_is_not_listed_as_missed():
    answer = Answer(STORY.text, False, analysed(OWNED, STORY))
    assert "Own It" in answer.analysis.content.values_linked
    summary = summarize_interview([answer], probed=("Own It", "Grit"))
    assert summary.values_linked == ("Own It",)
    assert summary.values_not_linked == ("Grit",)
    assert summary.recurring == ()
