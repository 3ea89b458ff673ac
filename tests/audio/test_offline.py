"""The speech stack is kept off the network from the moment `audio` is imported."""

from __future__ import annotations

import os
import subprocess
import sys

from audio.offline import OFFLINE_ENV, hub_online


def test_importing_audio_switches_telemetry_and_hub_look_ups_off() -> None:
    env = {k: v for k, v in os.environ.items() if k not in OFFLINE_ENV}
    env["ORT_DISABLE_TELEMETRY"] = "0"  # a stray user setting does not turn uploads back on
    probe = "import audio, json, os; print(json.dumps({k: os.environ.get(k) for k in %r}))"
    done = subprocess.run([sys.executable, "-c", probe % (tuple(OFFLINE_ENV),)], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == str(OFFLINE_ENV).replace("'", '"')


def test_the_hub_is_offline_except_inside_a_requested_download() -> None:
    from huggingface_hub import constants

    assert constants.is_offline_mode()  # faster-whisper never looks a model up by itself
    with hub_online():
        assert not constants.is_offline_mode()
    assert constants.is_offline_mode()
