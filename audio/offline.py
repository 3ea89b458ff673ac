"""Keep the speech stack off the network: MicDrop is offline unless the user asks to download.

Two libraries under faster-whisper would reach out on their own:

- onnxruntime (faster-whisper runs Silero VAD with it) starts a telemetry uploader when it is
  imported: ~9 s later, and every few seconds after, it resolves
  mobile.events.data.microsoft.com and keeps a device id and event database under
  ~/.cache/Microsoft. Its `disable_telemetry_events()` comes too late (the uploader already
  runs once the module is imported); only the ORT_DISABLE_TELEMETRY environment variable,
  read when the library loads, stops it. Seen with strace on onnxruntime 1.32.
- huggingface_hub (imported by faster-whisper) may send usage pings and would fetch models
  by name. MicDrop only ever loads model folders from disk, so the hub is kept offline;
  `hub_online()` lifts that for the one place a user-requested download talks to it.

`keep_offline()` runs when the `audio` package is imported, so before any of its modules can
import faster-whisper, and child processes inherit the settings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

# Set, not defaulted: a stray value in the user's environment must not turn uploads back on.
OFFLINE_ENV = {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
}


def keep_offline() -> None:
    """Switch off every upload and hub look-up the speech libraries would make by themselves."""
    os.environ.update(OFFLINE_ENV)


@contextmanager
def hub_online() -> Iterator[None]:
    """Let huggingface_hub reach the hub for the duration of a download the user asked for.

    The hub reads HF_HUB_OFFLINE once, at import, into its constants module; that value is
    what its HTTP layer checks, so it is the one switched here.
    """
    from huggingface_hub import constants

    saved = constants.HF_HUB_OFFLINE
    constants.HF_HUB_OFFLINE = False
    try:
        yield
    finally:
        constants.HF_HUB_OFFLINE = saved
