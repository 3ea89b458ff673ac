"""The mock interview's state machine with fake devices and a real store and workers."""

from __future__ import annotations

import pytest

from audio.errors import MicrophoneError
from desktop.interview_store import InterviewStore
from desktop.mock_interview import MockInterview, Phase
from desktop.rehearse import StopReason
from desktop.settings import Settings
from desktop.store import Store, StoreError
from desktop.workers import Workers
from scoring.interview_plan import InterviewPlan, PlannedQuestion
from tests.desktop.mock_fakes import ACME, BANK, Rig

PLAN = InterviewPlan("Acme", (PlannedQuestion("bg", "background", ("background",)),
                              PlannedQuestion("fail", "story", ("failure",), "Grit")))


@pytest.fixture
def rig(tmp_path, monkeypatch):
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    return Rig(tmp_path)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "attempts.sqlite3") as opened:
        yield opened


@pytest.fixture
def made():
    """Interviews made by a test, paused and their jobs waited for at its end."""
    made: list[MockInterview] = []
    yield made
    for interview in made:
        interview.stop_interview()
        interview.workers.wait_all()


def make(made, rig, store, settings=None, silence_s=2.0):
    workers = Workers()
    interview = MockInterview(rig.devices, lambda: settings or Settings(), lambda: None, BANK,
                              store, workers, lambda: None, silence_s=silence_s)
    interview.keep = workers  # the workers live as long as the interview
    made.append(interview)
    return interview


def heard_and_recording(qtbot, rig, interview, asked: int) -> None:
    """The voice has said `asked` things; its playback ends; recording starts on its own."""
    qtbot.waitUntil(lambda: len(rig.player.played) == asked, timeout=5000)
    assert interview.phase is Phase.SPEAKING  # not recording over the interviewer's voice
    qtbot.wait(300)
    assert interview.phase is Phase.SPEAKING
    rig.player.is_playing = False
    qtbot.waitUntil(lambda: interview.phase is Phase.RECORDING, timeout=5000)


def test_a_whole_interview_asks_probes_links_and_summarizes(qtbot, rig, store, made):
    interview = make(made, rig, store)
    interview.start(PLAN, ACME)
    heard_and_recording(qtbot, rig, interview, 1)
    assert rig.speaker.texts == ["Walk me through your background."]
    rig.recorder.push(3, loud=True)
    rig.recorder.push(2.5, loud=False)  # silence after speech ends the answer by itself
    qtbot.waitUntil(lambda: interview.phase is not Phase.RECORDING, timeout=5000)
    assert interview.stop_reason is StopReason.SILENCE and rig.recorder.stopped
    # The follow-up the feedback chose is read aloud and answered as its own take.
    heard_and_recording(qtbot, rig, interview, 2)
    first = interview.answers[0]
    assert rig.speaker.texts[1] == first.analysis.follow_up
    assert interview.step.follow_up and interview.step.follows_id == first.attempt_id
    assert interview.band == (60, 90)  # a follow-up keeps its question's band
    rig.recorder.push(1, loud=True)
    interview.stop_answer()
    heard_and_recording(qtbot, rig, interview, 3)
    assert rig.speaker.texts[2] == "Tell me about a time you failed."
    rig.recorder.push(2, loud=True)
    interview.stop_answer()
    heard_and_recording(qtbot, rig, interview, 4)
    interview.stop_answer()
    qtbot.waitUntil(lambda: interview.phase is Phase.DONE, timeout=5000)

    answers = InterviewStore(store).answers(interview.interview_id)
    assert [(r.question_text, follows) for r, follows in answers] == [
        ("Walk me through your background.", None),
        (rig.speaker.texts[1], answers[0][0].id),
        ("Tell me about a time you failed.", None),
        (rig.speaker.texts[3], answers[2][0].id),
    ]
    assert InterviewStore(store).unfinished() == []
    summary = interview.summary
    assert [line.follow_up for line in summary.lines] == [False, True, False, True]
    assert all(line.score is not None for line in summary.lines)
    assert ["aim" in line.timing for line in summary.lines] == [True, False, True, False]
    firsts = [a.analysis.score for a in interview.answers[::2]]
    assert summary.mean_score == round(sum(firsts) / 2, 1)
    assert summary.values_not_linked in ((), ("Grit",))


def test_an_answer_stops_at_150_percent_of_its_band(qtbot, rig, store, made):
    interview = make(made, rig, store, silence_s=1000)
    interview.start(PLAN, ACME)
    heard_and_recording(qtbot, rig, interview, 1)
    rig.recorder.push(134, loud=True)  # background band 60-90 s: the limit is 135 s
    qtbot.wait(300)
    assert interview.phase is Phase.RECORDING
    rig.recorder.push(1.1, loud=True)
    qtbot.waitUntil(lambda: interview.phase is not Phase.RECORDING, timeout=5000)
    assert interview.stop_reason is StopReason.TIME_LIMIT


def test_thinking_time_counts_down_before_recording(qtbot, rig, store, made):
    interview = make(made, rig, store, settings=Settings(thinking_s=1))
    interview.start(PLAN, ACME)
    qtbot.waitUntil(lambda: len(rig.player.played) == 1, timeout=5000)
    rig.player.is_playing = False
    qtbot.waitUntil(lambda: interview.phase is Phase.THINKING, timeout=5000)
    assert 0 < interview.thinking_left_s <= 1
    assert rig.recorders == []
    qtbot.waitUntil(lambda: interview.phase is Phase.RECORDING, timeout=5000)


def test_stopped_interview_resumes_at_the_unanswered_follow_up(qtbot, rig, store, made):
    interview = make(made, rig, store)
    interview.start(PLAN, ACME)
    heard_and_recording(qtbot, rig, interview, 1)
    rig.recorder.push(2, loud=True)
    interview.stop_answer()
    heard_and_recording(qtbot, rig, interview, 2)  # the follow-up is being answered
    interview.stop_interview()
    assert interview.phase is Phase.STOPPED and rig.recorder.stopped
    assert "question 1" in interview.message and "kept" in interview.message
    [saved] = InterviewStore(store).unfinished()
    assert saved.position == 1 and saved.at_follow_up
    follow_up = rig.speaker.texts[1]

    again = make(made, rig, store)  # a new session: the window was closed and reopened
    again.resume(saved)
    heard_and_recording(qtbot, rig, again, 3)
    assert rig.speaker.texts[2] == follow_up
    assert again.step.follows_id == again.answers[0].attempt_id
    assert len(again.answers) == 1


def test_a_microphone_error_pauses_with_what_to_do(qtbot, rig, store, made):
    rig.recorder_fail = MicrophoneError("No microphone was found. Connect one.")
    interview = make(made, rig, store)
    interview.start(PLAN, ACME)
    qtbot.waitUntil(lambda: len(rig.player.played) == 1, timeout=5000)
    rig.player.is_playing = False
    qtbot.waitUntil(lambda: interview.phase is Phase.STOPPED, timeout=5000)
    assert "No microphone was found" in interview.message and "Resume" in interview.message
    assert InterviewStore(store).unfinished()[0].position == 0


def test_an_answer_that_cannot_be_saved_is_said_and_the_interview_goes_on(qtbot, rig, store,
                                                                          made, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise StoreError("The attempts database is full. Free some space.")

    monkeypatch.setattr(store, "add_attempt", refuse)
    interview = make(made, rig, store)
    interview.start(PLAN, ACME)
    heard_and_recording(qtbot, rig, interview, 1)
    rig.recorder.push(2, loud=True)
    interview.stop_answer()
    heard_and_recording(qtbot, rig, interview, 2)  # the follow-up is still asked
    assert "not saved: The attempts database is full" in interview.message
    assert interview.answers[0].analysis is not None and interview.answers[0].attempt_id is None
