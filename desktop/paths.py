"""Where MicDrop keeps the user's data: one folder, overridable with `MICDROP_HOME`.

Everything the user owns (attempts database, recordings, their own questions and companies,
cached speech) lives under it, so backing up or wiping MicDrop is one folder.

The folder holds spoken answers and their transcripts, so it is private: folders MicDrop
makes are 0700 and files 0600, whatever the umask. Only what writes asks for the folder to
be created (`data_dir`); reading the user's own questions (`data_root`) never needs it, so a
read-only or missing data folder still lets `micdrop questions` and `analyze` run. A folder
that cannot be made or written is a `DataFolderError` that says where and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

APP_DIR_NAME = "micdrop"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# Bits that let other users in: group or others may read, write or enter.
_SHARED_BITS = stat.S_IRWXG | stat.S_IRWXO


class DataFolderError(OSError):
    """A folder MicDrop must write to cannot be made or written; `str()` says which and
    what to do. An OSError, so code that already copes with file errors copes with it."""

    def __init__(self, message: str, folder: Path) -> None:
        super().__init__(message)
        self.folder = folder

    def __str__(self) -> str:
        return str(self.args[0])


def data_root() -> Path:
    """The data folder's location (MICDROP_HOME, else the platform's convention); it may not
    exist. For reading only: whatever writes uses `data_dir()`."""
    override = os.environ.get("MICDROP_HOME")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "MicDrop"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "MicDrop"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME


def data_dir() -> Path:
    """The data folder, created private and checked writable; an existing one that other
    users can read is tightened to 0700 (see `_tighten`)."""
    root = data_root()
    private_dir(root)
    _tighten(root)
    return root


def recordings_dir() -> Path:
    """Recordings of attempts, one WAV each, beside the database."""
    return private_dir(data_dir() / "recordings")


def database_path() -> Path:
    """The SQLite store of attempts (its folder is created, the file is the store's)."""
    return data_dir() / "micdrop.sqlite3"


def speech_cache_dir() -> Path:
    """Synthesized questions, so replaying a question is instant."""
    return private_dir(data_dir() / "cache" / "speech")


def private_dir(path: Path) -> Path:
    """`path` as a writable folder; the folders made here are 0700 (mkdir's mode is masked
    by the umask, hence the chmod). Raises DataFolderError naming the folder."""
    path = Path(path)
    try:
        missing = _missing_parents(path)
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        for made in missing:
            os.chmod(made, PRIVATE_DIR_MODE)
        if not os.access(path, os.W_OK | os.X_OK):
            raise _unwritable(path)
    except OSError as error:
        raise folder_error(path, error) from error
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty and 0600 if it does not exist; leave an existing file alone."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    return path


def write_private_text(path: Path, text: str) -> None:
    """Write a whole text file as 0600, atomically (temp file, then rename), so a crash never
    leaves half a file and no other user can read it even for a moment."""
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, PRIVATE_FILE_MODE)  # an old temp file keeps its mode through O_TRUNC
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        raise


def folder_error(path: Path, error: OSError) -> DataFolderError:
    """The plain-words message for a folder that cannot be made or written."""
    root = data_root()
    reason = (error.strerror or str(error)).lower()
    fix = "Make it writable or set MICDROP_HOME to another folder."
    if path == root and not root.exists():
        message = (f"MicDrop cannot create its data folder {root} ({reason}). Set "
                   "MICDROP_HOME to a folder you can write to.")
    elif path == root:
        message = f"MicDrop cannot write to its data folder {root} ({reason}). {fix}"
    elif root in path.parents:
        message = (f"MicDrop cannot write to its data folder {root}: {path} cannot be "
                   f"created ({reason}). {fix}")
    else:
        message = f"MicDrop cannot write to the folder {path} ({reason}). {fix}"
    return DataFolderError(message, path)


def _missing_parents(path: Path) -> list[Path]:
    """The folders mkdir will make for `path`. Inside the data folder all of them (and the
    data folder itself) are made private; parents like ~/.local/share keep the usual mode."""
    root = data_root()
    inside = path == root or root in path.parents
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        if folder == path or (inside and (folder == root or root in folder.parents)):
            missing.append(folder)
    return missing


def _unwritable(path: Path) -> OSError:
    """Why a folder that exists cannot be written: a read-only mount, or its permissions."""
    code = errno.EACCES
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            code = errno.EROFS
    except (OSError, AttributeError):  # no statvfs on Windows
        pass
    return OSError(code, os.strerror(code), str(path))


def _tighten(root: Path) -> None:
    """Make an existing data folder that other users can enter 0700; it runs whenever the
    data folder is asked for, so an old 0755 folder is fixed as MicDrop starts.

    Only on POSIX, only a folder this user owns, not a shared one (sticky bit, like /tmp)
    and not the home folder itself; a folder that cannot be chmod'ed (read-only) is left as
    it is, and the write that needs it reports the problem."""
    if os.name != "posix":
        return
    try:
        info = root.stat()
        if (info.st_mode & _SHARED_BITS == 0 or info.st_uid != os.geteuid()
                or info.st_mode & stat.S_ISVTX
                or root.resolve() in (Path.home().resolve(), Path("/"))):
            return
        os.chmod(root, stat.S_IMODE(info.st_mode) & ~_SHARED_BITS)
    except (OSError, RuntimeError, KeyError):  # Path.home() fails with no HOME and no user
        pass
