"""One network sync of a laptop's field store with its central store (docs/sync.md).

Order: export what changed into the outbox → ask the server who it is and check it is
the central store pinned from the inspection pack (else nothing is sent) → send each
bundle without a recorded receipt, oldest first, and record the receipt it answers with
→ fetch the inbox (receipts, packs) and record what is new.

No connection is a normal state: the result says "offline, N waiting" and nothing is
raised. A refusal by the server is recorded on the bundle (state ``refused``, with the
server's one-line reason). Anything else that stops a sync midway (a dropped connection,
a server error) leaves the bundle waiting: the next sync sends it again, and the server
answers with the same receipt, so nothing is imported twice.

Threading: blocking; the desktop runs it on its operations thread (ui/ops.py).
"""

from __future__ import annotations

import secrets
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlite_utils import Database

from ..exchange import sync_protocol as proto
from ..exchange.envelope import Rejected
from ..exchange.keys import SigningKey
from ..messages import Msg, Refusal
from . import outbox
from .pack_import import MAX_PACK, import_pack
from .receipts import MAX_RECEIPT, import_receipt, not_held

CHUNK = 64 * 1024
TIMEOUT = httpx.Timeout(connect=10.0, read=120.0, write=120.0, pool=10.0)


class SyncError(Refusal, ValueError):
    """A sync that cannot go on (wrong server, no central store known); one line."""


@dataclass
class SyncResult:
    offline: bool = False
    exported: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    receipts: int = 0
    packs: int = 0
    refused: dict[str, str] = field(default_factory=dict)
    waiting: int = 0
    interrupted: str | None = None  # why sending stopped midway (the bundles stay waiting)
    #: Inspections whose every (own) read the central store holds as it is now: purge may be offered.
    purgeable: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.offline:
            return str(Msg.of("sync.offline", waiting=self.waiting))
        parts = [f"{len(self.sent)} bundle(s) sent", f"{self.receipts} receipt(s) recorded"]
        if self.packs:
            parts.append(f"{self.packs} inspection pack(s) imported")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        parts.append(f"{self.waiting} waiting")
        text = ", ".join(parts)
        if self.interrupted:
            text += f" (stopped: {self.interrupted}; will retry)"
        return text


def _setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _client(server: str, ca: Path | None) -> httpx.Client:
    parts = urlsplit(server)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SyncError.of("sync.url", url=server)
    if parts.scheme == "http" and parts.hostname != "127.0.0.1":
        raise SyncError.of("sync.plain_http")
    verify: ssl.SSLContext | bool = True
    if ca is not None:
        verify = ssl.create_default_context(cafile=str(ca))
    return httpx.Client(base_url=server.rstrip("/"), verify=verify, timeout=TIMEOUT,
                        headers={"User-Agent": "hmip-desktop-sync"})


def _reason(response: httpx.Response) -> str:
    text = response.text.strip().splitlines()
    return text[0][:500] if text else f"HTTP {response.status_code}"


class _Unavailable(Exception):
    """The server answered but cannot serve now (its store down, too busy): try later."""


def _check_identity(client: httpx.Client, server: str, db: Database) -> None:
    store_id, key_line = _setting(db, "central_store_id"), _setting(db, "central_key")
    if not store_id or not key_line:
        raise SyncError.of("sync.no_store")
    challenge = secrets.token_hex(16)
    response = client.get(proto.IDENTITY_PATH, params={"challenge": challenge})
    if response.status_code in (408, 429) or response.status_code >= 500:
        raise _Unavailable(f"the server answered {response.status_code}: {_reason(response)}")
    if response.status_code != 200:
        raise SyncError.of("sync.wrong_store", url=server, why=f"it answered {response.status_code}: {_reason(response)}")
    try:
        answer = response.json()
    except ValueError:
        answer = None
    why = proto.check_identity(answer, challenge, store_id, key_line)
    if why:
        raise SyncError.of("sync.wrong_store", url=server, why=why)


def _upload(client: httpx.Client, entry: outbox.Entry, progress) -> httpx.Response:
    data = outbox.read(entry)

    def chunks():
        for start in range(0, len(data), CHUNK):
            yield data[start:start + CHUNK]
            if progress:
                progress(min(start + CHUNK, len(data)), len(data))

    return client.post(proto.BUNDLES_PATH, content=chunks(),
                       headers={"Content-Type": "application/octet-stream", "Content-Length": str(len(data))})


def _signed_get(client: httpx.Client, path: str, key: SigningKey, params: dict | None = None) -> httpx.Response:
    request = client.build_request("GET", path, params=params)
    proto.sign_request(request, key)
    return client.send(request)


def _send(db: Database, client: httpx.Client, key: SigningKey, result: SyncResult, progress) -> None:
    for entry in outbox.to_send(db):
        try:
            response = _upload(client, entry, progress)
        except httpx.TransportError as exc:
            outbox.note_failure(db, entry.bundle_id, f"connection lost ({type(exc).__name__})")
            result.interrupted = f"the connection was lost while sending bundle {entry.bundle_id[:8]}"
            return
        if response.status_code in (200, 201):
            outbox.mark(db, entry.bundle_id, "sent", attempt=True)
            result.sent.append(entry.bundle_id)
            _record_receipt(db, response.content, key, result, entry.bundle_id)
        elif response.status_code in (408, 429) or response.status_code >= 500:
            outbox.note_failure(db, entry.bundle_id, _reason(response))
            result.interrupted = f"the server answered {response.status_code}: {_reason(response)}"
            return
        else:
            reason = _reason(response)
            outbox.mark(db, entry.bundle_id, "refused", error=reason, attempt=True)
            result.refused[entry.bundle_id] = reason


def _record_receipt(db: Database, data: bytes, key: SigningKey, result: SyncResult, bundle_id: str | None) -> None:
    try:
        recorded = import_receipt(db, data, key)
    except Rejected as exc:
        if bundle_id:
            outbox.note_failure(db, bundle_id, f"receipt not recorded: {exc}")
        result.refused[bundle_id or "receipt"] = f"receipt not recorded: {exc}"
        return
    receipt = db.execute("SELECT bundle_id FROM receipts WHERE receipt_id = ?", [recorded["receipt_id"]]).fetchone()
    if receipt:
        outbox.receipt_recorded(db, receipt[0], recorded["receipt_id"])
    if recorded["new"]:
        result.receipts += 1


def _fetch(db: Database, client: httpx.Client, key: SigningKey, result: SyncResult) -> None:
    response = _signed_get(client, proto.INBOX_PATH, key, {"device": _setting(db, "device_id")})
    if response.status_code != 200:  # a revoked key, a clock too far out: said, not raised
        result.refused["inbox"] = _reason(response)
        return
    items = response.json().get("items", [])
    known = {r[0] for r in db.execute("SELECT id FROM inspections").fetchall()}
    for item in reversed(items):  # oldest first
        kind, item_id = item.get("kind"), str(item.get("id", ""))
        if kind not in proto.ITEM_KINDS or outbox.seen(db, kind, item_id):
            continue
        if kind == "receipt" and db.execute("SELECT 1 FROM receipts WHERE receipt_id = ?", [item_id]).fetchone():
            outbox.mark_seen(db, kind, item_id, "already recorded")
            continue
        trust = _setting(db, "pack_trust")
        if kind == "pack" and (not trust or (item.get("inspection") in known and _applied(db, item_id))):
            # No lead key trusted yet (the first pack comes by hand), or the very pack applied.
            outbox.mark_seen(db, kind, item_id, "not needed")
            continue
        got = _signed_get(client, f"{proto.ITEMS_PATH}/{kind}/{item_id}", key)
        if got.status_code != 200:
            result.refused[f"{kind} {item_id}"] = _reason(got)
            return
        limit = MAX_RECEIPT if kind == "receipt" else MAX_PACK
        if len(got.content) > limit:
            outbox.mark_seen(db, kind, item_id, "too large")
            continue
        if kind == "receipt":
            try:
                recorded = import_receipt(db, got.content, key)
            except Rejected as exc:  # not for this laptop after all: noted, never fetched again
                outbox.mark_seen(db, kind, item_id, f"refused: {str(exc)[:200]}")
                continue
            row = db.execute("SELECT bundle_id FROM receipts WHERE receipt_id = ?", [recorded["receipt_id"]]).fetchone()
            if row:
                outbox.receipt_recorded(db, row[0], recorded["receipt_id"])
            result.receipts += recorded["new"]
            outbox.mark_seen(db, kind, item_id, "recorded")
        else:
            try:  # a re-issue of an inspection here is applied if newer and signed by the same lead key
                done = import_pack(db, got.content, key, trust)
                result.packs += not done.get("unchanged")
                outbox.mark_seen(db, kind, item_id, "not needed" if done.get("unchanged") else
                                 "applied" if done.get("updated") else "imported")
            except (Rejected, ValueError) as exc:
                outbox.mark_seen(db, kind, item_id, f"refused: {str(exc)[:200]}")
                result.refused[f"pack {item_id}"] = str(exc).splitlines()[0][:200]


def _applied(db: Database, pack_id: str) -> bool:
    return db.execute("SELECT 1 FROM inspections WHERE pack_id = ?", [pack_id]).fetchone() is not None


def _tls_failure(exc: BaseException) -> bool:
    while exc is not None:
        if isinstance(exc, ssl.SSLCertVerificationError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def sync(db: Database, db_path: Path, key: SigningKey, server: str, *, ca: Path | None = None,
         progress: Callable[[int, int], None] | None = None) -> SyncResult:
    """One sync; see the module's docstring. Raises SyncError for a wrong server or a
    laptop that knows no central store; never for being offline."""
    result = SyncResult()
    if not _setting(db, "central_store_id"):
        raise SyncError.of("sync.no_store")
    result.exported = outbox.queue_changes(db, Path(db_path), key)
    with _client(server, ca) as client:
        try:
            _check_identity(client, server, db)
        except httpx.TransportError as exc:
            if _tls_failure(exc):
                raise SyncError.of("sync.untrusted_tls", url=server) from None
            result.offline = True
        except _Unavailable as exc:
            result.interrupted = str(exc)
        else:
            try:
                _send(db, client, key, result, progress)
                if not result.interrupted:
                    _fetch(db, client, key, result)
            except httpx.TransportError as exc:
                result.interrupted = f"the connection was lost ({type(exc).__name__})"
    result.waiting = len(outbox.to_send(db))
    if result.receipts:
        result.purgeable = [i for (i,) in db.execute(
            "SELECT DISTINCT inspection_id FROM receipts ORDER BY inspection_id").fetchall() if not not_held(db, i)]
    return result
