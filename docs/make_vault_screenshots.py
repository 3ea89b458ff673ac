"""Regenerate docs/vault.png and docs/values-grid.png: the story vault and the values grid.

Both screens are built offscreen with the window's style at 1280x800 (the size they must
fit), filled with the realistic four-story vault the tests use and DoorDash's values.
Run from the repository root: `.venv/bin/python docs/make_vault_screenshots.py`.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from desktop.views.values_grid import ValuesGrid  # noqa: E402
from desktop.views.vault_view import VaultView  # noqa: E402
from desktop.widgets.theme import STYLE  # noqa: E402
from question_bank import load_bank  # noqa: E402
from tests.desktop.test_vault_views import MemoryRepository  # noqa: E402
from tests.scoring.story_fixtures import CHURN, FRAUD, MIGRATION, PRICING  # noqa: E402

SIZE = (1280, 800)


def _shot(widget, name: str) -> None:
    window = QMainWindow()
    window.setStyleSheet(STYLE)
    window.setCentralWidget(widget)
    widget.setObjectName("central")
    window.resize(*SIZE)
    window.show()
    QApplication.processEvents()
    window.grab().save(str(ROOT / "docs" / name))
    print(f"Saved docs/{name}")


def main() -> int:
    app = QApplication.instance() or QApplication([])
    company = load_bank().company("doordash")
    # One value with two stories, two with one, one with none: every status shows.
    vault = (replace(CHURN, values=("We are students", "We are leaders")), PRICING,
             replace(MIGRATION, values=()), FRAUD)
    repo = MemoryRepository(vault)
    view = VaultView(repo)
    view.set_company(company)
    view.open_story(PRICING.id)
    _shot(view, "vault.png")
    grid = ValuesGrid(open_story=lambda _id: None, new_story=lambda _value: None)
    grid.set_data(company, repo.list_stories())
    _shot(grid, "values-grid.png")
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
