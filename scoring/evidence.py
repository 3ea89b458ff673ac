"""What makes a sentence evidence of a result or of a situation, whatever its position.

A part is present only when some sentence carries evidence for it (PRODUCT: the commonest
real flaw is a missing result, and a story that stops after its last action must be told
so). Being last in the answer is not evidence of a result, and being first is not evidence
of a context. The evidence here is written from what the parts do in the method, not from
any answer: a result says what came of it (an outcome, a change, a figure, a consequence, a
judgement on how it went, or a lesson); a situation sets a context (a time, a place, a role,
a state of things before the candidate acted).

The part decode weighs these as features (`scoring.features`), and `scoring.parts` refuses
to keep a result none of whose sentences shows any of them (`shows_context` is the same
check for a situation, kept for measuring it; it is not applied, see `scoring.parts`).
"""

from __future__ import annotations

import math
from itertools import pairwise

from scoring import cues
from scoring.quantities import find_quantities
from scoring.text import count_phrases, phrases, spoken_tokens, subject_word, wordset

# A change: comparison with before ("faster", "fewer", "no longer", "from ... to ...").
CHANGE_WORDS = wordset(
    "faster slower quicker more less fewer better worse higher lower cheaper smaller bigger "
    "larger shorter longer smoother easier harder again anymore"
)
CHANGE_PHRASES = phrases(
    "no longer", "any more", "than before", "than it", "than we", "than they", "went from",
    "from about", "down to", "up to", "back to", "for the first time", "now takes",
    "now runs", "now uses", "now use", "now has", "now have", "since then", "to this day",
    "still running", "still in use", "still use", "still uses", "became", "turned into",
    "instead of", "back at", "ever since", "went through review",
)
# What lasted or stopped after it: "it hasn't broken since", "we still do", "nobody quit".
LASTING_WORDS = wordset("still since anymore hasn't haven't never nobody none correctly")
# A consequence or an outcome said outright ("so the team could...", "which meant...").
CONSEQUENCE_PHRASES = phrases(
    "which meant", "that meant", "this meant", "meaning", "so we could", "so they could",
    "so the", "because of that", "because of it", "thanks to", "as a result", "in the end",
    "at the end", "by the end", "ended up", "turned out", "it worked", "didn't work",
    "it paid off", "paid off", "worked out", "the outcome", "the result", "the results",
    "led to", "resulted in", "end result", "what happened", "in the following",
    "afterwards", "after launch", "after the launch", "later", "eventually", "ultimately",
    "finally", "months later", "weeks later", "a week later", "a month later", "next quarter",
)
# A judgement on how it went, or a lesson taken from it.
JUDGEMENT_WORDS = wordset(
    "praised thanked thank recognized recognised promoted happy glad proud relieved "
    "success successful succeeded failed failure lesson learned learnt realized realised "
    "taught mistake adopted approved accepted rejected kudos shoutout award won lost "
    "impressed grateful appreciated feedback reviewed outcome passed finished caught catches "
    "retired slipped stayed thanks complimented compliments congratulated commended "
    "delighted pleased satisfied"
)
# An outcome measured against what was planned: a deadline, a budget, a target, complaints.
PLAN_PHRASES = phrases(
    "ahead of schedule", "ahead of the deadline", "ahead of time", "an hour ahead",
    "a day ahead", "days ahead", "a week ahead", "on schedule", "on budget", "under budget",
    "over budget", "to spare", "a day early", "days early", "a week early", "an hour early",
    "hours early", "made the deadline", "met the deadline", "beat the deadline",
    "missed the deadline", "hit the deadline", "hit our", "met our", "beat our", "missed our",
    "no complaints", "zero complaints", "not a single complaint", "not one complaint",
)
# Context: a time, a place or a role before the story starts moving.
CONTEXT_PHRASES = phrases(
    "ago", "last year", "last quarter", "a while back", "back when", "back in", "at the time",
    "at that time", "when i was", "while i was", "i was working", "i was on", "i was at",
    "i was a", "i was an", "i was the", "i worked at", "i worked on", "i worked as",
    "at my", "in my previous", "in my last", "in my first", "my previous", "my last job",
    "my first job", "there was", "there were", "there's this", "we had", "we were",
    "our team", "the team was", "the company", "our company", "a startup", "the project",
    "the situation", "the context", "the background", "the problem was", "the issue was",
    "had been", "used to", "every week", "every month", "every day", "each week",
    "i joined", "i moved from", "i'd been", "i'd never", "i had never", "i knew", "my first",
    "months into", "years into", "weeks into", "a team", "at a", "at an", "i led a",
)
STATE_VERBS = wordset("was were had wasn't weren't didn't hadn't")
# Where the candidate stood: "at a news publisher", "for a retail chain".
PLACE_PHRASES = phrases("at a", "at an", "for a", "for an", "in a", "on a", "on the", "i'm a",
                        "i'm an", "i'm the", "i am a", "i maintain", "i own", "i run")
I_SUBJECTS = wordset("i i'm i've i'd")
# Someone other than the candidate acting first: the world the story starts from ("my manager
# forwarded me...", "our CEO promised...", "the client tells us...").
THIRD_PARTIES = wordset(
    "manager director boss ceo cto cfo vp head lead leads client clients customer customers "
    "company stakeholders vendor partner team teams department he she they someone nobody "
    "everyone leadership executives founder founders owner"
)
# Openings that place the story in time ("when I took over...", "two days before...").
WHEN_PHRASES = phrases("when i took over", "before i", "early in", "so it's", "it's a",
                       "we're running", "days before", "weeks before", "right before",
                       "when my", "when our", "when the")


def result_evidence(text: str) -> dict[str, float]:
    """How a sentence shows an outcome: change, consequence, judgement, figure."""
    toks = spoken_tokens(text)
    words = set(toks)
    return {
        "ev_change": float(bool(words & CHANGE_WORDS) or count_phrases(toks, CHANGE_PHRASES) > 0),
        "ev_lasting": float(bool(words & LASTING_WORDS)),
        "ev_consequence": float(count_phrases(toks, CONSEQUENCE_PHRASES) > 0),
        "ev_judgement": float(bool(words & JUDGEMENT_WORDS)),
        "ev_on_plan": float(count_phrases(toks, PLAN_PHRASES) > 0),
        "ev_figure": float(bool(find_quantities(text))),
        "ev_outcome_cue": float(count_phrases(toks, cues.STORY_CUES["result"]) > 0),
    }


def context_evidence(text: str) -> dict[str, float]:
    """How a sentence sets a context: time, place, role or a state of things."""
    toks = spoken_tokens(text)
    subject = subject_word(toks)
    head = toks[:8]
    progressive = any(t in ("was", "were") and n.endswith("ing")
                      for t, n in pairwise(toks))
    return {
        "ev_context": float(count_phrases(toks, CONTEXT_PHRASES) > 0
                            or count_phrases(toks, cues.STORY_CUES["situation"]) > 0),
        "ev_state": float(bool(set(head) & STATE_VERBS) and subject not in I_SUBJECTS),
        "ev_others": float(bool(subject) and subject not in I_SUBJECTS),
        "ev_ongoing": float(progressive),
        "ev_place": float(count_phrases(head, PLACE_PHRASES) > 0),
        "ev_third_party": float(bool(set(toks[:4]) & THIRD_PARTIES)
                                or count_phrases(toks[:6], WHEN_PHRASES) > 0),
    }


def shows_result(feats: dict[str, float]) -> bool:
    """Whether a sentence's features carry any result evidence: one of the word evidences,
    or, when the sentence model is there, its classifier reading the sentence as a result
    with at least RESULT_PROBABILITY (what the sentence says, not where it stands)."""
    if any(feats.get(name, 0.0) > 0 for name in RESULT_EVIDENCE):
        return True
    return RESULT_PROBABILITY is not None and feats.get("lp_result", -99.0) > math.log(
        RESULT_PROBABILITY)


def shows_context(feats: dict[str, float]) -> bool:
    """Whether a sentence's features carry any context evidence."""
    return any(feats.get(name, 0.0) > 0 for name in CONTEXT_EVIDENCE)


# See `shows_result`; None: the classifier is not asked. 0.5 chosen on the development set
# (fit on tune, judged on round 1): complete stories told their result is missing 11 -> 7 of
# 65, dropped results caught 63 -> 61 of 65 (0.7: 8 and 62).
RESULT_PROBABILITY: float | None = 0.5
RESULT_EVIDENCE = ("ev_change", "ev_lasting", "ev_consequence", "ev_judgement", "ev_on_plan",
                   "ev_figure", "ev_outcome_cue")
# What the presence check accepts as context: not `ev_others` (any subject but "I"), which
# task sentences ("my goal was...") show as often as situations do.
CONTEXT_EVIDENCE = ("ev_context", "ev_state", "ev_ongoing", "ev_place", "ev_third_party")
