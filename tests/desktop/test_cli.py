"""`micdrop` commands on typed transcripts: the JSON contract, listings and error messages.

The bank used here is the bundled one plus user files written into a private MICDROP_HOME,
so the ids and names these tests rely on are their own.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import types
from itertools import groupby
from pathlib import Path

import pytest

import audio.transcribe
from audio.errors import ModelNotFound
from desktop.cli import CliError, load_user_bank, main
from desktop.cli_rehearse import pick_question
from desktop.paths import database_path
from desktop.store import Store
from question_bank.model import Bank

STORY_PARTS = {"repeat", "situation", "task", "action", "result", "link", "other"}
BACKGROUND_PARTS = {"now", "then", "why", "bridge", "other"}

QUESTIONS_TOML = """
[[questions]]
id = "test-failed-launch"
text = "Tell me about a time a launch you owned went wrong."
kind = "story"
follow_ups = ["What would you change next time?"]

[[questions]]
id = "test-background"
text = "Walk me through your background and why this role."
kind = "background"
"""

COMPANY_TOML = """
name = "Acme Labs"
source = "test fixture"

[[values]]
name = "Own the outcome"
description = "Act like an owner."
keywords = ["owner", "ownership"]
"""

BROKEN_TOML = """
[[questions]]
id = "test-broken"
text = "A question with a kind that does not exist."
kind = "saga"
"""

STORY = (
    "Just to be clear, you are asking about a launch I was responsible for that failed. "
    "Last year I was the data scientist on the pricing team at a food delivery company. "
    "We were about to launch a new surge pricing model before the holiday peak. "
    "My task was to make sure the model was ready and validated within three weeks. "
    "I noticed that the offline metrics looked great but the holdout data was stale. "
    "I decided to rebuild the validation set from the last two weeks of orders. "
    "Then I ran a small A/B test on five percent of traffic and monitored the error rates. "
    "I found that the model overpriced rural orders, so I added a guardrail and retrained it. "
    "As a result, the relaunch cut pricing errors by 18% and lifted conversion by 4%. "
    "It taught me that as the owner of a model I own its outcome, which is why ownership "
    "matters so much to me."
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with the user's own questions, a company and one broken file."""
    root = tmp_path / "home"
    (root / "questions").mkdir(parents=True)
    (root / "companies").mkdir()
    (root / "questions" / "mine.toml").write_text(QUESTIONS_TOML)
    (root / "questions" / "zz-broken.toml").write_text(BROKEN_TOML)
    (root / "companies" / "acme.toml").write_text(COMPANY_TOML)
    monkeypatch.setenv("MICDROP_HOME", str(root))
    return root


@pytest.fixture
def story_txt(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text(STORY)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def analyze_json(capsys, path: Path, *options: str) -> dict:
    code, out, err = run(capsys, "analyze", str(path), "--json", *options)
    assert code == 0, err
    return json.loads(out)  # the whole of stdout is exactly one JSON object


def test_json_has_every_contract_field_with_its_type(home, story_txt, capsys) -> None:
    data = analyze_json(capsys, story_txt, "--question-id", "test-failed-launch",
                        "--company", "acme labs")
    assert data["schema"] == "micdrop.analysis/1"
    assert data["kind"] == "story"
    assert data["question"] == "Tell me about a time a launch you owned went wrong."
    assert data["company"] == "Acme Labs"
    assert isinstance(data["duration_s"], float) and data["duration_s"] > 30
    assert data["timing_estimated"] is True
    assert data["transcript"] == " ".join(STORY.split())
    for sentence in data["sentences"]:
        assert set(sentence) >= {"text", "start_s", "end_s", "part"}
        assert sentence["part"] in STORY_PARTS
        assert sentence["start_s"] <= sentence["end_s"]
    for part in data["parts"]:
        assert set(part) >= {"part", "start_s", "end_s", "duration_s"}
    assert set(data["missing_parts"]) <= STORY_PARTS - {"other"}
    assert data["timing"] == {**data["timing"], "target_min_s": 90, "target_max_s": 120}
    assert data["timing"]["verdict"] in {"too_short", "on_target", "too_long"}
    delivery = data["delivery"]
    for key in ("wpm", "fillers_per_min", "thinking_time_s"):
        assert isinstance(delivery[key], int | float)
    for key in ("fillers", "long_pauses", "i_count", "we_count"):
        assert isinstance(delivery[key], int)
    assert delivery["i_count"] > delivery["we_count"]
    content = data["content"]
    assert {"18%", "4%"} <= set(content["quantified"])
    assert isinstance(content["values_linked"], list)
    assert content["repeat"] in {"paraphrase", "verbatim", "absent"}
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100
    assert data["tips"] and all(isinstance(t, str) and t for t in data["tips"])
    assert isinstance(data["follow_up"], str) and data["follow_up"]


def test_sentences_are_ordered_substrings_covering_the_transcript(home, story_txt,
                                                                  capsys) -> None:
    data = analyze_json(capsys, story_txt, "--question-id", "test-failed-launch")
    transcript, position = data["transcript"], 0
    for sentence in data["sentences"]:
        found = transcript.find(sentence["text"], position)
        assert found >= position, sentence["text"]
        position = found + len(sentence["text"])
    words = [w for s in data["sentences"] for w in s["text"].split()]
    assert words == transcript.split()


def test_parts_are_the_maximal_runs_of_sentence_parts(home, story_txt, capsys) -> None:
    data = analyze_json(capsys, story_txt, "--question-id", "test-failed-launch")
    runs = [list(group) for _, group in groupby(data["sentences"], key=lambda s: s["part"])]
    assert [p["part"] for p in data["parts"]] == [run[0]["part"] for run in runs]
    for part, run_ in zip(data["parts"], runs, strict=True):
        assert part["start_s"] == pytest.approx(run_[0]["start_s"])
        assert part["end_s"] == pytest.approx(run_[-1]["end_s"])
        assert part["duration_s"] == pytest.approx(part["end_s"] - part["start_s"], abs=0.01)
    assert "action" in {p["part"] for p in data["parts"]}


def test_kind_overrides_the_question_kind(home, story_txt, capsys) -> None:
    data = analyze_json(capsys, story_txt, "--question-id", "test-failed-launch",
                        "--kind", "background")
    assert data["kind"] == "background"
    assert {s["part"] for s in data["sentences"]} <= BACKGROUND_PARTS
    assert (data["timing"]["target_min_s"], data["timing"]["target_max_s"]) == (60, 90)


def test_kind_defaults_to_the_question_kind(home, story_txt, capsys) -> None:
    data = analyze_json(capsys, story_txt, "--question-id", "test-background")
    assert data["kind"] == "background"


def test_free_text_question_defaults_to_story(home, story_txt, capsys) -> None:
    data = analyze_json(capsys, story_txt, "--question", "Describe a failure you learned from.")
    assert (data["kind"], data["question"]) == ("story", "Describe a failure you learned from.")
    assert data["company"] is None


def test_text_report_without_json(home, story_txt, capsys) -> None:
    code, out, _ = run(capsys, "analyze", str(story_txt), "--question-id", "test-failed-launch")
    assert code == 0
    assert "Score: " in out and "/100" in out
    assert "target 90–120 s" in out and "estimated from text" in out
    assert "Parts:" in out and "action" in out
    assert "Tips:" in out and "Follow-up: " in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def _assert_one_line_error(code: int, out: str, err: str, expected_code: int) -> None:
    assert code == expected_code
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith("micdrop: ")


def test_unknown_question_id_lists_the_known_ones(home, story_txt, capsys) -> None:
    code, out, err = run(capsys, "analyze", str(story_txt), "--question-id", "nope", "--json")
    _assert_one_line_error(code, out, err, 2)
    assert "unknown question id 'nope'" in err
    assert "test-failed-launch" in err and "test-background" in err


def test_unknown_company_lists_the_known_ones(home, story_txt, capsys) -> None:
    code, out, err = run(capsys, "analyze", str(story_txt), "--company", "Initech", "--json")
    _assert_one_line_error(code, out, err, 2)
    assert "unknown company 'Initech'" in err and "Acme Labs (acme)" in err


def test_unknown_kind_is_a_usage_error(home, story_txt, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["analyze", str(story_txt), "--kind", "saga"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'saga'" in err and "background" in err and "story" in err


def test_missing_file_is_a_usage_error(home, tmp_path, capsys) -> None:
    code, out, err = run(capsys, "analyze", str(tmp_path / "gone.wav"), "--json")
    _assert_one_line_error(code, out, err, 2)
    assert "gone.wav: no such file" in err


def test_unsupported_file_type_names_the_supported_ones(home, tmp_path, capsys) -> None:
    path = tmp_path / "answer.docx"
    path.write_text("hello")
    code, out, err = run(capsys, "analyze", str(path))
    _assert_one_line_error(code, out, err, 2)
    assert "unsupported file type .docx" in err and "wav, flac, mp3, m4a, ogg, txt" in err


@pytest.mark.parametrize("text", ["  \n", "", "😀 🎉🎉 👍\n", "🙂 — … ✨"])
def test_empty_or_emoji_only_text_has_nothing_to_score(home, tmp_path, capsys, text) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "analyze", str(path), "--json")
    _assert_one_line_error(code, out, err, 1)
    assert "nothing to score" in err and "no words" in err


def test_binary_text_file_asks_for_utf8(home, tmp_path, capsys) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(b"\xff\xfe\x00garbage\xff")
    code, out, err = run(capsys, "analyze", str(path))
    _assert_one_line_error(code, out, err, 1)
    assert "not UTF-8" in err


def test_questions_of_one_kind_as_json(home, capsys) -> None:
    code, out, _ = run(capsys, "questions", "--kind", "background", "--json")
    assert code == 0
    questions = json.loads(out)
    assert questions and {q["kind"] for q in questions} == {"background"}
    mine = next(q for q in questions if q["id"] == "test-background")
    assert mine["text"] == "Walk me through your background and why this role."
    assert "test-failed-launch" not in {q["id"] for q in questions}


def test_questions_text_listing_and_bank_warnings(home, capsys) -> None:
    code, out, err = run(capsys, "questions")
    assert code == 0
    assert "test-failed-launch" in out and "test-background" in out
    assert "warning" in err and "zz-broken.toml" in err and "kind" in err
    assert "test-broken" not in out


def test_companies_as_json(home, capsys) -> None:
    code, out, _ = run(capsys, "companies", "--json")
    assert code == 0
    acme = next(c for c in json.loads(out) if c["id"] == "acme")
    assert acme["name"] == "Acme Labs"
    assert acme["values"][0]["name"] == "Own the outcome"
    assert acme["values"][0]["keywords"] == ["owner", "ownership"]


def test_no_arguments_starts_the_window(monkeypatch) -> None:
    calls: list[str] = []
    fake_app = types.ModuleType("desktop.app")
    fake_app.main = lambda: calls.append("gui") or 7
    monkeypatch.setitem(sys.modules, "desktop.app", fake_app)
    assert main([]) == 7
    assert calls == ["gui"]


def test_console_script_prints_one_json_object_and_no_qt(home, story_txt) -> None:
    """The installed `micdrop` command, in a fresh process: JSON only on stdout, no Qt."""
    script = Path(sys.executable).with_name("micdrop")
    done = subprocess.run(
        [str(script), "analyze", str(story_txt), "--json", "--question-id",
         "test-failed-launch"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["kind"] == "story"
    check = ("import sys; from desktop.cli import main; main(['companies']); "
             "sys.exit('PySide6' in sys.modules)")
    probe = subprocess.run([sys.executable, "-c", check], capture_output=True, timeout=60,
                           check=False)
    assert probe.returncode == 0
    as_module = subprocess.run([sys.executable, "-m", "desktop", "companies", "--json"],
                               capture_output=True, text=True, timeout=60, check=False)
    assert "acme" in {c["id"] for c in json.loads(as_module.stdout)}


def test_rehearse_unknown_question_fails_before_touching_devices(home, capsys) -> None:
    code, out, err = run(capsys, "rehearse", "--question-id", "nope", "--no-speak")
    _assert_one_line_error(code, out, err, 2)
    assert "test-failed-launch" in err


def test_rehearse_rejects_a_non_positive_time_limit(home, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["rehearse", "--max-seconds", "0"])
    assert exit_.value.code == 2
    assert "expected a positive number of seconds" in capsys.readouterr().err


def test_random_question_is_of_the_asked_kind(home) -> None:
    bank = load_user_bank()
    rng = random.Random(3)
    picked = {pick_question(bank, None, "background", rng).id for _ in range(30)}
    kinds = {bank.question(qid).kind for qid in picked}
    assert kinds == {"background"} and len(picked) > 1
    assert pick_question(bank, None, None, rng).kind == "story"
    assert pick_question(bank, "test-failed-launch", "background").kind == "background"


def test_no_question_of_a_kind_says_where_to_add_some(home, capsys) -> None:
    bank = Bank(questions=(), companies=())
    with pytest.raises(CliError, match="no background questions; add some under"):
        pick_question(bank, None, "background")


class _MissingModel:
    """Stands in for a Transcriber whose model folder is gone."""

    def transcribe_file(self, path: Path):
        raise ModelNotFound("The speech model is not on disk. Reinstall MicDrop.")


def test_missing_model_is_one_clear_line(home, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(audio.transcribe, "Transcriber", _MissingModel)
    wav = tmp_path / "answer.wav"
    wav.write_bytes(b"RIFF")
    code, out, err = run(capsys, "analyze", str(wav), "--json")
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert err.splitlines()[-1] == ("micdrop: The speech model is not on disk. "
                                    "Reinstall MicDrop.")


def test_history_lists_saved_attempts(home, capsys) -> None:
    with Store(database_path()) as store:
        first = store.add_attempt("test-failed-launch", "Q?", "story", "Acme Labs",
                                  home / "recordings" / "a.wav", {"score": 64}, 64, 95.5)
        store.add_attempt("test-background", "B?", "background", None, None, {"score": 80},
                          80, 70.0)
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert f"#{first}" in out and "64/100" in out and "(Acme Labs)" in out
    assert "test-background" in out
    code, out, _ = run(capsys, "history", "--question-id", "test-failed-launch", "--json")
    [attempt] = json.loads(out)
    assert attempt["id"] == first and attempt["analysis"] == {"score": 64}
    assert attempt["wav_path"] == str(home / "recordings" / "a.wav")
    assert attempt["duration_s"] == 95.5 and attempt["company"] == "Acme Labs"
