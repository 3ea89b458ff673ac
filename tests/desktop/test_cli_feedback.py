"""The terminal rendering of an Analysis: every section, from the Analysis alone."""

from __future__ import annotations

from dataclasses import replace

from desktop.feedback_text import render_feedback
from scoring.analysis import Analysis, Content, Delivery, PartSpan, Sentence, Timing

ANALYSIS = Analysis(
    kind="story", question="Tell me about a time you failed.", company="DoorDash",
    duration_s=104.24, timing_estimated=False, transcript="Just to be clear, ...",
    sentences=(Sentence("Just to be clear, ...", 0.4, 4.9, "repeat"),),
    parts=(PartSpan("repeat", 0.4, 4.9, 4.5), PartSpan("action", 5.2, 70.0, 64.8)),
    missing_parts=("link",), timing=Timing(90, 120, "on_target"),
    delivery=Delivery(wpm=148.0, fillers=3, fillers_per_min=1.73, long_pauses=1,
                      thinking_time_s=1.2, i_count=14, we_count=5),
    content=Content(quantified=("4%", "1.5%"), values_linked=("We are leaders",),
                    repeat="paraphrase"),
    score=78, tips=("Quantify the result.", "Link back to the company."),
    follow_up="How did you validate the impact?",
    extra={"answer_s": 101.6},
)


def test_every_section_is_rendered_from_the_analysis() -> None:
    text = render_feedback(ANALYSIS)
    assert "Score: 78/100" in text
    # The answer's time (first word to last), not the recording's 104.2 s.
    assert ("Length: 102 s, first word to last, on target (target 90–120 s for a story "
            "answer)") in text
    assert "104" not in text
    assert "estimated" not in text
    assert "Company: DoorDash" in text
    assert "  repeat        0.4–   4.9 s    4.5 s" in text
    assert "  action        5.2–  70.0 s   64.8 s" in text
    assert "Missing: link" in text
    assert "148 words per minute" in text and "3 fillers (1.7 per minute" in text
    assert "1 long pause, 1.2 s thinking time" in text
    assert '"I" 14 times, "we" 5 times' in text
    assert "numbers: 4%, 1.5%" in text and "values linked: We are leaders" in text
    assert "question repeated: paraphrase" in text
    assert "  1. Quantify the result.\n  2. Link back to the company." in text
    assert text.rstrip().endswith("Follow-up: How did you validate the impact?")


def test_text_input_too_long_no_tips_nothing_missing() -> None:
    text = render_feedback(replace(
        ANALYSIS, timing_estimated=True, timing=Timing(60, 90, "too_long"), kind="background",
        tips=(), missing_parts=(), company=None,
        content=Content(quantified=(), values_linked=(), repeat="absent"),
    ))
    assert "(estimated from text), too long (target 60–90 s for a background answer)" in text
    assert "Missing: none" in text and "numbers: none" in text
    assert "Tips:" not in text and "Company:" not in text
