"""What the window shows is true (issue 8, point 8), driven with fake devices offscreen.

Each test pins one way the window used to show something false: another question's
feedback, a duration that disagreed with its own verdict, a filter that snapped back,
notices that outlived their problem.
"""

from __future__ import annotations

import threading

import pytest
import sounddevice as sd
from PySide6.QtCore import Qt

from audio.devices import playback_error
from audio.errors import MicrophoneError
from desktop.widgets.feedback_labels import delivery_rows, placeholder_text
from scoring.transcript import Transcript, Word
from tests.desktop.test_window_fakes import (
    ANSWER,
    BACKGROUND,
    STORY,
    FakeRecorder,
    FakeStreaming,
    home,  # noqa: F401 - the fixture, used through pytestmark
    make_window,
)

# Every test runs with MICDROP_HOME in a temporary folder.
pytestmark = pytest.mark.usefixtures("home")


def timed_answer(thinking_s: float, answer_s: float, trailing_s: float) -> Transcript:
    """ANSWER spread evenly over `answer_s` after `thinking_s`, then `trailing_s` of silence
    (as a take stopped some seconds after the last word)."""
    tokens = ANSWER.split()
    step = answer_s / len(tokens)
    words = tuple(Word(t, round(thinking_s + i * step, 3),
                       round(thinking_s + i * step + step * 0.8, 3))
                  for i, t in enumerate(tokens))
    # The last word ends exactly at thinking + answer.
    last = words[-1]
    words = (*words[:-1], Word(last.text, last.start_s, thinking_s + answer_s))
    return Transcript(words, thinking_s + answer_s + trailing_s)


class TimedStreaming(FakeStreaming):
    def __init__(self, transcript: Transcript, release: threading.Event | None = None) -> None:
        super().__init__(ANSWER)
        self.transcript, self.release = transcript, release

    def finish(self, duration_s: float) -> Transcript:
        if self.release is not None:
            assert self.release.wait(10), "the test never released the transcription"
        return self.transcript


def take(qtbot, window, recording_s: float | None = None) -> None:
    window.start_recording()
    if recording_s is not None:
        window.recorder.elapsed_s = recording_s
    window.stop_recording()


def test_selecting_another_question_never_shows_the_last_answers_feedback(qtbot, tmp_path):
    window, *_ = make_window(qtbot, tmp_path)
    window.picker.select_question(STORY.id)
    take(qtbot, window)
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
    assert window.feedback.analysis.question == STORY.text

    window.picker.select_question(BACKGROUND.id)
    feedback = window.feedback
    assert feedback.analysis is None
    assert not feedback.score_label.isVisibleTo(window)
    assert feedback.transcript.text() == ""
    assert "Churn" not in feedback.verdict_label.text()
    assert feedback.verdict_label.text() == placeholder_text("background")
    assert feedback.timeline.block_labels() == []

    window.picker.select_question(STORY.id)  # its own feedback comes back
    assert feedback.analysis is not None and feedback.analysis.question == STORY.text
    assert "Churn fell by 4%" in feedback.transcript.text()


def test_feedback_arriving_after_another_question_was_chosen_waits_for_its_own(qtbot,
                                                                               tmp_path):
    release = threading.Event()
    slow = TimedStreaming(timed_answer(1.0, 30.0, 1.0), release)
    window, *_ = make_window(qtbot, tmp_path, devices_extra={"streaming": lambda _t: slow})
    window.picker.select_question(STORY.id)
    take(qtbot, window)
    window.picker.select_question(BACKGROUND.id)  # while the story answer is being scored
    release.set()
    qtbot.waitUntil(lambda: window.last_outcome is not None)
    assert window.feedback.analysis is None
    assert window.feedback.verdict_label.text() == placeholder_text("background")
    window.picker.select_question(STORY.id)
    assert window.feedback.analysis is window.last_outcome.analysis


@pytest.mark.parametrize(("question", "band", "parts", "text"), [
    (BACKGROUND, (60.0, 90.0), ["Now", "Then", "Why", "Bridge"], "1:00–1:30"),
    (STORY, (90.0, 120.0), ["Repeat", "Situation", "Task", "Action", "Result", "Link back"],
     "1:30–2:00"),
])
def test_the_placeholder_shows_the_band_and_legend_of_the_selected_kind(
        qtbot, tmp_path, question, band, parts, text):
    window, *_ = make_window(qtbot, tmp_path)
    other = STORY if question is BACKGROUND else BACKGROUND
    window.picker.select_question(other.id)
    window.picker.select_question(question.id)
    feedback = window.feedback
    assert feedback.timeline.band() == band
    assert feedback.legend.labels()[:len(parts)] == parts
    assert text in feedback.verdict_label.text()
    assert " → ".join(parts) in feedback.verdict_label.text()


def test_one_duration_headline_timer_tips_and_timeline_agree(qtbot, tmp_path):
    """The issue's case: a 2:06 recording whose answer, first word to last, is in the band.
    The headline said 2:06 and "on target" while the timer said "past the band"."""
    transcript = timed_answer(thinking_s=6.0, answer_s=110.0, trailing_s=10.0)
    window, *_ = make_window(qtbot, tmp_path, devices_extra={
        "streaming": lambda _t: TimedStreaming(transcript)})
    window.picker.select_question(STORY.id)
    take(qtbot, window, recording_s=126.0)
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
    verdict = window.feedback.verdict_label.text()
    assert verdict.startswith("On target · 1:50 ")
    caption = window.controls.timer.caption()
    assert caption.startswith("1:50") and "in the band" in caption
    assert window.feedback.timeline.end_label() == "1:50"
    assert window.feedback.analysis.answer_seconds == 110


def test_a_short_answers_tip_says_the_seconds_the_headline_shows(qtbot, tmp_path):
    """"At 18 s" under a "0:21" headline: thinking time and silence after the last word are
    not answer time, in the headline as in the tip."""
    transcript = timed_answer(thinking_s=2.2, answer_s=18.0, trailing_s=1.3)
    window, *_ = make_window(qtbot, tmp_path, devices_extra={
        "streaming": lambda _t: TimedStreaming(transcript)})
    window.picker.select_question(STORY.id)
    take(qtbot, window, recording_s=21.5)
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
    [tip] = [t for t in window.feedback.analysis.tips if t.startswith("At ")]
    assert "· 0:18 " in window.feedback.verdict_label.text()
    assert tip.startswith("At 18 s ")
    assert window.controls.timer.caption().startswith("0:18")
    assert "short of the band" in window.controls.timer.caption()
    assert window.feedback.timeline.end_label() == "0:18"


def test_the_background_filter_stays_on_background(qtbot, tmp_path):
    window, *_ = make_window(qtbot, tmp_path)
    picker = window.picker
    picker.select_question(STORY.id)
    picker.kind_combo.setCurrentIndex(picker.kind_combo.findData("background"))
    assert picker.kind_combo.currentData() == "background"
    assert picker.kind_combo.currentText() == "Background"
    listed = [picker.question_list.item(r).data(Qt.ItemDataRole.UserRole)
              for r in range(picker.question_list.count())]
    assert listed == [BACKGROUND.id]
    assert picker.current_question() == BACKGROUND
    assert window.card.question_text() == BACKGROUND.text
    picker.kind_combo.setCurrentIndex(picker.kind_combo.findData(None))  # back to all kinds
    assert picker.current_question() == BACKGROUND and picker.question_list.count() == 2


def test_the_not_spoken_notice_clears_once_the_question_is_spoken(qtbot, tmp_path):
    window, player, speaker, _ = make_window(qtbot, tmp_path, speech_fail=True)
    window.picker.select_question(STORY.id)
    qtbot.waitUntil(lambda: window.card.notice_label.isVisibleTo(window))
    speaker.fail = False  # e.g. espeak-ng installed meanwhile
    qtbot.mouseClick(window.card.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(player.played) == 1)
    assert not window.card.notice_label.isVisibleTo(window)
    assert window.card.notice_label.text() == ""


def test_a_microphone_message_clears_once_a_take_records(qtbot, tmp_path):
    failing = {"now": True}
    message = "No microphone was found. Plug one in, or choose another in Settings."

    def recorder(_settings):
        return FakeRecorder(message if failing["now"] else None)

    window, *_ = make_window(qtbot, tmp_path, devices_extra={"recorder": recorder})
    window.picker.select_question(STORY.id)
    window.start_recording()
    assert window.feedback.message_label.text() == message
    assert window.statusBar().currentMessage() == message
    failing["now"] = False  # plugged in
    window.start_recording()
    assert window.recorder is not None
    assert window.feedback.message_label.text() == ""
    assert not window.feedback.message_label.isVisibleTo(window)
    assert message not in window.statusBar().currentMessage()


def test_a_mid_take_silence_warning_is_withdrawn_when_sound_arrives(qtbot, tmp_path):
    window, *_ = make_window(qtbot, tmp_path)
    window.picker.select_question(STORY.id)
    window.start_recording()
    warning = "The microphone sends only silence. Check it is not muted, then try again."
    window.recorder.problem = MicrophoneError(warning)
    qtbot.waitUntil(lambda: window.feedback.message_label.text() == warning)
    window.recorder.problem = None  # the recorder withdrew it: a late starter after all
    qtbot.waitUntil(lambda: window.feedback.message_label.text() == "")
    assert warning not in window.statusBar().currentMessage()


def test_a_no_speech_notice_goes_with_its_question(qtbot, tmp_path):
    window, *_ = make_window(qtbot, tmp_path, answer="")
    window.picker.select_question(STORY.id)
    take(qtbot, window)
    qtbot.waitUntil(lambda: window.last_outcome is not None)
    assert "No speech was detected" in window.feedback.message_label.text()
    window.picker.select_question(BACKGROUND.id)
    assert window.feedback.message_label.text() == ""


def test_a_question_that_cannot_be_played_says_to_press_read_again(qtbot, tmp_path):
    window, player, _, _ = make_window(qtbot, tmp_path)

    def broken(_path, start_s: float = 0.0) -> None:
        raise playback_error(sd.PortAudioError(
            "Error opening OutputStream: Illegal combination of I/O devices", -9993))

    player.play = broken
    window.picker.select_question(STORY.id)
    qtbot.waitUntil(lambda: window.card.notice_label.isVisibleTo(window))
    notice = window.card.notice_label.text()
    assert "press Read again" in notice and "Read again" in window.card.read_button.text()
    assert "Play again" not in notice and "Illegal" not in notice and "I/O" not in notice


def test_a_take_heard_as_symbols_only_has_nothing_to_score(qtbot, tmp_path):
    window, *_ = make_window(qtbot, tmp_path, answer="🙂 🎉 ♪")
    window.picker.select_question(STORY.id)
    take(qtbot, window)
    qtbot.waitUntil(lambda: window.last_outcome is not None)
    assert window.last_outcome.analysis is None
    assert "No speech was detected" in window.feedback.message_label.text()


def test_speaking_rate_is_shown_over_the_answers_time_and_articulation_apart(qtbot, tmp_path):
    transcript = timed_answer(thinking_s=3.0, answer_s=80.0, trailing_s=5.0)  # 0.29 s pauses
    window, *_ = make_window(qtbot, tmp_path, devices_extra={
        "streaming": lambda _t: TimedStreaming(transcript)})
    window.picker.select_question(STORY.id)
    take(qtbot, window, recording_s=88.0)
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
    rows = dict(delivery_rows(window.feedback.analysis))
    expected = len(transcript.words) / (80.0 / 60)
    assert rows["Speaking rate"] == f"{expected:.0f} wpm"
    assert int(rows["Articulation rate"].split()[0]) > expected * 1.1
