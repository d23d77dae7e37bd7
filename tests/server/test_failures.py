"""Networks and servers failing midway: the laptop keeps the bundle waiting, sends it
again later, and the central store imports it exactly once."""

from __future__ import annotations

import pytest

from hmip_desktop.core.field import outbox, sync_client
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.sync_client import sync

from .proxy import BreakingProxy

pytestmark = pytest.mark.slow  # server processes, killed and restarted


def _sync(world, laptop, url, **kw):
    db = open_db(laptop)
    try:
        return sync(db, laptop, world.key("k"), url, ca=world.tls["ca"], **kw)
    finally:
        db.close()


def _entry(laptop) -> outbox.Entry:
    db = open_db(laptop)
    try:
        (entry,) = outbox.entries(db)
        return entry
    finally:
        db.close()


def _imported_once(world) -> None:
    assert world.count("SELECT count(*) FROM bundles") == 1
    assert world.count("SELECT count(*) FROM revisions") == 16
    assert world.count("SELECT count(*) FROM sync_receipts") == 1


def test_server_killed_mid_upload_then_restarted(sync_world, monkeypatch):
    laptop = sync_world.laptop()
    server = sync_world.server()
    monkeypatch.setattr(sync_client, "CHUNK", 2048)
    calls = []

    def kill_after_first_chunk(done, total):
        calls.append((done, total))
        if len(calls) == 1:
            assert done < total
            server.kill()

    first = _sync(sync_world, laptop, server.url, progress=kill_after_first_chunk)
    assert first.interrupted and first.sent == [] and first.waiting == 1, first.describe()
    entry = _entry(laptop)
    assert entry.state == "waiting" and entry.attempts == 1 and entry.last_error.startswith("connection lost")
    assert sync_world.count("SELECT count(*) FROM bundles") == 0

    server.start()  # same port, same store
    second = _sync(sync_world, laptop, server.url)
    assert second.sent == [entry.bundle_id] and second.receipts == 1 and second.waiting == 0, second.describe()
    assert _entry(laptop).state == "receipt_received"
    _imported_once(sync_world)


def test_upload_dropped_after_n_bytes(sync_world):
    laptop = sync_world.laptop()
    server = sync_world.server()
    db = open_db(laptop)
    try:
        outbox.queue_changes(db, laptop, sync_world.key("k"))
    finally:
        db.close()
    size = _entry(laptop).size
    assert size > 4000
    proxy = BreakingProxy(server.port, "cut_upload", limit=size // 2)
    try:
        first = _sync(sync_world, laptop, proxy.url)
        assert proxy.broken == 1 and first.interrupted and first.waiting == 1, first.describe()
        assert sync_world.count("SELECT count(*) FROM bundles") == 0
        proxy.mode = "pass"
        second = _sync(sync_world, laptop, proxy.url)
        assert second.receipts == 1 and second.waiting == 0, second.describe()
    finally:
        proxy.close()
    _imported_once(sync_world)


def test_answer_lost_after_the_import_then_the_same_receipt(sync_world):
    laptop = sync_world.laptop()
    server = sync_world.server()
    db = open_db(laptop)
    try:
        outbox.queue_changes(db, laptop, sync_world.key("k"))
    finally:
        db.close()
    proxy = BreakingProxy(server.port, "drop_answer", limit=_entry(laptop).size)
    try:
        first = _sync(sync_world, laptop, proxy.url)
        assert proxy.broken == 1 and first.interrupted and first.waiting == 1, first.describe()
        _imported_once(sync_world)  # the server imported it; the laptop never heard
        proxy.mode = "pass"
        second = _sync(sync_world, laptop, proxy.url)
        assert second.sent and second.receipts == 1 and second.waiting == 0, second.describe()
    finally:
        proxy.close()
    assert _entry(laptop).state == "receipt_received"
    _imported_once(sync_world)


def test_a_store_that_is_unavailable_answers_503_and_the_bundle_waits(sync_world, request):
    """The server's own fault (PostgreSQL: its database gone; SQLite: the keys folder's
    identity missing) is 503 with the reason, never a refusal of the bundle."""
    laptop = sync_world.laptop()
    server = sync_world.server()
    identity = sync_world.keys / "identity.age"
    if "://" in sync_world.location:
        request.getfixturevalue("pg_server").drop_database(sync_world.location.rsplit("/", 1)[1])
    else:
        identity.rename(identity.with_suffix(".away"))
    first = _sync(sync_world, laptop, server.url)
    assert first.interrupted and first.interrupted.startswith("the server answered 503: the central store is unavailable")
    entry = _entry(laptop)
    assert entry.state == "waiting"
    if "://" not in sync_world.location:  # the keys put back: the same bundle goes, once
        assert entry.last_error.startswith("the central store is unavailable")  # (PostgreSQL: said before sending)
        identity.with_suffix(".away").rename(identity)
        second = _sync(sync_world, laptop, server.url)
        assert second.receipts == 1 and second.waiting == 0, second.describe()
        _imported_once(sync_world)
