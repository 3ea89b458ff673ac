"""Widgets on their own: the band timer's colours, the meter, the picker, the feedback view."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QColor

import scoring
from desktop.widgets.band_timer import BAND_COLORS, BandTimer, band_state, clock
from desktop.widgets.feedback_labels import checklist_html, delivery_rows, verdict_text
from desktop.widgets.feedback_view import FeedbackView
from desktop.widgets.level_meter import LevelMeter
from desktop.widgets.part_style import (
    PART_COLORS,
    part_label,
    part_tint,
    parts_for_kind,
    readable_text_on,
)
from desktop.widgets.prompts import download_question, recovery_question
from desktop.widgets.question_card import QuestionCard
from desktop.widgets.question_picker import NO_COMPANY, QuestionPicker
from desktop.widgets.transcript_view import TranscriptView, transcript_html
from question_bank.model import Bank, Company, Question, Value
from scoring.transcript import Transcript, Word

STORY = Question(id="s1", text="Tell me about a time you disagreed with your manager.",
                 kind="story")
BACKGROUND = Question(id="b1", text="Tell me about your background.", kind="background")
BANK = Bank(questions=(STORY, BACKGROUND),
            companies=(Company(id="zeta", name="Zeta", source="t"),
                       Company(id="acme", name="Acme", source="t")))
STORY_ANSWER = (
    "So you are asking about a time I pushed back on my manager's plan. "
    "Last year at a retail company we were about to launch a pricing model. "
    "My responsibility was to sign off on its offline evaluation before launch. "
    "I found leakage in the features, so I rebuilt the split by time and I proposed a "
    "two week A/B test instead of a full launch. "
    "The corrected model still lifted revenue by 3% and we avoided a costly rollback."
)


@pytest.mark.parametrize(
    ("elapsed", "state"),
    [(0, "under"), (89.9, "under"), (90, "in"), (120, "in"), (120.1, "over"), (400, "over")],
)
def test_band_state_edges(elapsed, state):
    assert band_state(elapsed, 90, 120) == state


def test_band_timer_colours_follow_the_band(qtbot):
    timer = BandTimer()
    qtbot.addWidget(timer)
    timer.set_band(60, 90)
    assert timer.caption() == "0:00  ·  target 1:00–1:30"  # no verdict before a word is said
    seen = []
    for seconds in (30, 75, 95):
        timer.set_elapsed(seconds)
        seen.append(timer.fill_color().name().upper())
    assert seen == [BAND_COLORS["under"], BAND_COLORS["in"], BAND_COLORS["over"]]
    assert len(set(seen)) == 3
    assert "1:35" in timer.caption() and "1:00–1:30" in timer.caption()
    assert "wrap up" in timer.caption()


def test_band_timer_draws_its_fill(qtbot):
    timer = BandTimer()
    qtbot.addWidget(timer)
    timer.resize(400, 46)
    timer.set_band(90, 120)
    timer.set_elapsed(100)
    image = timer.grab().toImage()
    # 100 s of a 150 s track: a pixel at 40% of the width is the in-band green.
    assert image.pixelColor(160, 10).name().upper() == BAND_COLORS["in"]


def test_clock_reads_like_a_stopwatch():
    assert [clock(s) for s in (0, 9.9, 61, 125)] == ["0:00", "0:09", "1:01", "2:05"]


def test_level_meter_clamps_and_decays(qtbot):
    meter = LevelMeter()
    qtbot.addWidget(meter)
    meter.set_level(3.0)
    assert meter.level() == 1.0
    meter.set_level(0.0)
    assert 0 < meter.level() < 1.0
    meter.reset()
    assert meter.level() == 0.0


def test_part_colours_are_distinct_within_a_kind_and_text_stays_readable():
    for kind in ("story", "background"):
        colours = [PART_COLORS[p] for p in parts_for_kind(kind)]
        assert len(set(colours)) == len(colours)
    for part in parts_for_kind("story"):
        assert readable_text_on(part_tint(part)) == QColor("#111111")
    assert readable_text_on(QColor("#0072B2")) == QColor("#FFFFFF")


def test_picker_lists_companies_and_filters_questions_by_kind(qtbot):
    picker = QuestionPicker()
    qtbot.addWidget(picker)
    picker.set_bank(BANK)
    combo = picker.company_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [NO_COMPANY, "Acme", "Zeta"]
    assert picker.current_company() is None
    assert picker.question_list.count() == 2
    picker.set_kind_filter("background")
    assert picker.question_list.count() == 1
    assert "BACKGROUND" in picker.question_list.item(0).text()
    with qtbot.waitSignal(picker.selection_changed):
        assert picker.select_question(STORY.id)  # clears the filter that hides it
    assert picker.current_question() == STORY
    assert picker.select_company("ACME") and picker.current_company().id == "acme"
    assert not picker.select_question("nope")


def test_question_card_shows_the_question_and_a_notice(qtbot):
    card = QuestionCard()
    qtbot.addWidget(card)
    card.show()
    card.show_question(BACKGROUND)
    assert card.question_text() == BACKGROUND.text
    assert "60–90 s" in card.kind_label.text()
    assert not card.notice_label.isVisible()
    card.show_notice("Speech is unavailable")
    assert card.notice_label.isVisible()


def test_feedback_view_fills_from_a_real_analysis(qtbot):
    analysis = scoring.analyze(Transcript.from_text(STORY_ANSWER), STORY)
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    assert view.details_hint.isVisible() and not view.score_label.isVisible()
    view.set_analysis(analysis)
    assert view.score_label.isVisible() and not view.details_hint.isVisible()
    assert view.score_label.text() == str(analysis.score)
    assert view.verdict_label.text() == verdict_text(analysis)
    assert "times estimated from text" in view.verdict_label.text()
    assert "pushed back on my manager" in view.transcript.text()
    html = view.transcript.toHtml()
    for sentence in analysis.sentences:
        assert part_tint(sentence.part).name() in html
    assert view.timeline.block_labels() == [
        f"{part_label(p.part)} {p.duration_s:.0f} s" for p in analysis.parts
    ]
    assert "Link back" in view.legend.labels()
    assert "filler" in view.legend.text() and "long&nbsp;pause" in view.legend.text()
    assert view.delivery.rowCount() == len(delivery_rows(analysis))
    assert analysis.follow_up in view.follow_up.text()
    view.clear()
    assert view.analysis is None and view.transcript.text() == ""


def test_checklist_marks_missing_parts_with_a_cross():
    analysis = scoring.analyze(Transcript.from_text("I like data."), STORY)
    html = checklist_html(analysis)
    assert analysis.missing_parts
    assert html.count("✗") == len(analysis.missing_parts)


def test_recovery_question_names_the_files(tmp_path):
    paths = [tmp_path / f"take{i}.wav" for i in range(7)]
    text = recovery_question(paths)
    assert text.startswith("7 recordings were interrupted")
    assert "take0.wav" in text and "and 2 more" in text
    assert recovery_question(paths[:1]).startswith("1 recording was interrupted")


def test_download_question_says_it_is_the_only_network_use():
    text = download_question("base.en")
    assert '"base.en"' in text and "only time" in text and "offline" in text


def test_question_card_names_the_company_values_to_link_back_to(qtbot):
    card = QuestionCard()
    qtbot.addWidget(card)
    card.show()
    company = Company(id="acme", name="Acme", source="t",
                      values=(Value("Own it", "ownership"), Value("Ship fast", "speed")))
    card.show_company(company)
    assert card.values_label.isVisible()
    assert card.values_label.text() == "Link back to Acme's values: Own it · Ship fast"
    card.show_company(None)
    assert not card.values_label.isVisible()


def test_transcript_marks_fillers_and_long_pauses_where_they_were_said(qtbot):
    said = [("So,", 1.0), ("um,", 1.4), ("I", 1.8), ("fixed", 2.2), ("it.", 2.6),
            ("Then", 6.0), ("it", 6.4), ("shipped.", 6.8)]
    words = tuple(Word(t, s, s + 0.3) for t, s in said)
    analysis = scoring.analyze(Transcript(words, 8.0), STORY)
    view = TranscriptView()
    qtbot.addWidget(view)
    view.set_analysis(analysis)
    assert "So, um, I fixed it. [pause 3.1 s] Then it shipped." in view.text()
    html = transcript_html(analysis)
    assert html.count('title="filler"') == 1 and 'title="filler">um,<' in html
    assert html.count('title="long pause"') == 1
    older = replace(analysis, extra={})  # an attempt saved before words were kept
    assert "[pause" not in transcript_html(older) and "um," in transcript_html(older)
