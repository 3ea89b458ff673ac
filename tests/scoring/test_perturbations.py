"""Changing one thing in an answer changes exactly the feedback that should change."""

from __future__ import annotations

import re

from question_bank.model import Question
from scoring import Transcript, analyze

QUESTION = Question(id="custom", text="Tell me about a time you improved a process.",
                    kind="story")
SITUATION = [
    "Two years ago I was a data analyst at a small online bookshop.",
    "Our weekly sales report took the whole team a long time to build by hand.",
]
TASK = ["My goal was to get the report out every Monday without anyone copying spreadsheets."]
ACTION = [
    "I mapped every step of the old process with the people who did it.",
    "Then I wrote a SQL pipeline that pulled the orders straight from the database.",
    "I chose a scheduled query over a new BI tool because it cost nothing and we knew SQL.",
    "I also added checks that compared the totals with the finance ledger.",
]
RESULT = [
    "As a result the report now takes 15 minutes instead of two days.",
    "The team saved about 30 hours a month, and errors dropped from 6 per quarter to zero.",
]


def run(*parts: list[str]):
    return analyze(Transcript.from_text(" ".join(s for p in parts for s in p)), QUESTION)


def tip_keys(analysis) -> set[str]:
    return {t["key"] for t in analysis.to_dict()["tip_details"]}


def test_the_full_answer_has_every_core_part():
    a = run(SITUATION, TASK, ACTION, RESULT)
    assert not {"situation", "task", "action", "result"} & set(a.missing_parts)


def test_dropping_the_result_makes_it_missing():
    assert "result" not in run(SITUATION, TASK, ACTION, RESULT).missing_parts
    a = run(SITUATION, TASK, ACTION)
    assert "result" in a.missing_parts
    assert "result" in tip_keys(a)


def test_turning_actions_from_i_into_we_raises_the_i_we_tip():
    assert "i_vs_we" not in tip_keys(run(SITUATION, TASK, ACTION, RESULT))
    we_action = [re.sub(r"\bI\b", "we", s) for s in ACTION]
    a = run(SITUATION, TASK, we_action, RESULT)
    assert "i_vs_we" in tip_keys(a)
    check = next(c for c in a.to_dict()["checks"] if c["check"] == "i_vs_we")
    assert check["evidence"], "the tip points at the 'we' sentences"


def test_removing_the_figures_empties_quantified():
    assert run(SITUATION, TASK, ACTION, RESULT).content.quantified
    vague = [
        "As a result the report now takes much less time.",
        "The team saved a lot of time, and errors dropped to almost none.",
    ]
    a = run(SITUATION, TASK, ACTION, vague)
    assert a.content.quantified == ()
    assert "quantified_result" in tip_keys(a)
    assert a.follow_up.startswith("How did you measure")
