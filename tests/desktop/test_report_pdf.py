"""The PDF report, drawn by Qt, read back with pdftotext as a reader would see it."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from desktop.report_pdf import render_pdf
from question_bank.model import Question
from scoring import Transcript, Word, analyze
from scoring.reports import ReportItem, part_label

QUESTION = Question(id="custom", text="Tell me about a time you missed a deadline.",
                    kind="story")
STORY = (
    "Um, so you're asking about a deadline I didn't meet. "
    "Last year at my previous company we were launching a new pricing model for merchants. "
    "My task was to deliver the demand forecast by the end of March, with error under 10%. "
    "I built a gradient boosting model because it was faster to iterate than a deep network. "
    "In the end the forecast cut the error by 30% and saved about $2M a year."
)


def _analysis():
    words = [Word(w, 1 + 0.4 * n, 1.3 + 0.4 * n) for n, w in enumerate(STORY.split())]
    return analyze(Transcript(tuple(words), duration_s=words[-1].end_s + 1), QUESTION, None)


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run `make test`, which installs poppler-utils")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    # Ligatures ("ﬁ") are how the font draws, not what it says; words flow across lines.
    return "\f".join(" ".join(page.split()) for page in unicodedata.normalize("NFKC", text)
                     .split("\f"))


def test_pdf_holds_question_every_part_and_every_tip(qapp, tmp_path: Path):
    analysis = _analysis()
    pdf = render_pdf([ReportItem(analysis)])
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    assert QUESTION.text in text
    for part in {s.part for s in analysis.sentences}:
        assert part_label(part) in text
    for tip in analysis.tips:
        assert " ".join(tip.split()) in text
    assert analysis.follow_up in text


def test_a_set_starts_with_its_summary_page(qapp, tmp_path: Path):
    analysis = _analysis()
    pdf = render_pdf([ReportItem(analysis, 1), ReportItem(analysis, 2)])
    pages = _pdf_text(pdf, tmp_path).split("\f")
    assert "MicDrop rehearsal report" in pages[0]
    assert sum(QUESTION.text in page for page in pages) >= 3  # summary row + both attempts
