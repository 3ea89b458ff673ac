"""Regenerate the window pictures in docs/: the window right after one real attempt, sized
to a 1280x800 screen at 100 % scale (window-1280x800.png) and at 150 % (window-150pct.png).

It runs the end-to-end window test (virtual microphone, espeak answer, Whisper, scoring)
with MICDROP_SCREENSHOT set, once per scale (Qt reads QT_SCALE_FACTOR once per process),
so the pictures always show what the app really does.
Run from the repository root: `.venv/bin/python docs/make_screenshot.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"1": ROOT / "docs" / "window-1280x800.png", "1.5": ROOT / "docs" / "window-150pct.png"}
TEST = "tests/desktop/test_window_real.py"


def main() -> int:
    for scale, target in TARGETS.items():
        env = {**os.environ, "MICDROP_SCREENSHOT": str(target), "QT_QPA_PLATFORM": "offscreen",
               "QT_SCALE_FACTOR": scale}
        result = subprocess.run([sys.executable, "-m", "pytest", TEST, "-q"], cwd=ROOT, env=env)
        if result.returncode != 0:
            return result.returncode
        print(f"Saved {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
