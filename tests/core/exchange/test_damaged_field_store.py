"""A field store damaged in the middle of the file: every command that opens it ends in
one line naming the file and what to do, never a traceback (issue 13)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hmip_desktop.core.field.db import StoreDamaged, explained, open_db


def damage(path: Path) -> None:
    """Overwrite the middle half of a SQLite file with garbage (header and schema intact)."""
    size = path.stat().st_size
    start = size // 4 // 4096 * 4096
    with open(path, "r+b") as fh:
        fh.seek(start)
        fh.write(b"\xff" * (size // 2 // 4096 * 4096))


def hmip(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hmip_desktop.cli", *args], capture_output=True, text=True, cwd=cwd)


def one_line_damaged(out: subprocess.CompletedProcess, name: str) -> None:
    assert out.returncode == 1, out
    assert "Traceback" not in out.stderr, out.stderr
    assert out.stderr.strip().count("\n") == 0, out.stderr
    assert out.stderr.startswith(f"hmip: error: {name}: the field store is damaged (database disk image is malformed)")
    assert "send it to your lead inspector" in out.stderr


def test_export_and_audit_verify_on_a_damaged_store_say_so_in_one_line(world):
    damage(world.field_path)
    out = hmip("export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "x.bundle", cwd=world.root)
    one_line_damaged(out, "f.sqlite")
    assert not (world.root / "x.bundle").exists()
    one_line_damaged(hmip("audit", "verify", "f.sqlite", cwd=world.root), "f.sqlite")


def test_the_message_names_the_newest_automatic_backup(world):
    damage(world.field_path)
    for stamp in ("20260101T000000Z", "20260301T000000Z"):
        (world.root / f"f.sqlite.before-0002_step-{stamp}.bak").write_bytes(b"backup")
    out = hmip("audit", "verify", "f.sqlite", cwd=world.root)
    one_line_damaged(out, "f.sqlite")
    assert "restore it from the automatic backup f.sqlite.before-0002_step-20260301T000000Z.bak" in out.stderr


def test_the_core_error_keeps_the_reason_apart_from_the_path(world):
    damage(world.field_path)
    with pytest.raises(StoreDamaged) as caught:
        with explained(world.field_path):
            db = open_db(world.field_path)
            try:
                db.execute("SELECT count(*) FROM answers WHERE note LIKE '%x%'").fetchall()
                db.execute("PRAGMA integrity_check").fetchall()
                db.execute("SELECT * FROM audit_log").fetchall()
            finally:
                db.close()
    assert caught.value.reason == "the field store is damaged (database disk image is malformed)"
    assert str(world.root) not in caught.value.reason
