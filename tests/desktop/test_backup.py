"""Backup and restore move a user's rehearsals to another machine and lose nothing."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from audio.wavfile import WavWriter
from desktop.backup import BackupError, backup, restore
from desktop.history_query import HistoryFilter
from desktop.store import Store
from desktop.story_store import StoryStore
from question_bank.model import Question
from scoring import Transcript, analyze
from scoring.stories import Story

QUESTION = Question(id="failure-1", text="Tell me about a time you failed.", kind="story")


def _home(root: Path, attempts: int) -> tuple[Path, Store]:
    """A data folder as a user leaves it: attempts with recordings, settings, own files."""
    (root / "recordings").mkdir(parents=True)
    (root / "questions").mkdir()
    (root / "questions" / "mine.toml").write_text(
        '[[questions]]\nid = "mine-1"\ntext = "Why us?"\nkind = "background"\n')
    (root / "settings.json").write_text('{"rate": 150}')
    (root / "cache").mkdir()
    (root / "cache" / "speech.wav").write_bytes(b"regenerable")
    store = Store(root / "micdrop.sqlite3")
    story = StoryStore(store).save_story(Story(None, "Outage", "failure", result="Fixed in 2 h."))
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    for k in range(attempts):
        wav = root / "recordings" / f"take{k}.wav"
        writer = WavWriter(wav, 16000)
        writer.write(np.sin(np.arange(8000 * (k + 1)) / (5 + k)).astype(np.float32) * 0.3)
        writer.close()
        analysis = analyze(Transcript.from_text(f"I fixed the outage in {k + 2} hours."),
                           QUESTION, None)
        attempt_id = store.add_attempt(QUESTION.id, QUESTION.text, "story", None, wav,
                                       analysis.to_dict(), analysis.score, analysis.duration_s,
                                       start + timedelta(hours=k))
        store.link_story(attempt_id, story.id)
    return root, store


def _state(root: Path, store: Store) -> dict:
    attempts = [(a.question_id, a.created_at, a.score, a.analysis,
                 a.wav_path.read_bytes() if a.wav_path else None) for a in store.attempts()]
    stories = {s.id: s.title for s in StoryStore(store).list_stories()}
    told = [stories.get(r.story_id) for r in store.history(HistoryFilter(descending=False))]
    return {"attempts": attempts, "told": told, "files": sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
        and not p.name.startswith("micdrop.sqlite3"))}


def test_round_trip_loses_nothing(tmp_path: Path):
    old_home, old_store = _home(tmp_path / "old", 3)
    archive = tmp_path / "micdrop-backup.zip"
    backup(old_home, old_store, archive)
    new_home = tmp_path / "new"
    (new_home / "recordings").mkdir(parents=True)
    new_store = Store(new_home / "micdrop.sqlite3")
    report = restore(archive, new_home, new_store)
    assert report.attempts_added == 3
    before, after = _state(old_home, old_store), _state(new_home, new_store)
    assert after["attempts"] == before["attempts"]  # analyses, scores, dates and audio bytes
    assert all(a.wav_path.parent == new_home / "recordings" for a in new_store.attempts())
    assert set(after["files"]) == set(before["files"]) - {"cache/speech.wav"}
    assert (new_home / "questions" / "mine.toml").read_text().startswith("[[questions]]")
    again = restore(archive, new_home, new_store)  # restoring twice adds nothing
    assert (again.attempts_added, again.attempts_already_there) == (0, 3)


def test_restore_keeps_what_the_user_already_has(tmp_path: Path):
    old_home, old_store = _home(tmp_path / "old", 1)
    archive = tmp_path / "b.zip"
    backup(old_home, old_store, archive)
    new_home, new_store = _home(tmp_path / "new", 0)
    (new_home / "settings.json").write_text('{"rate": 200}')
    restore(archive, new_home, new_store)
    assert (new_home / "settings.json").read_text() == '{"rate": 200}'
    assert len(new_store.attempts()) == 1


def _untouched(home: Path, store: Store):
    return _state(home, store), (home / "micdrop.sqlite3").read_bytes()


def test_a_damaged_archive_is_refused_untouched(tmp_path: Path):
    old_home, old_store = _home(tmp_path / "old", 2)
    archive = tmp_path / "b.zip"
    backup(old_home, old_store, archive)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("take1.wav"):
                data = data[:-100] + bytes(100)
            dst.writestr(item, data)
    new_home, new_store = _home(tmp_path / "new", 0)
    before = _untouched(new_home, new_store)
    with pytest.raises(BackupError, match="damaged"):
        restore(damaged, new_home, new_store)
    assert _untouched(new_home, new_store) == before


@pytest.mark.parametrize("entries", [
    {"notes.txt": b"hello"},
    {"manifest.json": b'{"format": "other/1", "files": {}}'},
    {"manifest.json": b'{"format": "micdrop.backup/1", "files": {"../evil": "0"}}',
     "../evil": b"x"},
])
def test_a_foreign_archive_is_refused_untouched(tmp_path: Path, entries: dict):
    foreign = tmp_path / "foreign.zip"
    with zipfile.ZipFile(foreign, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    home, store = _home(tmp_path / "home", 1)
    before = _untouched(home, store)
    with pytest.raises(BackupError, match="not a MicDrop backup"):
        restore(foreign, home, store)
    assert _untouched(home, store) == before
    assert not (tmp_path / "evil").exists()


def test_a_backup_that_cannot_be_written_says_so(tmp_path: Path):
    home, store = _home(tmp_path / "home", 1)
    with pytest.raises(BackupError, match="Could not write the backup"):
        backup(home, store, tmp_path / "no-such-folder" / "b.zip")
