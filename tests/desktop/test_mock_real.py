"""A two-question mock interview with the real parts: questions and follow-ups spoken by the
real voice into the PulseAudio virtual sink, espeak answers played into the virtual
microphone, the real recorder, streaming Whisper (bundled tiny.en), scoring and SQLite.

Set MICDROP_SCREENSHOT_DIR=folder to also save the screen during an answer
(mock-interview.png) and the summary (mock-summary.png) at 1280x800.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from audio.files import load_audio
from desktop import paths
from desktop.interview_store import InterviewStore
from desktop.mock_interview import Phase
from desktop.rehearse import StopReason
from desktop.settings import Settings
from desktop.store import Store
from desktop.views.mock_view import MockInterviewView
from desktop.widgets.theme import STYLE
from desktop.window_devices import real_devices
from desktop.workers import Workers
from question_bank import load_bank

ANSWERS = (
    "I am a data scientist with five years in retail analytics. Now I build demand "
    "forecasts, and I want to bring that to your marketplace.",
    "I would start with the pricing team, because their forecasts drive the revenue.",
    "Last year I owned a churn model that missed its launch by two weeks. I added tests and "
    "monitoring to the pipeline. Errors fell by forty percent.",
    "Next time I would run the data checks first and tell the team sooner.",
)
SCREENSHOT_ENV = "MICDROP_SCREENSHOT_DIR"


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


@pytest.mark.slow
@pytest.mark.model
def test_a_two_question_mock_interview_with_a_spoken_follow_up(
        qtbot, virtual_mic, espeak_wav, tmp_path, monkeypatch):
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    answers = [espeak_wav(text, f"answer{n}.wav", rate=170) for n, text in enumerate(ANSWERS)]
    bank = load_bank(paths.data_dir())
    store = Store(paths.database_path())
    devices = real_devices()
    transcriber = devices.transcriber(Settings())
    transcriber.load()
    workers = Workers()
    view = MockInterviewView(devices, Settings, lambda: transcriber, bank, store, workers,
                             lambda _text: None, company=lambda: bank.company("doordash"),
                             silence_s=3.0)
    qtbot.addWidget(view)
    view.setStyleSheet(STYLE)
    view.resize(1280, 800)
    view.show()
    interview = view.interview
    view.length.setValue(1)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)

    def answer(n: int, stop: bool = True) -> None:
        qtbot.waitUntil(lambda: interview.phase is Phase.RECORDING, timeout=60_000)
        speaking = virtual_mic.play(answers[n])
        if n == 2 and os.environ.get(SCREENSHOT_ENV):
            qtbot.wait(4000)
            view.grab().save(str(Path(os.environ[SCREENSHOT_ENV]) / "mock-interview.png"))
        qtbot.waitUntil(lambda: speaking.poll() is not None, timeout=60_000)
        if stop:
            qtbot.wait(700)  # the tail of the answer reaches the recorder
            qtbot.mouseClick(view.stop_answer_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: interview.phase is not Phase.RECORDING, timeout=30_000)

    answer(0)
    # The follow-up is read aloud into the sink: capture exactly its playback.
    qtbot.waitUntil(lambda: interview.phase is Phase.SPEAKING and interview.step.follow_up,
                    timeout=60_000)
    captured = tmp_path / "follow_up_heard.wav"
    capture = virtual_mic.record_sink(captured)
    follow_up = interview.step.question.text
    answer(1, stop=False)  # this one ends on its own, after the silence that follows it
    assert interview.stop_reason is StopReason.SILENCE
    capture.send_signal(signal.SIGINT)
    capture.wait(10)
    heard = load_audio(captured)
    loud = np.abs(heard) > 0.02
    assert loud.sum() / 16_000 > 0.8, "the follow-up was not played into the sink"
    spoken_back = transcriber.transcribe_file(captured).text
    assert len(words(follow_up) & words(spoken_back)) >= len(words(follow_up)) // 2, (
        follow_up, spoken_back)
    answer(2)
    answer(3)
    qtbot.waitUntil(lambda: interview.phase is Phase.DONE, timeout=60_000)

    assert view.pages.currentWidget() is view.summary_page
    rows = view.summary_page.rows()
    assert len(rows) == 4 and all(r[1].isdigit() for r in rows)
    assert rows[1][0] == f"↳ Follow-up: {follow_up}"
    saved = InterviewStore(store).answers(interview.interview_id)
    assert [follows for _, follows in saved] == [None, saved[0][0].id, None, saved[2][0].id]
    assert saved[1][0].question_text == follow_up
    # Recording starts after the voice ends: the question is not heard as part of the answer.
    question_only = words(follow_up) - words(" ".join(ANSWERS)) - {"you", "your", "a", "the"}
    assert not question_only & words(saved[1][0].analysis["transcript"]), question_only
    assert len(words(ANSWERS[2]) & words(saved[2][0].analysis["transcript"])) >= 10
    assert all(r.wav_path.exists() for r, _ in saved)
    assert InterviewStore(store).unfinished() == []
    if os.environ.get(SCREENSHOT_ENV):
        qtbot.wait(300)
        view.grab().save(str(Path(os.environ[SCREENSHOT_ENV]) / "mock-summary.png"))
    workers.wait_all()
    store.close()
