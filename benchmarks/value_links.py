"""Precision and recall of value links on labelled sentences.

Usage: python benchmarks/value_links.py [PATH.toml ...] [--errors]

Each entry is one sentence with its company, one of the company's values and whether a coach
would say the sentence ties the answer to that value (`linked`), optionally where it stands
(`part`, default "link") and its `split`. A link is predicted when `scoring.values` links the
value from the sentence standing in that part. With no path it reads the tune set
(`tests/scoring/value_links_tune.toml`). `--errors` lists the wrong ones; do not use it on a
held-out set.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from question_bank import load_bank
from scoring.values import link_values

TUNE = Path(__file__).resolve().parent.parent / "tests" / "scoring" / "value_links_tune.toml"


def load_entries(path: Path, split: str | None = None) -> list[dict]:
    """Every entry of the file's arrays of tables (any table name), of one split if asked."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    entries = [e for table in data.values() if isinstance(table, list) for e in table
               if isinstance(e, dict) and "company" in e]
    return [e for e in entries if split is None or e.get("split", split) == split]


def judged(entries: list[dict], bank) -> list[tuple[dict, bool, bool]]:
    """(entry, gold linked, predicted linked) for every entry."""
    out = []
    for e in entries:
        text = e.get("text") or e.get("sentence")
        company = bank.company(e["company"])
        found = link_values([text], [e.get("part", "link")], company)
        out.append((e, bool(e["linked"]), any(v.value == e["value"] for v in found)))
    return out


def precision_recall(results: list[tuple[dict, bool, bool]]) -> tuple[float, float]:
    tp = sum(g and p for _, g, p in results)
    fp = sum(p and not g for _, g, p in results)
    fn = sum(g and not p for _, g, p in results)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if not a.startswith("--")] or [TUNE]
    bank = load_bank()
    for path in paths:
        results = judged(load_entries(path), bank)
        precision, recall = precision_recall(results)
        print(f"{path.name}: {len(results)} sentences, precision {precision:.3f}, "
              f"recall {recall:.3f}")
        if "--errors" in argv:
            for e, gold, pred in results:
                if gold != pred:
                    print(f"  gold={gold!s:5s} {e['value']}: {e.get('text') or e['sentence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
