"""`micdrop rehearse` under faults, through real sound: a take killed mid-answer is offered and
recovered with its question by the next `micdrop rehearse`, and a sound server that dies
mid-answer ends the take within seconds, keeping and scoring what was recorded."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.store import Store

pytestmark = pytest.mark.slow

KILLED_ID = "failure-learned"
KILLED_TEXT = "Tell me about a time you failed. What happened and what did you learn?"
ANSWER = (
    "Just to be clear, you want to hear about a failure. Last year I owned a pricing model "
    "launch. I skipped a holdout test and the model overpriced rural orders. I rolled it "
    "back, fixed the data, and ran an A B test. Errors fell by eighteen percent."
)
MICDROP = str(Path(sys.executable).with_name("micdrop"))


class Lines:
    """A process's stderr, read as it comes, with the time each line arrived."""

    def __init__(self, stream) -> None:
        self.lines: list[tuple[float, str]] = []
        self._new = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            with self._new:
                self.lines.append((time.monotonic(), line))
                self._new.notify_all()

    def wait_for(self, marker: str, timeout: float) -> float | None:
        """When the first line holding `marker` arrived; None if not within `timeout`."""
        deadline = time.monotonic() + timeout
        with self._new:
            while True:
                for when, line in self.lines:
                    if marker in line:
                        return when
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._new.wait(left)

    @property
    def text(self) -> str:
        self._thread.join(timeout=5)
        return "".join(line for _, line in self.lines)


def start_rehearsal(env: dict[str, str], question_id: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [MICDROP, "rehearse", "--question-id", question_id, "--no-speak", *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env,
    )


def test_a_terminal_take_killed_mid_answer_is_recovered_with_its_question(
        virtual_mic, espeak_wav, tmp_path) -> None:
    home = tmp_path / "home"
    env = {**virtual_mic.env, "MICDROP_HOME": str(home)}
    answer = espeak_wav(ANSWER, "answer.wav")
    first = start_rehearsal(env, KILLED_ID, "--max-seconds", "60", "--silence-seconds", "10")
    try:
        err = Lines(first.stderr)
        assert err.wait_for("Recording:", timeout=120) is not None, err.text
        player = virtual_mic.play(answer)
        time.sleep(7.0)  # well into the answer
        first.send_signal(signal.SIGKILL)  # no cleanup, no final header, marker left behind
        first.wait(timeout=10)
        player.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    [killed] = (home / "recordings").glob("*.wav")

    # The next rehearsal (another question) offers it first; "y", then Enter ends its take.
    second = subprocess.run(
        [MICDROP, "rehearse", "--question-id", "why-this-role", "--no-speak",
         "--max-seconds", "30"],
        input="y\n\n", capture_output=True, text=True, env=env, timeout=240, check=False,
    )
    out, err_text = second.stdout, second.stderr
    assert "Recover 1 interrupted recording(s)? [Y/n]" in err_text, err_text
    assert f"Recovered {killed.name} as attempt #1 (“{KILLED_TEXT}”" in out, out + err_text
    assert "Score: " in out and "Delivery:" in out  # its feedback, printed
    assert out.index("Score: ") < out.index("Why this role, and why now?")  # before asking
    assert "Traceback" not in err_text
    with Store(home / "micdrop.sqlite3") as store:
        [attempt] = store.attempts()
    assert attempt.question_id == KILLED_ID and attempt.question_text == KILLED_TEXT
    assert attempt.wav_path == killed
    assert "pricing" in attempt.analysis["transcript"].lower()
    assert not killed.with_name(killed.name + ".recording").exists()


def test_a_sound_server_dying_mid_answer_ends_the_take_within_seconds(
        private_pulse, espeak_wav, tmp_path) -> None:
    mic = private_pulse.start()
    home = tmp_path / "home"
    env = {**mic.env, "MICDROP_HOME": str(home)}
    answer = espeak_wav(ANSWER, "answer.wav")
    app = start_rehearsal(env, KILLED_ID, "--max-seconds", "150", "--silence-seconds", "10")
    try:
        err = Lines(app.stderr)
        assert err.wait_for("Recording:", timeout=120) is not None, err.text
        mic.play(answer)
        time.sleep(5.0)
        private_pulse.kill()
        died = time.monotonic()
        stopped = err.wait_for("Stopped:", timeout=20)
        out = app.stdout.read()
        code = app.wait(timeout=120)
    finally:
        if app.poll() is None:
            app.kill()
    text = err.text
    assert stopped is not None, text
    # Reported for the record: the machine's load moves it by a fraction of a second.
    print(f"take ended {stopped - died:.2f} s after the sound server died")
    # Blocks stop at once; the recorder calls the input dead after 2.5 s without any.
    assert stopped - died <= 6.0, (stopped - died, text)
    assert "Stopped: the microphone stopped sending audio" in text
    assert "What you said until then is kept and scored below." in text
    assert "Traceback" not in text
    assert code == 0, text
    assert "Score: " in out
    with Store(home / "micdrop.sqlite3") as store:
        [attempt] = store.attempts()
    assert attempt.question_id == KILLED_ID
    assert "failure" in attempt.analysis["transcript"].lower()
    assert 3.0 <= attempt.duration_s <= 12.0
