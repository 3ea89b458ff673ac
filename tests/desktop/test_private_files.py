"""Everything MicDrop writes in its data folder is private (folders 0700, files 0600) under
the usual umask 022, and a data folder left readable by others is tightened at start."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from audio.tts import Speaker, espeak_command
from desktop import paths
from desktop.settings import Settings, save_settings
from desktop.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_022) -> Path:
    root = tmp_path / "not-yet" / "micdrop"
    monkeypatch.setenv("MICDROP_HOME", str(root))
    return root


def test_the_data_folder_and_the_database_are_private(home: Path) -> None:
    with Store(paths.database_path()) as store:
        store.add_attempt("q", "Q?", "story", None, None, {"transcript": "mine"}, 50, 90.0)
        side_files = [home / "micdrop.sqlite3-wal", home / "micdrop.sqlite3-shm"]
        assert all(f.exists() for f in side_files)  # WAL mode: both exist while open
        assert [mode(f) for f in side_files] == [0o600, 0o600]
    assert mode(home) == 0o700
    assert mode(home / "micdrop.sqlite3") == 0o600
    assert mode(home.parent) == 0o755  # a parent MicDrop had to make is not its data folder


def test_settings_recordings_and_cache_folders_are_private(home: Path) -> None:
    settings = save_settings(Settings(rate=170))
    assert mode(settings) == 0o600
    assert mode(paths.recordings_dir()) == 0o700
    cache = paths.speech_cache_dir()
    assert (mode(cache.parent), mode(cache)) == (0o700, 0o700)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_cached_speech_is_private(home: Path) -> None:
    speaker = Speaker(cache_dir=paths.speech_cache_dir(), engines=[espeak_command])
    wav = speaker.synthesize("Tell me about a time you failed.")
    assert mode(wav) == 0o600


def test_an_existing_readable_data_folder_and_database_are_tightened(home: Path) -> None:
    home.mkdir(parents=True, mode=0o755)
    os.chmod(home, 0o755)
    with Store(home / "micdrop.sqlite3"):
        pass
    os.chmod(home / "micdrop.sqlite3", 0o644)  # as MicDrop before this change left them
    with Store(paths.database_path()):
        pass
    assert mode(home) == 0o700
    assert mode(home / "micdrop.sqlite3") == 0o600


def test_a_shared_folder_is_not_tightened(tmp_path: Path, monkeypatch, umask_022) -> None:
    """MICDROP_HOME pointing at a sticky shared folder (like /tmp) must not lock others out."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    monkeypatch.setenv("MICDROP_HOME", str(shared))
    paths.data_dir()
    assert mode(shared) == 0o1777


def test_the_home_folder_itself_is_not_tightened(tmp_path: Path, monkeypatch, umask_022) -> None:
    """MICDROP_HOME=~ keeps data beside the user's files; chmod'ing ~ is not MicDrop's call."""
    user_home = tmp_path / "user"
    user_home.mkdir()
    os.chmod(user_home, 0o755)
    monkeypatch.setenv("HOME", str(user_home))
    monkeypatch.setenv("MICDROP_HOME", str(user_home))
    paths.data_dir()
    assert mode(user_home) == 0o755
