"""Opening the field store: pragmas, network paths, newer stores, backups, migrations."""

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from hmip_desktop.core.field import db as dbmod
from hmip_desktop.core.field.db import NetworkPathError, StoreError, StoreTooNewError, open_db


def test_pragmas_are_set_and_read_back(tmp_path):
    db = open_db(tmp_path / "f.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_a_pragma_that_does_not_stick_is_refused(tmp_path, monkeypatch):
    # journal_mode=wal cannot hold on an in-memory database: the check must notice.
    monkeypatch.setattr(dbmod, "is_network_path", lambda p: False)
    with pytest.raises(StoreError, match="PRAGMA journal_mode is memory"):
        open_db(":memory:")


def test_new_store_has_schema_and_device_id(tmp_path):
    db = open_db(tmp_path / "f.sqlite")
    assert {"inspections", "cases", "case_reads", "answers", "audit_log", "team_members"} <= set(db.table_names())
    device = db.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    assert len(device) == 32
    assert db.execute("PRAGMA user_version").fetchone()[0] == dbmod.SCHEMA_VERSION


@pytest.mark.parametrize("raw", ["\\\\server\\share\\field.sqlite", "//server/share/field.sqlite"])
def test_unc_paths_are_refused(raw):
    with pytest.raises(NetworkPathError, match="network drive"):
        open_db(Path(raw))


def test_network_mounts_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod, "_mount_fstype", lambda p: "cifs")
    with pytest.raises(NetworkPathError):
        open_db(tmp_path / "f.sqlite")
    assert not (tmp_path / "f.sqlite").exists(), "nothing is created on a refused path"


def test_local_disk_is_not_a_network_path(tmp_path):
    assert not dbmod.is_network_path(tmp_path / "f.sqlite")


def test_a_store_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "f.sqlite"
    open_db(path).close()
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('hmip_field', '0099_future', 'x')"
    )
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNewError, match="newer version of hmip-desktop .*0099_future"):
        open_db(path)
    assert path.read_bytes() == before


def test_a_store_with_a_higher_user_version_is_refused(tmp_path):
    path = tmp_path / "f.sqlite"
    open_db(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version={dbmod.SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreTooNewError):
        open_db(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are not the droids\n" * 100)
    with pytest.raises(StoreError, match="is damaged \\(file is not a database\\)"):
        open_db(path)


def test_missing_store_without_create(tmp_path):
    with pytest.raises(StoreError, match="no such field store"):
        open_db(tmp_path / "nope.sqlite", create=False)


def test_migrating_backs_up_first_and_each_migration_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "f.sqlite"
    db = open_db(path)
    db.execute("INSERT INTO settings (key, value) VALUES ('marker', 'kept')")
    db.conn.commit()
    db.close()

    newer = Migrations("hmip_field")
    for m in dbmod.MIGRATIONS._migrations:
        newer._migrations.append(m)

    @newer(name="9001_add_column")
    def _add(db):
        db.execute("ALTER TABLE settings ADD COLUMN note TEXT")

    @newer(name="9002_broken")
    def _broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk full")

    monkeypatch.setattr(dbmod, "MIGRATIONS", newer)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", dbmod.SCHEMA_VERSION + 2)
    with pytest.raises(RuntimeError, match="disk full"):
        open_db(path)
    backups = list(tmp_path.glob("f.sqlite.before-9001_add_column-*.bak"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT value FROM settings WHERE key = 'marker'").fetchone() == ("kept",)
    assert "note" not in [r[1] for r in copy.execute("PRAGMA table_info(settings)")]
    raw = sqlite3.connect(path)
    names = [r[0] for r in raw.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    shipped = [m.name for m in newer._migrations[:-2]]
    assert names == shipped + ["9001_add_column"], "the broken step left no record"
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half_done" not in tables, "the broken step was rolled back"
