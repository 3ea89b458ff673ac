"""Choosing a speech model: offline by default, downloads only on request and only whole."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from audio.errors import DownloadCancelled, ModelDownloadError, ModelNotFound
from audio.models import (
    COMPLETE_MARKER,
    HUB_REPOS,
    RemoteFile,
    bundled_model_path,
    download_model,
    is_downloaded,
    resolve_model,
    validate_model_dir,
)
from audio.transcribe import Transcriber
from scoring.wer import word_error_rate

# What the hub lists for a faster-whisper repository: model files plus ones we must skip.
REMOTE = {
    "config.json": b'{"alignment_heads": []}',
    "model.bin": b"\x00" * 5000,
    "tokenizer.json": b"{}",
    "vocabulary.txt": b"a\nb\n",
    "README.md": b"# not needed",
    ".gitattributes": b"*.bin filter=lfs",
}


class FakeHub:
    """Serves REMOTE in 1000-byte blocks; can fail or have its download cancelled."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.fetched: list[str] = []

    def list_files(self, repo_id: str) -> list[RemoteFile]:
        assert repo_id in HUB_REPOS.values()
        return [RemoteFile(name, len(data)) for name, data in REMOTE.items()]

    def fetch(self, repo_id: str, name: str, dest: Path, on_bytes: Callable[[int], None],
              cancelled: Callable[[], bool]) -> None:
        self.fetched.append(name)
        data = REMOTE[name]
        with dest.open("wb") as out:
            for i in range(0, len(data), 1000):
                if name == self.fail_on and i >= 2000:
                    raise ModelDownloadError("the connection dropped")
                if cancelled():
                    raise DownloadCancelled("cancelled")
                out.write(data[i : i + 1000])
                on_bytes(len(data[i : i + 1000]))


def test_default_and_tiny_en_are_the_bundled_model() -> None:
    assert resolve_model(None) == bundled_model_path()
    assert resolve_model("tiny.en", Path("/nonexistent")) == bundled_model_path()
    assert validate_model_dir(bundled_model_path()) == bundled_model_path()


def test_named_model_not_on_disk_says_download_it_never_connection(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound) as caught:
        resolve_model("base.en", tmp_path)
    message = str(caught.value)
    assert '"base.en" is not downloaded' in message
    assert "Download it" in message and "tiny.en" in message
    assert "connection" not in message.lower()


def test_transcriber_with_missing_model_fails_on_load_with_the_same_message(
    tmp_path: Path,
) -> None:
    transcriber = Transcriber("small.en", models_dir=tmp_path)  # constructing loads nothing
    with pytest.raises(ModelNotFound, match="not downloaded"):
        transcriber.load()


def test_unknown_name_lists_the_known_models(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match=r"neither a known speech model.*base\.en"):
        resolve_model("gigantic.en", tmp_path)


def test_local_folder_is_validated(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    with pytest.raises(ModelNotFound, match=r"lacks model\.bin, tokenizer\.json or vocabulary"):
        resolve_model(folder)
    (folder / "model.bin").write_bytes(b"\x00")
    (folder / "vocabulary.txt").write_text("a\n")
    assert resolve_model(str(folder)) == folder
    assert resolve_model(folder) == folder


def test_missing_local_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match="does not exist"):
        resolve_model(tmp_path / "nowhere")


def test_download_reports_progress_and_marks_complete_last(tmp_path: Path) -> None:
    progress: list[tuple[int, int]] = []
    hub = FakeHub()
    path = download_model("base.en", tmp_path, on_progress=lambda d, t: progress.append((d, t)),
                          fetcher=hub)
    wanted = ["config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
    assert path == tmp_path / "base.en" and hub.fetched == wanted
    assert sorted(p.name for p in path.iterdir()) == sorted([*wanted, COMPLETE_MARKER])
    assert (path / "model.bin").read_bytes() == REMOTE["model.bin"]
    total = sum(len(REMOTE[n]) for n in wanted)
    done = [d for d, _ in progress]
    assert done == sorted(done) and progress[-1] == (total, total)
    assert {t for _, t in progress} == {total}
    assert is_downloaded("base.en", tmp_path)
    assert resolve_model("base.en", tmp_path) == path


def test_cancelled_download_is_not_a_model(tmp_path: Path) -> None:
    progress: list[int] = []
    with pytest.raises(DownloadCancelled):
        download_model("base.en", tmp_path, on_progress=lambda d, t: progress.append(d),
                       cancelled=lambda: len(progress) >= 3, fetcher=FakeHub())
    assert 0 < progress[-1] < 5000
    assert not is_downloaded("base.en", tmp_path)
    with pytest.raises(ModelNotFound, match="not downloaded"):
        resolve_model("base.en", tmp_path)


def test_failed_download_leaves_no_marker_and_a_retry_completes(tmp_path: Path) -> None:
    with pytest.raises(ModelDownloadError):
        download_model("base.en", tmp_path, fetcher=FakeHub(fail_on="model.bin"))
    assert (tmp_path / "base.en" / "model.bin.part").exists()
    assert not (tmp_path / "base.en" / "model.bin").exists()
    assert not is_downloaded("base.en", tmp_path)
    download_model("base.en", tmp_path, fetcher=FakeHub())
    assert is_downloaded("base.en", tmp_path)


def test_redownload_clears_the_old_marker_first(tmp_path: Path) -> None:
    download_model("base.en", tmp_path, fetcher=FakeHub())
    with pytest.raises(DownloadCancelled):
        download_model("base.en", tmp_path, cancelled=lambda: True, fetcher=FakeHub())
    assert not is_downloaded("base.en", tmp_path)


# Two full sentences: "Hello world." alone came out as "the low world." on CPUs without
# AVX-512 VNNI (int8 kernels differ by CPU; `make test-isa`). Measured WER 0.05, every ISA.
SPOKEN = (
    "Last year I built a new search feature for our online store. Then we tested the new "
    "version with real customers."
)


@pytest.mark.slow
@pytest.mark.model
def test_a_copied_model_folder_loads_and_transcribes(tmp_path: Path, espeak_wav) -> None:
    folder = shutil.copytree(bundled_model_path(), tmp_path / "copy")
    transcript = Transcriber(folder).transcribe_file(espeak_wav(SPOKEN))
    assert word_error_rate(SPOKEN, transcript.text) <= 0.2, transcript.text
