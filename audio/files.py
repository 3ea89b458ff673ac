"""Reading recordings from disk as the one sample format the rest of `audio` works in.

Everything downstream (transcription, streaming, level meters) assumes float32 mono at
16 kHz, so every format is converted here once. PyAV (through faster-whisper's
`decode_audio`) reads wav, flac, mp3, m4a and ogg alike; its errors are translated into an
`AudioFileError` that names the file and says what to do, because a raw FFmpeg errno means
nothing to a user.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from audio.errors import AudioFileError
from audio.wavfile import pcm_layout

SAMPLE_RATE = 16000
SUPPORTED_FORMATS = ("wav", "flac", "mp3", "m4a", "ogg")
_HINT = f"Choose a recording in one of these formats: {', '.join(SUPPORTED_FORMATS)}."


def load_audio(path: str | Path) -> np.ndarray:
    """Decode any supported file to float32 mono samples at 16 kHz."""
    path = _existing_file(path)
    from faster_whisper import decode_audio  # heavy import, only when a file is read

    try:
        samples = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as error:  # PyAV raises many FFmpeg-specific types
        raise AudioFileError(
            f"Could not read the audio file {path.name}: it is damaged or not an audio file "
            f"({_reason(error)}). {_HINT}"
        ) from error
    if samples.size == 0:
        raise AudioFileError(f"The audio file {path.name} contains no sound. {_HINT}")
    return samples.astype(np.float32, copy=False)


def duration_s(path: str | Path) -> float:
    """Length of a recording in seconds.

    A PCM WAV's length comes from the frames it holds, without decoding (the app's own
    recordings are WAV and may be long): not from its header, which a file cut short (a full
    disk, an interrupted copy) still states at its intended length. Other formats are
    decoded, because container durations of mp3/ogg can be estimates.
    """
    path = _existing_file(path)
    if path.suffix.lower() == ".wav":
        try:
            layout = pcm_layout(path)
        except OSError:
            layout = None
        if layout is not None and layout.frames > 0 and layout.rate > 0:
            return layout.duration_s
        # Not an integer-PCM WAV (e.g. float WAV), or one without samples: decode instead.
    return len(load_audio(path)) / SAMPLE_RATE


def _existing_file(path: str | Path) -> Path:
    """Fail early with a plain message for the two cases a decoder reports cryptically."""
    path = Path(path)
    if not path.is_file():
        raise AudioFileError(f"The audio file {path} was not found. Check the path and try again.")
    if path.stat().st_size == 0:
        raise AudioFileError(f"The audio file {path.name} is empty (0 bytes). {_HINT}")
    return path


def _reason(error: Exception) -> str:
    """The decoder's own words without its errno prefix and repeated file name."""
    text = str(error)
    if "]" in text:
        text = text.split("]", 1)[1]
    return text.split(":")[0].strip().lower() or type(error).__name__
