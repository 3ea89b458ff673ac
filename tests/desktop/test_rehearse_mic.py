"""`micdrop rehearse` through real sound: the question is spoken into the PulseAudio test
sink, an espeak answer is played into the virtual microphone, the recording stops on the
silence after it, and the feedback is printed and saved in MICDROP_HOME."""

from __future__ import annotations

import subprocess
import sys
import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from desktop.store import Store
from scoring.wer import word_error_rate

pytestmark = [pytest.mark.slow, pytest.mark.model]

QUESTION_ID = "failure-learned"
ANSWER = (
    "Just to be clear, you want to hear about a failure. Last year I owned a pricing model "
    "launch. I skipped a holdout test and the model overpriced rural orders. I rolled it "
    "back, fixed the data, and ran an A B test. Errors fell by eighteen percent."
)


class LineWatcher:
    """Collects a process's stderr lines and signals when one contains a marker."""

    def __init__(self, stream, marker: str) -> None:
        self.lines: list[str] = []
        self.seen = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(stream, marker), daemon=True)
        self._thread.start()

    def _read(self, stream, marker: str) -> None:
        for line in stream:
            self.lines.append(line)
            if marker in line:
                self.seen.set()

    @property
    def text(self) -> str:
        self._thread.join(timeout=5)
        return "".join(self.lines)


def _loud_seconds(wav: Path) -> float:
    with wave.open(str(wav)) as f:
        pcm = np.frombuffer(f.readframes(f.getnframes()), "<i2").astype(np.float32) / 32768
        rate, channels = f.getframerate(), f.getnchannels()
    frames = pcm.reshape(-1, channels).mean(axis=1)
    blocks = frames[: len(frames) // (rate // 10) * (rate // 10)].reshape(-1, rate // 10)
    return float((np.sqrt((blocks**2).mean(axis=1)) > 0.01).sum()) / 10


def test_rehearsal_through_the_virtual_microphone(virtual_mic, espeak_wav, tmp_path) -> None:
    answer = espeak_wav(ANSWER, "answer.wav", rate=160)
    home = tmp_path / "home"
    sink_capture = tmp_path / "sink.wav"
    recorder = virtual_mic.record_sink(sink_capture)
    env = {**virtual_mic.env, "MICDROP_HOME": str(home)}
    script = Path(sys.executable).with_name("micdrop")
    app = subprocess.Popen(
        [str(script), "rehearse", "--question-id", QUESTION_ID, "--silence-seconds", "3",
         "--max-seconds", "60"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env,
    )
    try:
        watcher = LineWatcher(app.stderr, "Recording:")
        assert watcher.seen.wait(timeout=90), watcher.text
        recorder.terminate()  # the sink heard the question; the answer comes next
        recorder.wait(timeout=10)
        virtual_mic.play(answer).wait(timeout=60)
        out = app.stdout.read()
        assert app.wait(timeout=90) == 0, watcher.text
    finally:
        for process in (app, recorder):
            if process.poll() is None:
                process.kill()
    err = watcher.text
    assert "Not spoken" not in err
    assert "Stopped: silence after your answer" in err
    assert "Tell me about a time you failed." in out
    for heading in ("Score: ", "Length: ", "too short", "Parts:", "Missing:", "Delivery:",
                    "Tips:", "Follow-up: "):
        assert heading in out, heading
    with Store(home / "micdrop.sqlite3") as store:
        [attempt] = store.attempts()
    assert attempt.question_id == QUESTION_ID
    assert attempt.wav_path.is_file() and attempt.wav_path.parent == home / "recordings"
    # The whole answer, with a margin: one word ("eighteen") hinged on the CPU's kernels.
    assert word_error_rate(ANSWER, attempt.analysis["transcript"]) <= 0.35
    with wave.open(str(attempt.wav_path)) as wav:
        recorded_s = wav.getnframes() / wav.getframerate()
    with wave.open(str(answer)) as wav:
        answer_s = wav.getnframes() / wav.getframerate()
    assert answer_s + 1.5 <= recorded_s <= answer_s + 15  # answer, then the 3 s silence
    # The question was spoken into the sink before recording began (it lasts about 4 s).
    assert _loud_seconds(sink_capture) >= 2.0


def test_no_speech_stops_early_with_a_clear_message(virtual_mic, tmp_path) -> None:
    env = {**virtual_mic.env, "MICDROP_HOME": str(tmp_path / "home")}
    script = Path(sys.executable).with_name("micdrop")
    done = subprocess.run(
        [str(script), "rehearse", "--kind", "background", "--no-speak", "--max-seconds", "40"],
        stdin=subprocess.PIPE, capture_output=True, text=True, env=env, timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Question (background answer" in done.stdout
    assert "No speech heard" in done.stderr
    assert "Traceback" not in done.stderr
    with Store(tmp_path / "home" / "micdrop.sqlite3") as store:
        assert store.attempts() == []
    assert list((tmp_path / "home" / "recordings").glob("*.wav")) == []

