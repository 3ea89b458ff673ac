"""Regenerate docs/screenshot.png: the window right after one real attempt.

It runs the end-to-end window test (virtual microphone, espeak answer, Whisper, scoring)
with MICDROP_SCREENSHOT set, so the picture always shows what the app really does.
Run from the repository root: `.venv/bin/python docs/make_screenshot.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "screenshot.png"
TEST = "tests/desktop/test_window_real.py"


def main() -> int:
    env = {**os.environ, "MICDROP_SCREENSHOT": str(TARGET), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "pytest", TEST, "-q"], cwd=ROOT, env=env)
    if result.returncode == 0:
        print(f"Saved {TARGET.relative_to(ROOT)}")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
