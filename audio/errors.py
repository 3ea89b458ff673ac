"""Errors that reach the user: each says what went wrong and what to do about it.

Raw PortAudio codes and library tracebacks are translated into these at the edge of
`audio`, so the desktop and the command line can show `str(error)` as it is.
"""

from __future__ import annotations

from pathlib import Path


class AudioError(Exception):
    """A sound problem the user can act on; `str()` is the message to show."""


class MicrophoneError(AudioError):
    """No input device, a busy or refused device, an unsupported rate, an all-zero input."""


class InputStalledError(MicrophoneError):
    """The input stopped delivering audio altogether (unplugged, or the sound server died):
    unlike an input that sends silence, waiting longer will not bring the answer back."""


class PlaybackError(AudioError):
    """No output device, or the output refused the audio."""


class SpeechUnavailable(AudioError):
    """No voice could be synthesized; the question is shown instead of spoken."""


class ModelNotFound(AudioError):
    """The chosen speech model is not on disk (and no download was asked for)."""


class AudioFileError(AudioError):
    """A file that is missing, empty, corrupt or in a format that cannot be decoded."""


class RecordingWriteError(AudioFileError):
    """Writing a recording failed mid-take (a drive gone, an I/O error); the take is over.

    By the time this is raised the file has been made a valid WAV of every whole sample that
    reached the disk: `path` is that file and `kept_s` its length, or `path` is None when
    nothing usable could be kept.
    """

    def __init__(self, message: str, path: Path | None = None, kept_s: float = 0.0) -> None:
        super().__init__(message)
        self.path = path
        self.kept_s = kept_s


class DiskFullError(RecordingWriteError):
    """The disk (or the user's quota) filled up while recording."""


class ModelDownloadError(AudioError):
    """A model download the user asked for failed (offline, hub unreachable, disk full)."""


class DownloadCancelled(AudioError):
    """The user cancelled a model download; the partial files are never used."""
