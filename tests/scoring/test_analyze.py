"""End-to-end behaviour of `scoring.analyze` on small hand-written answers."""

from __future__ import annotations

import json

import pytest

from question_bank.model import Company, Question, Value
from scoring import Analysis, Transcript, Word, analyze
from scoring.checklist import SHORT_CAP_BASE

STORY_Q = Question(id="custom", text="Tell me about a time you missed a deadline.", kind="story",
                   follow_ups=("What did you change afterwards?",))
COMPANY = Company("acme", "Acme", "test", (
    Value("We own it", "We take ownership of outcomes", ("ownership", "owner")),
))
STORY = (
    "So you're asking about a deadline I didn't meet. "
    "Last year at my previous company we were launching a new pricing model for merchants. "
    "My task was to deliver the demand forecast by the end of March, with error under 10%. "
    "I built a gradient boosting model because it was faster to iterate than a deep network. "
    "Then I set up a backtest and I reviewed the numbers with finance every week. "
    "The data pipeline broke two weeks before launch and we missed the deadline by ten days. "
    "In the end the forecast cut the error by 30% and saved about $2M a year. "
    "I learned to flag risks early, and that's why I always take ownership of the timeline."
)


def test_contract_fields_are_all_there_and_serialise():
    data = analyze(Transcript.from_text(STORY), STORY_Q, COMPANY).to_dict()
    assert data["schema"] == "micdrop.analysis/1"
    for key in ("kind", "question", "company", "duration_s", "timing_estimated", "transcript",
                "sentences", "parts", "missing_parts", "timing", "delivery", "content",
                "score", "tips", "follow_up"):
        assert key in data
    assert data["company"] == "Acme"
    assert data["timing_estimated"] is True
    assert data["delivery"]["fillers_lower_bound"] is True
    json.dumps(data)


def test_a_complete_story_finds_its_parts_in_order():
    a = analyze(Transcript.from_text(STORY), STORY_Q, COMPANY)
    parts = [s.part for s in a.sentences]
    assert parts[0] == "repeat"
    assert parts[1] == "situation"
    assert "action" in parts and "result" in parts
    assert a.missing_parts == ()
    assert a.content.repeat == "paraphrase"
    assert a.content.values_linked == ("We own it",)
    assert "30%" in a.content.quantified and "$2M" in a.content.quantified


def test_empty_answer_is_valid_and_scores_nothing():
    a = analyze(Transcript.from_text(""), STORY_Q)
    assert a.sentences == () and a.parts == ()
    assert set(a.missing_parts) == {"repeat", "situation", "task", "action", "result", "link"}
    assert a.score == 0
    assert a.tips


def tip_keys(analysis) -> set[str]:
    return {t["key"] for t in analysis.to_dict()["tip_details"]}


def test_parroting_the_question_is_verbatim_and_gets_a_tip():
    a = analyze(Transcript.from_text("Tell me about a time you missed a deadline. " + STORY),
                STORY_Q)
    assert a.sentences[0].part == "repeat"
    assert a.content.repeat == "verbatim"
    assert any("word for word" in t for t in a.tips)


def test_no_repeat_is_absent():
    body = STORY.split(". ", 1)[1]
    assert analyze(Transcript.from_text(body), STORY_Q).content.repeat == "absent"


def test_without_a_company_a_work_style_close_counts_as_link():
    a = analyze(Transcript.from_text(STORY), STORY_Q)
    assert a.company is None and a.content.values_linked == ()
    assert a.to_dict()["close_ties_to_work_style"] is True
    assert "link" not in tip_keys(a)


BACKGROUND_Q = Question(id="custom", text="Tell me about yourself.", kind="background")
BACKGROUND = [
    "Right now I'm a data scientist at a grocery chain, working on pricing.",
    "This year my markdown model cut food waste by 11 percent across forty stores.",
    "Before that I spent two years as an analyst at a logistics company.",
    "I did my master's in statistics, where I got hooked on forecasting.",
    "What excites me about this role is matching supply and demand in real time.",
    "From day one I could contribute to demand forecasting and experiment design.",
]


def test_a_background_answer_gets_now_then_why_bridge():
    a = analyze(Transcript.from_text(" ".join(BACKGROUND)), BACKGROUND_Q)
    assert [s.part for s in a.sentences] == ["now", "now", "then", "then", "why", "bridge"]
    assert a.missing_parts == ()
    assert (a.timing.target_min_s, a.timing.target_max_s) == (60, 90)
    dropped = analyze(Transcript.from_text(" ".join(BACKGROUND[:-1])), BACKGROUND_Q)
    assert dropped.missing_parts == ("bridge",)


def test_delivery_tips_need_real_times_and_fillers_are_a_lower_bound():
    text = "Um, so, uh, I think, um, we, uh, built it. " * 6
    estimated = analyze(Transcript.from_text(text), STORY_Q)
    assert "pace" not in tip_keys(estimated)
    assert "fillers" in tip_keys(estimated)
    assert any("lower bound" in t for t in estimated.tips)
    # 0.8 s per word with 0.1 s gaps (not pauses): about 67 words per minute.
    slow = Transcript(tuple(Word(w, i * 0.9, i * 0.9 + 0.8) for i, w in
                            enumerate(STORY.split())), 200.0)
    assert "pace" in tip_keys(analyze(slow, STORY_Q))


def test_tips_carry_evidence_and_the_top_three_lead():
    a = analyze(Transcript.from_text("We did it and it went really well."), STORY_Q)
    details = a.to_dict()["tip_details"]
    impacts = [d["impact"] for d in details]
    assert impacts == sorted(impacts, reverse=True)
    assert [d["tip"] for d in details] == list(a.tips)
    vague = next(d for d in details if d["key"] == "vague_outcome")
    assert vague["evidence"] == ["We did it and it went really well."]


def test_the_json_form_reads_back_into_the_same_analysis():
    a = analyze(Transcript.from_text(STORY), STORY_Q, COMPANY)
    data = json.loads(json.dumps(a.to_dict()))
    back = Analysis.from_dict(data)
    assert json.loads(json.dumps(back.to_dict())) == data
    assert back.sentences == a.sentences and back.content == a.content


def test_an_unknown_schema_is_refused_with_a_clear_message():
    data = analyze(Transcript.from_text(STORY), STORY_Q).to_dict()
    data["schema"] = "micdrop.analysis/99"
    with pytest.raises(ValueError, match="unsupported analysis schema"):
        Analysis.from_dict(data)


def test_a_complete_but_much_too_short_story_is_capped_by_its_length():
    """STORY takes about 50 s at the nominal rate: every part is there, but a story at half
    the band is thin, so its score is capped by how much of the band it fills."""
    short = analyze(Transcript.from_text(STORY), STORY_Q, COMPANY)
    assert short.timing.verdict == "too_short"
    assert short.score <= round(100 * (SHORT_CAP_BASE + short.duration_s / 90))
    told_fully = analyze(Transcript.from_text(" ".join([STORY] * 2)), STORY_Q, COMPANY)
    assert told_fully.timing.verdict == "on_target"
    assert told_fully.score > short.score + 5


def test_every_word_is_listed_with_its_sentence_filler_mark_and_long_pause():
    said = [("So,", 1.0), ("um,", 1.4), ("I", 1.8), ("fixed", 2.2), ("it.", 2.6),
            ("Then", 6.0), ("it", 6.4), ("shipped.", 6.8)]
    words = tuple(Word(t, s, s + 0.3) for t, s in said)
    marks = analyze(Transcript(words, 8.0), STORY_Q).extra["words"]
    assert [m["text"] for m in marks] == [t for t, _ in said]
    assert [m["filler"] for m in marks] == [False, True, False, False, False, False, False,
                                            False]
    assert marks[4]["pause_after_s"] == pytest.approx(3.1)
    assert all("pause_after_s" not in m for m in marks[:4] + marks[5:])
    assert marks[0]["sentence"] == 0 and marks[-1]["sentence"] == marks[5]["sentence"] > 0


def _timed_story(thinking_s: float, trailing_s: float) -> Transcript:
    """STORY's words at 2.5 words a second after `thinking_s`, then `trailing_s` of silence."""
    words, t = [], thinking_s
    for token in STORY.split():
        words.append(Word(token, round(t, 3), round(t + 0.3, 3)))
        t += 0.4
    return Transcript(tuple(words), round(words[-1].end_s + trailing_s, 3))


def test_one_duration_the_answers_time_for_verdict_tip_and_rate():
    """Thinking time and trailing silence are not answer time: the tip's "At N s", the
    verdict and the speaking rate all read the first word to the last."""
    transcript = _timed_story(thinking_s=3.0, trailing_s=9.0)
    analysis = analyze(transcript, STORY_Q)
    words = transcript.words
    answer_s = words[-1].end_s - words[0].start_s
    assert analysis.answer_s == pytest.approx(answer_s, abs=0.01)
    assert analysis.duration_s == pytest.approx(answer_s + 12.0, abs=0.01)  # the recording
    assert analysis.answer_seconds == round(answer_s)
    assert analysis.timing.verdict == "too_short"
    [tip] = [t for t in analysis.tips if t.startswith("At ")]
    assert tip.startswith(f"At {analysis.answer_seconds} s ")
    assert analysis.delivery.wpm == pytest.approx(len(words) / (answer_s / 60), rel=0.01)
    assert analysis.delivery.articulation_wpm >= analysis.delivery.wpm
    assert "articulation_wpm" in analysis.to_dict()["delivery"]
    again = Analysis.from_dict(json.loads(json.dumps(analysis.to_dict())))
    assert again.answer_s == analysis.answer_s and again.delivery == analysis.delivery
