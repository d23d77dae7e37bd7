"""Uploads through a real ``hmip serve`` over TLS: a sync, a repeat (same receipt,
imported once), two laptops at once; on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest

from hmip_desktop.core.exchange import envelope
from hmip_desktop.core.field import outbox
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.sync_client import sync

from .conftest import ca_context

pytestmark = pytest.mark.slow  # a server process per test: about 3 to 6 s each


def _sync(world, laptop, folder="k", **kw):
    db = open_db(laptop)
    try:
        return sync(db, laptop, world.key(folder), world.servers[-1].url, ca=world.tls["ca"], **kw)
    finally:
        db.close()


def _states(laptop):
    db = open_db(laptop)
    try:
        return [(e.bundle_id, e.state) for e in outbox.entries(db)]
    finally:
        db.close()


def test_sync_sends_records_the_receipt_and_a_repeat_gets_the_same_receipt(sync_world):
    laptop = sync_world.laptop()
    server = sync_world.server()
    db = open_db(laptop)
    try:  # exported into the outbox first, to keep a copy of the file the sync sends
        (bundle_id,) = outbox.queue_changes(db, laptop, sync_world.key("k"))
    finally:
        db.close()
    path = laptop.parent / f"{laptop.name}.outbox" / f"{bundle_id}.bundle"
    data = path.read_bytes()
    result = _sync(sync_world, laptop)
    assert not result.offline and result.interrupted is None and not result.refused, result.describe()
    assert len(result.sent) == 1 and result.receipts == 1 and result.waiting == 0
    assert _states(laptop) == [(bundle_id, "receipt_received")] and result.sent == [bundle_id]
    # Its receipt recorded, the bundle's file is gone from the outbox folder; its row stays.
    assert not path.exists() and list(path.parent.glob("*.bundle")) == []
    assert sync_world.count("SELECT count(*) FROM bundles") == 1
    assert sync_world.count("SELECT count(*) FROM case_reads") == 16

    # The very same file again, by hand: 200 (not 201), byte for byte the same receipt, nothing imported twice.
    with httpx.Client(verify=ca_context(sync_world.tls)) as client:
        first = client.post(server.url + "/v1/bundles", content=data)
        second = client.post(server.url + "/v1/bundles", content=data)
    assert first.status_code == 200 and second.status_code == 200
    assert first.content == second.content
    assert envelope.peek_header(first.content).kind == "receipt"
    assert first.headers["Hmip-Bundle-Id"] == bundle_id
    assert sync_world.count("SELECT count(*) FROM bundles") == 1
    assert sync_world.count("SELECT count(*) FROM revisions") == 16

    # Nothing changed on the laptop: a second sync sends nothing and is not an error.
    again = _sync(sync_world, laptop)
    assert again.sent == [] and again.exported == [] and again.waiting == 0


def test_two_laptops_at_once(sync_world):
    one, two = sync_world.laptop("f1", "insp1"), sync_world.laptop("f2", "insp2")
    sync_world.server(workers=2)
    results, errors = {}, []

    def run(name, laptop, folder):
        try:
            results[name] = _sync(sync_world, laptop, folder)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=a) for a in (("one", one, "k"), ("two", two, "k2"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert all(len(r.sent) == 1 and r.receipts == 1 and not r.refused for r in results.values()), \
        [r.describe() for r in results.values()]
    assert sync_world.count("SELECT count(*) FROM bundles") == 2
    assert sync_world.count("SELECT count(*) FROM case_reads") == 32


def test_the_same_bundle_twice_at_once_is_imported_once_with_one_receipt(sync_world):
    laptop = sync_world.laptop()
    server = sync_world.server(workers=2)
    db = open_db(laptop)
    try:
        outbox.queue_changes(db, laptop, sync_world.key("k"))
        data = outbox.read(outbox.to_send(db)[0])
    finally:
        db.close()
    answers, gate = [], threading.Barrier(4)

    def send():
        with httpx.Client(verify=ca_context(sync_world.tls), timeout=120) as client:
            gate.wait()
            answers.append(client.post(server.url + "/v1/bundles", content=data))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(a.status_code for a in answers)[-1] in (200, 201) and len(answers) == 4
    assert [a.status_code for a in answers].count(201) <= 1
    assert len({a.content for a in answers}) == 1, "every answer is the same receipt"
    assert sync_world.count("SELECT count(*) FROM bundles") == 1
    assert sync_world.count("SELECT count(*) FROM revisions") == 16


def test_a_receipt_recorded_by_file_settles_the_outbox(sync_world, capsys):
    from hmip_desktop.cli import main
    from hmip_desktop.core.central import importer

    laptop = sync_world.laptop()
    db = open_db(laptop)
    try:
        outbox.queue_changes(db, laptop, sync_world.key("k"))
        (entry,) = outbox.to_send(db)
    finally:
        db.close()
    receipt = laptop.parent / "r.receipt"
    receipt.write_bytes(importer.import_file(sync_world.central, Path(entry.path)).receipt)  # carried by hand
    assert Path(entry.path).exists()
    assert main(["receipt", str(laptop), str(receipt), "--key", str(sync_world.root / "k")]) == 0
    assert _states(laptop) == [(entry.bundle_id, "receipt_received")]
    assert not Path(entry.path).exists(), "the receipt recorded, the outbox's copy of the bundle goes"


def test_one_inspector_two_laptops_each_gets_its_own_receipts(sync_world):
    one, two = sync_world.laptop("f1", "insp1"), sync_world.laptop("f2", "insp1")  # the same key on both
    sync_world.server()
    for laptop in (one, two, one, two):
        result = _sync(sync_world, laptop)
        assert not result.refused and result.waiting == 0, result.describe()
    assert sync_world.count("SELECT count(*) FROM bundles") == 2
    for laptop in (one, two):
        db = open_db(laptop)
        try:
            assert db.execute("SELECT count(*) FROM receipts").fetchone()[0] == 1
            assert db.execute("SELECT count(*) FROM inbox_seen WHERE outcome LIKE 'refused%'").fetchone()[0] == 0
        finally:
            db.close()
