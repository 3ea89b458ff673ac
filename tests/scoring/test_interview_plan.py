"""The mock interview's sequence builder, on the bundled bank and on small made-up banks."""

from __future__ import annotations

import pytest

from question_bank import load_bank
from question_bank.model import Bank, Company, Question, Value
from scoring.interview_plan import InterviewPlan, build_plan, value_competencies
from scoring.stories import Story

BG = Question("bg", "Walk me through your background.", "background",
              ("background", "motivation"))
WHY = Question("why", "Why us?", "background", ("motivation",))
FAIL = Question("fail", "Tell me about a failure.", "story", ("failure", "learning"))
FAIL2 = Question("fail2", "Another failure?", "story", ("failure",))
TEAM = Question("team", "A conflict in your team?", "story", ("teamwork", "conflict"))
CUSTOMER = Question("cust", "A customer you helped?", "story", ("customer_impact",))
OWN = Question("own", "Something you owned?", "story", ("ownership",))
ACME = Company("acme", "Acme", "test", values=(
    Value("Customers First", "Start from the customer and earn their trust.",
          ("customer", "user")),
    Value("Own It", "Act like an owner; take responsibility end to end.",
          ("owner", "ownership")),
    Value("Grit", "Keep going after a setback or a mistake.", ("setback", "mistake")),
))
BANK = Bank(questions=(WHY, BG, FAIL, FAIL2, TEAM, CUSTOMER, OWN), companies=(ACME,))


def ids(plan: InterviewPlan) -> list[str]:
    return [i.question_id for i in plan.items]


def test_a_value_is_tied_to_competencies_through_its_own_words():
    names = {"customer_impact", "ownership", "failure", "teamwork", "background"}
    assert value_competencies(ACME.values[0], names) == ("customer_impact",)
    assert value_competencies(ACME.values[1], names) == ("ownership",)
    assert value_competencies(ACME.values[2], names) == ("failure",)
    assert value_competencies(Value("Frugality", "Do more with less.", ()), names) == ()


def test_background_first_then_stories_without_repeats():
    plan = build_plan(BANK, ACME, [], 3, seed=0)
    assert [i.kind for i in plan.items] == ["background", "story", "story", "story"]
    assert plan.items[0].question_id == "bg"  # the background opener, not "why us"
    assert len(set(ids(plan))) == len(ids(plan))


def test_values_without_a_story_are_probed_first():
    plan = build_plan(BANK, ACME, [], 3, seed=0)
    assert plan.values == ("Customers First", "Own It", "Grit")
    assert ids(plan)[1:] == ["cust", "own", ids(plan)[3]]
    assert ids(plan)[3] in {"fail", "fail2"}
    assert "no story in your vault yet" in plan.items[1].reason
    # With stories for the first two values, the uncovered one leads.
    stories = [Story(1, "Checkout", "success", values=("Customers First", "Own It")),
               Story(2, "Billing", "success", values=("Customers First", "Own It"))]
    covered = build_plan(BANK, ACME, stories, 1, seed=0)
    assert covered.items[1].value == "Grit"
    assert covered.items[1].question_id in {"fail", "fail2"}
    assert "Probes “Grit” (no story in your vault yet)" in covered.items[1].reason


def test_competencies_are_spread_before_any_repeats():
    plan = build_plan(BANK, None, [], 4, seed=3)
    asked = [c for i in plan.items[1:] for c in i.competencies]
    assert "failure" in asked and "teamwork" in asked and "customer_impact" in asked
    assert "fail2" not in ids(plan)  # the second failure question would repeat one


def test_the_same_seed_gives_the_same_plan_and_the_plan_survives_json():
    first = build_plan(BANK, ACME, [], 2, seed=7)
    assert build_plan(BANK, ACME, [], 2, seed=7) == first
    assert InterviewPlan.from_json(first.to_json()) == first


def test_a_small_bank_gives_a_shorter_plan():
    small = Bank(questions=(FAIL,), companies=(ACME,))
    plan = build_plan(small, ACME, [], 3)
    assert ids(plan) == ["fail"]
    assert build_plan(Bank(), ACME, [], 3).items == ()
    only_bg = build_plan(Bank(questions=(WHY,)), None, [], 2)
    assert ids(only_bg) == ["why"]


@pytest.mark.parametrize("company_id", ["amazon", "doordash", "meta"])
def test_the_bundled_bank_gives_distinct_competencies_for_every_company(company_id):
    bank = load_bank()
    company = bank.company(company_id)
    plan = build_plan(bank, company, [], 3, seed=1)
    assert len(plan.items) == 4 and plan.items[0].kind == "background"
    firsts = [set(i.competencies) for i in plan.items[1:]]
    # No two story questions test exactly the same thing, and at least two values are probed.
    assert all(a != b for n, a in enumerate(firsts) for b in firsts[n + 1:])
    assert len(plan.values) >= 2
