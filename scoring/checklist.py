"""Turning what the analysis found into checklist items for the score and the tips.

One function per family (parts, content, timing, delivery) so each tip's wording sits next to
the measure it comes from, and every item carries the evidence its tip points at.
"""

from __future__ import annotations

from question_bank.model import Company
from scoring import figures
from scoring.checks import Finding
from scoring.delivery import DeliveryFigures
from scoring.score import Item
from scoring.timing import TimingReport

PART_TIPS = {
    "situation": "Set the scene in a sentence or two: where you were, when, what was at stake.",
    "task": "Say what your own goal was, with its constraint, deadline or success criteria.",
    "action": "Spend most of the answer on what you did: the steps, the decisions and why.",
    "result": "Finish the story with its result: what changed because of you, with a number.",
    "now": "Open with where you are now: your current role and a recent impact.",
    "then": "Add the earlier roles or education that led here (Then).",
    "why": "Say why this role motivates you (Why).",
    "bridge": "Bridge to the job: what you would contribute from day one.",
}
CHECK_TIPS = {
    "quantified_result": "Quantify the result: lift, latency, time or money saved, adoption, "
                         "error rates.",
    "vague_outcome": "Replace vague outcomes with what changed and by how much.",
    "i_vs_we": "Say what you did yourself: use \"I\" for your actions ({detail}).",
    "tradeoff": "Give the trade-off or reason behind the technical choice, not just its name.",
    "quality_ethics": "Say how you validated and safeguarded what shipped: A/B test, "
                      "monitoring, guardrails, fairness, privacy.",
    "deadline_criteria": "Make the stakes explicit: {detail}.",
    "lesson": "Say what you learned and what you would do differently next time.",
    "answers_question": "Answer the question that was asked: {detail}. Pick a story that "
                        "shows it.",
}


def part_items(order: tuple[str, ...], present: set[str]) -> list[Item]:
    """One item per required part (Repeat and Link are scored separately)."""
    return [
        Item(p, 1.0 if p in present else 0.0, "" if p in present else PART_TIPS[p])
        for p in order if p in PART_TIPS
    ]


def repeat_item(repeat: str, opening: str) -> Item:
    if repeat == "paraphrase":
        return Item("repeat", 1.0)
    if repeat == "verbatim":
        return Item("repeat", 0.5, "Rephrase the question in your own words instead of "
                    "repeating it word for word.", (opening,))
    return Item("repeat", 0.0, "Open by rephrasing the question in your own words: it shows "
                "you understood it and buys thinking time.")


def link_item(company: Company | None, linked: list[str], closes_on_work_style: bool,
              has_link: bool, close: str) -> Item:
    """Credit for tying the outcome back to the company's values, or to a way of working."""
    evidence = (close,) if close else ()
    if company is not None:
        if linked:
            return Item("link", 1.0)
        names = ", ".join(f'"{v.name}"' for v in company.values[:3])
        return Item("link", 0.5 if has_link else 0.0,
                    f"Tie the outcome back to {company.name}'s values in their own words"
                    + (f" ({names})." if names else "."), evidence)
    if has_link or closes_on_work_style:
        return Item("link", 1.0)
    return Item("link", 0.0, "Close by tying the outcome to how you work (\"that's why I "
                "always...\").", evidence)


def check_items(findings: list[Finding], texts: list[str]) -> list[Item]:
    items = []
    for f in findings:
        tip = "" if f.ok else CHECK_TIPS.get(f.name, f.detail).format(detail=f.detail)
        items.append(Item(f.name, 1.0 if f.ok else 0.0, tip, tuple(texts[i] for i in f.evidence)))
    return items


# What to add or cut when an answer misses its time band, by kind of answer.
LENGTH_ADVICE = {
    ("story", "too_short"): "add detail to what you did and its result",
    ("story", "too_long"): "trim the setup and keep one thread of action",
    ("background", "too_short"): "add a recent impact and why this role",
    ("background", "too_long"): "keep the history to the roles that matter here",
}


# A short answer's score is capped at this plus its share of the band's minimum: at a third of
# the minimum (a 30 s story) it scores at most 58, from three quarters of it on nothing is
# capped. Squared credit alone (below) cost a 32 s story only 10 of 100 points.
SHORT_CAP_BASE = 0.25


def timing_items(kind: str, report: TimingReport) -> list[Item]:
    """Length against the band (credit falls off with the distance) and the answer's shape."""
    t = report.timing
    seconds = round(report.answer_s)
    if t.verdict == "on_target":
        return [Item("length", 1.0), _shape_item(report)]
    advice = LENGTH_ADVICE[(kind, t.verdict)]
    if t.verdict == "too_short":
        # Squared, so that a little short costs little and half the band costs most of it.
        ratio = report.answer_s / t.target_min_s
        tip = f"At {seconds} s the answer is short of the {t.target_min_s}-{t.target_max_s} s " \
              f"band: {advice}."
        length = Item("length", ratio ** 2, tip, cap=min(1.0, SHORT_CAP_BASE + ratio))
    else:
        earned = 1.0 - 2 * (report.answer_s - t.target_max_s) / t.target_max_s
        tip = f"At {seconds} s the answer runs past {t.target_max_s} s: {advice}."
        length = Item("length", max(earned, 0.0), tip)
    return [length, _shape_item(report)]


def _shape_item(report: TimingReport) -> Item:
    problems = report.problems
    if not problems:
        return Item("shape", 1.0)
    words = {
        "long_setup": f"situation and task take {round(100 * report.setup_share)}% of the time "
                      f"(keep them under {round(100 * figures.SETUP_MAX_SHARE)}%)",
        "short_action": "the action part is shorter than the setup",
        "late_result": f"the result only starts after {report.timing.target_max_s} s",
        "long_then": f"your history takes {round(100 * report.shares.get('then', 0.0))}% of "
                     "the time; keep it short and spend it on why this role and what you'd "
                     "bring",
    }
    tip = "Reshape the answer: " + "; ".join(words[p] for p in problems) + "."
    return Item("shape", max(0.0, 1.0 - 0.4 * len(problems)), tip)


def delivery_items(d: DeliveryFigures, estimated: bool) -> list[Item]:
    """Pace and pauses only mean something with real times; fillers count either way."""
    items = [_filler_item(d)]
    if estimated:
        return items
    low, high = figures.WPM_TIP_BELOW, figures.WPM_TIP_ABOVE
    if d.wpm and not low <= d.wpm <= high:
        items.append(Item("pace", 0.3, f"You speak at {d.wpm:.0f} words per minute; aim for "
                          f"{figures.WPM_COMFORT[0]:.0f}-{figures.WPM_COMFORT[1]:.0f}."))
    else:
        items.append(Item("pace", 1.0))
    n = len(d.long_pauses)
    if n:
        where = tuple(f"{s:.1f} s" for s, _ in d.long_pauses)
        items.append(Item("long_pauses", 0.5 if n <= 2 else 0.0,
                          f"{n} long pause(s) of {figures.LONG_PAUSE_S} s or more inside the "
                          "answer: plan the next step before you start it.", where))
    else:
        items.append(Item("long_pauses", 1.0))
    return items


def _filler_item(d: DeliveryFigures) -> Item:
    rate = d.fillers_per_min
    earned = 1.0 if rate <= figures.FILLERS_FINE_PER_MIN else \
        0.5 if rate <= figures.FILLERS_WATCH_PER_MIN else 0.0
    if d.filler_clusters:
        earned = min(earned, 0.5)
    if earned == 1.0:
        return Item("fillers", 1.0)
    where = tuple(f"{start:.1f} s" for start, _, _ in d.filler_clusters) or \
        tuple(f"{t:.1f} s" for _, t in d.fillers[:3])
    return Item("fillers", earned,
                f"At least {len(d.fillers)} fillers ({rate:.1f} per minute; a lower bound, as "
                "the transcriber drops many): pause silently instead.", where)
