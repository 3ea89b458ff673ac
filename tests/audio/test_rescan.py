"""Finding no microphone, the device list is rescanned once (PortAudio re-initialized), but
never while a stream of ours is open: re-initializing closes every stream under its owner.
(The real thing, a sound server started late, is in tests/desktop/test_server_appears.py.)"""

from __future__ import annotations

import pytest

from audio.devices import list_input_devices, remember_stream, resolve_input_device
from audio.errors import MicrophoneError

MIC = {"index": 0, "name": "pulse", "max_input_channels": 32, "max_output_channels": 32,
       "default_samplerate": 44100.0}


class LateServerBackend:
    """A PortAudio that lists a microphone only if initialized after the server started."""

    def __init__(self) -> None:
        self.server_running = False
        self.sees_server = False
        self.reinits = 0

    def query_devices(self, device=None, kind=None):
        devices = [dict(MIC)] if self.sees_server else []
        if kind == "input":
            if not devices:
                raise RuntimeError("Error querying device -1")
            return devices[0]
        return devices

    def _terminate(self) -> None:
        self.sees_server = False

    def _initialize(self) -> None:
        self.reinits += 1
        self.sees_server = self.server_running


class Stream:
    closed = False


def test_no_device_rescans_once_and_finds_a_server_started_since() -> None:
    backend = LateServerBackend()
    with pytest.raises(MicrophoneError, match="No microphone was found"):
        resolve_input_device(backend, None)
    assert backend.reinits == 1  # tried once, found nothing, no loop
    backend.server_running = True
    assert resolve_input_device(backend, None).name == "pulse"
    assert backend.reinits == 2
    assert [d.name for d in list_input_devices(backend)] == ["pulse"]
    assert backend.reinits == 2  # devices found: no rescan


def test_no_rescan_while_one_of_our_streams_is_open() -> None:
    backend = LateServerBackend()
    backend.server_running = True
    playing = remember_stream(Stream())
    assert list_input_devices(backend) == [] and backend.reinits == 0
    playing.closed = True
    assert [d.name for d in list_input_devices(backend)] == ["pulse"]
    assert backend.reinits == 1
