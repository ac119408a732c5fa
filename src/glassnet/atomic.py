"""The one way glassnet writes a file: all of it or none of it (models, ONNX files, plots, reports).

Every writer in glassnet goes through two functions here:

- ``check_save_path(path)``: the file that writing to ``path`` would create or replace, or the
  error writing would raise. A command line calls it on its output path before any work, so a
  bad path is said before minutes of training.
- ``write_atomically(path, write)``: ``write(f)`` fills a temporary file in the same folder
  (named ``.NAME.glassnet-HOST-PID-XXXXXXXX.tmp``), which is flushed to disk and then renamed
  over the target. A crash, a full disk or Ctrl-C mid-write leaves the old file as it was.

The rules both apply: only a regular file is ever replaced (a directory, a FIFO, a device, a
socket is refused, also behind a symbolic link); a symbolic link is kept and the file it points
to is replaced; a replaced file keeps its permissions, a new one gets 0o666 less the umask; the
folder must exist and be writable. A writer killed mid-write leaves its temporary file behind;
the next write to that folder removes the temporary files whose writer (same host, that
process id) no longer runs. A live writer's file, or another machine's, is never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import socket
import stat
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["check_save_path", "file_kind", "write_atomically"]

_TEMP = re.compile(r"\..*\.glassnet-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-[0-9a-f]{8}\.tmp", re.DOTALL)


def write_atomically(path: str | os.PathLike, write: Callable[[IO[bytes]], object]) -> Path:
    """Create or replace the file ``path`` with what ``write(f)`` writes to the binary file ``f``.

    ``write`` writes to a temporary file in the same folder, which is flushed to disk and then
    renamed over ``path`` (one ``os.replace``), so a reader sees the old file or the new one,
    never half of one. If ``write`` raises (anything, KeyboardInterrupt included), the temporary
    file is removed and the error goes on. Paths as ``check_save_path`` takes them; an existing
    file keeps its permissions. Returns ``path`` as a Path.
    """
    path = Path(path)
    target, existing = _target(path)
    _remove_stale_temp_files(target.parent)
    temp = target.parent / f".{target.name[:100]}.glassnet-{_host_tag()}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    # 0o666 less the umask, as for any new file; the umask itself is never touched (it is process-wide).
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            if existing is not None:
                os.chmod(temp, stat.S_IMODE(existing.st_mode))  # replacing a file keeps its permissions
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def check_save_path(path: str | os.PathLike) -> Path:
    """The file that ``write_atomically(path, ...)`` would replace or create, or the error it would raise.

    For a writer or a command line that checks its output path before any work. Returns ``path``
    itself, or the regular file a symbolic link there points to (the real file: compare it with
    ``os.path.samefile`` to refuse writing over an input). Nothing is written.

    Raises ``ValueError`` if ``path`` exists and is not a regular file (a directory, a FIFO, a
    device ...), ``FileNotFoundError`` if its folder does not exist, ``PermissionError`` if that
    folder is not writable. Each message starts ``Cannot save to PATH:``.
    """
    return _target(Path(path))[0]


def file_kind(mode: int) -> str:
    """What a file is, in words, from its ``st_mode``: "a regular file", "a directory", "a FIFO" ..."""
    for test, kind in ((stat.S_ISREG, "a regular file"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def _target(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file to replace (``path``, or the file a symbolic link there points to) and its stat, if it exists."""
    try:
        existing = path.stat()  # follows a symbolic link
    except (FileNotFoundError, NotADirectoryError):
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        kind = file_kind(existing.st_mode)
        if path.is_symlink():
            kind = f"a symbolic link to {kind}"
        raise ValueError(f"Cannot save to {path}: it is {kind}, not a regular file, and glassnet only "
                         "replaces regular files. Choose another path.")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if not target.parent.is_dir():
        raise FileNotFoundError(f"Cannot save to {path}: the folder {target.parent} does not exist.")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise PermissionError(f"Cannot save to {path}: the folder {target.parent} is not writable.")
    return target, existing


def _host_tag() -> str:
    """This machine, as 8 hex digits in temporary names: in a shared folder, another machine's
    process ids mean nothing here."""
    return f"{zlib.crc32(socket.gethostname().encode()):08x}"


def _remove_stale_temp_files(folder: Path) -> None:
    """Delete the temporary files that glassnet writers on this machine left in ``folder`` when
    they were killed mid-write: those whose process no longer runs. A live writer's file is never
    touched. POSIX only: elsewhere a process cannot be probed safely, and nothing is removed."""
    if os.name != "posix":
        return
    host = _host_tag()
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            match = _TEMP.fullmatch(name)
            if match and match["host"] == host and not _running(int(match["pid"])):
                with contextlib.suppress(OSError):  # another writer removed it first, or we may not
                    (folder / name).unlink()


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists (signal 0 checks, sends nothing); in doubt, yes."""
    if pid <= 0:
        return True  # 0 and below name process groups, never a writer
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # PermissionError: it runs, as another user
        return True
    return True
