"""Kill test: a process exporting bundles is killed (SIGKILL) at random moments.

The export's contract (hmip_desktop/core/field/export.py) is that a crash leaves
either no bundle file or a complete one, and a field store whose records, sequence
numbers and audit chain agree. A child process (``_export_child.py``) edits one note
and exports inspection 'demo' to the SAME target path in a loop, reporting each export
after it returns; the parent kills it at a seeded random moment, RUNS times against
the same field store and output folder, and after every kill checks that

* the target either does not exist or is a bundle ``importer.verify_bundle`` accepts,
  and it is never older than the last export the child reported (a bundle written but
  not yet recorded when the child died is allowed: it is the one in flight, with the
  next sequence number);
* the output folder holds nothing else but the target, the files the test put there
  (untouched), and temporary files named ``.<target>.<pid>.<host>.partial`` of killed
  children, which cannot be mistaken for a bundle (each write clears those of dead
  processes, core/files.py);
* the field store passes ``PRAGMA integrity_check`` and ``foreign_key_check``, its
  audit chain verifies, every reported export is recorded, the recorded sequence
  numbers only go up and the settings agree, no sequence number is recorded for two
  bundles (it is shared only by a killed export's unrecorded bundle and the export
  after it, the case export.py allows), and there is exactly one audit event per
  recorded export (data and audit in one transaction).

Finally a fresh child exports once without being killed: it succeeds, the bundle
verifies and imports into the central store, the partial files of the killed children
are gone, and the test's own files are left exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from hmip_desktop.core.central import importer
from hmip_desktop.core.field import audit
from hmip_desktop.core.field.db import open_db

from . import _export_child as child
from .conftest import World
from tests.kill_child import kill_at, run_child

SEED = int(os.environ.get("HMIP_EXPORT_KILL_SEED", "8675309"))
RUNS = 60
#: Every EARLY_EVERY-th run is killed at a random moment after spawning (usually while
#: the child is starting up); the others at a random moment after it said "ready".
EARLY_EVERY = 10
#: An export (edit + export + fsync) takes ~15-25 ms here; kill within a few of them.
MAX_DELAY = 0.15
TARGET = "out.bundle"
PARTIAL = re.compile(rf"^\.{re.escape(TARGET)}\.(\d+)\.[A-Za-z0-9-]+\.partial$")


def _run_and_kill(world: World, out: Path, err_path: Path, delay: float, early: bool) -> tuple[list[dict], int, int]:
    """Start the child, SIGKILL it after ``delay``; return (reported exports, return code, pid)."""
    args = [str(world.field_path), str(world.root / "k"), str(out)]
    killed = kill_at(child.__file__, args, err_path, delay, early, cwd=out.parent)
    return [json.loads(raw) for raw in killed.lines], killed.returncode, killed.pid


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_field_store(world: World, reported_ids: set[str]) -> tuple[dict[str, int], int]:
    """The field store's consistency checks; returns ({recorded bundle id: sequence},
    the device's sequence setting)."""
    db = open_db(world.field_path, create=False)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        report = audit.verify(db)
        assert report.ok, f"audit chain broken: {report.reason}"
        exports = db.execute("SELECT bundle_id, sequence FROM exports ORDER BY rowid").fetchall()
        sequences = [seq for _, seq in exports]
        assert sequences == sorted(set(sequences)), f"recorded sequence numbers {sequences} not strictly increasing"
        setting = int(db.execute("SELECT value FROM settings WHERE key = 'sequence'").fetchone()[0])
        assert setting >= max(sequences, default=0)
        missing = reported_ids - {bid for bid, _ in exports}
        assert not missing, f"exports the child reported as done are not recorded: {missing}"
        events = db.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()[0]
        assert events == len(exports), f"{events} export events in the audit log for {len(exports)} exports"
        return dict(exports), setting
    finally:
        db.close()


class SequenceOwners:
    """Every (sequence, bundle id) pair seen anywhere (reported, recorded, on disk).

    A device's sequence number names one recorded export. It is shared only in the
    case export.py allows: an export killed after its file was written but before it
    was recorded leaves a valid bundle whose number the next export reuses (the central
    store must not drop the newer one: see test_sync_model's crashed-export test)."""

    def __init__(self) -> None:
        self.ids: dict[int, set[str]] = {}

    def add(self, sequence: int, bundle_id: str) -> None:
        self.ids.setdefault(sequence, set()).add(bundle_id)

    def check(self, recorded: dict[str, int], where: str) -> int:
        """At most one recorded bundle per sequence; returns how many were shared."""
        shared = 0
        for sequence, ids in self.ids.items():
            in_store = {bid for bid in ids if bid in recorded}
            assert len(in_store) <= 1, f"{where}: sequence {sequence} recorded for several bundles {sorted(in_store)}"
            assert all(recorded[bid] == sequence for bid in in_store)
            shared += len(ids) > 1
        return shared


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_export_killed_at_random_leaves_no_file_or_a_valid_one(world: World, tmp_path: Path):
    out_dir = tmp_path / "outbox"
    out_dir.mkdir()
    target = out_dir / TARGET
    # Files that are not the export's to touch: another bundle, a note, and a file
    # named like the partial file of a process (pid 1) that is not ours.
    ours = {
        "other.bundle": (world.root / "b0.bundle").read_bytes(),
        ".notes.partial": b"not a bundle",
        f".{TARGET}.1.partial": b"somebody else's partial file",
    }
    for name, data in ours.items():
        (out_dir / name).write_bytes(data)

    rng = random.Random(SEED)
    reported_ids: set[str] = set()
    recorded, _ = _check_field_store(world, set())
    last_reported_seq = max(recorded.values())
    owners = SequenceOwners()
    for bundle_id, sequence in recorded.items():
        owners.add(sequence, bundle_id)
    killed_pids: set[int] = set()
    stats: Counter = Counter()
    for run in range(RUNS):
        early = run % EARLY_EVERY == EARLY_EVERY - 1
        delay = rng.uniform(0, 0.3 if early else MAX_DELAY)
        err_path = tmp_path / f"child-{run}.err"
        reported, code, pid = _run_and_kill(world, target, err_path, delay, early)
        where = f"run {run} (delay {delay * 1000:.0f} ms{', early' if early else ''})"
        assert code == -signal.SIGKILL, f"{where}: child exited with {code}:\n{err_path.read_text()}"
        killed_pids.add(pid)
        stats["exports reported"] += len(reported)
        for line in reported:
            reported_ids.add(line["bundle_id"])
            owners.add(line["sequence"], line["bundle_id"])
            assert line["changed"] == 1
        if reported:
            last_reported_seq = reported[-1]["sequence"]

        recorded, _ = _check_field_store(world, reported_ids)
        for bundle_id, sequence in recorded.items():
            owners.add(sequence, bundle_id)
        stats["sequence numbers shared after a kill"] = owners.check(recorded, where)

        # The output folder: the target, our files, and partial files of killed children.
        for entry in sorted(os.listdir(out_dir)):
            if entry == TARGET or entry in ours:
                continue
            match = PARTIAL.match(entry)
            assert match and int(match.group(1)) in killed_pids, f"{where}: stray file {entry!r} in the output folder"
            stats["partial files left"] += int(match.group(1)) == pid
        for name, data in ours.items():
            assert (out_dir / name).read_bytes() == data, f"{where}: {name} was changed"

        if not target.exists():
            stats["no target yet"] += 1
            assert not reported_ids, f"{where}: the target of a reported export vanished"
            continue
        data = target.read_bytes()
        try:
            description = importer.verify_bundle(world.central, data)
        except importer.Rejected as exc:
            pytest.fail(f"{where}: the target is not a valid bundle ({len(data)} bytes): {exc.reason}")
        assert " is valid" in description
        with world.central.engine.connect() as conn:
            opened, _ = importer.open_bundle(world.central, conn, data)
        m = opened.manifest
        owners.add(m.sequence, m.bundle_id)
        assert m.sequence >= last_reported_seq, f"{where}: the target is older than the last reported export"
        if m.bundle_id in reported_ids:
            stats["target is the last reported export"] += 1
        elif m.bundle_id in recorded:
            stats["target recorded but not reported"] += 1
        else:
            # Written, then killed before the transaction that records it committed:
            # the export in flight, newer than everything recorded.
            assert m.sequence > max(recorded.values()), f"{where}: an unrecorded target older than a recorded export"
            stats["target written but not recorded"] += 1

    assert len(killed_pids) == RUNS >= 50
    # Leftovers before a fresh, uninterrupted export.
    leftovers = {name: _digest(out_dir / name) for name in os.listdir(out_dir) if name != TARGET}
    err_path = tmp_path / "final.err"
    proc = run_child(child.__file__, [str(world.field_path), str(world.root / "k"), str(target), "1"], err_path,
                     cwd=target.parent)
    assert proc.returncode == 0, err_path.read_text()
    final = json.loads(proc.stdout.decode().splitlines()[-1])
    assert " is valid" in importer.verify_bundle(world.central, target.read_bytes())
    result = importer.import_file(world.central, target)
    assert result.newly_imported and result.bundle_id == final["bundle_id"]
    mine = sqlite3.connect(world.field_path).execute(
        "SELECT count(*) FROM case_reads WHERE reader_id = (SELECT value FROM settings WHERE key = 'user_id')").fetchone()[0]
    assert sum(result.outcomes.values()) == mine, "the bundle holds every read of the laptop's user"
    recorded, setting = _check_field_store(world, reported_ids | {final["bundle_id"]})
    owners.add(final["sequence"], final["bundle_id"])
    owners.check(recorded, "final export")
    assert final["sequence"] == max(recorded.values()) == setting
    after = {name: _digest(out_dir / name) for name in os.listdir(out_dir) if name != TARGET}
    # The fresh export cleared the partial files of the killed children (dead processes).
    expected = {name: digest for name, digest in leftovers.items() if PARTIAL.match(name) is None}
    assert after == expected, "the fresh export left partial files of dead processes, or touched other files"
    print(f"export kill test: {RUNS} kills; " + ", ".join(f"{k}: {v}" for k, v in sorted(stats.items())))
