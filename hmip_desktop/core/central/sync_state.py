"""The sync service's shared state in the central database (migration 0007), so that
the service's workers keep nothing in memory and any number of them (on any number of
hosts) serve one store: nonces seen, per-key request counts, the receipt answered for
each uploaded bundle, and published inspection packs. Every function takes what it
needs and opens its own short transaction unless given a connection."""

from __future__ import annotations

import hashlib
import time

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from . import schema
from .store import CentralError, CentralStore, utc_now


def _insert(conn, table):
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def first_use_of_nonce(store: CentralStore, key_id: str, nonce: str, created: int, window: int) -> bool:
    """Record (key, nonce); False when it was seen within the window (a replay). Nonces
    older than the window are forgotten here too: a request that old is refused by its
    ``created`` time anyway."""
    now = int(time.time())
    t = schema.sync_nonces
    with store.engine.begin() as conn:
        conn.execute(delete(t).where(t.c.created < now - 2 * window))
        # RETURNING says whether the row went in (rowcount is not reliable for this on every driver)
        done = conn.execute(_insert(conn, t).values(key_id=key_id, nonce=nonce, created=created)
                            .on_conflict_do_nothing(index_elements=["key_id", "nonce"]).returning(t.c.nonce))
        return done.first() is not None


def count_request(store: CentralStore, key_id: str, limit: int) -> int:
    """Count one request of ``key_id`` in this minute; 0 if within ``limit``, else the
    seconds until the next minute (for Retry-After)."""
    now = time.time()
    minute = int(now // 60)
    t = schema.sync_rate
    with store.engine.begin() as conn:
        stmt = _insert(conn, t).values(key_id=key_id, minute=minute, count=1)
        conn.execute(stmt.on_conflict_do_update(index_elements=["key_id", "minute"], set_={"count": t.c.count + 1}))
        count = conn.execute(select(t.c.count).where(t.c.key_id == key_id, t.c.minute == minute)).scalar()
        if minute % 10 == 0:  # (the counts of unauthenticated refusals go when summarised)
            conn.execute(delete(t).where(t.c.minute < minute - 10, t.c.key_id.notlike(REFUSED + "%")))
    return 0 if count <= limit else max(1, 60 - int(now % 60))


def stored_receipt(store: CentralStore, bundle_id: str) -> bytes | None:
    t = schema.sync_receipts
    with store.engine.connect() as conn:
        return conn.execute(select(t.c.data).where(t.c.bundle_id == bundle_id)).scalar()


def keep_receipt(store: CentralStore, bundle_id: str, receipt_id: str, key_id: str, data: bytes) -> bytes:
    """Keep the receipt answered for ``bundle_id``; return the one kept (another worker's,
    if it answered the same bundle first: every answer for one bundle is the same file)."""
    t = schema.sync_receipts
    with store.engine.begin() as conn:
        conn.execute(_insert(conn, t).values(bundle_id=bundle_id, receipt_id=receipt_id, key_id=key_id, data=data,
                                             created_at=utc_now()).on_conflict_do_nothing(index_elements=["bundle_id"]))
        return conn.execute(select(t.c.data).where(t.c.bundle_id == bundle_id)).scalar()


def publish_pack(conn, pack_id: str, inspection_id: str, data: bytes) -> None:
    """Keep a pack (as written by ``hmip pack create``) for the team's laptops to fetch."""
    conn.execute(_insert(conn, schema.sync_packs).values(pack_id=pack_id, inspection_id=inspection_id, data=data,
                                                         created_at=utc_now()))


def _team_inspections(key_id: str):
    return select(schema.team_members.c.inspection_id).where(schema.team_members.c.key_id == key_id)


def _returned_since(conn, key_id: str, device_id: str) -> list[dict]:
    """For each inspection this key sent bundles to from ``device_id``: an update receipt
    item when one of those reads was returned (with comments) after the last receipt
    answered for them; its id names the latest bundle and the time of the return."""
    b, o, rv, sr = schema.bundles, schema.read_outcomes, schema.revisions, schema.sync_receipts
    items = []
    mine = conn.execute(select(b.c.inspection_id, b.c.bundle_id, b.c.sequence).where(
        b.c.key_id == key_id, b.c.device_id == device_id)).all()
    for inspection_id in sorted({m.inspection_id for m in mine}):
        latest = max((m for m in mine if m.inspection_id == inspection_id), key=lambda m: m.sequence)
        cases = select(rv.c.case_id).where(rv.c.inspection_id == inspection_id, rv.c.device_id == device_id)
        returned = conn.execute(select(func.max(o.c.created_at)).where(
            o.c.inspection_id == inspection_id, o.c.outcome == "returned", o.c.case_id.in_(cases))).scalar()
        answered = conn.execute(select(func.max(sr.c.created_at)).where(
            sr.c.key_id == key_id, sr.c.bundle_id.in_([m.bundle_id for m in mine if m.inspection_id == inspection_id]))
        ).scalar()
        if returned and (answered is None or returned > answered):
            stamp = hashlib.sha256(returned.encode()).hexdigest()[:16]
            items.append({"kind": "receipt", "id": f"update-{latest.bundle_id}-{stamp}", "size": 0,
                          "created_at": returned})
    return items


def inbox(store: CentralStore, key_id: str, limit: int, device_id: str | None = None) -> list[dict]:
    """What waits for ``key_id``: its receipts and its inspections' packs, newest first;
    with ``device_id``, also an update receipt where a lead returned one of that device's
    reads since its last receipt."""
    r, p = schema.sync_receipts, schema.sync_packs
    with store.engine.connect() as conn:
        updates = _returned_since(conn, key_id, device_id) if device_id else []
        mine = select(r.c.receipt_id, r.c.created_at, func.length(r.c.data).label("size")).where(r.c.key_id == key_id)
        if device_id:  # one inspector, two laptops: each gets its own device's receipts
            b = schema.bundles
            mine = mine.where(r.c.bundle_id.in_(select(b.c.bundle_id).where(b.c.device_id == device_id)))
        receipts = conn.execute(mine.order_by(r.c.created_at.desc()).limit(limit)).all()
        packs = conn.execute(select(p.c.pack_id, p.c.inspection_id, p.c.created_at, func.length(p.c.data).label("size"))
                             .where(p.c.inspection_id.in_(_team_inspections(key_id)))
                             .order_by(p.c.created_at.desc()).limit(limit)).all()
    items = updates + [{"kind": "receipt", "id": x.receipt_id, "size": x.size, "created_at": x.created_at}
                       for x in receipts]
    items += [{"kind": "pack", "id": x.pack_id, "inspection": x.inspection_id, "size": x.size,
               "created_at": x.created_at} for x in packs]
    return sorted(items, key=lambda i: i["created_at"], reverse=True)[:limit]


def item(store: CentralStore, key_id: str, kind: str, item_id: str) -> bytes | None:
    """A receipt of ``key_id``'s own, or a pack of an inspection whose team lists it."""
    if kind == "receipt" and item_id.startswith("update-"):
        bundle_id = item_id.split("-")[1]
        with store.engine.connect() as conn:
            owner = conn.execute(select(schema.bundles.c.key_id).where(schema.bundles.c.bundle_id == bundle_id)).scalar()
        return current_receipt(store, bundle_id) if owner == key_id else None
    with store.engine.connect() as conn:
        if kind == "receipt":
            t = schema.sync_receipts
            return conn.execute(select(t.c.data).where(t.c.receipt_id == item_id, t.c.key_id == key_id)).scalar()
        t = schema.sync_packs
        return conn.execute(select(t.c.data).where(t.c.pack_id == item_id,
                                                   t.c.inspection_id.in_(_team_inspections(key_id)))).scalar()


#: ``sync_rate`` rows counting unauthenticated refusals per client address and minute
#: are keyed ``refused:ADDRESS`` (a key id is 64 hex digits, so the two never meet).
REFUSED = "refused:"


def _summarise(conn, before_minute: int | None) -> int:
    """Write one ``sync_refused_summary`` event for each (address, minute) counter older
    than ``before_minute`` (all of them if None) that counted more than the one refusal
    logged in full, and forget the counters. DELETE … RETURNING claims them, so two
    workers never summarise the same minute twice. Returns how many events."""
    from . import events

    t = schema.sync_rate
    stmt = delete(t).where(t.c.key_id.like(REFUSED + "%"))
    if before_minute is not None:
        stmt = stmt.where(t.c.minute < before_minute)
    rows = sorted(conn.execute(stmt.returning(t.c.key_id, t.c.minute, t.c.count)).all(), key=lambda r: (r[1], r[0]))
    written = 0
    for key_id, minute, count in rows:
        if count > 1:
            client = key_id[len(REFUSED):]
            events.append(conn, actor="sync", action="sync_refused_summary", target=f"client:{client}",
                          after={"client": client, "minute": minute * 60, "refusals": count, "more": count - 1})
            written += 1
    return written


def log_unauthenticated(store: CentralStore, *, client: str, status: int, path: str, key_id: str | None,
                        bundle_id: str | None, reason_id: str | None) -> bool:
    """A refusal given before any signature was checked (401, 408, 411, 413, 431, a
    malformed envelope, an unknown or revoked key named by anyone): anyone who can reach
    the server can cause these, so they are counted per client address and minute in
    ``sync_rate`` and only the first of each minute is logged in full; the rest become one
    summary event once the minute is over (written with the next such refusal, the next
    logged refusal, or when the server stops). Returns whether it was logged in full."""
    from . import events

    minute = int(time.time() // 60)
    t = schema.sync_rate
    with store.engine.begin() as conn:
        _summarise(conn, minute)
        counter = REFUSED + client[:100]
        stmt = _insert(conn, t).values(key_id=counter, minute=minute, count=1)
        conn.execute(stmt.on_conflict_do_update(index_elements=["key_id", "minute"], set_={"count": t.c.count + 1}))
        count = conn.execute(select(t.c.count).where(t.c.key_id == counter, t.c.minute == minute)).scalar()
        if count == 1:
            events.append(conn, actor="sync", action="sync_refused",
                          target=f"bundle:{bundle_id}" if bundle_id else path,
                          after={"status": status, "path": path, "reason": reason_id, "client": client[:100],
                                 "claimed_key": key_id, "authenticated": False})
    return count == 1


def summarise_refusals(store: CentralStore, *, final: bool = False) -> int:
    """Summarise the finished minutes' counts (and, with ``final``, the current one: the
    server is stopping)."""
    with store.engine.begin() as conn:
        return _summarise(conn, None if final else int(time.time() // 60))


def log_refusal(store: CentralStore, *, status: int, path: str, key_id: str | None, bundle_id: str | None,
                reason_id: str | None) -> None:
    """A refusal after a signature was checked, in the central event log, one event each
    (ids only, never a body); the key is then the signer's, rate-limited per key."""
    from . import events  # only here, as importer._record_refusal does

    with store.engine.begin() as conn:
        _summarise(conn, int(time.time() // 60))
        events.append(conn, actor=f"key:{key_id}" if key_id else "sync", action="sync_refused",
                      target=f"bundle:{bundle_id}" if bundle_id else path,
                      after={"status": status, "path": path, "reason": reason_id})


def current_receipt(store: CentralStore, bundle_id: str) -> bytes:
    """A fresh signed receipt for a bundle imported before: the latest revision of each
    read its key has sent from its device for its inspection, as the store holds them now,
    with the comments of those returned since (the sync service's way of bringing a
    returned read to the laptop without waiting for its next bundle)."""
    from types import SimpleNamespace

    from .receipt import receipt_for  # only here: it loads the exchange formats

    b, r = schema.bundles, schema.revisions
    with store.engine.connect() as conn:
        bundle = conn.execute(select(b).where(b.c.bundle_id == bundle_id)).first()
        if bundle is None:
            raise CentralError.of("import.bundle_unknown", bundle=bundle_id)
        latest: dict[str, tuple[int, str]] = {}
        for row in conn.execute(select(r.c.case_id, r.c.revision_id, r.c.sequence).where(
                r.c.inspection_id == bundle.inspection_id, r.c.device_id == bundle.device_id)):
            if row.case_id not in latest or row.sequence >= latest[row.case_id][0]:
                latest[row.case_id] = (row.sequence, row.revision_id)
        manifest = SimpleNamespace(inspection_id=bundle.inspection_id, bundle_id=bundle_id,
                                   device_id=bundle.device_id, sequence=bundle.sequence)
        records = [SimpleNamespace(case_id=c, revision_id=rev) for c, (_, rev) in sorted(latest.items())]
        # (evidence: none; its judgements were confirmed by the bundle's own receipt)
        opened = SimpleNamespace(manifest=manifest, records=records, key_id=bundle.key_id, evidence=[])
        return receipt_for(store, conn, opened, False, utc_now())
