"""The central store's own audit trail: every moderation, override, sign-off and
reopening, hash-chained exactly like the laptop's (same event hash, same genesis), so
the same verification applies. Append inside the caller's transaction."""

from __future__ import annotations

import json

from sqlalchemy import insert, select, text

from ..field.audit import GENESIS, ChainReport, event_hash
from . import schema
from .store import utc_now


def _dump(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def append(conn, *, actor: str, action: str, inspection_id: str | None = None, target: str | None = None,
           before: object = None, after: object = None) -> int:
    t = schema.events
    if conn.dialect.name == "postgresql":
        # Serialise appenders for the rest of this transaction (SQLite's write lock does
        # the same there), so two lead inspectors never chain onto the same event.
        conn.execute(text("SELECT pg_advisory_xact_lock(727001)"))
    last = conn.execute(select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1)).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    row = {"seq": seq + 1, "at": utc_now(), "actor": actor, "action": action, "inspection_id": inspection_id,
           "case_read_id": None, "target": target, "before": _dump(before), "after": _dump(after), "prev_hash": prev}
    row["hash"] = event_hash(row)
    conn.execute(insert(t).values(**row))
    return row["seq"]


def verify(conn) -> ChainReport:
    t = schema.events
    prev, expected, count = GENESIS, 1, 0
    for r in conn.execute(select(t).order_by(t.c.seq)):
        row = dict(r._mapping)
        count += 1
        if row["seq"] != expected:
            return ChainReport(False, count, prev, expected, f"event {expected} is missing")
        if row["prev_hash"] != prev or event_hash(row) != row["hash"]:
            return ChainReport(False, count, prev, row["seq"], f"event {row['seq']} has been altered or moved")
        prev, expected = row["hash"], expected + 1
    return ChainReport(True, count, prev)


def for_inspection(conn, inspection_id: str) -> list[dict]:
    t = schema.events
    return [dict(r._mapping) for r in conn.execute(select(t).where(t.c.inspection_id == inspection_id).order_by(t.c.seq))]
