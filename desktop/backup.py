"""Backup and restore: a user's rehearsals moved to another machine as one zip file.

The archive holds what only the user has: the attempts (a consistent SQLite snapshot), their
recordings, the settings, and their own questions and companies. Caches and downloaded
models are left out: MicDrop makes them again. A manifest lists every file with its SHA-256,
so restore can refuse a damaged or foreign archive before it writes anything.

Restore merges rather than overwrites: attempts already in the store are not added twice,
files the user already has are kept, and every recording is re-pointed at the new data
folder (stored paths name the old machine's).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from desktop.settings import FILE_NAME as SETTINGS
from desktop.store import Store, StoreError
from desktop.story_store import StoryStore
from scoring.stories import Story

FORMAT = "micdrop.backup/1"
MANIFEST = "manifest.json"
DATABASE = "micdrop.sqlite3"
FOLDERS = ("recordings", "questions", "companies")


class BackupError(Exception):
    """A backup that cannot be written or an archive that cannot be restored; says why."""


@dataclass(frozen=True)
class RestoreReport:
    attempts_added: int
    attempts_already_there: int
    files_added: int
    files_kept: int


def backup(data_dir: Path, store: Store, target: Path) -> int:
    """Write the archive to `target` (replaced only once complete); returns the file count."""
    target = Path(target)
    with tempfile.TemporaryDirectory() as scratch:
        snapshot = Path(scratch) / DATABASE
        _snapshot(store.path, snapshot)
        files = {DATABASE: snapshot}
        settings = data_dir / SETTINGS
        if settings.is_file():
            files[SETTINGS] = settings
        for folder in FOLDERS:
            for path in sorted((data_dir / folder).rglob("*")):
                if path.is_file() and not path.name.endswith(".recording"):
                    files[path.relative_to(data_dir).as_posix()] = path
        partial = target.with_name(target.name + ".part")
        try:
            _write_zip(partial, files)
            partial.replace(target)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"Could not write the backup {target}: "
                              f"{error.strerror or error}. Choose a writable place with "
                              "enough free space.") from error
    return len(files)


def _snapshot(database: Path, out: Path) -> None:
    """A consistent copy even while the app writes (SQLite's online backup)."""
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(out)
        with copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()


def _write_zip(path: Path, files: dict[str, Path]) -> None:
    manifest = {"format": FORMAT, "created": datetime.now(UTC).isoformat(),
                "files": {name: _sha256(p) for name, p in files.items()}}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
        for name, source in files.items():
            archive.write(source, name)


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def restore(archive_path: Path, data_dir: Path, store: Store) -> RestoreReport:
    """Check the whole archive, then merge it into `data_dir` and `store`."""
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = _unpack_checked(Path(archive_path), Path(scratch))
        files_added = files_kept = 0
        for name in sorted(unpacked):
            if name == DATABASE:
                continue
            added = _place(unpacked[name], data_dir / name)
            files_added += added
            files_kept += not added
        added, present = _merge_attempts(unpacked[DATABASE], store, data_dir / "recordings")
    return RestoreReport(added, present, files_added, files_kept)


def _unpack_checked(archive_path: Path, into: Path) -> dict[str, Path]:
    """Every file of a MicDrop archive, verified against its manifest; else BackupError."""
    refuse = f"{archive_path.name} is not a MicDrop backup"
    try:
        with zipfile.ZipFile(archive_path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            if manifest.get("format") != FORMAT or DATABASE not in manifest.get("files", {}):
                raise BackupError(f"{refuse} (no MicDrop manifest). Nothing was changed.")
            out = {}
            for name, digest in manifest["files"].items():
                _check_name(name, refuse)
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
                if _sha256(target) != digest:
                    raise BackupError(f"{archive_path.name} is damaged ({name} does not match "
                                      "its checksum). Nothing was changed.")
                out[name] = target
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise BackupError(f"{refuse}, or it is damaged ({error}). Nothing was changed.") from error
    _check_database(out[DATABASE], refuse)
    return out


def _check_name(name: str, refuse: str) -> None:
    """Only the files a backup writes, and never outside the data folder."""
    path = PurePosixPath(name)
    top = path.parts[0] if path.parts else ""
    if path.is_absolute() or ".." in path.parts or (
            name not in (DATABASE, SETTINGS) and top not in FOLDERS):
        raise BackupError(f"{refuse} (unexpected entry {name!r}). Nothing was changed.")


def _check_database(path: Path, refuse: str) -> None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        finally:
            db.close()
    except sqlite3.Error as error:
        raise BackupError(f"{refuse} (its database cannot be read). Nothing was changed."
                          ) from error
    if not ok or "attempts" not in tables:
        raise BackupError(f"{refuse} (its database is damaged or not MicDrop's). "
                          "Nothing was changed.")


def _place(source: Path, target: Path) -> bool:
    """Copy a file in unless the user already has one there (theirs wins)."""
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    target.chmod(0o600)
    return True


def _merge_attempts(database: Path, store: Store, recordings: Path) -> tuple[int, int]:
    """Add the archive's stories and attempts the store does not have, recordings
    re-pointed here and each attempt linked to its story again."""
    try:
        with Store(database) as archived:
            incoming = archived.attempts()
            story_of = _story_links(archived)
            stories = StoryStore(archived).list_stories()
    except StoreError as error:
        raise BackupError(f"The backup's attempts cannot be read: {error}") from error
    new_story_id = _merge_stories(stories, StoryStore(store))
    have = {(a.question_id, a.created_at) for a in store.attempts()}
    added = 0
    for a in incoming:
        if (a.question_id, a.created_at) in have:
            continue
        wav = recordings / a.wav_path.name if a.wav_path else None
        attempt_id = store.add_attempt(a.question_id, a.question_text, a.kind, a.company, wav,
                                       a.analysis, a.score, a.duration_s,
                                       created_at=a.created_at)
        if story_of.get(a.id) in new_story_id:
            store.link_story(attempt_id, new_story_id[story_of[a.id]])
        added += 1
    return added, len(incoming) - added


def _story_links(store: Store) -> dict[int, int]:
    with store.transaction() as db:
        return dict(db.execute("SELECT id, story_id FROM attempts WHERE story_id IS NOT NULL"))


def _merge_stories(stories: list[Story], vault: StoryStore) -> dict[int, int]:
    """Archive story id -> id here; a story already here (same title and notes) is reused."""
    here = {replace(s, id=None): s.id for s in vault.list_stories()}
    mapping = {}
    for story in stories:
        key = replace(story, id=None)
        if key not in here:
            here[key] = vault.save_story(key).id
        mapping[story.id] = here[key]
    return mapping
