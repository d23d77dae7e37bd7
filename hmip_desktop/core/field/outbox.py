"""The laptop's outbox (docs/sync.md): bundles exported for the network, each with its
state — waiting → sent → receipt_received (or refused, with the server's reason).

A bundle keeps its id for ever, so sending it again (after a timeout, a dropped
connection, a restarted server) is harmless: the server answers with the same receipt
and imports nothing twice. The files live beside the field store, in ``FIELD_DB.outbox/``.
Pure bookkeeping here; the network is in sync_client.py.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ..exchange import envelope
from ..exchange.keys import SigningKey
from . import audit
from .db import write_transaction
from .export import export_bundle
from .reallocation import REALLOCATED

STATES = ("waiting", "sent", "receipt_received", "refused")
#: Automatic retries wait min(BASE · 2^failures, CAP) seconds, times a random factor in [0.5, 1).
BACKOFF_BASE, BACKOFF_CAP = 30.0, 3600.0


def backoff(failures: int, rng: random.Random | None = None) -> float:
    """Seconds to wait before the next automatic try after ``failures`` failures in a row
    (exponential, capped, with jitter so that laptops coming online together spread out)."""
    if failures <= 0:
        return 0.0
    delay = min(BACKOFF_BASE * 2 ** min(failures - 1, 20), BACKOFF_CAP)
    return delay * (0.5 + 0.5 * (rng or random).random())


def folder_for(db_path: Path) -> Path:
    return Path(str(db_path) + ".outbox")


@dataclass(frozen=True)
class Entry:
    bundle_id: str
    inspection_id: str
    sequence: int
    path: str
    size: int
    state: str
    attempts: int
    last_error: str | None
    created_at: str
    sent_at: str | None
    receipt_id: str | None


def entries(db: Database, states: tuple[str, ...] = STATES) -> list[Entry]:
    marks = ",".join("?" * len(states))
    return [Entry(*row) for row in db.execute(
        "SELECT bundle_id, inspection_id, sequence, path, size, state, attempts, last_error, created_at, sent_at,"
        f" receipt_id FROM outbox WHERE state IN ({marks}) ORDER BY sequence, bundle_id", list(states)).fetchall()]


def to_send(db: Database) -> list[Entry]:
    """Bundles without a recorded receipt, oldest first (a 'sent' one whose receipt could
    not be recorded is sent again: the server answers with the same receipt)."""
    return entries(db, ("waiting", "sent"))


def pending(db: Database) -> int:
    """How many bundles the next sync would send: those waiting in the outbox, and one
    for each inspection with reads changed since its last export (not yet exported)."""
    return len(to_send(db)) + len(_changed_inspections(db))


def _changed_inspections(db: Database) -> list[str]:
    user = db.execute("SELECT value FROM settings WHERE key = 'user_id'").fetchone()
    # A read of a case re-allocated to someone else is never exported (reallocation.py).
    sql = ("SELECT DISTINCT r.inspection_id FROM case_reads r JOIN cases c ON c.inspection_id = r.inspection_id"
           " AND c.case_id = r.case_id JOIN inspections i ON i.id = r.inspection_id WHERE (r.exported_edit_count IS NULL"
           f" OR r.exported_edit_count != r.edit_count) AND NOT {REALLOCATED}")
    rows = db.execute(sql + (" AND r.reader_id = ?" if user else "") + " ORDER BY r.inspection_id",
                      [user[0]] if user else []).fetchall()
    return [r[0] for r in rows]


def _add(db: Database, path: Path, inspection_id: str, sequence: int) -> None:
    with write_transaction(db):
        db.execute("INSERT OR IGNORE INTO outbox (bundle_id, inspection_id, sequence, path, size, state, created_at)"
                   " VALUES (?, ?, ?, ?, ?, 'waiting', ?)",
                   [path.stem, inspection_id, sequence, str(path), path.stat().st_size, audit.utc_now()])


def adopt_orphans(db: Database, folder: Path) -> int:
    """Bundle files in the outbox folder that have no outbox row (an export that finished
    just before a crash, before its file was renamed or recorded): recorded as waiting,
    named by the id in their header. Returns how many."""
    known = {r[0] for r in db.execute("SELECT bundle_id FROM outbox").fetchall()}
    found = 0
    for path in sorted(folder.glob("*.bundle")) if folder.is_dir() else []:
        try:
            bundle_id = envelope.peek_header(path.read_bytes()[:envelope.MAX_HEADER + 64]).id
        except (OSError, envelope.Rejected):
            continue
        if bundle_id in known:
            continue
        row = db.execute("SELECT inspection_id, sequence FROM exports WHERE bundle_id = ?", [bundle_id]).fetchone()
        if row is None:
            continue  # not an export of this laptop's: left alone
        final = folder / f"{bundle_id}.bundle"
        if path != final:
            path.replace(final)
        _add(db, final, row[0], row[1])
        found += 1
    return found


def queue_changes(db: Database, db_path: Path, key: SigningKey, progress=None) -> list[str]:
    """Export every inspection whose (own) case reads changed since their last export into
    the outbox; return the new bundle ids."""
    folder = folder_for(db_path)
    folder.mkdir(exist_ok=True)
    adopt_orphans(db, folder)
    discard_received(db)
    made = []
    for inspection_id in _changed_inspections(db):
        tmp = folder / f".exporting-{uuid.uuid4().hex}.bundle"
        summary = export_bundle(db, inspection_id, key, tmp, progress=progress)
        final = folder / f"{summary['bundle_id']}.bundle"
        tmp.replace(final)
        _add(db, final, inspection_id, summary["sequence"])
        made.append(summary["bundle_id"])
    return made


def read(entry: Entry) -> bytes:
    return envelope.read_bounded(Path(entry.path), 128 * 1024 * 1024)


def mark(db: Database, bundle_id: str, state: str, *, error: str | None = None, receipt_id: str | None = None,
         attempt: bool = False) -> None:
    with write_transaction(db):
        db.execute("UPDATE outbox SET state = ?, last_error = ?, attempts = attempts + ?,"
                   " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,"
                   " receipt_id = COALESCE(?, receipt_id) WHERE bundle_id = ?",
                   [state, error, 1 if attempt else 0, state, audit.utc_now(), receipt_id, bundle_id])


def note_failure(db: Database, bundle_id: str, error: str) -> None:
    with write_transaction(db):
        db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE bundle_id = ?", [error, bundle_id])


def receipt_recorded(db: Database, bundle_id: str, receipt_id: str) -> None:
    """A receipt for ``bundle_id`` has been recorded (by sync or by ``hmip receipt``)."""
    with write_transaction(db):
        db.execute("UPDATE outbox SET state = 'receipt_received', receipt_id = ?, last_error = NULL"
                   " WHERE bundle_id = ?", [receipt_id, bundle_id])
    discard_received(db, bundle_id)


def discard_received(db: Database, bundle_id: str | None = None) -> int:
    """Remove the files of bundles whose receipt is recorded (of ``bundle_id`` only, if
    given): the central store holds them, and a copy of a case read's content on disk
    outside the field store is one more to forget at purge. The outbox row stays, with
    its state. Called once the receipt's transaction is committed; a crash in between
    leaves a file that the next sync removes. Returns how many files went."""
    sql = "SELECT path FROM outbox WHERE state = 'receipt_received'"
    rows = db.execute(sql + (" AND bundle_id = ?" if bundle_id else ""), [bundle_id] if bundle_id else []).fetchall()
    gone = 0
    for (path,) in rows:
        try:
            Path(path).unlink()
            gone += 1
        except FileNotFoundError:
            pass
    return gone


def seen(db: Database, kind: str, item_id: str) -> bool:
    return db.execute("SELECT 1 FROM inbox_seen WHERE kind = ? AND item_id = ?", [kind, item_id]).fetchone() is not None


def mark_seen(db: Database, kind: str, item_id: str, outcome: str) -> None:
    with write_transaction(db):
        db.execute("INSERT OR REPLACE INTO inbox_seen (kind, item_id, outcome, seen_at) VALUES (?, ?, ?, ?)",
                   [kind, item_id, outcome, audit.utc_now()])
