"""docs/sync.md is complete enough for a third party to write a client.

The "third party" below talks to a real ``hmip serve`` over TLS following only the
document: raw httpx for the requests, ``cryptography`` (Ed25519) for the identity check
and the request signatures, the RFC 9421 signature base built by hand line by line as
the document shows it. It does not import the protocol or client modules of
hmip_desktop (``core/exchange/sync_protocol``, ``core/field/sync_client``, ``outbox``).
The bundle it uploads is a real one (the laptop's export); the receipts it gets back are
opened with the bundle-format document's own third-party reader
(tests/core/exchange/test_bundle_format_doc.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import export_bundle
from cryptography.hazmat.primitives import serialization
from tests.core.exchange.test_bundle_format_doc import Sender, open_receipt

from .conftest import PASSPHRASE, ca_context

pytestmark = pytest.mark.slow  # a server process

COVERED = '("@method" "@authority" "@path" "@query")'


@pytest.fixture
def central_location(tmp_path: Path) -> str:
    """The protocol is the same on both backends (tests/server proves them both)."""
    return str(tmp_path / "c.sqlite")


def pinned_key(line: str) -> tuple[Ed25519PublicKey, str]:
    """The store's signing key from its ``public.key`` line (as the pack carries it):
    the key and its fingerprint (sha256 hex of the 32 raw bytes)."""
    prefix, b64, _name = line.split(" ", 2)
    assert prefix == "hmip-ed25519"
    raw = base64.b64decode(b64, validate=True)
    return Ed25519PublicKey.from_public_bytes(raw), hashlib.sha256(raw).hexdigest()


def load_sender(key_dir: Path) -> Sender:
    """The inspector's key as docs/keys.md describes the folder: public.key, private.pem (PKCS#8)."""
    _key, key_id = pinned_key((key_dir / "public.key").read_text(encoding="utf-8").strip())
    private = serialization.load_pem_private_key((key_dir / "private.pem").read_bytes(), PASSPHRASE.encode())
    return Sender(private, key_id, device_id="")


def check_identity(client: httpx.Client, store_id: str, key_line: str) -> dict:
    challenge = secrets.token_hex(16)
    answer = client.get("/v1/identity", params={"challenge": challenge})
    assert answer.status_code == 200
    body = answer.json()
    key, key_id = pinned_key(key_line)
    assert (body["store_id"], body["signing_key_id"], body["challenge"]) == (store_id, key_id, challenge)
    assert body["versions"]["protocol"] == 1 and body["versions"]["format"] == 1
    unsigned = {k: v for k, v in body.items() if k != "signature"}
    signed = b"hmip-sync identity v1\n" + json.dumps(unsigned, sort_keys=True, separators=(",", ":"),
                                                      ensure_ascii=False).encode("utf-8")
    key.verify(base64.b64decode(body["signature"], validate=True), signed)  # raises if it does not verify
    return body


def signed_get(client: httpx.Client, sender, path: str, query: str = "", *, created: int | None = None,
               nonce: str | None = None, params_order: tuple[str, ...] = ("created", "nonce", "keyid", "alg", "tag"),
               tamper: bool = False) -> httpx.Response:
    """A GET signed as the document says: the base built by hand, one line per component."""
    url = urlsplit(str(client.base_url))
    authority = url.netloc.lower()  # host:port as the request's Host header carries it
    values = {"created": str(created if created is not None else int(time.time())),
              "nonce": f'"{nonce or secrets.token_hex(16)}"', "keyid": f'"{sender.key_id}"', "alg": '"ed25519"',
              "tag": '"hmip-sync"'}
    params = COVERED + "".join(f";{name}={values[name]}" for name in params_order)
    base = "\n".join([
        '"@method": GET',
        f'"@authority": {authority}',
        f'"@path": {path}',
        f'"@query": ?{query}',
        f'"@signature-params": {params}',
    ]).encode("ascii")
    signature = sender.private.sign(base)
    if tamper:
        signature = bytes([signature[0] ^ 1]) + signature[1:]
    headers = {"Signature-Input": f"hmip={params}",
               "Signature": f"hmip=:{base64.b64encode(signature).decode()}:"}
    return client.get(path + (f"?{query}" if query else ""), headers=headers)


def test_a_client_written_from_the_document(sync_world):
    laptop = sync_world.laptop()
    db = open_db(laptop)
    try:
        device = db.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
        bundle_path = sync_world.root / "real.bundle"
        export_bundle(db, "demo", sync_world.key("k"), bundle_path)
        # What the pack pinned on the laptop: the store id and the store's signing key line.
        store_id = db.execute("SELECT value FROM settings WHERE key = 'central_store_id'").fetchone()[0]
        key_line = db.execute("SELECT value FROM settings WHERE key = 'central_key'").fetchone()[0]
    finally:
        db.close()
    sender = load_sender(sync_world.root / "k")  # the inspector's key, read as bundle-format.md says
    server = sync_world.server()

    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls), timeout=60) as client:
        # 1. Who is this? The signed challenge, checked against the pinned identity.
        check_identity(client, store_id, key_line)
        assert client.get("/v1/identity", params={"challenge": "xyz"}).status_code == 400

        # 2. Upload the bundle: 201 and the receipt; again: 200 and the same bytes.
        data = bundle_path.read_bytes()
        first = client.post("/v1/bundles", content=data, headers={"Content-Type": "application/octet-stream"})
        assert first.status_code == 201, first.text
        bundle_id = json.loads(data[12: 12 + int.from_bytes(data[8:12], "big")])["id"]
        assert first.headers["Hmip-Bundle-Id"] == bundle_id
        receipt = open_receipt(first.content, key_line, sender)
        assert receipt["store_id"] == store_id and receipt["bundle_id"] == bundle_id
        again = client.post("/v1/bundles", content=data, headers={"Content-Type": "application/octet-stream"})
        assert again.status_code == 200 and again.content == first.content

        # 3. The inbox, signed by hand (RFC 9421), with the device: the receipt is listed.
        inbox = signed_get(client, sender, "/v1/inbox", f"device={device}")
        assert inbox.status_code == 200, inbox.text
        items = inbox.json()["items"]
        listed = [i for i in items if i["kind"] == "receipt"]
        assert [i["id"] for i in listed] == [receipt["receipt_id"]]
        assert listed[0]["size"] == len(first.content) and listed[0]["created_at"]
        # The parameter order is the client's choice; without a query, "@query" is "?".
        reordered = signed_get(client, sender, "/v1/inbox", params_order=("tag", "alg", "keyid", "nonce", "created"))
        assert reordered.status_code == 200, reordered.text
        # 4. The item itself: the same receipt file.
        item = signed_get(client, sender, f"/v1/items/receipt/{receipt['receipt_id']}")
        assert item.status_code == 200 and item.content == first.content

        # What the document says is refused, is.
        nonce = secrets.token_hex(16)
        assert signed_get(client, sender, "/v1/inbox", nonce=nonce).status_code == 200
        replay = signed_get(client, sender, "/v1/inbox", nonce=nonce)
        assert replay.status_code == 401 and replay.text.startswith("request replayed")
        assert signed_get(client, sender, "/v1/inbox", tamper=True).status_code == 401
        assert signed_get(client, sender, "/v1/inbox", created=int(time.time()) - 400).status_code == 401
        assert signed_get(client, sender, "/v1/inbox", created=int(time.time()) + 120).status_code == 401
        assert client.get("/v1/inbox").status_code == 401
        other = signed_get(client, sender, "/v1/items/receipt/" + "0" * 32)
        assert other.status_code == 404 and len(other.text.strip().splitlines()) == 1


def test_the_identity_check_refuses_another_key(sync_world):
    """A third party's pinning check fails for a store key other than the pinned one."""
    server = sync_world.server()
    lead_line = (sync_world.root / "lead" / "public.key").read_text(encoding="utf-8").strip()
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls), timeout=60) as client:
        with pytest.raises((AssertionError, InvalidSignature)):
            check_identity(client, sync_world.central.store_id, lead_line)
