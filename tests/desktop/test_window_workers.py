"""Background jobs: results come back on the GUI thread, failures too, and attempts save."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from desktop.store import Store
from desktop.workers import Workers, analyze_attempt
from question_bank.model import Question
from scoring.transcript import Transcript

QUESTION = Question(id="q1", text="Tell me about a time you failed.", kind="story")
ANSWER = "I shipped a model too early. I added monitoring and error rates fell by 30%."


def test_results_and_errors_arrive_on_the_gui_thread(qtbot):
    busy: list[bool] = []
    workers = Workers(on_busy=busy.append)
    gui = QThread.currentThread()
    seen: list[tuple[str, object, bool]] = []
    worker_threads: list[int] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    def boom() -> None:
        raise ValueError("bad input")

    workers.submit(work, lambda r: seen.append(("done", r, QThread.currentThread() == gui)))
    workers.submit(boom, None, lambda e: seen.append(("error", str(e),
                                                      QThread.currentThread() == gui)))
    qtbot.waitUntil(lambda: len(seen) == 2 and not workers.busy())
    assert sorted(seen) == [("done", 42, True), ("error", "bad input", True)]
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert busy[0] is True and busy[-1] is False


def test_analyze_attempt_saves_and_reports_no_speech(tmp_path):
    store = Store(tmp_path / "a.sqlite3")
    wav = tmp_path / "take.wav"
    outcome = analyze_attempt(lambda: Transcript.from_text(ANSWER), wav, QUESTION, None, store)
    assert outcome.analysis is not None and outcome.save_error is None
    [record] = store.attempts()
    assert record.id == outcome.attempt_id and record.analysis["transcript"] == ANSWER
    silent = analyze_attempt(lambda: Transcript((), 3.0), wav, QUESTION, None, store)
    assert silent.analysis is None and len(store.attempts()) == 1


def test_a_failed_save_still_returns_the_feedback(tmp_path):
    store = Store(tmp_path / "a.sqlite3")
    store.close()  # a closed database refuses writes, like a vanished disk
    outcome = analyze_attempt(lambda: Transcript.from_text(ANSWER), tmp_path / "t.wav",
                              QUESTION, None, store)
    assert outcome.analysis is not None
    assert outcome.attempt_id is None and outcome.save_error
