"""Reports in Markdown, HTML and JSON, built from the same `Analysis` the window shows."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from question_bank.model import Company, Question, Value
from scoring import Analysis, Transcript, Word, analyze
from scoring.report_html import render_html
from scoring.report_markdown import escape_md, render_markdown
from scoring.reports import ReportItem, marked_sentences, render_json, renderer, summarize

QUESTION = Question(id="custom", text="Tell me about a time you missed a deadline.",
                    kind="story")
COMPANY = Company("acme", "Acme", "test", (
    Value("We own it", "We take ownership of outcomes", ("ownership", "owner")),))
STORY = (
    "So you're asking about a deadline I didn't meet. "
    "Last year at my previous company we were launching a new pricing model for merchants. "
    "My task was to deliver the demand forecast by the end of March, with error under 10%. "
    "I built a gradient boosting model because it was faster to iterate than a deep network. "
    "The data pipeline broke two weeks before launch and we missed the deadline by ten days. "
    "In the end the forecast cut the error by 30% and saved about $2M a year. "
    "I learned to flag risks early, and that's why I always take ownership of the timeline."
)


def _timed(text: str, gap_after: int | None = None) -> Transcript:
    """Words 0.4 s apart, with a 3 s silence after word `gap_after`: a long pause."""
    words, t = [], 1.0
    for n, token in enumerate(text.split()):
        words.append(Word(token, t, t + 0.3))
        t += 0.4 + (3.0 if n == gap_after else 0.0)
    return Transcript(tuple(words), duration_s=t + 1.0)


@pytest.fixture(scope="module")
def story() -> Analysis:
    return analyze(_timed("Um, " + STORY, gap_after=12), QUESTION, COMPANY)


def _text_of_html(page: bytes) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.chunks: list[str] = []

        def handle_data(self, data: str) -> None:
            self.chunks.append(data)

    parser = Text()
    parser.feed(page.decode("utf-8"))
    return " ".join(parser.chunks)


def test_html_report_holds_question_parts_tips_and_follow_up(story: Analysis):
    text = _text_of_html(render_html([ReportItem(story)]))
    assert QUESTION.text in text
    for part in {s.part for s in story.sentences} - {"other"}:
        assert part.capitalize() in text or (part == "link" and "Link back" in text)
    for tip in story.tips:
        assert tip in text
    assert story.follow_up in text
    assert "[pause" in text  # the 3 s silence is marked where it happened


def test_html_escapes_what_the_user_said():
    hostile = "I wrote <script>alert('x')</script> & shipped it. It cut errors by 30%."
    analysis = analyze(Transcript.from_text(hostile), QUESTION, None)
    page = render_html([ReportItem(analysis)]).decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "alert(" in _text_of_html(page.encode())  # shown as text, not dropped


def test_html_is_self_contained(story: Analysis):
    page = render_html([ReportItem(story)]).decode("utf-8")
    for fetch in ("src=", "href=", "@import", "url("):
        assert fetch not in page


def test_markdown_report_marks_fillers_and_escapes_markup(story: Analysis):
    text = render_markdown([ReportItem(story)]).decode("utf-8")
    assert text.startswith(f"# {QUESTION.text}")
    assert "_Um,_" in text  # the filler, in italics
    assert "[pause 3." in text
    for tip in story.tips:
        assert escape_md(tip) in text
    risky = analyze(Transcript.from_text("I used *stars* and [links](x) in #channel."),
                    QUESTION, None)
    rendered = render_markdown([ReportItem(risky)]).decode("utf-8")
    assert "\\*stars\\*" in rendered and "\\[links\\]" in rendered


def test_json_of_one_attempt_is_the_analysis_contract(story: Analysis):
    data = json.loads(render_json([ReportItem(story)]))
    assert data == json.loads(json.dumps(story.to_dict()))
    assert Analysis.from_dict(data) == story


def test_a_set_report_summarises_recurring_problems():
    short = analyze(Transcript.from_text("I fixed the bug. It went well."), QUESTION, None)
    when = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    items = [ReportItem(short, 1, when), ReportItem(short, 2, when)]
    summary = summarize(items)
    assert summary.count == 2
    assert any("Too short in 2 of 2" in r for r in summary.recurring)
    assert any("No figures in 2 of 2" in r for r in summary.recurring)
    md = render_markdown(items).decode("utf-8")
    assert md.startswith("# MicDrop rehearsal report")
    assert "Too short in 2 of 2 answers" in md
    data = json.loads(render_json(items))
    assert [a["attempt_id"] for a in data["attempts"]] == [1, 2]
    assert "2026-12-01" in _text_of_html(render_html(items))


def test_marks_follow_the_words_of_each_sentence(story: Analysis):
    marks = marked_sentences(story)
    assert len(marks) == len(story.sentences)
    assert marks[0][0].filler and marks[0][0].text == "Um,"
    assert sum(m.pause_after_s is not None for ws in marks for m in ws) == 1


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="md, html, json"):
        renderer("docx")
