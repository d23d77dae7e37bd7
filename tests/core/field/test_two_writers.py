"""Two writers on one field store (issue 15): undo never overwrites the other's change,
a second instance is refused by the store lock, and a read-only file is opened as such."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from hmip_desktop.core.field.db import StoreError
from hmip_desktop.core.field.lock import StoreInUse, StoreLock, lock_path
from hmip_desktop.core.field.store import FieldStore, UndoConflict


@pytest.fixture
def two(make_store, tmp_path):
    """Two FieldStore instances on one file (two windows), and case C1's read id."""
    first, reads = make_store()
    second = FieldStore.open(tmp_path / "field.sqlite")
    yield first, second, reads["C1"]
    second.close()


def test_undo_refuses_to_overwrite_another_writers_later_edit(two):
    first, second, rid = two
    first.set_note(rid, "assess_engage", "mine")
    second.set_note(rid, "assess_engage", "theirs, later")
    with pytest.raises(UndoConflict, match="changed elsewhere"):
        first.undo()
    assert second.read(rid).notes["assess_engage"] == "theirs, later"
    assert first.undo_stack.peek_undo() is None  # the step was dropped
    assert first.undo() is None


def test_undo_and_redo_still_work_when_nobody_else_wrote(two):
    first, second, rid = two
    first.set_note(rid, "assess_engage", "mine")
    second.set_note(rid, "assess_safety", "another field")  # a different field: no conflict
    assert first.undo().read.notes.get("assess_engage") is None
    assert first.redo().read.notes["assess_engage"] == "mine"
    first.undo()
    second.set_note(rid, "assess_engage", "theirs")  # after the undo: redo would overwrite it
    with pytest.raises(UndoConflict):
        first.redo()
    assert first.read(rid).notes["assess_engage"] == "theirs"
    assert first.undo_stack.peek_redo() is None


def test_a_second_instance_is_refused_naming_the_first(tmp_path):
    store = tmp_path / "f.sqlite"
    store.touch()
    lock = StoreLock.acquire(store)
    try:
        with pytest.raises(StoreInUse) as info:
            StoreLock.acquire(store)
        assert f"process {os.getpid()} on {socket.gethostname()}" in str(info.value)
        assert "\n" not in str(info.value)
    finally:
        lock.release()
    assert not lock_path(store).exists()
    StoreLock.acquire(store).release()


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    store = tmp_path / "f.sqlite"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock_path(store).write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname()}))
    lock = StoreLock.acquire(store)
    assert json.loads(lock_path(store).read_text())["pid"] == os.getpid()
    lock.release()
    lock_path(store).write_text("half-writ")  # a crash while writing it: stale too
    StoreLock.acquire(store).release()


def test_a_lock_from_another_host_is_respected(tmp_path):
    store = tmp_path / "f.sqlite"
    lock_path(store).write_text(json.dumps({"pid": 1, "host": "elsewhere"}))
    with pytest.raises(StoreInUse, match="process 1 on elsewhere"):
        StoreLock.acquire(store)


def test_a_read_only_file_opens_read_only_and_refuses_writes(make_store, tmp_path):
    store, reads = make_store()
    store.close()
    path = tmp_path / "field.sqlite"
    os.chmod(path, 0o444)
    try:
        ro = FieldStore.open(path)
        assert ro.read_only
        with pytest.raises(Exception, match="readonly"):
            ro.set_note(reads["C1"], "assess_engage", "x")
        ro.close()
    finally:
        os.chmod(path, 0o644)
    assert not FieldStore.open(path).read_only


def test_a_read_only_store_that_needs_migrating_is_refused(make_store, tmp_path):
    store, _ = make_store()
    store.db.execute("DELETE FROM _sqlite_migrations WHERE rowid = (SELECT max(rowid) FROM _sqlite_migrations)") \
        if store.db["_sqlite_migrations"].exists() else None
    store.close()
    path = tmp_path / "field.sqlite"
    os.chmod(path, 0o444)
    try:
        from hmip_desktop.core.field.migrations import MIGRATIONS
        from hmip_desktop.core.field.db import _connect

        db = _connect(path, read_only=True)
        pending = MIGRATIONS.pending(db)
        db.close()
        assert pending, "forgetting the last migration's record makes it pending again"
        with pytest.raises(StoreError, match="read-only and was written by an older version"):
            FieldStore.open(path)
    finally:
        os.chmod(path, 0o644)
