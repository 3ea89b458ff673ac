"""`micdrop report`, `backup` and `restore` as a user runs them, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from desktop.store import Store
from question_bank.model import Question
from scoring import Transcript, analyze

QUESTION = Question(id="q", text="Tell me about a time you failed.", kind="story")


def _micdrop(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MICDROP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "desktop", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    root = tmp_path / "home"
    root.mkdir()
    with Store(root / "micdrop.sqlite3") as store:
        for text in ("I shipped the model late and we lost a week.",
                     "I cut latency by 40% by caching the features."):
            a = analyze(Transcript.from_text(text), QUESTION, None)
            store.add_attempt("q", QUESTION.text, "story", None, None, a.to_dict(), a.score,
                              a.duration_s)
    return root


def test_report_writes_each_format(home: Path, tmp_path: Path):
    for name in ("r.md", "r.html", "r.json", "r.pdf"):
        done = _micdrop(home, "report", "1", "2", "-o", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).stat().st_size > 500
    assert json.loads((tmp_path / "r.json").read_text())["schema"] == "micdrop.report/1"
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "caching the features" in unicodedata.normalize("NFKC", text)


def test_report_of_an_unknown_attempt_is_one_plain_line(home: Path, tmp_path: Path):
    done = _micdrop(home, "report", "7", "-o", str(tmp_path / "r.md"))
    assert done.returncode == 1
    assert done.stderr.strip() == ("micdrop: No attempt with id 7: `micdrop history` lists "
                                   "the saved attempts.")
    assert not (tmp_path / "r.md").exists()


def test_backup_then_restore_on_another_home(home: Path, tmp_path: Path):
    archive = tmp_path / "b.zip"
    assert _micdrop(home, "backup", str(archive)).returncode == 0
    other = tmp_path / "other"
    other.mkdir()
    done = _micdrop(other, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Restored 2 attempts" in done.stdout
    listed = _micdrop(other, "history", "--json")
    assert [a["score"] for a in json.loads(listed.stdout)] == [
        a.score for a in Store(home / "micdrop.sqlite3").attempts()]
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("hello.txt", "hi")
    refused = _micdrop(other, "restore", str(bad))
    assert refused.returncode == 1 and "not a MicDrop backup" in refused.stderr
    assert "Traceback" not in refused.stderr
