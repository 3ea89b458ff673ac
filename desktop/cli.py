"""The `micdrop` command: the window with no arguments, scripted commands otherwise.

The commands never import Qt, so `micdrop analyze` works on a server and in CI. Every
failure the user can cause ends as one line on stderr and a non-zero exit code (2 for a
wrong argument, 1 for a problem with the file, the device or the model); stdout carries only
the result, so `micdrop analyze --json` can be piped straight into another program, and a
reader that stops early (`micdrop questions | head`) ends it quietly. One answer's worth of
input is accepted (`scoring.limits`); more is refused with the limit and the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from audio.errors import AudioError
from desktop.cli_common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    load_user_bank,
    resolve_company,
    resolve_question,
)
from desktop.cli_files import FilesError
from desktop.cli_files import add_commands as add_file_commands
from desktop.cli_rehearse import run_rehearse
from desktop.feedback_text import render_feedback
from desktop.meaning import sentence_embed
from desktop.paths import DataFolderError, database_path
from desktop.store import AttemptRecord, Store, StoreError
from question_bank.model import KINDS
from scoring import Transcript, analyze
from scoring.limits import (
    MAX_ANSWER_WORDS,
    MAX_AUDIO_S,
    MAX_TEXT_BYTES,
    AnswerTooLong,
    has_words,
    too_long_message,
)
from scoring.transcript_fix import fix_transcript

# What a shell reports for a command stopped by its reader going away (128 + SIGPIPE), as
# `seq 1000 | head -1` reports for seq.
EXIT_BROKEN_PIPE = 141
AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".m4a", ".ogg")
TEXT_SUFFIX = ".txt"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop.app import main as run_app  # Qt is imported only for the window

        return run_app()
    try:
        code = args.run(args)
        sys.stdout.flush()  # inside the try: a closed pipe surfaces here, not at exit
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except (CliError, AudioError, StoreError, AnswerTooLong, FilesError,
            DataFolderError) as error:
        print(f"micdrop: {error}", file=sys.stderr)
        return getattr(error, "code", EXIT_FAILURE)
    except KeyboardInterrupt:
        print("micdrop: interrupted", file=sys.stderr)
        return 130


def _reader_went_away() -> int:
    """The reader of stdout closed it (`| head`): stop quietly. Python would otherwise print
    a BrokenPipeError when it flushes stdout at exit, so stdout goes to devnull (the recipe
    of the `signal` module's documentation)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="micdrop",
        description="Rehearse behavioral interview answers out loud. "
        "With no command, opens the window.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze_cmd = commands.add_parser(
        "analyze", help="feedback on a recorded answer or a .txt transcript",
        description="Feedback on one answer. Accepted: up to "
        f"{MAX_AUDIO_S // 60} minutes of audio, or a text of up to {MAX_TEXT_BYTES // 1000} KB "
        f"and {MAX_ANSWER_WORDS:,} words; more is refused (it is not one answer, and would "
        "cost minutes and gigabytes).")
    analyze_cmd.add_argument("path", type=Path, metavar="PATH",
                             help="audio (wav, flac, mp3, m4a, ogg) or a .txt transcript")
    _add_question_options(analyze_cmd, question_text=True)
    analyze_cmd.add_argument("--json", action="store_true",
                             help="print one JSON object (schema micdrop.analysis/1)")
    analyze_cmd.add_argument("--transcript-fix", type=Path, metavar="FIXED.txt",
                             help="your corrected words for what the recognizer misheard in "
                             "PATH: words that did not change keep their heard times, new "
                             "ones get estimated times, and the fixed answer is scored")
    analyze_cmd.set_defaults(run=run_analyze)

    questions_cmd = commands.add_parser("questions", help="list the question bank")
    questions_cmd.add_argument("--kind", choices=KINDS)
    questions_cmd.add_argument("--json", action="store_true")
    questions_cmd.set_defaults(run=run_questions)

    companies_cmd = commands.add_parser("companies", help="list the company value profiles")
    companies_cmd.add_argument("--json", action="store_true")
    companies_cmd.set_defaults(run=run_companies)

    history_cmd = commands.add_parser("history", help="list saved attempts, oldest first")
    history_cmd.add_argument("--question-id", metavar="ID", help="only this question's attempts")
    history_cmd.add_argument("--json", action="store_true",
                             help="print a JSON list, each attempt with its full analysis")
    history_cmd.set_defaults(run=run_history)

    rehearse_cmd = commands.add_parser(
        "rehearse", help="answer a question aloud in the terminal and get feedback")
    _add_question_options(rehearse_cmd, question_text=False)
    rehearse_cmd.add_argument("--max-seconds", type=_positive, metavar="N",
                              help="stop recording after N seconds (default: band max + 60)")
    rehearse_cmd.add_argument("--silence-seconds", type=_positive, default=6.0, metavar="S",
                              help="stop after S seconds of silence once you spoke (default 6)")
    rehearse_cmd.add_argument("--no-speak", action="store_true",
                              help="show the question without reading it aloud")
    rehearse_cmd.set_defaults(run=run_rehearse)
    add_file_commands(commands)
    return parser


def _add_question_options(parser: argparse.ArgumentParser, question_text: bool) -> None:
    which = parser.add_mutually_exclusive_group()
    if question_text:
        which.add_argument("--question", metavar="TEXT", help="the question, as free text")
    which.add_argument("--question-id", metavar="ID", help="a question of the bank")
    parser.add_argument("--kind", choices=KINDS,
                        help="story or background (default: the question's kind, else story)")
    parser.add_argument("--company", metavar="NAME", help="a values profile, by id or name")


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


# --- analyze -------------------------------------------------------------------------------

def run_analyze(args: argparse.Namespace) -> int:
    bank = load_user_bank()
    question = resolve_question(bank, args.question_id, args.kind, text=args.question)
    if not question.text:
        print("micdrop: note: no --question or --question-id given, so the opening cannot be "
              "checked against the question", file=sys.stderr)
    company = resolve_company(bank, args.company)
    transcript = read_transcript(args.path)
    if args.transcript_fix is not None:
        transcript = apply_fix(transcript, args.transcript_fix)
    analysis = analyze(transcript, question, company, embed=sentence_embed())
    if args.json:
        print(json.dumps(analysis.to_dict(), ensure_ascii=False))
    else:
        print(render_feedback(analysis), end="")
    return EXIT_OK


def read_transcript(path: Path) -> Transcript:
    """A timed transcript from an audio file (transcribed here) or a typed .txt file."""
    suffix = path.suffix.lower()
    if suffix not in (*AUDIO_SUFFIXES, TEXT_SUFFIX):
        known = ", ".join(s.lstrip(".") for s in (*AUDIO_SUFFIXES, TEXT_SUFFIX))
        raise CliError(f"{path}: unsupported file type {suffix or '(none)'}; use one of: {known}",
                       EXIT_USAGE)
    if not path.is_file():
        raise CliError(f"{path}: no such file; check the path", EXIT_USAGE)
    transcript = _read_text(path) if suffix == TEXT_SUFFIX else _transcribe(path)
    if suffix == TEXT_SUFFIX and not has_words(transcript):
        raise CliError(f"{path}: nothing to score: the text has no words (only spaces, "
                       "emoji or symbols); write or paste the answer's words into it")
    if not has_words(transcript):
        raise CliError(f"{path}: no speech detected; check that the file holds the spoken "
                       "answer and that it is loud enough")
    return transcript


def apply_fix(heard: Transcript, path: Path) -> Transcript:
    """The heard transcript with the user's corrected text laid onto its word times; what
    changed is said on stderr, so the estimate is never silent."""
    if path.suffix.lower() != TEXT_SUFFIX:
        raise CliError(f"{path}: the fixed transcript must be a .txt file", EXIT_USAGE)
    if not path.is_file():
        raise CliError(f"{path}: no such file; check the path", EXIT_USAGE)
    typed = _read_text(path)
    if not has_words(typed):
        raise CliError(f"{path}: the fixed transcript has no words; write the answer's "
                       "words into it")
    fixed, summary = fix_transcript(heard.words, typed.text, heard.duration_s,
                                    heard.timing_estimated)
    print(f"Applied {path.name}: {summary.kept} words kept their times, {summary.changed} "
          f"changed and {summary.added} added (times estimated), {summary.removed} removed.",
          file=sys.stderr)
    return fixed


def _read_text(path: Path) -> Transcript:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise CliError(f"{path}: " + too_long_message(f"The text is {_size(size)}"))
    try:
        return Transcript.from_text(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise CliError(f"{path}: not UTF-8 text; save the transcript as UTF-8") from error
    except OSError as error:
        raise CliError(f"{path}: cannot read it ({error.strerror})") from error


def _transcribe(path: Path) -> Transcript:
    from audio.files import duration_s
    from audio.transcribe import Transcriber  # loads faster-whisper only when needed

    try:
        seconds = duration_s(path)
    except AudioError:
        seconds = 0.0  # unreadable: the transcriber says so in its own words
    if seconds > MAX_AUDIO_S:
        minutes = f"{seconds / 60:.0f} minutes"
        raise CliError(f"{path}: " + too_long_message(f"The recording is {minutes} long"))
    print(f"Transcribing {path.name} on this machine…", file=sys.stderr)
    return Transcriber().transcribe_file(path)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} KB"


# --- listings ------------------------------------------------------------------------------

def run_questions(args: argparse.Namespace) -> int:
    questions = [q for q in load_user_bank().questions if args.kind in (None, q.kind)]
    if args.json:
        print(json.dumps([asdict(q) for q in questions], ensure_ascii=False))
    else:
        for q in questions:
            print(f"{q.id:<28} {q.kind:<10} {q.text}")
    return EXIT_OK


def run_companies(args: argparse.Namespace) -> int:
    companies = load_user_bank().companies
    if args.json:
        print(json.dumps([asdict(c) for c in companies], ensure_ascii=False))
    else:
        for c in companies:
            values = " | ".join(v.name for v in c.values)  # some names contain ";" or ","
            print(f"{c.name} ({c.id}): {values}")
    return EXIT_OK


def run_history(args: argparse.Namespace) -> int:
    try:
        store = Store(database_path())
    except (StoreError, DataFolderError) as error:
        raise CliError(f"The attempts history cannot be opened. {error}") from error
    with store:
        attempts = store.attempts(args.question_id)
    if args.json:
        print(json.dumps([_attempt_dict(a) for a in attempts], ensure_ascii=False))
        return EXIT_OK
    for a in attempts:
        when = a.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        company = f"  ({a.company})" if a.company else ""
        # The answer's time, as its feedback stated it; the recording's length for attempts
        # saved before the analysis carried it.
        seconds = round(a.analysis.get("answer_s", a.duration_s))
        print(f"#{a.id:<4} {when}  {a.score:>3}/100  {seconds:>4} s  "
              f"{a.question_id}{company}")
    return EXIT_OK


def _attempt_dict(attempt: AttemptRecord) -> dict[str, object]:
    data = asdict(attempt)
    data["wav_path"] = str(attempt.wav_path) if attempt.wav_path else None
    data["created_at"] = attempt.created_at.isoformat()
    return data
