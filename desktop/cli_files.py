"""The commands that move attempts out of the app: `report`, `backup` and `restore`.

Kept apart from `desktop.cli` so the command line stays one screen a command; they share
its conventions: one plain line on stderr for a failure, the exit codes of `CliError`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.backup import BackupError, backup, restore
from desktop.export import EXPORT_FORMATS, ExportError, format_for, items_from_store, write_report
from desktop.paths import data_dir, database_path
from desktop.store import Store

EXIT_OK, EXIT_FAILURE = 0, 1


class FilesError(Exception):
    """Raised for the CLI's error line; `code` is the exit status."""

    code = EXIT_FAILURE


def add_commands(commands: Any) -> None:
    """Register the commands on `micdrop`'s subparsers."""
    report = commands.add_parser("report", help="export a feedback report of saved attempts")
    report.add_argument("attempt_ids", type=int, nargs="+", metavar="ATTEMPT_ID",
                        help="attempt numbers, as `micdrop history` lists them")
    report.add_argument("--format", choices=EXPORT_FORMATS,
                        help="pdf, html, md or json (default: from the file name)")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    report.set_defaults(run=run_report)
    save = commands.add_parser("backup", help="save attempts, recordings, settings and your "
                                              "own questions and companies to a zip file")
    save.add_argument("file", type=Path, metavar="FILE.zip")
    save.set_defaults(run=run_backup)
    load = commands.add_parser("restore", help="bring back what `micdrop backup` saved "
                                               "(merged; nothing of yours is overwritten)")
    load.add_argument("file", type=Path, metavar="FILE.zip")
    load.set_defaults(run=run_restore)


def run_report(args: argparse.Namespace) -> int:
    try:
        fmt = format_for(args.output, args.format)
        with Store(database_path()) as store:
            items = items_from_store(store, args.attempt_ids)
        path = write_report(items, fmt, args.output)
    except ExportError as error:
        raise FilesError(str(error)) from error
    print(f"Wrote {path} ({fmt}, {len(items)} attempt{'s' if len(items) != 1 else ''}).")
    return EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    try:
        with Store(database_path()) as store:
            count = backup(data_dir(), store, args.file)
    except BackupError as error:
        raise FilesError(str(error)) from error
    print(f"Saved {count} files to {args.file}. Restore them with `micdrop restore "
          f"{args.file.name}` on the other machine.")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise FilesError(f"{args.file}: no such file; check the path.")
    try:
        with Store(database_path()) as store:
            done = restore(args.file, data_dir(), store)
    except BackupError as error:
        raise FilesError(str(error)) from error
    print(f"Restored {done.attempts_added} attempts ({done.attempts_already_there} were "
          f"already here) and {done.files_added} files; kept {done.files_kept} of yours.")
    return EXIT_OK
