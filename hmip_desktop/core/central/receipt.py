"""The signed receipt the central store answers a bundle with: what it holds of each
case read the bundle carried (current, in conflict or an ancestor), the comments of reads
the lead returned, and the judgements on evidence held; encrypted to the sender's own key
(docs/decisions.md, "Receipts and packs are encrypted to the inspectors' own signing keys")."""

from __future__ import annotations

import uuid

import pyrage
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from ..exchange import envelope
from ..exchange.formats import FORMAT_VERSION, Receipt, ReceiptComment, ReceiptEntry
from ..exchange.keys import parse_public
from ..exchange.revisions import canonical
from . import queries, schema
from .store import CentralStore


def receipt_for(store: CentralStore, conn, opened, new: bool, now: str) -> bytes:
    """A signed receipt, encrypted to the sender's own key, listing what the store holds."""
    m = opened.manifest
    inspection_id = m.inspection_id
    rows = opened.records
    cases = [r.case_id for r in rows]
    heads = queries.head_revisions(conn, inspection_id, cases)
    conflicted = {(c["case_id"], c["revision_id"])
                  for c in queries.conflicts(conn, inspection_id, unresolved=False)}
    entries = [ReceiptEntry(case_id=r.case_id, revision_id=r.revision_id,
                            outcome="head" if heads.get(r.case_id) == r.revision_id else
                            "conflict" if (r.case_id, r.revision_id) in conflicted else "ancestor")
               for r in rows]
    # The latest QA outcome of each of these reads: those returned carry their comments back.
    latest = queries.latest_outcomes(queries.outcome_rows(conn, inspection_id, cases))
    comments = [ReceiptComment(case_id=o["case_id"], outcome="returned", comments=o["comments"],
                               moderator=o["moderator"], at=o["created_at"])
                for o in latest.values() if o["outcome"] == "returned"]
    receipt = Receipt(format=FORMAT_VERSION, receipt_id=uuid.uuid4().hex, bundle_id=m.bundle_id, inspection_id=inspection_id,
                      device_id=m.device_id, sequence=m.sequence, store_id=store.store_id, received_at=now,
                      newly_imported=new, case_reads=entries, comments=comments, evidence=_held(conn, opened))
    sender = conn.execute(select(schema.keys.c.public_key).where(schema.keys.c.key_id == opened.key_id)).scalar()
    public, _ = parse_public(sender)
    ssh = public.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    # "evidence" only when the bundle carried some: a laptop of an earlier version reads the rest as before
    payload = pyrage.encrypt(canonical(receipt.model_dump(exclude=None if receipt.evidence else {"evidence"})), [pyrage.ssh.Recipient.from_str(ssh)])
    return envelope.seal("receipt", receipt.receipt_id, now, payload, store.signing_key(), "age")


def _held(conn, opened) -> list[str]:
    if not opened.evidence:
        return []
    from . import evidence_import

    return evidence_import.held_ids(conn, list(opened.evidence))
