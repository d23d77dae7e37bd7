"""Export refuses, before writing anything, a bundle the central store's import would
refuse for its size (issue 13): the caps are core/exchange's, shared by both sides."""

from __future__ import annotations

import subprocess
import sys

import pyrage
import pytest

from hmip_desktop.core.exchange import archive, formats
from hmip_desktop.core.exchange.keys import new_key
from hmip_desktop.core.field import export
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import ExportError, export_bundle, trust_central
from hmip_desktop.core.field.inspections import create_inspection


def snapshot(path):
    db = open_db(path)
    try:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("settings", "exports", "audit_log", "case_reads")}
    finally:
        db.close()


def test_more_reads_than_a_bundle_takes_is_refused_before_anything_is_written(tmp_path, mini_yaml):
    n = formats.MAX_BUNDLE_RECORDS + 1
    path = tmp_path / "f.sqlite"
    db = open_db(path)
    try:
        create_inspection(
            db, inspection_id="big", provider="Test", title="Big", framework_yaml=mini_yaml,
            team=[{"id": "insp1", "name": "Ina Inspector", "role": "inspector"}],
            cases=[{"case_id": f"C{i:05d}", "selection": "sample",
                    "profile": {"gender": "male", "disposal_type": "licence"}} for i in range(n)],
            reads=[(f"C{i:05d}", "insp1") for i in range(n)],
        )
        recipient = str(pyrage.x25519.Identity.generate().to_public())
        trust_central(db, store_id="central", recipients=[recipient], public_key="unused")
    finally:
        db.close()
    new_key(tmp_path / "k", "Ina Inspector")
    before = snapshot(path)
    out = subprocess.run([sys.executable, "-m", "hmip_desktop.cli", "export", str(path), "--inspection", "big",
                          "--key", str(tmp_path / "k"), "--out", str(tmp_path / "big.bundle")],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr == (f"hmip: error: inspection big: {n} case reads are more than the central store takes in one "
                          f"bundle (at most {formats.MAX_BUNDLE_RECORDS}); nothing was written. Ask your lead inspector"
                          " to share the reads between laptops (one inspector key each)\n")
    assert not (tmp_path / "big.bundle").exists()
    assert snapshot(path) == before


@pytest.mark.parametrize("cap, reason", [
    ((archive, "MAX_LINE", 2000), "case_reads.jsonl:1: line longer than 2000 bytes"),
    ((archive, "MAX_MEMBER", 10_000), "archive member 'case_reads.jsonl' is too large"),
    ((export, "MAX_BUNDLE_FILE", 1000), "bytes; at most 1000)"),
])
def test_a_bundle_too_large_to_import_is_not_written(world, monkeypatch, cap, reason):
    monkeypatch.setattr(*cap)
    db = open_db(world.field_path)
    try:
        with db.conn:
            db.execute("UPDATE case_reads SET edit_count = edit_count + 1")  # every read re-encoded
        exports = db.execute("SELECT * FROM exports").fetchall()
        audit = db.execute("SELECT count(*) FROM audit_log").fetchone()
        revisions = db.execute("SELECT exported_revision, exported_line FROM case_reads").fetchall()
        with pytest.raises(ExportError, match=r"inspection demo: the central store would refuse this bundle \(") as e:
            export_bundle(db, "demo", world.key(), world.root / "x.bundle")
        assert reason in str(e.value) and "nothing was written" in str(e.value)
        assert db.execute("SELECT * FROM exports").fetchall() == exports
        assert db.execute("SELECT count(*) FROM audit_log").fetchone() == audit
        assert db.execute("SELECT exported_revision, exported_line FROM case_reads").fetchall() == revisions
    finally:
        db.close()
    assert not (world.root / "x.bundle").exists()
