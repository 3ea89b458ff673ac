"""Shared fixtures: a private PulseAudio server whose null sink is the test microphone.

The server gets its own HOME and XDG_RUNTIME_DIR so tests never touch a user's sound
setup. Whatever is played into the sink `micdrop_test` is what sounddevice records from the
default input (the sink's monitor), and whatever the app plays lands in the same sink.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SINK = "micdrop_test"


@dataclass
class VirtualMic:
    """Handle on the running test server."""

    env: dict[str, str]
    sink: str = SINK

    def play(self, wav: Path) -> subprocess.Popen:
        """Start playing a WAV into the microphone; returns the running paplay."""
        return subprocess.Popen(["paplay", f"--device={self.sink}", str(wav)], env=self.env)

    def record_sink(self, wav: Path) -> subprocess.Popen:
        """Start capturing what the app plays (the sink's monitor) into a WAV."""
        cmd = ["parecord", f"--device={self.sink}.monitor", "--file-format=wav", str(wav)]
        return subprocess.Popen(cmd, env=self.env)


def _reinit_portaudio() -> None:
    """PortAudio reads ALSA's config (which routes `default` to PulseAudio only while a
    server runs) when it initializes, so re-initialize it once the server is up."""
    if "sounddevice" in sys.modules:
        sd = sys.modules["sounddevice"]
        sd._terminate()
        sd._initialize()


def _keep_sink_awake(env: dict[str, str]) -> subprocess.Popen:
    """Keep one low-latency listener on the sink's monitor for the whole session.

    An idle null sink sleeps up to 2 s between renders, so a stream opened on its monitor
    gets its first audio 1-2 s late; a real microphone starts at once. The listener keeps
    the sink's clock running at a working latency, like a real device.
    """
    keeper = subprocess.Popen(
        ["parecord", f"--device={SINK}.monitor", "--raw", "--latency-msec=20"],
        env=env, stdout=subprocess.DEVNULL,
    )
    time.sleep(2.2)  # the sink's last long sleep at the old latency
    return keeper


def pulse_env(root: Path) -> dict[str, str]:
    """The environment of a private server under `root` (its own HOME and runtime dir)."""
    if shutil.which("pulseaudio") is None:
        pytest.fail("pulseaudio is not installed: run `make test`, which installs it")
    runtime = root / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {**os.environ, "HOME": str(root), "XDG_RUNTIME_DIR": str(runtime)}


def start_pulse(env: dict[str, str]) -> None:
    """Start the server of `env` with the null sink, its monitor the default source."""
    subprocess.run(
        [
            "pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "-n",
            "--load=module-native-protocol-unix", f"--load=module-null-sink sink_name={SINK}",
        ],
        env=env, check=True, capture_output=True,
    )
    for _ in range(50):
        if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    subprocess.run(["pactl", "set-default-source", f"{SINK}.monitor"], env=env, check=True)
    subprocess.run(["pactl", "set-default-sink", SINK], env=env, check=True)


@pytest.fixture(scope="session")
def virtual_mic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualMic]:
    """A PulseAudio server with a null sink whose monitor is the default source."""
    root = tmp_path_factory.mktemp("pulse")
    env = pulse_env(root)
    start_pulse(env)
    saved = {k: os.environ.get(k) for k in ("HOME", "XDG_RUNTIME_DIR", "PULSE_SOURCE")}
    os.environ.update(HOME=env["HOME"], XDG_RUNTIME_DIR=env["XDG_RUNTIME_DIR"])
    os.environ["PULSE_SOURCE"] = f"{SINK}.monitor"
    _reinit_portaudio()
    keeper = _keep_sink_awake(env)
    yield VirtualMic(env={**env, "PULSE_SOURCE": f"{SINK}.monitor"})
    keeper.kill()
    keeper.wait()
    subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    _reinit_portaudio()


@pytest.fixture
def espeak_wav(tmp_path: Path):
    """Make a spoken WAV of a text with espeak-ng (the same engine the app's voice uses)."""

    def speak(text: str, name: str = "speech.wav", rate: int = 160) -> Path:
        out = tmp_path / name
        subprocess.run(["espeak-ng", "-s", str(rate), "-w", str(out), text], check=True)
        return out

    return speak


@pytest.fixture
def clip_with_pause(espeak_wav):
    """Two spoken sentences with a silence between them, as 16 kHz samples, and where the
    silence starts: the clip the pause-timing tests of transcription share."""

    def make(before: str, after: str, gap_s: float = 4.0) -> tuple[np.ndarray, float]:
        from audio.files import SAMPLE_RATE, load_audio

        first = load_audio(espeak_wav(before, "before.wav"))
        second = load_audio(espeak_wav(after, "after.wav"))
        silence = np.zeros(int(gap_s * SAMPLE_RATE), np.float32)
        return np.concatenate([first, silence, second]), len(first) / SAMPLE_RATE

    return make


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount small real tmpfs filesystems, so a disk really fills up (ENOSPC) mid-recording.

    `tiny_disk(size_kb, at=None, filler_kb=0)` mounts one at `at` (a fresh folder by default,
    created if missing) and writes `filler_kb` of other data onto it first; it returns the
    mount point. Everything is unmounted at teardown. Mounting needs root (CI runs as root);
    where it is impossible the test fails and says so rather than skip a safety check.
    """
    mounted: list[Path] = []

    def mount(size_kb: int, at: Path | None = None, filler_kb: int = 0) -> Path:
        where = at or tmp_path / f"tiny_disk{len(mounted)}"
        where.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700", "tmpfs", str(where)],
                capture_output=True, text=True, check=False,
            )
            error = done.stderr.strip() if done.returncode else ""
        except FileNotFoundError:
            error = "the mount command is not installed"
        if error:
            pytest.fail(f"The full-disk tests mount a {size_kb} KB tmpfs and could not ({error}). "
                        "Run them as root (as CI does) or in a container allowed to mount.")
        mounted.append(where)
        if filler_kb:
            (where / "filler.bin").write_bytes(b"\0" * filler_kb * 1024)
        return where

    yield mount
    for where in reversed(mounted):
        if subprocess.run(["umount", str(where)], capture_output=True, check=False).returncode:
            subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)
@dataclass
class PrivateServer:
    """A server of a test's own, started late or killed mid-test (the shared virtual_mic
    must stay up for the rest of the session)."""

    env: dict[str, str]
    keeper: subprocess.Popen | None = None

    @property
    def pid_file(self) -> Path:
        return Path(self.env["XDG_RUNTIME_DIR"]) / "pulse" / "pid"

    def start(self) -> VirtualMic:
        start_pulse(self.env)
        self.keeper = _keep_sink_awake(self.env)
        return VirtualMic(env=self.env)

    def kill(self) -> None:
        """SIGKILL the server, as a crash does (no goodbye to its clients)."""
        if self.pid_file.exists():
            os.kill(int(self.pid_file.read_text().split()[0]), signal.SIGKILL)
            self.pid_file.unlink(missing_ok=True)

    def stop(self) -> None:
        if self.keeper is not None:
            self.keeper.kill()
            self.keeper.wait()
        self.kill()


@pytest.fixture
def private_pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateServer]:
    """A PulseAudio server not yet started, with its own HOME and runtime dir (a short path:
    its socket must fit a unix socket name). PULSE_SERVER names the socket, so no client
    autospawns a server before the test starts one."""
    env = pulse_env(tmp_path_factory.mktemp("pa"))
    env["PULSE_SERVER"] = f"unix:{env['XDG_RUNTIME_DIR']}/pulse/native"
    env["PULSE_SOURCE"] = f"{SINK}.monitor"
    server = PrivateServer(env)
    yield server
    server.stop()
