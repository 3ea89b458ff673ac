"""One pyttsx3 utterance to a WAV file, then exit: `python -m audio._tts_worker --out F`.

Run as a short-lived subprocess by `audio.tts.Speaker` because pyttsx3 caches its engine
per process, can hang on a second `runAndWait`, and rewrites a saved file if `say` follows
`save_to_file`; a fresh process per utterance, killed on timeout, avoids all three.
The text comes on stdin so no quoting or length limit of the command line applies.
"""

from __future__ import annotations

import argparse
import json
import sys


def _engine(rate: int | None = None, voice: str | None = None):
    import pyttsx3

    engine = pyttsx3.init()
    if rate is not None:
        engine.setProperty("rate", rate)
    if voice:
        engine.setProperty("voice", _voice_id(engine, voice))
    return engine


def _voice_id(engine, wanted: str) -> str:
    """The id of the voice named `wanted` (id or display name, any case).

    pyttsx3 silently keeps its default voice for an unknown id; failing instead lets the
    caller tell the user that the chosen voice is gone.
    """
    for voice in engine.getProperty("voices"):
        if wanted.lower() in (str(voice.id).lower(), str(voice.name).lower()):
            return voice.id
    raise ValueError(f"no voice {wanted!r} on this system")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m audio._tts_worker")
    parser.add_argument("--out", help="WAV file to write; the text is read from stdin")
    parser.add_argument("--rate", type=int, default=160, help="words per minute")
    parser.add_argument("--voice", default=None, help="a voice id from --list-voices")
    parser.add_argument("--list-voices", action="store_true", help="print voice ids as JSON")
    args = parser.parse_args(argv)
    try:
        if args.list_voices:
            voices = _engine().getProperty("voices")
            print(json.dumps([v.id for v in voices]))
            return 0
        if not args.out:
            parser.error("--out is required unless --list-voices is given")
        engine = _engine(args.rate, args.voice)
        engine.save_to_file(sys.stdin.read(), args.out)
        engine.runAndWait()
    except Exception as exc:  # report to the parent, which falls back to another engine
        print(f"pyttsx3: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
