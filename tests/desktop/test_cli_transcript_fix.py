"""`micdrop analyze AUDIO --transcript-fix FIXED.txt`: the corrected words, scored on the
recording's own word times (real espeak-ng speech, real Whisper tiny.en)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main

SPOKEN = ("My task was to fix the billing errors. I wrote a checker for every invoice. "
          "In the end we cut the errors by a lot.")
FIXED = ("My task was to fix the billing errors. I wrote a checker for every invoice. "
         "In the end we cut the errors by thirty percent.")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "home"
    root.mkdir()
    monkeypatch.setenv("MICDROP_HOME", str(root))
    return root


def _analyze(capsys, *argv: str) -> tuple[dict, str]:
    code = main(["analyze", *argv, "--json", "--question-id", "proudest-achievement"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out), captured.err


@pytest.mark.slow
def test_fixed_words_are_scored_on_the_heard_times(home, espeak_wav, tmp_path, capsys) -> None:
    wav = espeak_wav(SPOKEN, "answer.wav")
    heard, _ = _analyze(capsys, str(wav))
    assert heard["content"]["quantified"] == []
    fixed_txt = tmp_path / "fixed.txt"
    fixed_txt.write_text(FIXED, encoding="utf-8")

    fixed, err = _analyze(capsys, str(wav), "--transcript-fix", str(fixed_txt))

    assert fixed["transcript"] == FIXED
    assert "thirty percent" in fixed["content"]["quantified"]
    assert fixed["duration_s"] == heard["duration_s"] and not fixed["timing_estimated"]
    heard_times = {(w["start_s"], w["end_s"]) for w in heard["words"]}
    kept = [w for w in fixed["words"] if (w["start_s"], w["end_s"]) in heard_times]
    assert len(kept) >= len(FIXED.split()) - 4  # only the result's last words were retyped
    assert fixed["words"][-1]["end_s"] <= heard["words"][-1]["end_s"] + 0.01
    assert "Applied fixed.txt" in err and "kept their times" in err


def test_fix_file_must_be_text_with_words(home, tmp_path, capsys) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("We shipped it on time.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["analyze", str(answer), "--transcript-fix", str(tmp_path / "f.wav")]) == 2
    assert main(["analyze", str(answer), "--transcript-fix", str(empty)]) == 1
    err = capsys.readouterr().err
    assert "must be a .txt file" in err and "has no words" in err
