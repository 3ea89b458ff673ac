"""The command line in a fresh process: a reader that stops early, input too large to be one
answer, and text with nothing to score."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from desktop.paths import database_path
from desktop.store import Store
from scoring.limits import MAX_ANSWER_WORDS, MAX_AUDIO_S, MAX_TEXT_BYTES

MANY_QUESTIONS = "".join(
    f'[[questions]]\nid = "pipe-{i}"\ntext = "Tell me about a time you shipped thing {i}."\n'
    'kind = "story"\n\n' for i in range(3000))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A data folder whose question list is far longer than a pipe's buffer (64 KB), so
    `head -1` closes the pipe while micdrop is still writing."""
    home = tmp_path / "home"
    (home / "questions").mkdir(parents=True)
    (home / "questions" / "many.toml").write_text(MANY_QUESTIONS)
    root = str(Path(__file__).resolve().parents[2])
    return {"MICDROP_HOME": str(home), "PYTHONPATH": root, "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path)}


def micdrop(env: dict[str, str], *args: str, timeout: float = 120
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, env=env, timeout=timeout, check=False)


@pytest.mark.parametrize(("args", "head"), [(["questions"], "head -1"),
                                            (["questions", "--json"], "head -c 100")])
def test_piping_into_head_ends_quietly(env, args, head) -> None:
    command = " ".join([sys.executable, "-m", "desktop", *args])
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command} | {head}"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.stdout.count("\n") == (1 if head == "head -1" else 0)
    assert len(done.stdout) <= 200
    assert "BrokenPipeError" not in done.stderr and "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert done.stderr == ""
    assert done.returncode == 141  # what `seq 100000 | head -1` reports under pipefail


def one_line_failure(done: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    lines = [line for line in done.stderr.splitlines() if not line.startswith("micdrop: note")]
    assert len(lines) == 1 and lines[0].startswith("micdrop: "), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


def test_a_huge_text_is_refused_with_the_limit_and_why(env, tmp_path) -> None:
    """A 5 MB text once took 1.1 GB of memory and printed 128 MB of JSON."""
    path = tmp_path / "huge.txt"
    sentence = "I rebuilt the pipeline and cut latency by forty percent. "
    path.write_text(sentence * (5_000_000 // len(sentence)))
    done = micdrop(env, "analyze", str(path), "--json")
    line = one_line_failure(done)
    assert "5.0 MB" in line and f"{MAX_TEXT_BYTES // 1000} KB" in line
    assert "one interview answer" in line and "Split it" in line


def test_too_many_words_in_a_small_file_are_refused(env, tmp_path) -> None:
    path = tmp_path / "dense.txt"
    path.write_text("a " * (MAX_ANSWER_WORDS + 10))
    assert path.stat().st_size < MAX_TEXT_BYTES
    line = one_line_failure(micdrop(env, "analyze", str(path), "--json"))
    assert f"{MAX_ANSWER_WORDS + 10:,} words" in line and f"{MAX_ANSWER_WORDS:,}" in line


def test_a_recording_longer_than_the_limit_is_refused_before_transcribing(env,
                                                                         tmp_path) -> None:
    path = tmp_path / "long.wav"
    with wave.open(str(path), "wb") as out:  # 8 kHz 8-bit keeps the file small
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80" * (8000 * (MAX_AUDIO_S + 60)))
    line = one_line_failure(micdrop(env, "analyze", str(path), "--json", timeout=60))
    assert "16 minutes long" in line and f"{MAX_AUDIO_S // 60} minutes of audio" in line
    assert "Transcribing" not in line


@pytest.mark.parametrize("text", ["😀🎉 👍👍\n", "   \n\t\n"])
def test_emoji_only_or_blank_text_says_there_is_nothing_to_score(env, tmp_path, text) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(text, encoding="utf-8")
    line = one_line_failure(micdrop(env, "analyze", str(path), "--json"))
    assert "nothing to score" in line


def test_an_answer_of_a_normal_size_still_prints_one_json_object(env, tmp_path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text("I cut latency by 40% and saved 2 million dollars. 🎉")
    done = micdrop(env, "analyze", str(path), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["content"]["quantified"]


def test_history_lists_the_answers_time_not_the_recordings(env, monkeypatch) -> None:
    monkeypatch.setenv("MICDROP_HOME", env["MICDROP_HOME"])
    with Store(database_path()) as store:
        store.add_attempt("pipe-1", "Q?", "story", None, None, {"answer_s": 88.4}, 64, 101.5)
    done = micdrop(env, "history")
    assert done.returncode == 0, done.stderr
    assert "  88 s  pipe-1" in done.stdout and "101" not in done.stdout
