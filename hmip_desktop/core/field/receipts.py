"""Receipts from the central store, and forgetting an inspection once it is safe.

A receipt is signed by the central store this laptop trusts and encrypted to the
inspector's own key. Importing it records which revision of each case read the central
store holds. ``purge`` removes an inspection's personal data from the laptop only when
the central store holds the current state of every one of its case reads.
"""

from __future__ import annotations

import pyrage
from cryptography.hazmat.primitives import serialization
from pydantic import ValidationError
from sqlite_utils import Database

from ..exchange import envelope
from ..exchange.envelope import Rejected
from ..exchange.formats import Receipt
from ..exchange.keys import SigningKey, fingerprint, parse_public
from ..messages import Msg, Refusal
from . import audit, evidence
from .db import write_transaction

MAX_RECEIPT = 8 * 1024 * 1024


class PurgeRefused(Refusal, ValueError):
    pass


def _setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def open_receipt(db: Database, data: bytes, key: SigningKey) -> Receipt:
    """Check and decrypt a receipt; Rejected with the reason otherwise."""
    trusted = _setting(db, "central_key")
    if not trusted:
        raise Rejected.of("exchange.no_central_store")
    central, _ = parse_public(trusted)

    def find_key(header):
        if header.key_id != fingerprint(central):
            raise Rejected.of("receipt.signer")
        return central

    env = envelope.open_envelope(data, find_key, max_payload=MAX_RECEIPT, expect_kind="receipt")
    ssh_private = key.private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption())
    try:
        plain = pyrage.decrypt(env.payload, [pyrage.ssh.Identity.from_buffer(ssh_private)])
    except Exception:  # noqa: BLE001
        raise Rejected.of("receipt.key") from None
    try:
        receipt = Receipt.model_validate_json(plain)
    except ValidationError as exc:
        raise Rejected.of("receipt.invalid", detail=exc.errors()[0]["msg"]) from None
    if receipt.store_id != _setting(db, "central_store_id"):
        raise Rejected.of("receipt.other_store")
    if receipt.device_id != _setting(db, "device_id"):
        raise Rejected.of("receipt.other_laptop")
    return receipt


def import_receipt(db: Database, data: bytes, key: SigningKey) -> dict:
    """Record what the central store holds; returns counts. Idempotent."""
    receipt = open_receipt(db, data, key)
    with write_transaction(db):
        if db.execute("SELECT 1 FROM receipts WHERE receipt_id = ?", [receipt.receipt_id]).fetchone():
            return {"receipt_id": receipt.receipt_id, "new": False, "held": 0}
        held = 0
        for entry in receipt.case_reads:
            cursor = db.execute(
                "UPDATE case_reads SET central_revision = ? WHERE inspection_id = ? AND case_id = ?"
                " AND exported_revision = ?",
                [entry.revision_id, receipt.inspection_id, entry.case_id, entry.revision_id],
            )
            held += cursor.rowcount
        for c in receipt.comments:
            db.execute("INSERT OR IGNORE INTO read_comments (inspection_id, case_id, comments, moderator, at, receipt_id)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                       [receipt.inspection_id, c.case_id, c.comments, c.moderator, c.at, receipt.receipt_id])
        confirmed = evidence.confirm(db, receipt.inspection_id, receipt.evidence, receipt.receipt_id)
        db.execute("INSERT INTO receipts (receipt_id, bundle_id, inspection_id, received_at, imported_at)"
                   " VALUES (?, ?, ?, ?, ?)",
                   [receipt.receipt_id, receipt.bundle_id, receipt.inspection_id, receipt.received_at, audit.utc_now()])
        # the network outbox (docs/sync.md) knows it too, however the receipt came
        db.execute("UPDATE outbox SET state = 'receipt_received', receipt_id = ?, last_error = NULL WHERE bundle_id = ?",
                   [receipt.receipt_id, receipt.bundle_id])
        audit.append(db, actor=f"key:{key.key_id[:16]}", action="receipt", inspection_id=receipt.inspection_id,
                     target="receipt", after={"receipt_id": receipt.receipt_id, "bundle_id": receipt.bundle_id,
                                              "held": held, **({"evidence": confirmed} if confirmed else {})})
    from .outbox import discard_received  # here: outbox imports the export, which a receipt does not need

    discard_received(db, receipt.bundle_id)
    return {"receipt_id": receipt.receipt_id, "new": True, "held": held, "returned": len(receipt.comments),
            "evidence": confirmed}


def not_held(db: Database, inspection_id: str) -> list[str]:
    """Case references whose current state the central store has not confirmed: never
    confirmed, confirmed for another revision, or changed since the last export. Only
    the laptop user's own reads count (``settings.user_id``): they are all it sends."""
    user = _setting(db, "user_id")
    return [row[0] for row in db.execute(
        "SELECT case_id FROM case_reads WHERE inspection_id = ?" + (" AND reader_id = ?" if user else "")
        + " AND (central_revision IS NULL OR central_revision != exported_revision OR exported_edit_count IS NULL"
        " OR exported_edit_count != edit_count) ORDER BY case_id", [inspection_id, user] if user else [inspection_id])]


def purge(db: Database, inspection_id: str, actor: str = "inspector") -> dict:
    """Remove the inspection's personal data (cases, reads, answers, its audit events);
    refuse unless a receipt confirms the central store holds every read's current state."""
    if db.execute("SELECT 1 FROM inspections WHERE id = ?", [inspection_id]).fetchone() is None:
        raise PurgeRefused.of("store.no_inspection", inspection=inspection_id)
    if db.execute("SELECT 1 FROM receipts WHERE inspection_id = ?", [inspection_id]).fetchone() is None:
        raise PurgeRefused.of("purge.no_receipt", inspection=inspection_id)
    missing = not_held(db, inspection_id)
    if missing:
        shown = ", ".join(missing[:5])
        if len(missing) > 5:
            shown = Msg.of("list.and_more", items=shown, more=len(missing) - 5)
        raise PurgeRefused.of("purge.not_held", cases=shown)
    waiting = evidence.not_confirmed(db, inspection_id)
    if waiting:
        raise PurgeRefused.of("purge.evidence_not_held", count=waiting)
    with write_transaction(db):
        receipt_id = db.execute("SELECT receipt_id FROM receipts WHERE inspection_id = ? ORDER BY imported_at DESC"
                                " LIMIT 1", [inspection_id]).fetchone()[0]
        removed = {str(seq): h for seq, h in db.execute(
            "SELECT seq, hash FROM audit_log WHERE inspection_id = ? ORDER BY seq", [inspection_id])}
        counts = {"cases": db.execute("SELECT count(*) FROM cases WHERE inspection_id = ?", [inspection_id]).fetchone()[0]}
        db.execute("INSERT INTO purge_grants (inspection_id, receipt_id) VALUES (?, ?)", [inspection_id, receipt_id])
        db.execute("DELETE FROM answers WHERE case_read_id IN (SELECT id FROM case_reads WHERE inspection_id = ?)",
                   [inspection_id])
        for table in ("case_reads", "cases", "evidence_judgements", "evidence_assignments", "team_members", "exports", "receipts", "read_comments"):
            db.execute(f"DELETE FROM {table} WHERE inspection_id = ?", [inspection_id])
        db.execute("DELETE FROM inspections WHERE id = ?", [inspection_id])
        db.execute("DELETE FROM audit_log WHERE inspection_id = ?", [inspection_id])
        db.execute("DELETE FROM purge_grants WHERE inspection_id = ?", [inspection_id])
        audit.append(db, actor=actor, action="purge", target=f"inspection:{inspection_id}",
                     after={"receipt_id": receipt_id, "removed": removed})
    db.execute("VACUUM")
    counts["audit_events"] = len(removed)
    return counts

