"""PortAudio failures in plain words: no error codes, no PortAudio jargon, no button the
window does not have."""

from __future__ import annotations

import pytest
import sounddevice as sd

from audio.devices import Failure, classify, microphone_error, plain_reason, playback_error

ILLEGAL = sd.PortAudioError("Error opening InputStream: Illegal combination of I/O devices "
                            "[PaErrorCode -9993]", -9993)
JARGON = ("illegal", "i/o", "portaudio", "paerrorcode", "-99", "host error")


def test_illegal_combination_of_devices_is_said_in_plain_words():
    assert classify(ILLEGAL) is Failure.WRONG_DEVICE
    message = str(microphone_error(ILLEGAL, "HDMI Output"))
    assert "HDMI Output" in message and "cannot record" in message and "Settings" in message
    assert not [word for word in JARGON if word in message.lower()]
    played = str(playback_error(ILLEGAL))
    assert not [word for word in JARGON if word in played.lower()]


@pytest.mark.parametrize("error", [
    sd.PortAudioError("Error starting stream: Unanticipated host error [PaErrorCode -9999]",
                      -9999, ("ALSA", -5, "")),
    sd.PortAudioError("Error opening InputStream: Internal PortAudio error", -9986),
    sd.PortAudioError("Error opening InputStream: Illegal combination of I/O devices"),
])
def test_other_portaudio_wording_never_reaches_the_user(error):
    reason = plain_reason(error)
    assert not [word for word in JARGON if word in reason.lower()], reason
    message = str(microphone_error(error, "USB Mic"))
    assert not [word for word in JARGON if word in message.lower()], message


def test_playback_messages_name_no_button_the_window_lacks():
    for error in (ILLEGAL, sd.PortAudioError("Error querying device -1"),
                  sd.PortAudioError("Error opening OutputStream: Device unavailable", -9985)):
        message = str(playback_error(error))
        assert "Play again" not in message and "press" not in message.lower()
