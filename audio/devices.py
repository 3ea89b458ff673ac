"""Input devices by index or name, and PortAudio failures turned into messages a user can act on.

PortAudio reports everything as a code plus terse text ("Invalid sample rate
[PaErrorCode -9997]"); users need to know which of a handful of situations they are in
(no microphone, busy, wrong rate, no permission) and what to do. The classification lives
here so capture and playback speak with one voice.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import weakref
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import Any

from audio.errors import MicrophoneError, PlaybackError

PA_INVALID_CHANNEL_COUNT = -9998
PA_INVALID_SAMPLE_RATE = -9997
PA_INVALID_DEVICE = -9996
PA_DEVICE_UNAVAILABLE = -9985
PA_BAD_IO_DEVICE_COMBINATION = -9993
HOST_EACCES, HOST_EPERM, HOST_EBUSY = -13, -1, -16

log = logging.getLogger(__name__)
_streams: weakref.WeakSet[Any] = weakref.WeakSet()  # streams opened by capture and playback
_rescan_lock = threading.Lock()


@dataclass(frozen=True)
class InputDevice:
    """A microphone as the settings screen lists it."""

    index: int
    name: str
    default_samplerate: float
    is_default: bool
    max_input_channels: int = 1


class Failure(Enum):
    """The situations a user can tell apart and fix differently."""

    NO_DEVICE = "no_device"
    BUSY = "busy"
    SAMPLE_RATE = "sample_rate"
    PERMISSION = "permission"
    # PortAudio's "Illegal combination of I/O devices": the chosen device cannot serve this
    # direction (an output chosen as the microphone, or devices of two sound systems).
    WRONG_DEVICE = "wrong_device"
    OTHER = "other"


# PortAudio's own wording, which means nothing to a user, in plain words. Matched on the
# lowercased text; anything else that still names PortAudio becomes the generic phrase.
PLAIN_REASONS = (
    ("illegal combination of i/o devices", "the device cannot be used for this"),
    ("unanticipated host error", "the sound system reported an error"),
    ("internal portaudio error", "the sound system reported an error"),
    ("insufficient memory", "not enough memory"),
    ("timed out", "the device did not answer in time"),
    ("invalid number of channels", "the device does not accept this number of channels"),
    ("incompatible host api specific stream info", "the device settings do not fit"),
    ("bad stream ptr", "the sound stream was already closed"),
    ("stream is stopped", "the sound stream had stopped"),
)
GENERIC_REASON = "the sound system reported an error"


def _default_input_index(backend: ModuleType) -> int | None:
    try:
        return int(backend.query_devices(kind="input")["index"])
    except Exception:  # no default input is a normal state, not an error here
        return None


def remember_stream(stream: Any) -> Any:
    """Note a stream this app opened (returned as is), so `rescan` never pulls the sound
    system out from under it."""
    with contextlib.suppress(TypeError):  # a test fake that cannot be weakly referenced
        _streams.add(stream)
    return stream


def _any_stream_open() -> bool:
    return any(not getattr(stream, "closed", True) for stream in list(_streams))


def rescan(backend: Any) -> bool:
    """Re-initialize PortAudio so it sees devices (or a sound server) that appeared since it
    started; PortAudio lists devices only when it initializes. True if it did.

    Skipped while any stream of ours is open (re-initializing closes every stream, and a
    stream used after that would crash), and for backends that cannot (test fakes).
    """
    terminate = getattr(backend, "_terminate", None)
    initialize = getattr(backend, "_initialize", None)
    if terminate is None or initialize is None or _any_stream_open():
        return False
    with _rescan_lock:
        try:
            terminate()
            initialize()
        except Exception:
            log.exception("re-initializing PortAudio failed")
            return False
    return True


def list_input_devices(backend: Any = None) -> list[InputDevice]:
    """Every device with at least one input channel; empty when there is none or no PortAudio.

    Finding none, it rescans once: a sound server started after MicDrop (or a microphone
    plugged in since) is then found without restarting the app.
    """
    backend = backend or _sounddevice()
    devices = _input_devices(backend)
    if not devices and rescan(backend):
        devices = _input_devices(backend)
    return devices


def _input_devices(backend: Any) -> list[InputDevice]:
    try:
        devices = list(backend.query_devices())
    except Exception:
        return []
    default = _default_input_index(backend)
    return [
        InputDevice(
            index=int(info.get("index", i)),
            name=str(info["name"]),
            default_samplerate=float(info["default_samplerate"]),
            is_default=int(info.get("index", i)) == default,
            max_input_channels=int(info["max_input_channels"]),
        )
        for i, info in enumerate(devices)
        if info.get("max_input_channels", 0) > 0
    ]


def resolve_input_device(backend: Any, device: int | str | None) -> InputDevice:
    """The device to record from: the default, an index, or a name (exact, then substring).

    Raises MicrophoneError that names the choices when the wanted device is not there, so a
    stale setting (a headset unplugged since) explains itself.
    """
    devices = list_input_devices(backend)
    if not devices:
        raise MicrophoneError(message_for(Failure.NO_DEVICE, "the microphone"))
    if device is None:
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(device, int):
        found = [d for d in devices if d.index == device]
    else:
        wanted = device.strip().lower()
        found = [d for d in devices if d.name.lower() == wanted] or [
            d for d in devices if wanted in d.name.lower()
        ]
    if len(found) == 1:
        return found[0]
    names = ", ".join(f"{d.index}: {d.name}" for d in devices)
    problem = "matches several inputs" if found else "is not connected or is not an input"
    raise MicrophoneError(
        f"The microphone {device!r} {problem}. Choose one of these in Settings: {names}."
    )


def classify(exc: BaseException) -> Failure:
    """Which user-visible situation a PortAudio (or OS) exception stands for."""
    if isinstance(exc, PermissionError):
        return Failure.PERMISSION
    args = getattr(exc, "args", ())
    code = args[1] if len(args) > 1 and isinstance(args[1], int) else None
    host_code, host_text = _host_error(args)
    text = f"{args[0] if args else exc} {host_text}".lower()
    if host_code in (HOST_EACCES, HOST_EPERM) or "permission" in text or "not permitted" in text:
        return Failure.PERMISSION
    if code == PA_INVALID_SAMPLE_RATE or "sample rate" in text:
        return Failure.SAMPLE_RATE
    if code == PA_DEVICE_UNAVAILABLE or host_code == HOST_EBUSY or "busy" in text:
        return Failure.BUSY
    if code == PA_BAD_IO_DEVICE_COMBINATION or "illegal combination" in text:
        return Failure.WRONG_DEVICE
    no_device_words = ("no input device", "no output device", "no default", "querying device")
    if code == PA_INVALID_DEVICE or any(
        w in text for w in no_device_words
    ):
        return Failure.NO_DEVICE
    return Failure.OTHER


def is_channel_count_error(exc: BaseException) -> bool:
    """Some devices (raw ALSA hardware) only open with all their channels, never mono."""
    args = getattr(exc, "args", ())
    return len(args) > 1 and args[1] == PA_INVALID_CHANNEL_COUNT


def _host_error(args: tuple) -> tuple[int | None, str]:
    if len(args) > 2 and isinstance(args[2], tuple) and len(args[2]) == 3:
        return args[2][1], str(args[2][2])
    return None, ""


def plain_reason(exc: BaseException) -> str:
    """The human part of a PortAudio error, without "[PaErrorCode -99xx]", API names or
    PortAudio's own jargon."""
    args = getattr(exc, "args", ())
    _, host_text = _host_error(args)
    text = host_text or (str(args[0]) if args else str(exc))
    text = text.split("[PaErrorCode", 1)[0]
    text = text.rsplit(": ", 1)[-1].strip().rstrip(".") or type(exc).__name__
    lowered = text.lower()
    for jargon, plain in PLAIN_REASONS:
        if jargon in lowered:
            return plain
    return GENERIC_REASON if "portaudio" in lowered or "paerror" in lowered else text


def message_for(failure: Failure, name: str, reason: str = "", samplerate: float = 0) -> str:
    """What went wrong with the microphone and what to do, in the user's terms."""
    settings = "choose another input in MicDrop's Settings"
    return {
        Failure.NO_DEVICE: (
            "No microphone was found. Plug in a microphone or headset and check that it is "
            f"enabled in your system's sound settings (or {settings}), then record again."
        ),
        Failure.BUSY: (
            f"The microphone {name} is busy or could not be opened. Close other apps that use "
            f"it (video calls, recorders) or {settings}, then record again."
        ),
        Failure.SAMPLE_RATE: (
            f"The microphone {name} accepts neither 16000 Hz nor its own rate of "
            f"{samplerate:g} Hz. Set it to 16000 or 48000 Hz in your system's sound settings, "
            f"or {settings}."
        ),
        Failure.PERMISSION: (
            "MicDrop is not allowed to use the microphone. Allow microphone access for MicDrop "
            "in your system's privacy settings (on Linux, check that your user is in the "
            "'audio' group), then record again."
        ),
        Failure.WRONG_DEVICE: (
            f"The device {name} cannot record here: it is not a microphone, or it belongs to "
            f"another sound system than the output. Choose another input in MicDrop's "
            "Settings (the default input usually works), then record again."
        ),
        Failure.OTHER: (
            f"The microphone {name} could not be used ({reason or 'unknown error'}). Check that "
            f"it is connected, or {settings}, then record again."
        ),
    }[failure]


def silent_input_message(name: str) -> str:
    """For a stream that delivers exact zeros: the OS hands out silence instead of refusing."""
    return (
        f"The microphone {name} sends only silence. It is probably muted, switched off, or "
        "blocked by your system's privacy settings. Unmute it, allow MicDrop to use the "
        "microphone, or choose another input in MicDrop's Settings, then record again."
    )


def stalled_input_message(name: str) -> str:
    """For a stream that stops delivering blocks mid-answer: usually an unplugged device."""
    return (
        f"The microphone {name} stopped sending audio; it may have been unplugged or taken "
        "by another app. Check the connection, then stop and record again (what was "
        "captured so far is kept)."
    )


def microphone_error(exc: BaseException, name: str, samplerate: float = 0) -> MicrophoneError:
    return MicrophoneError(message_for(classify(exc), name, plain_reason(exc), samplerate))


def playback_error(exc: BaseException) -> PlaybackError:
    """Output failures: fewer cases matter, since the question is also shown on screen."""
    failure = classify(exc)
    if failure is Failure.NO_DEVICE:
        what = "No speaker or headphones were found"
    elif failure is Failure.BUSY:
        what = "The sound output is busy (another app may hold it)"
    elif failure is Failure.PERMISSION:
        what = "MicDrop is not allowed to use the sound output"
    elif failure is Failure.WRONG_DEVICE:
        what = "The sound output cannot play here (it is not an output, or it belongs to " \
               "another sound system than the microphone)"
    else:
        what = f"The sound output could not play the audio ({plain_reason(exc)})"
    # No button named here: the window and the terminal play through this alike, and each
    # says how to try again in its own terms ("Read again" in the window).
    return PlaybackError(
        f"{what}. Check your speakers or headphones and your system's sound settings."
    )


def _sounddevice() -> ModuleType:
    import sounddevice

    return sounddevice
