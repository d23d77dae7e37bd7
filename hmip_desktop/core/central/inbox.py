"""Watching an inbox folder (for example a shared drive) for bundles to import.

Each file that has stopped growing is imported: on success it moves to
``processed/`` with its receipt beside it; when refused it moves to ``rejected/``
beside a ``.reason.txt`` saying why. Only a bundle that is itself bad (Rejected) is
moved there: when the fault is local (the store's keys folder missing, its database
unreachable, the file unreadable) the bundle stays in the inbox, to be tried again.
Files whose names start with "." are ignored (partial copies). The refusal (in the log
line and in ``.reason.txt``) is in the language asked for (``hmip --lang cy central
watch``); the rest of each line stays English, for scripts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from ..exchange.envelope import Rejected, write_atomically
from ..messages import text_of
from . import importer
from .store import CentralError, CentralStore


def _settled(path: Path, seen: dict[Path, tuple[int, float]]) -> bool:
    """True once a file's size and time have not changed since the previous look."""
    stat = path.stat()
    now = (stat.st_size, stat.st_mtime)
    settled = seen.get(path) == now
    seen[path] = now
    return settled


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    n = 1
    while target.exists():
        target = folder / f"{path.stem}.{n}{path.suffix}"
        n += 1
    path.replace(target)
    return target


def _reason(exc: Exception, lang: str = "en") -> str:
    if isinstance(exc, DBAPIError):
        return f"the central store's database: {str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__}"
    return text_of(exc, lang)


def process(store: CentralStore, path: Path, lang: str = "en") -> str:
    """Import one file from the inbox and file it away; return a line for the log (a
    refusal in ``lang``). A local fault (CentralError, the database, the file system) is
    raised, the file left in place."""
    inbox = path.parent
    try:
        result = importer.import_file(store, path)
    except Rejected as exc:
        moved = _move(path, inbox / "rejected")
        reason = exc.text(lang)
        write_atomically(moved.with_name(moved.name + ".reason.txt"), (reason + "\n").encode())
        return f"{path.name}: rejected: {reason}"
    moved = _move(path, inbox / "processed")
    write_atomically(moved.with_name(moved.name + ".receipt"), result.receipt)
    return f"{path.name}: {result.describe()}"


def watch(store: CentralStore, inbox: Path, *, once: bool = False, interval: float = 5.0,
          lang: str = "en") -> Iterator[str]:
    """Yield one line per file handled; with ``once``, handle what is there and stop.
    A local fault stops ``once`` with its error (the file stays in the inbox); a
    watcher that keeps running says so and tries the file again later (a database
    restarting, a keys folder being restored)."""
    if not inbox.is_dir():
        raise CentralError.of("central.no_folder", folder=inbox)
    seen: dict[Path, tuple[int, float]] = {}
    while True:
        for path in sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.startswith(".")):
            if once or _settled(path, seen):
                seen.pop(path, None)
                try:
                    yield process(store, path, lang)
                except (CentralError, DBAPIError, OSError) as exc:
                    if once:
                        raise
                    yield f"{path.name}: left in the inbox, not imported: {_reason(exc, lang)}"
        if once:
            return
        time.sleep(interval)
