"""A data folder MicDrop cannot write (read-only, no permission, or impossible to create) is a
message that names the folder and says what to do; every command runs what it still can.

Root ignores permission bits, so "read-only" is a real read-only mount here, and "no
permission" runs the command with the capabilities that let root ignore them dropped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from desktop import cli
from desktop import rehearse as session
from scoring import Transcript

REPO = Path(__file__).resolve().parents[2]
MY_QUESTION = """
[[questions]]
id = "my-own-question"
text = "Tell me about a time you changed your mind."
kind = "story"
"""
STORY = ("Last year I led the pricing team. My task was to fix a model that overpriced rural "
         "orders. I rebuilt the validation set and ran an A/B test. Errors fell by 18%.")
AS_PLAIN_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _user_files(folder: Path) -> None:
    (folder / "questions").mkdir(parents=True)
    (folder / "questions" / "mine.toml").write_text(MY_QUESTION, encoding="utf-8")


def _mount_read_only(source: Path, target: Path) -> bool:
    """Bind `source` on `target`, read-only: the folder as the user left it, unwritable."""
    target.mkdir()
    if subprocess.run(["mount", "--bind", str(source), str(target)],
                      capture_output=True).returncode != 0:
        return False
    if subprocess.run(["mount", "-o", "remount,ro,bind", str(target)],
                      capture_output=True).returncode != 0:
        subprocess.run(["umount", str(target)])
        return False
    return True


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[Path]:
    """A data folder holding the user's questions, on a read-only mount (as root) or with
    mode 0500 (as anyone else, for whom the bits count)."""
    source, home = tmp_path / "source", tmp_path / "home"
    _user_files(source)
    if os.geteuid() != 0:
        shutil.copytree(source, home)
        home.chmod(0o500)
        yield home
        home.chmod(0o700)
        return
    if not _mount_read_only(source, home):
        pytest.skip("cannot mount a read-only folder here")
    try:
        yield home
    finally:
        subprocess.run(["umount", str(home)], check=True)


def _respecting_permissions() -> list[str]:
    """The command prefix under which permission bits apply: none for a normal user; for
    root, setpriv without the capabilities that override them (skipped if unavailable)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None or subprocess.run(
            [*AS_PLAIN_USER, "true"], capture_output=True).returncode != 0:
        pytest.skip("needs setpriv to run as root without overriding permissions")
    return AS_PLAIN_USER


@pytest.fixture
def no_permission_home(tmp_path: Path) -> tuple[Path, list[str]]:
    """A data folder with mode 0500 and the command prefix that makes root respect it."""
    home = tmp_path / "home"
    _user_files(home)
    home.chmod(0o500)
    return home, _respecting_permissions()


@pytest.fixture(params=["under-a-file", "in-proc"])
def uncreatable_home(request, tmp_path: Path) -> Path:
    if request.param == "in-proc":
        if not Path("/proc/self").exists():
            pytest.skip("no /proc")
        return Path("/proc/micdrop-test")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker / "micdrop"


def micdrop(home: Path, *argv: str, prefix: list[str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "MICDROP_HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.run([*(prefix or []), sys.executable, "-m", "desktop", *argv],
                          capture_output=True, text=True, env=env, timeout=120,
                          stdin=subprocess.DEVNULL, cwd=cwd)


def _check_all_commands(home: Path, tmp_path: Path, prefix: list[str] | None = None,
                        own_questions: bool = True) -> None:
    def run(*argv: str) -> subprocess.CompletedProcess:
        done = micdrop(home, *argv, prefix=prefix, cwd=tmp_path)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    listed = run("questions")
    assert listed.returncode == 0
    assert "disagreement-with-manager" in listed.stdout or len(listed.stdout.splitlines()) >= 10
    assert ("my-own-question" in listed.stdout) == own_questions

    answer = tmp_path / "answer.txt"
    answer.write_text(STORY, encoding="utf-8")
    analyzed = run("analyze", str(answer), "--json")
    assert analyzed.returncode == 0
    assert json.loads(analyzed.stdout)["schema"] == "micdrop.analysis/1"

    # Spoken, as by default: the speech cache in the data folder crashed this before.
    rehearsal = run("rehearse", "--question-id", "my-own-question"
                    if own_questions else "disagreement-with-manager")
    assert rehearsal.returncode == 1
    assert "Question (" not in rehearsal.stdout  # refused before the question is asked
    [line] = rehearsal.stderr.strip().splitlines()
    assert "could not be recorded" in line and str(home) in line and "MICDROP_HOME" in line

    history = run("history")
    assert (history.returncode, history.stdout) == (1, "")
    [line] = history.stderr.strip().splitlines()
    assert "history cannot be opened" in line and str(home) in line and "MICDROP_HOME" in line


def test_a_read_only_home_is_a_message_and_reading_commands_work(read_only_home, tmp_path):
    _check_all_commands(read_only_home, tmp_path)
    assert "read-only file system" in micdrop(read_only_home, "history").stderr or (
        os.geteuid() != 0)


def test_a_home_without_write_permission_is_a_message(no_permission_home, tmp_path):
    home, prefix = no_permission_home
    try:
        _check_all_commands(home, tmp_path, prefix)
        assert "permission denied" in micdrop(home, "history", prefix=prefix).stderr
    finally:
        home.chmod(0o700)


def test_an_uncreatable_home_is_a_message(uncreatable_home, tmp_path):
    _check_all_commands(uncreatable_home, tmp_path, own_questions=False)


def test_an_unreadable_questions_folder_is_a_warning(tmp_path):
    home = tmp_path / "home"
    _user_files(home)
    (home / "questions").chmod(0)
    prefix = _respecting_permissions()
    try:
        done = micdrop(home, "questions", prefix=prefix)
    finally:
        (home / "questions").chmod(0o700)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert len(done.stdout.splitlines()) >= 10
    assert f"skipped {home / 'questions'}" in done.stderr and "permission denied" in done.stderr


# --- rehearse when only the database is unusable ------------------------------------------

class _Recorder:
    """Half a second of tone as the microphone, written to a real file."""

    def start(self, path: Path, on_level=None, on_block=None, on_problem=None) -> None:
        self.path = path
        block = (0.2 * np.sin(np.arange(1600) / 3)).astype(np.float32)
        for _ in range(5):
            on_block(block)
        path.write_bytes(b"RIFF")

    def stop(self) -> Path:
        return self.path


class _Streamer:
    def feed(self, block) -> None:
        pass

    def finish(self, duration_s: float) -> Transcript:
        return Transcript.from_text(STORY)


def test_rehearse_with_an_unusable_database_gives_feedback_and_says_it_was_not_saved(
        tmp_path, monkeypatch, capsys) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "micdrop.sqlite3").write_bytes(b"somebody else's file" * 50)
    monkeypatch.setenv("MICDROP_HOME", str(home))
    monkeypatch.setattr(session, "real_devices",
                        lambda speak, settings: session.Devices(_Recorder(), _Streamer()))
    monkeypatch.setattr(session.StopRules, "for_kind",
                        classmethod(lambda cls, *a: cls(max_seconds=0.3, silence_seconds=0.1)))
    code = cli.main(["rehearse", "--no-speak", "--question-id", "disagreement-with-manager"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Question (" in out and "/100" in out  # asked, answered, and scored
    assert "This attempt will not be saved" in err
    assert err.strip().splitlines()[-1].startswith("micdrop: The attempt was not saved")
    [wav] = (home / "recordings").iterdir()
    assert f"The recording is kept at {wav}" in err
    assert (home / "micdrop.sqlite3").read_bytes() == b"somebody else's file" * 50


# --- the window -----------------------------------------------------------------------------

class _QuietTranscriber:
    def load(self) -> None:
        pass


class _Player:
    def __init__(self) -> None:
        self.played: list[Path] = []

    def play(self, path: Path, start_s: float = 0.0) -> None:
        self.played.append(Path(path))

    def stop(self) -> None:
        pass


@pytest.mark.parametrize("kind", ["read-only", "uncreatable"])
def test_the_window_starts_says_why_and_still_asks_questions(qtbot, request, tmp_path,
                                                              monkeypatch, kind) -> None:
    """The real device factories (speaker, recorder) over an unwritable home; only the model
    and the sound output are stand-ins, so the test needs no sound card."""
    from PySide6.QtCore import Qt

    from desktop import app, window_devices

    if kind == "read-only":
        home = request.getfixturevalue("read_only_home")
    else:
        (tmp_path / "a-file").write_text("not a folder")
        home = tmp_path / "a-file" / "micdrop"
    monkeypatch.setenv("MICDROP_HOME", str(home))
    player = _Player()
    monkeypatch.setattr(app, "real_devices", lambda: replace(
        window_devices.real_devices(), transcriber=lambda _s: _QuietTranscriber(),
        player=lambda _s: player, find_unfinished=lambda _folder: []))

    window, store = app.open_window()
    qtbot.addWidget(window)
    window.show()
    assert store is None
    notice = window.feedback.message_label
    assert notice.isVisibleTo(window)
    assert str(home) in notice.text() and "MICDROP_HOME" in notice.text()

    window.picker.select_question("disagreement-with-manager")  # still asked, and spoken
    assert "disagree" in window.card.question_text().lower()
    qtbot.waitUntil(lambda: bool(player.played) or window.card.notice_label.isVisibleTo(window),
                    timeout=60_000)
    if shutil.which("espeak-ng"):  # spoken from a private temporary folder instead
        assert player.played and home not in player.played[0].parents
        assert player.played[0].exists()

    qtbot.waitUntil(lambda: not window.workers.busy(), timeout=60_000)
    qtbot.mouseClick(window.controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is None
    assert str(home) in notice.text() and "MICDROP_HOME" in notice.text()
    assert window.controls.record_button.isEnabled()
