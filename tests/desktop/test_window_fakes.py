"""The window's orchestration driven with fake devices: errors users meet, and the flow.

The real end-to-end take (virtual microphone, Whisper) is in test_window_real.py; these
tests pin the decisions the window makes around each device call.
"""

from __future__ import annotations

import threading
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from audio.errors import MicrophoneError, ModelNotFound, SpeechUnavailable
from desktop.main_window import MainWindow
from desktop.settings import Settings, load_settings
from desktop.store import Store
from desktop.widgets.prompts import DOWNLOAD_TITLE, RECOVERY_TITLE
from desktop.window_devices import Devices, question_id_of, recording_path
from question_bank.model import Bank, Company, Question, Value
from scoring.transcript import Transcript

STORY = Question(id="story-failure", text="Tell me about a time you failed.", kind="story")
BACKGROUND = Question(id="bg-intro", text="Walk me through your background.", kind="background")
ACME = Company(id="acme", name="Acme", source="test",
               values=(Value("Own it", "ownership", ("owner",)),))
BANK = Bank(questions=(STORY, BACKGROUND), companies=(ACME,))
ANSWER = (
    "Just to be clear, you are asking about a time a project of mine failed. "
    "In 2022 I led the churn model at a telecom. My task was to cut churn by five percent. "
    "I rebuilt the features and I ran an A/B test with monitoring. "
    "Churn fell by 4% and we saved 2 million dollars."
)


def write_wav(path: Path, seconds: float = 0.5) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * int(16000 * seconds))
    return path


class FakeRecorder:
    def __init__(self, fail: str | None = None) -> None:
        self.fail = fail
        self.path: Path | None = None
        self.elapsed_s = 0.0
        self.level = 0.0
        self.problem: MicrophoneError | None = None

    def start(self, path, on_block=None) -> None:
        if self.fail:
            raise MicrophoneError(self.fail)
        self.path = Path(path)
        write_wav(self.path)
        self.level = 0.5
        self.elapsed_s = 12.5

    def stop(self) -> Path:
        return self.path


class FakeStreaming:
    backlog_s = 0.0  # everything said was transcribed while recording

    def __init__(self, text: str) -> None:
        self.text = text
        self.fed = 0
        self.cancelled = False

    def feed(self, block) -> None:
        self.fed += 1

    @property
    def committed_text(self) -> str:
        return self.text.split(".")[0]

    @property
    def committed_words(self):
        return Transcript.from_text(self.committed_text).words

    def cancel(self) -> None:
        self.cancelled = True

    def finish(self, duration_s: float) -> Transcript:
        return Transcript.from_text(self.text)


class FakeSpeaker:
    def __init__(self, tmp: Path, fail: bool = False) -> None:
        self.tmp, self.fail, self.texts = tmp, fail, []

    def synthesize(self, text: str) -> Path:
        self.texts.append(text)
        if self.fail:
            raise SpeechUnavailable("No voice is installed. Install espeak-ng to hear questions.")
        return write_wav(self.tmp / f"q{len(self.texts)}.wav")

    def voices(self) -> list[str]:
        return ["en-us", "en-gb"]


class FakePlayer:
    def __init__(self) -> None:
        self.played: list[Path] = []

    def play(self, path, start_s: float = 0.0) -> None:
        self.played.append(Path(path))

    def stop(self) -> None:
        pass


class FakeTranscriber:
    def __init__(self) -> None:
        self.loaded = False

    def load(self) -> None:
        self.loaded = True

    def transcribe_file(self, path) -> Transcript:
        return Transcript.from_text(ANSWER)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MICDROP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def make_window(qtbot, tmp_path, *, recorder_fail=None, speech_fail=False, answer=ANSWER,
                unfinished=(), ask=lambda _w, _title, _text: False, store=None,
                devices_extra=None):
    player, speaker, transcriber = FakePlayer(), FakeSpeaker(tmp_path, speech_fail), None
    transcriber = FakeTranscriber()
    recovered: list[Path] = []

    def recover(path: Path) -> Path:
        recovered.append(path)
        return path

    devices = Devices(
        recorder=lambda _s: FakeRecorder(recorder_fail),
        speaker=lambda _s: speaker,
        player=lambda _s: player,
        transcriber=lambda _s: transcriber,
        streaming=lambda _t: FakeStreaming(answer),
        find_unfinished=lambda _folder: list(unfinished),
        recover=recover,
    )
    for name, value in (devices_extra or {}).items():
        setattr(devices, name, value)
    window = MainWindow(BANK, store, devices, Settings(), ask=ask)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.workers.busy())
    return window, player, speaker, recovered


def test_choosing_a_question_shows_it_large_and_reads_it_aloud(qtbot, tmp_path, home):
    window, player, speaker, _ = make_window(qtbot, tmp_path)
    window.picker.select_question(STORY.id)
    assert window.card.question_text() == STORY.text
    qtbot.waitUntil(lambda: len(player.played) == 1)
    assert speaker.texts == [STORY.text]
    qtbot.mouseClick(window.card.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(player.played) == 2)


def test_speech_unavailable_shows_the_question_with_a_notice(qtbot, tmp_path, home):
    window, player, _, _ = make_window(qtbot, tmp_path, speech_fail=True)
    window.picker.select_question(STORY.id)
    qtbot.waitUntil(lambda: window.card.notice_label.isVisibleTo(window))
    assert "Install espeak-ng" in window.card.notice_label.text()
    assert window.card.question_text() == STORY.text
    assert player.played == []
    assert window.controls.record_button.isEnabled()


def test_microphone_error_is_shown_in_plain_words(qtbot, tmp_path, home):
    message = "No microphone was found. Plug one in, or choose another in Settings."
    window, *_ = make_window(qtbot, tmp_path, recorder_fail=message)
    window.picker.select_question(STORY.id)
    qtbot.mouseClick(window.controls.record_button, Qt.MouseButton.LeftButton)
    assert window.recorder is None
    assert window.feedback.message_label.text() == message
    assert window.statusBar().currentMessage() == message
    assert window.controls.record_button.isEnabled()


def test_a_take_shows_feedback_and_saves_the_attempt(qtbot, tmp_path, home):
    store = Store(tmp_path / "attempts.sqlite3")
    window, *_ = make_window(qtbot, tmp_path, store=store)
    window.picker.select_question(STORY.id)
    window.picker.select_company("acme")
    assert "Own it" in window.card.values_label.text()
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.recorder is not None
    assert window.controls.stop_button.isEnabled()
    qtbot.waitUntil(lambda: window.controls.meter.level() == pytest.approx(0.5))
    assert "0:12" in window.controls.timer.caption()
    qtbot.waitUntil(lambda: window.feedback.transcript.text() == ANSWER.split(".")[0])
    qtbot.keyClick(window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
    analysis = window.feedback.analysis
    assert "Churn fell by 4%" in window.feedback.transcript.text()
    assert window.feedback.score_label.text() == str(analysis.score)
    [record] = store.attempts()
    assert (record.question_id, record.company, record.score) == (STORY.id, "Acme", analysis.score)
    assert record.wav_path.exists() and record.wav_path.parent.name == "recordings"
    assert window.controls.record_button.isEnabled()


def test_no_speech_says_so_and_keeps_the_recording(qtbot, tmp_path, home):
    store = Store(tmp_path / "attempts.sqlite3")
    window, *_ = make_window(qtbot, tmp_path, answer="", store=store)
    window.picker.select_question(BACKGROUND.id)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.last_outcome is not None)
    assert "No speech was detected" in window.feedback.message_label.text()
    assert "Check the Mic meter" in window.feedback.message_label.text()
    assert window.last_outcome.wav.exists()
    assert store.attempts() == []


def test_recovery_is_offered_and_recovered_takes_are_saved(qtbot, tmp_path, home):
    store = Store(tmp_path / "attempts.sqlite3")
    wav = write_wav(tmp_path / "20260101T000000000000__story-failure.wav")
    asked: list[str] = []

    def ask(_window, title, text):
        asked.append(title)
        return wav.name in text

    _window, _, _, recovered = make_window(qtbot, tmp_path, unfinished=[wav], ask=ask,
                                           store=store)
    qtbot.waitUntil(lambda: len(store.attempts()) == 1)
    assert asked == [RECOVERY_TITLE] and recovered == [wav]
    assert store.attempts()[0].question_id == STORY.id


def test_declined_recovery_saves_nothing(qtbot, tmp_path, home):
    store = Store(tmp_path / "attempts.sqlite3")
    wav = write_wav(tmp_path / "20260101T000000000000__story-failure.wav")
    window, _, _, recovered = make_window(qtbot, tmp_path, unfinished=[wav], store=store)
    qtbot.waitUntil(lambda: window.recovery_offered)
    assert recovered == [] and store.attempts() == []


def test_the_feedback_of_a_recovered_take_is_shown(qtbot, tmp_path, home):
    store = Store(tmp_path / "attempts.sqlite3")
    wav = write_wav(tmp_path / "20260101T000000000000-7-1__story-failure.wav")
    window, _, _, _ = make_window(qtbot, tmp_path, unfinished=[wav],
                                  ask=lambda *_: True, store=store)
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
    [attempt] = store.attempts()
    assert window.feedback.analysis.question == STORY.text
    assert window.feedback.score_label.text() == str(attempt.score)
    assert "churn model" in window.feedback.transcript.text()
    message = window.feedback.message_label.text()
    assert f"Recovered {wav.name} as attempt #{attempt.id}" in message
    assert "Its feedback is shown below." in message
    assert window.last_outcome.attempt_id == attempt.id


def test_recording_names_lead_back_to_their_question(home):
    path = recording_path(Question(id="odd id/x", text="?", kind="story"))
    assert path.parent.name == "recordings"
    assert question_id_of(path) == "odd-id-x"
    assert question_id_of(Path("stray.wav")) is None


def test_settings_switch_to_a_model_after_an_agreed_download(qtbot, tmp_path, home):
    halfway = threading.Event()
    downloaded: list[str] = []
    asked: list[str] = []

    def download(name, progress):
        progress(50_000_000, 100_000_000)
        assert halfway.wait(10), "the window never showed the download halfway"
        progress(100_000_000, 100_000_000)
        downloaded.append(name)
        return tmp_path / name

    extra = {"needs_download": lambda m: m == "base.en", "download": download}
    window, *_ = make_window(qtbot, tmp_path, devices_extra=extra,
                             ask=lambda _w, title, _t: asked.append(title) or True)
    window.apply_settings(Settings(rate=140, model="base.en"))
    assert window.settings == Settings(rate=140)  # the old model until the download ends
    qtbot.waitUntil(lambda: window.progress.value() == 50_000_000 // 1024)
    assert window.progress.maximum() == 100_000_000 // 1024
    assert "50 of 100 MB" in window.statusBar().currentMessage()
    halfway.set()
    qtbot.waitUntil(lambda: window.settings.model == "base.en" and window.model_ready)
    assert asked == [DOWNLOAD_TITLE] and downloaded == ["base.en"]
    assert load_settings() == Settings(rate=140, model="base.en")


def test_a_declined_download_keeps_the_current_model(qtbot, tmp_path, home):
    extra = {"needs_download": lambda m: m == "base.en",
             "download": lambda *_: pytest.fail("must not download")}
    window, *_ = make_window(qtbot, tmp_path, devices_extra=extra)
    window.apply_settings(Settings(voice="en-gb", model="base.en"))
    assert window.settings == Settings(voice="en-gb")
    assert load_settings() == Settings(voice="en-gb")


def test_a_dead_microphone_noticed_mid_take_is_shown_at_once(qtbot, tmp_path, home):
    window, *_ = make_window(qtbot, tmp_path)
    window.picker.select_question(STORY.id)
    qtbot.keyClick(window, Qt.Key.Key_R)
    message = "The microphone sends only silence. Check it is not muted, then try again."
    window.recorder.problem = MicrophoneError(message)
    qtbot.waitUntil(lambda: window.feedback.message_label.text() == message)
    assert window.recorder is not None  # the take goes on; the user decides


class MissingModel(FakeTranscriber):
    def load(self) -> None:
        raise ModelNotFound('The speech model "base.en" is not downloaded yet. Download it once '
                            "from the model settings.")


def test_a_missing_model_is_explained_and_recording_still_starts(qtbot, tmp_path, home):
    window, *_ = make_window(qtbot, tmp_path,
                             devices_extra={"transcriber": lambda _s: MissingModel()})
    assert not window.model_ready
    assert "not downloaded yet" in window.feedback.message_label.text()
    assert window.model_label.text() == "Speech model: unavailable"
    assert "connection" not in window.feedback.message_label.text().lower()


def test_without_a_database_feedback_still_shows_and_says_it_is_not_saved(qtbot, tmp_path,
                                                                           home):
    window, *_ = make_window(qtbot, tmp_path, store=None)
    window.picker.select_question(STORY.id)
    window.start_recording()
    window.stop_recording()
    qtbot.waitUntil(lambda: window.feedback.analysis is not None)
    assert "No history this session" in window.statusBar().currentMessage()


def test_no_speech_from_a_dead_input_says_what_the_recorder_noticed(qtbot, tmp_path, home):
    window, *_ = make_window(qtbot, tmp_path, answer="")
    window.picker.select_question(STORY.id)
    window.start_recording()
    window.recorder.problem = MicrophoneError("The microphone sends only silence: unmute it.")
    window.stop_recording()
    qtbot.waitUntil(lambda: window.last_outcome is not None)
    text = window.feedback.message_label.text()
    assert "No speech was detected" in text and "unmute it" in text


def test_settings_dialog_lists_voices_and_microphones_and_applies_the_choice(qtbot, tmp_path,
                                                                            home):
    window, *_ = make_window(qtbot, tmp_path,
                             devices_extra={"input_devices": lambda: ["USB Mic"]})

    def choose() -> None:
        dialog = window._settings_dialog
        qtbot.waitUntil(lambda: dialog.voice.findData("en-gb") >= 0)  # voices arrive later
        dialog.voice.setCurrentIndex(dialog.voice.findData("en-gb"))
        dialog.device.setCurrentIndex(dialog.device.findData("USB Mic"))
        dialog.accept()

    QTimer.singleShot(0, choose)
    window.open_settings()
    assert window.settings == Settings(voice="en-gb", input_device="USB Mic")
    assert load_settings() == window.settings
