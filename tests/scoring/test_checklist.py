"""Checklist items: partial credit and the wording of each tip."""

from __future__ import annotations

from question_bank.model import Company, Value
from scoring import checklist
from scoring.analysis import Timing
from scoring.delivery import DeliveryFigures
from scoring.timing import TimingReport

ACME = Company("acme", "Acme", "test", (Value("Own it", "Act like an owner", ("owner",)),))


def report(kind_band: tuple[int, int], answer_s: float, verdict: str) -> TimingReport:
    return TimingReport(Timing(*kind_band, verdict), answer_s, {}, 0.0, ())


def figures(**overrides) -> DeliveryFigures:
    base = dict(wpm=150.0, speech_s=60.0, answer_s=60.0, fillers=(), filler_clusters=(), pauses=(),
                long_pauses=(), thinking_time_s=1.0, i_count=3, we_count=1,
                possible_dropped_fillers=0)
    return DeliveryFigures(**{**base, **overrides})


def test_repeat_credit():
    assert checklist.repeat_item("paraphrase", "x").earned == 1.0
    verbatim = checklist.repeat_item("verbatim", "Tell me about a time.")
    assert verbatim.earned == 0.5 and verbatim.evidence == ("Tell me about a time.",)
    assert checklist.repeat_item("absent", "").earned == 0.0


def test_link_credit_with_and_without_a_company():
    assert checklist.link_item(ACME, ["Own it"], False, True, "close").earned == 1.0
    weak = checklist.link_item(ACME, [], False, True, "We shipped it.")
    assert weak.earned == 0.5 and '"Own it"' in weak.tip and weak.evidence == ("We shipped it.",)
    assert checklist.link_item(None, [], True, False, "That's why I always...").earned == 1.0
    assert checklist.link_item(None, [], False, False, "").earned == 0.0


def test_length_advice_depends_on_the_kind_of_answer():
    story = checklist.timing_items("story", report((90, 120), 45.0, "too_short"))[0]
    # half the band earns a quarter of the length credit: a little short costs little
    assert story.earned == 0.25 and "what you did" in story.tip
    background = checklist.timing_items("background", report((60, 90), 135.0, "too_long"))[0]
    assert background.earned == 0.0 and "history" in background.tip


def test_pace_and_pauses_only_with_real_times():
    slow = figures(wpm=80.0, long_pauses=((10.0, 13.0),))
    assert [i.key for i in checklist.delivery_items(slow, estimated=True)] == ["fillers"]
    items = {i.key: i for i in checklist.delivery_items(slow, estimated=False)}
    assert items["pace"].earned < 1 and "80 words per minute" in items["pace"].tip
    assert items["long_pauses"].evidence == ("10.0 s",)


def test_fillers_tip_says_the_count_is_a_lower_bound():
    many = figures(fillers=tuple(("um", float(t)) for t in range(10)))
    item = checklist.delivery_items(many, estimated=True)[0]
    assert item.earned == 0.5 and "lower bound" in item.tip
    clustered = figures(fillers=(("um", 1.0), ("uh", 2.0), ("um", 3.0)),
                        filler_clusters=((1.0, 3.0, 3),))
    assert checklist.delivery_items(clustered, estimated=True)[0].evidence == ("1.0 s",)
