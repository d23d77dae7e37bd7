"""Writing files so that a crash leaves either no file or the complete one.

The data goes to a temporary file beside the target, ``.NAME.PID.HOST.partial``, which
is fsynced and renamed over the target. A write that fails (a full disk, a folder that
cannot be written) removes its temporary file and raises :class:`WriteFailed`: one
line naming the target, which is left as it was.

A process killed during a write leaves its temporary file behind. Every write clears
the stale ones in its folder first (docs/decisions.md, "Stale partial files"): those
of a process of this computer that no longer runs, and any older than
:data:`STALE_AFTER` seconds (a partial file of another computer, on a shared folder,
is only ever removed by age).
"""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path

from .messages import Refusal, render

#: A temporary file older than this (seconds since last written) belongs to no live write.
STALE_AFTER = 15 * 60

#: ``.NAME.PID.partial`` (earlier versions) or ``.NAME.PID.HOST.partial``.
_PARTIAL = re.compile(r"^\..+\.(?P<pid>\d+)(?:\.(?P<host>[A-Za-z0-9-]+))?\.partial$")


class WriteFailed(Refusal, OSError):
    """A file could not be written; the message names it and says that nothing was left
    (``text("cy")`` in Welsh)."""

    def __init__(self, path: Path, exc: OSError):
        params = {"path": path, "detail": exc.strerror or exc}
        super().__init__(render("file.write_failed", "en", params))
        self.keyed("file.write_failed", **params)
        self.errno = exc.errno


def _discard(tmp: Path) -> None:
    """Remove a temporary file if there is one (its folder may be missing or a file)."""
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "host"


def _running(pid: int) -> bool:
    """Whether ``pid`` is a running process of this computer (True when it cannot be told)."""
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def clear_stale_partials(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the stale temporary files of interrupted writes in ``folder``; return them."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    host = _host()
    for entry in entries:
        match = _PARTIAL.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid = int(match["pid"])
        dead = match["host"] == host and pid != os.getpid() and not _running(pid)
        if dead or age > STALE_AFTER:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles to sync)."""
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, fsync, rename, fsync the folder (POSIX).

    Raises :class:`WriteFailed` (an ``OSError``) naming ``path`` when it cannot be written;
    then neither the temporary file nor a changed target is left.
    """
    path = Path(path)
    clear_stale_partials(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{_host()}.partial")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise WriteFailed(path, exc) from None
    except BaseException:
        _discard(tmp)
        raise
    sync_folder(path.parent)
