"""Opening the laptop's field store safely.

``open_db`` is the only way the application opens a field store. It

* refuses network paths (SQLite's locking is unreliable on network file systems),
* sets and then *asserts* the durability and safety pragmas,
* refuses a store written by a newer version of the application,
* backs the store up (through SQLite's backup API) before applying migrations,
* applies the named migrations, each in its own transaction.

Threading: a returned database may be used from one thread at a time; the GUI
serialises all access on its single worker thread.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from ..messages import Msg, Refusal
from .migrations import MIGRATIONS, SCHEMA_VERSION

#: Pragmas set on every connection, and the value each must read back as.
PRAGMAS: dict[str, object] = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a returned commit survives power loss, not only a crash
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "secure_delete": 1,  # deleted personal data is overwritten, not left in free pages
    "trusted_schema": 0,
}

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "fuse.sshfs", "afs", "ncpfs", "9p", "davfs", "fuse.davfs2"}
)


class StoreError(Refusal):
    """A field store cannot be opened or used; the message says what to do."""


class NetworkPathError(StoreError):
    pass


class StoreTooNewError(StoreError):
    pass


class StoreDamaged(StoreError):
    """The file is not a sound SQLite database any more (corrupt pages, not a database).

    ``reason`` is the message without the path (what the log keeps: no personal data).
    """

    def __init__(self, path: Path, detail: str):
        self.reason = f"the field store is damaged ({detail})"
        super().__init__(f"{path}: {self.reason}; {_recovery(path)}")
        self.keyed("store.damaged", path=path, detail=detail, recovery=_recovery(path))


def backups(path: Path) -> list[Path]:
    """The automatic backups of the store at ``path`` (taken before each migration), newest first."""
    path = Path(path)
    found = [p for p in path.parent.glob(f"{glob.escape(path.name)}.before-*.bak") if p.is_file()]
    return sorted(found, key=lambda p: p.name.rsplit("-", 1)[-1], reverse=True)


def _recovery(path: Path) -> Msg:
    found = backups(path)
    return Msg.of("store.recovery_backup", backup=found[0]) if found else Msg.of("store.recovery")


def store_error(path: Path | str, exc: BaseException) -> BaseException:
    """The one-line error for ``exc``, met while opening or using the field store at ``path``.

    A damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) becomes :class:`StoreDamaged`; any other
    SQLite error a :class:`StoreError` naming the file; anything else is returned as it is.
    """
    if not isinstance(exc, sqlite3.DatabaseError):
        return exc
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StoreDamaged(Path(path), str(exc))
    if name.startswith("SQLITE_FULL"):
        error = StoreError.of("store.disk_full", path=path, detail=exc)
        error.reason = f"the disk is full ({exc})"
        return error
    error = StoreError.of("store.unusable", path=path, detail=exc)
    error.reason = f"the field store cannot be used ({exc})"
    return error


@contextlib.contextmanager
def explained(path: Path | str) -> Iterator[None]:
    """Turn SQLite errors raised inside the block into :func:`store_error`'s one-line errors."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from None


def _mount_fstype(path: Path) -> str | None:
    """The file system type of the mount holding ``path`` (Linux only, else None)."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best, fstype = "", None
    target = str(path)
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(mount_point) >= len(best):
            best, fstype = mount_point, parts[2]
    return fstype


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = path.drive + "\\"
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE


def is_network_path(path: Path) -> bool:
    """True for UNC paths (``\\\\server\\share``), mapped network drives and network mounts."""
    raw = str(path)
    if raw.startswith(("\\\\", "//")):
        return True
    resolved = path.resolve()
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return str(resolved).startswith("\\\\") or _windows_drive_is_remote(resolved)
    fstype = _mount_fstype(resolved if resolved.exists() else resolved.parent)
    return fstype in NETWORK_FILESYSTEMS


def is_read_only(path: Path | str) -> bool:
    """True when this user may not write the store file at ``path`` (its permissions, or
    the read-only attribute on Windows): it is then opened read-only."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & stat.S_IWUSR


def _connect(path: Path, read_only: bool = False) -> sqlite_utils.Database:
    if read_only:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), timeout=5.0, check_same_thread=False)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    for name, value in PRAGMAS.items():
        db.execute(f"PRAGMA {name}={value}")
    for name, expected in PRAGMAS.items():
        actual = db.execute(f"PRAGMA {name}").fetchone()[0]
        if str(actual).lower() != str(expected).lower():
            conn.close()
            raise StoreError.of("store.pragma", path=path, name=name, actual=actual, expected=expected)
    return db


def _applied_names(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in MIGRATIONS.applied(db)]


def backup(db: sqlite_utils.Database, dest: Path) -> Path:
    """A consistent copy of ``db`` at ``dest`` through SQLite's backup API."""
    target = sqlite3.connect(str(dest))
    try:
        db.conn.backup(target)
    finally:
        target.close()
    return dest


def open_db(path: Path | str, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) the field store at ``path``, migrated to this version's schema.

    A file this user may not write (:func:`is_read_only`) is opened read-only: nothing is
    migrated and every write fails; ``FieldStore.read_only`` says so to the window.

    Raises :class:`NetworkPathError`, :class:`StoreTooNewError` or :class:`StoreError`
    with a message naming the file and what to do.
    """
    path = Path(path)
    if is_network_path(path):
        raise NetworkPathError.of("store.network", path=path)
    if not path.exists() and not create:
        raise StoreError.of("store.missing", path=path)
    if path.exists() and path.is_dir():
        raise StoreError.of("store.is_folder", path=path)
    read_only = path.exists() and is_read_only(path)
    try:
        db = _connect(path, read_only)
        applied = _applied_names(db)
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from None
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = [name for name in applied if name not in known]
    if unknown or db.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
        db.close()
        raise StoreTooNewError.of("store.too_new", path=path, step=unknown[0] if unknown else "unknown")
    pending = MIGRATIONS.pending(db)
    if pending and read_only:
        db.close()
        raise StoreError.of("store.read_only_old", path=path)
    if pending and applied:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup(db, path.with_name(f"{path.name}.before-{pending[0].name}-{stamp}.bak"))
    if pending:
        MIGRATIONS.apply(db)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    return db


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One durable write: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error.

    IMMEDIATE takes the write lock up front, so reading the audit chain's head and
    appending to it cannot interleave with another writer. Nested use becomes a
    savepoint (through sqlite-utils' ``atomic``).
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise

