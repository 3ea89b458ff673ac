"""A part is present on evidence, not on position: drop a part from a real answer and the
feedback must say it is missing; leave it in and the feedback must not.

Over every story of the corpus (tune and test splits) and of the scored held-out rounds
(`tests/scoring/heldout/` to `heldout6/`): each core part is dropped in turn (all its
sentences removed) and the analysis must report it missing. The floor of each part is the rate
measured out of sample on the tune split (4-fold cross-validation of the fit, answers never
seen by the weights judging them) less two standard errors of a set of the size checked, so
a small set is not failed by the luck of the draw; `-s` prints the figures.

With the sentence model installed, the corpus test split (never trained on) and the held-out
rounds are also checked through the with-embeddings weights, each against its own measured
figures. Rounds 1 to 5 were each scored once and then became training data, so their floors
are in-sample figures: they catch a regression, they do not say how the labeller does on new
writers. Round 6 (`heldout6`, written blind, never trained on) was scored once at the end of
the sixth round of issue 10; its figures are the ones that predict new writers.
"""

from __future__ import annotations

import math
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from audio.sentence_model import load_sentence_model, model_file
from question_bank import Question, load_bank
from scoring import Transcript, analyze

HERE = Path(__file__).parent
CORE = ("situation", "task", "action", "result")
# Share of drops of each part reported missing, measured by cross-validation on the tune
# split's stories with the earlier held-out rounds in every fold (`MICDROP_FIT_DRY=1 python
# benchmarks/scoring_accuracy.py --fit`), for the round-3 fit. Before round 1 was trained on:
# situation 0.935, task 0.869, action 0.765, result 0.901; after: 0.947, 0.889, 0.728,
# 0.868. Each broader fit trades a little of the corpus's own figures for answers written
# elsewhere. The fits since round 4 were written without that cross-validation
# (MICDROP_FIT_CV=0, their development figures leave one held-out round out) and are held to
# the same floors.
MEASURED = {"situation": 0.925, "task": 0.852, "action": 0.629, "result": 0.859}
# Complete stories (with a result) told their result is missing: at most this share.
FALSE_ALARM_CEILING = 0.02
# Word-only figures on the held-out rounds, asserted as measured (not less standard errors):
# per round, drops caught of (situation, task, action, result) and complete stories told their
# result is missing, as (caught, drops) counts. Rounds 1 to 5 are in-sample figures after the
# round-6 fit (regression checks only); when each was scored once blind, before it was
# trained on: round 1 59/66, 58/80, 59/81, 61/65 and 14/65; round 2 65/70, 65/78, 67/89,
# 59/66 and 12/66; round 3 59/74, 65/78, 51/90, 54/68 and 11/68; round 4 56/72, 63/77,
# 53/89, 57/67 and 17/67; round 5 66/72, 73/77, 64/90, 56/65 and 13/65. Round 6 (`heldout6`,
# blind, never trained on) as scored once at the end of the sixth round (the engine before
# the round: 71/88, 82/96, 56/102, 70/87 and 17/87).
ROUNDS = {"heldout": ((65, 66), (80, 80), (64, 81), (64, 65), (6, 65)),
          "heldout2": ((69, 70), (73, 78), (73, 89), (64, 66), (7, 66)),
          "heldout3": ((72, 74), (72, 78), (74, 90), (63, 68), (7, 68)),
          "heldout4": ((71, 72), (71, 77), (75, 89), (62, 67), (11, 67)),
          "heldout5": ((71, 72), (76, 77), (74, 90), (62, 65), (6, 65)),
          "heldout6": ((68, 88), (76, 96), (59, 102), (74, 87), (14, 87))}
EXACT = {name: ({part: a / n for part, (a, n) in zip(CORE, counts, strict=False)},
                counts[-1][0] / counts[-1][1]) for name, counts in ROUNDS.items()}
# With the sentence model: on the corpus test split the rates of the with-embeddings fit's
# cross-validation on tune (floors less two standard errors as above); on the held-out rounds
# the measured counts less two answers each, as int8 kernels differ by CPU (rounds 1 to 5 in
# sample after the round-6 fit: round 1 62/66, 69/80, 61/81, 61/65 and 3/65 told their
# result is missing; round 2 68/70, 67/78, 59/89, 64/66 and 3/66; round 3 68/74, 71/78,
# 55/90, 62/68 and 3/68; round 4 66/72, 71/77, 65/89, 62/67 and 12/67; round 5 69/72,
# 74/77, 73/90, 61/65 and 7/65 (scored once blind in round 5: 64/72, 74/77, 70/90, 58/65
# and 15/65); round 6 scored once blind: situation 72/88, task 77/96, action 53/102, result
# 74/87 and 9/87 told their result is missing; the engine before the round: 73/88, 78/96,
# 52/102, 74/87 and 12/87).
EMBEDDED_MEASURED = {"test": {"situation": 0.947, "task": 0.856, "action": 0.725,
                              "result": 0.897},
                     "heldout": {"situation": 60 / 66, "task": 67 / 80, "action": 59 / 81,
                                 "result": 59 / 65},
                     "heldout2": {"situation": 66 / 70, "task": 65 / 78, "action": 57 / 89,
                                  "result": 62 / 66},
                     "heldout3": {"situation": 66 / 74, "task": 69 / 78, "action": 53 / 90,
                                  "result": 60 / 68},
                     "heldout4": {"situation": 64 / 72, "task": 69 / 77, "action": 63 / 89,
                                  "result": 60 / 67},
                     "heldout5": {"situation": 67 / 72, "task": 72 / 77, "action": 71 / 90,
                                  "result": 59 / 65},
                     "heldout6": {"situation": 70 / 88, "task": 75 / 96, "action": 51 / 102,
                                  "result": 72 / 87}}
EMBEDDED_FALSE_ALARMS = {"test": 0.02, "heldout": 5 / 65, "heldout2": 5 / 66,
                         "heldout3": 5 / 68, "heldout4": 14 / 67, "heldout5": 9 / 65,
                         "heldout6": 11 / 87}
_PUNCTUATION = re.compile(r"(?<!\d)[.,](?!\d)|[!?;:\"“”()]|(?<=\d)[.,](?!\d)")


def _load(paths: list[Path], split: str | None) -> list[dict]:
    answers = []
    for path in paths:
        with path.open("rb") as f:
            answers += [a for a in tomllib.load(f).get("answer", [])
                        if a.get("kind") == "story" and (split is None or a["split"] == split)]
    return answers


def _sources() -> dict[str, list[dict]]:
    corpus = sorted((HERE / "corpus").glob("*.toml"))
    sources = {"tune": _load(corpus, "tune"), "test": _load(corpus, "test")}
    held_out = sorted((HERE / "heldout").glob("*.toml"))
    if held_out:
        sources["heldout"] = _load(held_out, None)
    for later in ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6"):
        paths = sorted((HERE / later).glob("*.toml"))
        if paths:
            sources[later] = _load(paths, None)
    return {name: answers for name, answers in sources.items() if answers}


def _texts(answer: dict, keep: set[str]) -> str:
    texts = [text for part, text in answer["sentences"] if part in keep]
    if "unpunctuated" in answer.get("flaws", []):
        texts = [_PUNCTUATION.sub("", t) for t in texts]
    return " ".join(texts)


def _missing(answer: dict, keep: set[str], embedded: bool) -> tuple[str, ...]:
    bank = load_bank()
    question = Question(id="corpus", text=answer["question"], kind="story")
    company = bank.company(answer["company"]) if answer.get("company") else None
    embed = load_sentence_model().embed if embedded else None
    return analyze(Transcript.from_text(_texts(answer, keep)), question, company,
                   embed=embed).missing_parts


@cache
def figures(source: str, embedded: bool = False) -> dict[str, tuple[int, int]]:
    """Per part: (drops reported missing, drops); and "false_alarm": (complete stories told
    their result is missing, complete stories)."""
    out = {part: [0, 0] for part in (*CORE, "false_alarm")}
    for answer in _sources()[source]:
        parts = {p for p, _ in answer["sentences"]}
        if "result" in parts:
            out["false_alarm"][0] += "result" in _missing(answer, parts, embedded)
            out["false_alarm"][1] += 1
        for part in CORE:
            if part in parts and parts - {part}:
                out[part][0] += part in _missing(answer, parts - {part}, embedded)
                out[part][1] += 1
    print(f"\n{source}{' with the sentence model' if embedded else ''}: "
          + ", ".join(f"{k} {a}/{n}" for k, (a, n) in out.items()))
    return {k: (a, n) for k, (a, n) in out.items()}


@pytest.mark.parametrize("source", sorted(_sources()))
def test_each_dropped_part_is_reported_missing(source: str):
    found = figures(source)
    for part, rate in EXACT.get(source, (MEASURED,))[0].items():
        caught, drops = found[part]
        floor = rate if source in EXACT else (
            rate - 2 * math.sqrt(rate * (1 - rate) / max(drops, 1)))
        assert drops and caught / drops >= floor, (source, part, caught, drops, floor)


@pytest.mark.parametrize("source", sorted(_sources()))
def test_complete_stories_are_not_told_their_result_is_missing(source: str):
    alarms, complete = figures(source)["false_alarm"]
    ceiling = EXACT[source][1] if source in EXACT else FALSE_ALARM_CEILING
    assert complete and alarms / complete <= ceiling, (source, alarms, complete)


needs_model = pytest.mark.skipif(model_file() is None, reason="sentence model not installed")


@needs_model
@pytest.mark.parametrize("source", sorted(EMBEDDED_MEASURED))
def test_with_the_sentence_model_each_dropped_part_is_reported_missing(source: str):
    found = figures(source, embedded=True)
    for part, rate in EMBEDDED_MEASURED[source].items():
        caught, drops = found[part]
        floor = rate if source in EXACT else (
            rate - 2 * math.sqrt(rate * (1 - rate) / max(drops, 1)))
        assert drops and caught / drops >= floor, (source, part, caught, drops, floor)


@pytest.mark.xfail(strict=True, reason="issue 10 is open: on the sixth blind held-out set, "
                   "scored once, 9 of 87 stories with a result were told it was missing "
                   "with the sentence model (14 without); the target is none")
@needs_model
def test_no_blind_held_out_story_is_told_its_result_is_missing():
    alarms, _ = figures("heldout6", embedded=True)["false_alarm"]
    assert alarms == 0


@needs_model
@pytest.mark.parametrize("source", sorted(EMBEDDED_FALSE_ALARMS))
def test_with_the_sentence_model_complete_stories_keep_their_result(source: str):
    alarms, complete = figures(source, embedded=True)["false_alarm"]
    assert complete and alarms / complete <= EMBEDDED_FALSE_ALARMS[source], (source, alarms)


QUESTION = Question(id="q", text="Tell me about a time you had to make a decision with "
                    "incomplete information.", kind="story")
SITUATION = ("Last spring I was the only analyst on a small marketplace team, and the "
             "weekly sellers report had been wrong for a month.")
TASK = "My job was to decide whether to pause the seller payouts before the Friday run."
ACTIONS = ("I checked the payout totals against the bank statements for the last four weeks. "
           "Then I traced the gap to a currency conversion that ran twice on refunds. "
           "To make sure I wasn't missing a blind spot, I messaged two colleagues on the "
           "payments team and asked them to review my query.")
RESULTS = {
    "figure": "We paused only the affected payouts and recovered 18,000 dollars of double "
              "refunds within a week.",
    "quiet": "The payouts went out on time and the report has matched the bank ever since.",
    "lesson": "It taught me to check the money against an outside source before trusting "
              "any dashboard.",
}


MODES = ["words", pytest.param("model", marks=needs_model)]


def _analysis(*texts: str, mode: str = "words"):
    embed = load_sentence_model().embed if mode == "model" else None
    return analyze(Transcript.from_text(" ".join(texts)), QUESTION, embed=embed)


@pytest.mark.parametrize("mode", MODES)
def test_a_story_that_stops_after_its_actions_has_no_result(mode: str):
    a = _analysis(SITUATION, TASK, ACTIONS, mode=mode)
    assert "result" in a.missing_parts
    last = a.sentences[-1]
    assert last.text.startswith("To make sure") and last.part != "result"


@pytest.mark.parametrize("mode", MODES)
def test_a_last_action_before_the_tie_back_is_not_a_result(mode: str):
    # Nothing in "went through code review and a dry run" says what came of it.
    a = _analysis(SITUATION, TASK, ACTIONS.split(" To make sure")[0],
                  "Everything went through code review and a dry run on a copy of the ledger.",
                  "I think that really shows how I like to work, careful but quick.", mode=mode)
    assert "result" in a.missing_parts


@pytest.mark.parametrize("mode", MODES)
def test_a_story_that_opens_on_its_actions_has_no_situation(mode: str):
    a = _analysis(ACTIONS, RESULTS["figure"], mode=mode)
    assert "situation" in a.missing_parts


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", sorted(RESULTS))
def test_a_complete_story_has_its_result_even_without_a_figure(kind: str, mode: str):
    a = _analysis(SITUATION, TASK, ACTIONS, RESULTS[kind], mode=mode)
    assert not set(CORE) & set(a.missing_parts)
    assert a.sentences[-1].part == "result"


HEADLINE = ("Long story short, we recovered 18,000 dollars of double refunds within a week, "
            "but let me back up.")


@pytest.mark.parametrize("mode", MODES)
def test_a_story_told_result_first_keeps_its_result_and_its_setup(mode: str):
    # Short of time, people lead with the outcome and then tell the story from the start.
    a = _analysis(HEADLINE, SITUATION, TASK, ACTIONS, mode=mode)
    assert not set(CORE) & set(a.missing_parts)
    assert a.sentences[0].part == "result"
