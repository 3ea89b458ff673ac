"""Questions spoken aloud: each utterance synthesized to a cached WAV in a subprocess.

A synthesizer is just a command line ("engine") that reads the text on stdin and writes a
WAV; the first that finishes within the timeout with a real WAV wins. The default chain
is pyttsx3 in a throwaway subprocess (`audio._tts_worker`), then the espeak-ng command line
where it exists. Tests inject their own commands (one that hangs, one that is missing).
The WAV is played by `audio.playback.Player`, so a question can be replayed or cut short.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

from audio.errors import SpeechUnavailable

MIN_SPEECH_S = 0.1
# Cached speech sits in the user's private data folder: owner-only, like everything there.
CACHE_DIR_MODE, CACHE_FILE_MODE = 0o700, 0o600
WORKER = [sys.executable, "-m", "audio._tts_worker"]

Engine = Callable[[Path, str | None, int], Sequence[str]]
"""Builds the command that writes `out` from the text on stdin at `rate` words a minute."""


def pyttsx3_command(out: Path, voice: str | None, rate: int) -> list[str]:
    cmd = [*WORKER, "--out", str(out), "--rate", str(rate)]
    return [*cmd, "--voice", voice] if voice else cmd


def espeak_command(out: Path, voice: str | None, rate: int) -> list[str]:
    exe = shutil.which("espeak-ng") or shutil.which("espeak") or "espeak-ng"
    cmd = [exe, "-s", str(rate), "-w", str(out), "--stdin"]
    return [*cmd, "-v", voice] if voice else cmd


def default_engines() -> list[Engine]:
    """pyttsx3 first (it drives the platform's own voices), espeak-ng as the Linux safety net."""
    engines: list[Engine] = [pyttsx3_command]
    if shutil.which("espeak-ng") or shutil.which("espeak"):
        engines.append(espeak_command)
    return engines


class _EngineFailed(Exception):
    """One engine did not produce speech; the next one is tried."""


class Speaker:
    """Synthesizes question texts to WAV files, cached by (text, voice, rate)."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        voice: str | None = None,
        rate: int = 160,
        timeout_s: float = 20.0,
        engines: Sequence[Engine] | None = None,
    ) -> None:
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.voice = voice or None
        self.rate = int(rate)
        self.timeout_s = timeout_s
        self.engines = list(default_engines() if engines is None else engines)

    @property
    def cache_dir(self) -> Path:
        """The given folder, or a private temporary one made on first use."""
        try:
            if self._cache_dir is None:
                self._cache_dir = Path(tempfile.mkdtemp(prefix="micdrop-speech-"))
            self._cache_dir.mkdir(mode=CACHE_DIR_MODE, parents=True, exist_ok=True)
        except OSError as exc:
            raise SpeechUnavailable(
                f"The question cannot be read aloud: the speech folder {self._cache_dir} "
                f"cannot be created ({exc.strerror or exc}). It is shown on screen instead. "
                "Check that MicDrop's data folder is writable."
            ) from exc
        return self._cache_dir

    def cached_path(self, text: str) -> Path:
        key = json.dumps([" ".join(text.split()), self.voice, self.rate])
        return self.cache_dir / f"q-{hashlib.sha256(key.encode()).hexdigest()[:20]}.wav"

    def synthesize(self, text: str) -> Path:
        """A WAV of `text` spoken; instant when it was spoken before with this voice and rate.

        Raises SpeechUnavailable (a message the GUI shows as a notice) when no engine could.
        """
        text = " ".join(text.split())
        if not text:
            raise SpeechUnavailable("There is no question text to read aloud.")
        target = self.cached_path(text)
        if _speech_seconds(target) >= MIN_SPEECH_S:
            return target
        failures = []
        for engine in self.engines:
            writer_id = f"{os.getpid()}-{threading.get_ident()}"  # two workers, same question
            partial = target.with_name(f"{target.stem}.{writer_id}.partial.wav")
            try:
                self._run(engine(partial, self.voice, self.rate), text)
                _check_speech(partial)
                os.chmod(partial, CACHE_FILE_MODE)  # the engine wrote it with the umask's mode
                os.replace(partial, target)
                return target
            except _EngineFailed as exc:
                failures.append(str(exc))
            finally:
                partial.unlink(missing_ok=True)
        raise SpeechUnavailable(self._unavailable_message(failures))

    def voices(self) -> list[str]:
        """Voice ids usable as `voice` (pyttsx3's list, else espeak-ng's); [] when none."""
        try:
            out = self._run([*WORKER, "--list-voices"], "")
            return [str(v) for v in json.loads(out)]
        except (_EngineFailed, ValueError):
            pass
        try:
            out = self._run([shutil.which("espeak-ng") or "espeak-ng", "--voices"], "")
        except _EngineFailed:
            return []
        return [line.split()[4] for line in out.splitlines()[1:] if len(line.split()) > 4]

    def _run(self, command: Sequence[str], text: str) -> str:
        """Run one engine with the text on stdin; kill its whole process group on timeout."""
        name = Path(command[0]).name
        try:
            child = subprocess.Popen(
                list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, start_new_session=True,
            )
        except OSError as exc:
            raise _EngineFailed(f"{name} is not installed or cannot run ({exc.strerror})") from exc
        try:
            out, err = child.communicate(text, timeout=self.timeout_s)
        except subprocess.TimeoutExpired as exc:
            _kill_group(child)
            raise _EngineFailed(f"{name} did not finish within {self.timeout_s:g} s") from exc
        if child.returncode != 0:
            last = (err.strip().splitlines() or [f"exit status {child.returncode}"])[-1]
            raise _EngineFailed(f"{name} failed ({last})")
        return out

    def _unavailable_message(self, failures: list[str]) -> str:
        reasons = "; ".join(failures) if failures else "no speech engine is configured"
        fix = "install espeak-ng (on Linux: sudo apt install espeak-ng)"
        if self.voice:
            fix = f"choose another voice than {self.voice!r} in Settings, or {fix}"
        return (
            f"The question cannot be read aloud: {reasons}. It is shown on screen instead. "
            f"To hear questions, {fix}."
        )


def _kill_group(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        child.kill()
    child.communicate()


def _speech_seconds(path: Path) -> float:
    """Length of a WAV in seconds, 0.0 when it is missing or not a WAV."""
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() / w.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return 0.0


def _check_speech(path: Path) -> None:
    seconds = _speech_seconds(path)
    if seconds < MIN_SPEECH_S:
        raise _EngineFailed(
            f"the engine wrote no usable audio ({seconds:.2f} s)"
            if path.exists() else "the engine wrote no audio file"
        )
