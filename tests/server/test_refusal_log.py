"""Refusals given before any signature is checked (401, 422 for a malformed envelope,
413, 431…) can be caused by anyone who reaches the server, so the hash-chained event log
must not grow by one event for each: they are counted per client address and minute,
the first logged in full and the rest in one summary event. Refusals after a signature
was checked (the signer known) are still logged one by one."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import text

from hmip_desktop.core.central import events
from hmip_desktop.core.exchange import sync_protocol as proto

from .conftest import ca_context

pytestmark = pytest.mark.slow  # a server process per test


def _log(world) -> list[tuple[str, str, dict]]:
    with world.central.engine.connect() as conn:
        return [(a, actor, json.loads(after)) for a, actor, after in conn.execute(text(
            "SELECT action, actor, after FROM events WHERE action LIKE 'sync_refused%' ORDER BY seq"))]


def test_a_flood_of_unauthenticated_refusals_is_summarised_signed_ones_are_not(sync_world):
    server = sync_world.server(workers=2)
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as client:
        for _ in range(20):
            assert client.get(proto.INBOX_PATH).status_code == 401  # no signature at all
        for _ in range(5):
            assert client.post(proto.BUNDLES_PATH, content=b"not a bundle").status_code == 422
        for n in range(3):  # properly signed: the signer is known
            request = client.build_request("GET", f"{proto.ITEMS_PATH}/receipt/none-{n}")
            proto.sign_request(request, sync_world.key("k"))
            assert client.send(request).status_code == 404

    flooded = [e for e in _log(sync_world) if e[0] == "sync_refused" and not e[2].get("authenticated", True)]
    assert 1 <= len(flooded) <= 2, "one in full per address and minute (two if a minute ended meanwhile)"
    assert flooded[0][2]["client"] == "127.0.0.1" and flooded[0][2]["status"] == 401
    signed = [e for e in _log(sync_world) if e[0] == "sync_refused" and e[1].startswith("key:")]
    assert [e[2]["status"] for e in signed] == [404, 404, 404]

    server.stop()  # the minute's count is written when the server stops, if not before
    log = _log(sync_world)
    summaries = [after for action, _, after in log if action == "sync_refused_summary"]
    assert summaries and all(s["client"] == "127.0.0.1" for s in summaries)
    in_full = [e for e in log if e[0] == "sync_refused" and not e[2].get("authenticated", True)]
    assert len(in_full) + sum(s["more"] for s in summaries) == 25, "every refusal counted, none twice"
    assert len(log) <= 3 + 2 * 2, "a handful of events, not 28"
    with sync_world.central.engine.connect() as conn:
        assert events.verify(conn).ok
