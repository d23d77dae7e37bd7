"""What the sync service and the laptop refuse, through a real server over TLS:
a replayed signed fetch, a revoked key (403 with the import's own reason), an oversized
body (413 before it is read, and when a chunked body passes the cap), a server that is
not the pinned central store, an untrusted certificate; offline is not an error."""

from __future__ import annotations

import socket
import ssl
import time

import httpx
import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.central import importer
from hmip_desktop.core.exchange import sync_protocol as proto
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.field import outbox
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import trust_central
from hmip_desktop.core.field.sync_client import SyncError, sync

from .conftest import ca_context, free_port

pytestmark = pytest.mark.slow  # a server process per test


def _sync(world, laptop, url=None, folder="k", ca=None):
    db = open_db(laptop)
    try:
        return sync(db, laptop, world.key(folder), url or world.servers[-1].url, ca=ca or world.tls["ca"])
    finally:
        db.close()


def _events(world) -> list[str]:
    from sqlalchemy import text

    with world.central.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT after FROM events WHERE action = 'sync_refused' ORDER BY seq"))]


def _unauthenticated_total(world) -> int:
    """Refusals given before a signature was checked, as the event log has them once the
    server has stopped: those logged in full plus the ones each summary counted."""
    import json

    from sqlalchemy import text

    with world.central.engine.connect() as conn:
        rows = conn.execute(text("SELECT action, after FROM events WHERE action LIKE 'sync_refused%'")).all()
    return sum(1 if action == "sync_refused" and '"authenticated": false' in after
               else json.loads(after)["more"] if action == "sync_refused_summary" else 0 for action, after in rows)


def test_a_replayed_fetch_is_refused(sync_world):
    server = sync_world.server(workers=2)
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as client:
        request = client.build_request("GET", proto.INBOX_PATH)
        proto.sign_request(request, sync_world.key("k"))
        first = client.send(request)
        replay = client.send(request)
    # replays on new connections (which the kernel spreads over the two workers): all refused
    for _ in range(4):
        with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as other:
            again = other.send(other.build_request("GET", proto.INBOX_PATH, headers=request.headers))
            assert again.status_code == 401 and again.text.startswith("request replayed")
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as client:
        unsigned = client.get(proto.INBOX_PATH)
        signed = client.build_request("GET", proto.INBOX_PATH)
        proto.sign_request(signed, sync_world.key("k"))
        # the same signature on another path (a man in the middle redirecting the request)
        tampered = client.send(client.build_request("GET", proto.ITEMS_PATH + "/receipt/x", headers=signed.headers))
    assert first.status_code == 200 and first.json() == {"items": []}
    assert replay.status_code == 401 and replay.text == "request replayed: this signed request was seen before\n"
    assert unsigned.status_code == 401 and unsigned.text.count("\n") == 1
    assert tampered.status_code == 401
    assert any('"status": 401' in e for e in _events(sync_world))


def test_a_revoked_key_gets_403_with_the_reason(sync_world):
    laptop = sync_world.laptop()
    server = sync_world.server()
    key_id = sync_world.key("k").key_id
    db = open_db(laptop)
    try:
        outbox.queue_changes(db, laptop, sync_world.key("k"))
        data = outbox.read(outbox.to_send(db)[0])
    finally:
        db.close()
    sync_world.central.revoke(key_id)
    with pytest.raises(Rejected) as refused:  # what `hmip verify` / `central import` say
        importer.verify_bundle(sync_world.central, data)
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as client:
        upload = client.post(proto.BUNDLES_PATH, content=data)
        request = client.build_request("GET", proto.INBOX_PATH)
        proto.sign_request(request, sync_world.key("k"))
        fetch = client.send(request)
    assert upload.status_code == 403 and upload.text == f"{refused.value.reason}\n"
    assert "revoked" in upload.text
    assert fetch.status_code == 403 and fetch.text == upload.text
    assert sync_world.count("SELECT count(*) FROM bundles") == 0
    # The laptop records the refusal on the bundle and says so (exit 1 for the command).
    result = _sync(sync_world, laptop)
    assert set(result.refused) == {_entries(laptop)[0].bundle_id, "inbox"}
    assert set(result.refused.values()) == {refused.value.reason}
    assert [e.state for e in _entries(laptop)] == ["refused"]
    # Anyone can name a revoked key: these are counted per address, the first logged in full.
    assert sum('"status": 403' in e for e in _events(sync_world)) >= 1
    server.stop()
    assert _unauthenticated_total(sync_world) == 4


def _entries(laptop):
    db = open_db(laptop)
    try:
        return outbox.entries(db)
    finally:
        db.close()


def _raw(server, tls, head: bytes) -> bytes:
    """Send ``head`` over TLS and return all the server answers."""
    context = ssl.create_default_context(cafile=str(tls["ca"]))
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock, \
            context.wrap_socket(sock, server_hostname="127.0.0.1") as s:
        s.sendall(head)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
            head, sep, body = answer.partition(b"\r\n\r\n")
            length = [int(line.split(b":")[1]) for line in head.lower().split(b"\r\n")
                      if line.startswith(b"content-length:")]
            if sep and length and len(body) >= length[0]:
                break
    return answer


def test_an_oversized_body_gets_413(sync_world):
    server = sync_world.server("--max-bundle", "100000")
    # Refused by its Content-Length alone: not a byte of the body is ever sent.
    answer = _raw(server, sync_world.tls, b"POST /v1/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                          b"Content-Length: 5000000000\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert answer.endswith(b"the upload is 5000000000 bytes, more than the 100000 bytes a bundle may have\n")
    # Headers beyond 16 KiB: refused by the HTTP layer before any endpoint runs.
    answer = _raw(server, sync_world.tls, b"GET /v1/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: "
                  + b"a" * 20000 + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert answer.endswith(b"more than the 16384 bytes allowed\n")
    # A chunked body that passes the cap on the way.
    with httpx.Client(verify=ca_context(sync_world.tls)) as client:
        response = client.post(server.url + proto.BUNDLES_PATH, content=iter([b"x" * 60000] * 3))
    assert response.status_code == 413 and "more than the 100000 bytes" in response.text
    assert sync_world.count("SELECT count(*) FROM bundles") == 0
    assert sum('"status": 413' in e for e in _events(sync_world)) >= 1  # the first of the minute in full
    server.stop()
    assert _unauthenticated_total(sync_world) == 3  # 413, 431, 413


def test_a_server_that_is_not_the_pinned_store_is_refused(sync_world):
    laptop = sync_world.laptop()
    sync_world.server()
    db = open_db(laptop)
    try:  # the pack named another store (same keys: only the id differs)
        trust_central(db, store_id="f" * 32, recipients=sync_world.central.recipients(),
                      public_key=sync_world.central.meta("signing_key"))
    finally:
        db.close()
    with pytest.raises(SyncError, match=r"is not this laptop's central store \(it is store .*; nothing was sent"):
        _sync(sync_world, laptop)
    db = open_db(laptop)
    try:  # the right id, but another signing key pinned (a server holding a copy of the store's public data)
        trust_central(db, store_id=sync_world.central.store_id, recipients=sync_world.central.recipients(),
                      public_key=(sync_world.root / "lead" / "public.key").read_text(encoding="utf-8"))
    finally:
        db.close()
    with pytest.raises(SyncError, match="its signing key is"):
        _sync(sync_world, laptop)
    # a certificate from a CA the laptop does not trust: refused, not "offline"
    with pytest.raises(SyncError, match="presented a TLS certificate this laptop does not trust"):
        _sync(sync_world, laptop, ca=sync_world.tls["other_ca"])
    assert sync_world.count("SELECT count(*) FROM bundles") == 0
    assert [e.state for e in _entries(laptop)] == ["waiting"]


def test_offline_is_a_state_not_an_error(sync_world, capsys):
    laptop = sync_world.laptop()
    url = f"https://127.0.0.1:{free_port()}"  # nothing listens there
    code = main(["sync", str(laptop), "--server", url, "--key", str(sync_world.root / "k"),
                 "--ca", str(sync_world.tls["ca"])])
    out = capsys.readouterr()
    assert code == 0 and out.out == "offline, 1 waiting\n" and out.err == ""
    # then the server is there: the same bundle goes, once
    server = sync_world.server()
    code = main(["sync", str(laptop), "--server", server.url, "--key", str(sync_world.root / "k"),
                 "--ca", str(sync_world.tls["ca"])])
    out = capsys.readouterr().out.splitlines()
    assert code == 0 and out[0] == "1 bundle(s) sent, 1 receipt(s) recorded, 0 waiting"
    assert out[1:] == [f"inspection demo: the central store holds every case read as it is on this laptop; "
                       f"`hmip purge {laptop} --inspection demo` removes it from this laptop"]
    assert sync_world.count("SELECT count(*) FROM bundles") == 1


def test_serve_refuses_plain_http_off_loopback(sync_world, capsys):
    code = main(["serve", sync_world.location, "--keys", str(sync_world.keys), "--host", "0.0.0.0"])
    assert code == 1
    assert capsys.readouterr().err == ("hmip: error: plain HTTP is allowed only on 127.0.0.1: "
                                       "give --tls-cert and --tls-key\n")


def test_the_rate_limit_holds_across_workers(sync_world):
    server = sync_world.server("--rate-limit", "3", workers=2)
    if time.time() % 60 > 50:  # the count is per minute: start well inside one
        time.sleep(61 - time.time() % 60)
    statuses = []
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as client:
        for _ in range(5):  # two workers: the count is in the database, not in either of them
            request = client.build_request("GET", proto.INBOX_PATH)
            proto.sign_request(request, sync_world.key("k"))
            response = client.send(request)
            statuses.append(response.status_code)
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    assert response.text.startswith("too many requests from key ") and int(response.headers["Retry-After"]) >= 1


def test_an_upload_too_slow_to_arrive_gets_408(sync_world):
    server = sync_world.server("--upload-time", "2")
    started = time.monotonic()
    answer = _raw(server, sync_world.tls, b"POST /v1/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                          b"Content-Length: 5000\r\n\r\nHMIPENV1")  # then nothing more
    assert answer.startswith(b"HTTP/1.1 408 ") and answer.endswith(b"the upload did not arrive within 2.0 seconds\n")
    assert 1.5 < time.monotonic() - started < 20
    assert any('"status": 408' in e for e in _events(sync_world))


def test_the_imports_refusals_come_back_with_its_reasons(sync_world):
    """A damaged bundle (422), another member's reads (403, an authorisation rule) and a
    bundle id reused for other content (409): each answered with the line `hmip verify`
    gives for the same file, and nothing imported."""
    from hmip_desktop.core.exchange import envelope
    from hmip_desktop.core.field.export import export_bundle

    laptop = sync_world.laptop()
    server = sync_world.server()
    db = open_db(laptop)
    try:
        outbox.queue_changes(db, laptop, sync_world.key("k"))
        good = outbox.read(outbox.to_send(db)[0])
        # insp1's reads signed with Inspector B's key
        export_bundle(db, "demo", sync_world.key("k2"), sync_world.root / "foreign.bundle")
    finally:
        db.close()
    damaged = good[:-10] + bytes(b ^ 0xFF for b in good[-10:])
    foreign = (sync_world.root / "foreign.bundle").read_bytes()

    def reason(data: bytes) -> str:
        with pytest.raises(Rejected) as refused:
            importer.verify_bundle(sync_world.central, data)
        return refused.value.reason

    expected = {"damaged": (422, reason(damaged)), "foreign": (403, reason(foreign))}
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as client:
        got = {name: client.post(proto.BUNDLES_PATH, content=data)
               for name, data in (("damaged", damaged), ("foreign", foreign))}
        assert client.post(proto.BUNDLES_PATH, content=good).status_code == 201
        header = envelope.peek_header(good)
        reused = envelope.seal("bundle", header.id, header.created_at, b"other content", sync_world.key("k"), "age")
        expected["reused"] = (409, reason(reused))
        got["reused"] = client.post(proto.BUNDLES_PATH, content=reused)
    for name, (status, line) in expected.items():
        assert (got[name].status_code, got[name].text) == (status, line + "\n"), name
    assert "was already imported with other content" in got["reused"].text
    assert sync_world.count("SELECT count(*) FROM bundles") == 1
