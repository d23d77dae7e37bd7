"""The hash-chained, append-only audit log of a field store.

Each event records who, when, what, the value before and after, and the hash of the
previous event; its own hash covers all of that. Triggers refuse UPDATE and DELETE.
``verify`` recomputes the chain and reports the first event that was edited, removed
or moved. (Removing events from the *end* leaves a shorter valid chain; that is caught
by comparing with the head recorded in the last exported bundle.)

Events name case reads by id and questions by id: never a person's name.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

GENESIS = "0" * 64


def utc_now() -> str:
    """The current time in UTC, ISO 8601 with microseconds (what every table stores)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _dump(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def event_hash(row: dict) -> str:
    """The hash of one event: SHA-256 over its fields in a fixed, canonical form."""
    body = [
        row["seq"],
        row["at"],
        row["actor"],
        row["action"],
        row["inspection_id"],
        row["case_read_id"],
        row["target"],
        row["before"],
        row["after"],
        row["prev_hash"],
    ]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def head(db: Database) -> tuple[int, str]:
    """(seq, hash) of the newest event, or (0, GENESIS) for an empty log."""
    row = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def append(
    db: Database,
    *,
    actor: str,
    action: str,
    inspection_id: str | None = None,
    case_read_id: int | None = None,
    target: str | None = None,
    before: object = None,
    after: object = None,
    at: str | None = None,
) -> int:
    """Append one event inside the caller's transaction; return its sequence number."""
    seq, prev = head(db)
    row = {
        "seq": seq + 1,
        "at": at or utc_now(),
        "actor": actor,
        "action": action,
        "inspection_id": inspection_id,
        "case_read_id": case_read_id,
        "target": target,
        "before": _dump(before),
        "after": _dump(after),
        "prev_hash": prev,
    }
    row["hash"] = event_hash(row)
    db.execute(
        "INSERT INTO audit_log (seq, at, actor, action, inspection_id, case_read_id, target,"
        " before, after, prev_hash, hash) VALUES (:seq, :at, :actor, :action, :inspection_id,"
        " :case_read_id, :target, :before, :after, :prev_hash, :hash)",
        row,
    )
    return row["seq"]


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    head: str
    #: The sequence number of the first bad event, and what is wrong with it.
    bad_seq: int | None = None
    reason: str = ""


class Cancelled(Exception):
    """Raised by long operations when their ``cancelled()`` callback says stop."""


def verify(db: Database, progress=None, cancelled=None) -> ChainReport:
    """Recompute the whole chain; report the first event that breaks it.

    ``progress(done, total)`` is called every 500 events; if ``cancelled()`` returns
    True the check stops with :class:`Cancelled` (it only reads, so stopping is safe).
    """
    total = db.execute("SELECT count(*) FROM audit_log").fetchone()[0] if progress else 0
    # Events removed by a purge (an inspection forgotten after the central store confirmed
    # it) are bridged with the hashes the purge event recorded; any other gap is an error.
    removed: dict[int, str] = {}
    for (after,) in db.execute("SELECT after FROM audit_log WHERE action = 'purge'"):
        removed.update((int(k), v) for k, v in json.loads(after).get("removed", {}).items())
    prev = GENESIS
    expected_seq = 1
    count = 0
    cursor = db.execute(
        "SELECT seq, at, actor, action, inspection_id, case_read_id, target, before, after,"
        " prev_hash, hash FROM audit_log ORDER BY seq"
    )
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(columns, values))
        count += 1
        if count % 500 == 0:
            if cancelled is not None and cancelled():
                raise Cancelled("the audit check was cancelled")
            if progress is not None:
                progress(count, total)
        seq = row["seq"]
        while expected_seq < seq and expected_seq in removed:
            prev = removed[expected_seq]
            expected_seq += 1
        if seq != expected_seq:
            return ChainReport(False, count, prev, expected_seq, f"event {expected_seq} is missing (next is {seq})")
        if row["prev_hash"] != prev:
            return ChainReport(False, count, prev, seq, f"event {seq} does not follow event {seq - 1} (removed, moved or edited)")
        if event_hash(row) != row["hash"]:
            return ChainReport(False, count, prev, seq, f"event {seq} has been altered since it was written")
        prev = row["hash"]
        expected_seq += 1
    return ChainReport(True, count, prev)
