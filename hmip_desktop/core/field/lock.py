"""One application instance per field store: a lock file beside the store.

``StoreLock.acquire(path)`` creates ``FILE.lock`` (exclusively) naming this process id
and host. A second instance finds the file, reads who holds it and refuses with
:class:`StoreInUse` (one line naming the other process). A lock left by a process that is
no longer running on this host (a crash, a power cut) is stale and is taken over. A lock
from another host is never taken over: its process cannot be checked from here (the store
is on a shared disk, which ``db.open_db`` refuses anyway for network drives).

The lock is advisory: SQLite's own locking still serialises writes. What it prevents is
two windows each believing they hold the only copy of the form, each with its own undo
history (the core also refuses an undo over another writer's change: ``undo.UndoConflict``).
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

from .db import StoreError


class StoreInUse(StoreError):
    """The store is open in another hmip-desktop; ``pid`` and ``host`` name it."""

    def __init__(self, path: Path, pid: int | None, host: str):
        self.pid, self.host = pid, host
        self.reason = f"is open in another hmip-desktop (process {pid} on {host})"
        super().__init__(f"{path}: {self.reason}; close it there first, or use that window")
        self.keyed("store.in_use", path=path, pid=pid, host=host)


def lock_path(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".lock")


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        PROCESS_QUERY_LIMITED_INFORMATION, STILL_ACTIVE = 0x1000, 259
        handle = ctypes.windll.kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            ok = ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == STILL_ACTIVE
        finally:
            ctypes.windll.kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def _holder(file: Path) -> tuple[int | None, str]:
    try:
        data = json.loads(file.read_text(encoding="utf-8")[:1000])
        return int(data["pid"]), str(data["host"])
    except (OSError, ValueError, KeyError, TypeError):
        return None, ""  # unreadable or half-written: treated as stale


class StoreLock:
    """The lock on one field store, held until :meth:`release`."""

    def __init__(self, file: Path):
        self.file = file

    @classmethod
    def acquire(cls, path: Path | str) -> StoreLock:
        """Lock the store at ``path`` for this process; StoreInUse if another running
        process holds it. A stale lock is taken over."""
        path = Path(path)
        file = lock_path(path)
        me = json.dumps({"pid": os.getpid(), "host": socket.gethostname()})
        for _ in range(3):
            try:
                fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                pid, host = _holder(file)
                if pid is not None and (host != socket.gethostname() or _alive(pid)):
                    raise StoreInUse(path, pid, host) from None
                try:
                    file.unlink()  # stale: its process is gone
                except FileNotFoundError:
                    pass
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(me)
            return cls(file)
        raise StoreInUse(path, *_holder(file))

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if _holder(self.file) == (os.getpid(), socket.gethostname()):
            try:
                self.file.unlink()
            except OSError:
                pass
