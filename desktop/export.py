"""Exporting reports to files: which format a name asks for, and a write that never leaves
half a file. Used by the window's File → Export… (in a worker) and by `micdrop report`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.store import Store
from scoring.analysis import Analysis
from scoring.reports import FORMATS, ReportItem, renderer

EXPORT_FORMATS = ("pdf", *FORMATS)
SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md",
            ".json": "json"}


class ExportError(Exception):
    """A report that cannot be made or written; says why and what to do."""


def format_for(path: Path, requested: str | None = None) -> str:
    """The format asked for, else the one the file name's suffix names."""
    if requested:
        if requested not in EXPORT_FORMATS:
            raise ExportError(f"Unknown report format {requested!r}: choose one of "
                              f"{', '.join(EXPORT_FORMATS)}.")
        return requested
    fmt = SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise ExportError(f"Cannot tell the report format from {Path(path).name!r}: end the "
                          "name in .pdf, .html, .md or .json, or give --format.")
    return fmt


def items_from_store(store: Store, attempt_ids: Sequence[int]) -> list[ReportItem]:
    """The attempts as the screen showed them (their stored analyses), in the order given."""
    items, missing = [], []
    for attempt_id in attempt_ids:
        record = store.attempt(attempt_id)
        if record is None:
            missing.append(str(attempt_id))
            continue
        items.append(ReportItem(Analysis.from_dict(record.analysis), record.id,
                                record.created_at))
    if missing:
        raise ExportError(f"No attempt with id {', '.join(missing)}: `micdrop history` "
                          "lists the saved attempts.")
    return items


def render(items: Sequence[ReportItem], fmt: str) -> bytes:
    if not items:
        raise ExportError("Nothing to export: choose at least one attempt.")
    if fmt == "pdf":
        from desktop.report_pdf import render_pdf  # Qt, only when a PDF is asked for

        return render_pdf(items)
    return renderer(fmt)(items)


def write_report(items: Sequence[ReportItem], fmt: str, path: Path,
                 progress: Callable[[str], None] | None = None) -> Path:
    """Render and write `path` whole (a temporary file renamed into place)."""
    if progress:
        progress(f"Rendering {len(items)} attempt{'s' if len(items) != 1 else ''} as {fmt}…")
    data = render(items, fmt)
    path = Path(path)
    partial = path.with_name(f".{path.name}.part")
    try:
        with open(partial, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExportError(f"Could not write {path}: {error.strerror or error}. Choose a "
                          "writable folder with free space.") from error
    if progress:
        progress(f"Saved {path.name}")
    return path
