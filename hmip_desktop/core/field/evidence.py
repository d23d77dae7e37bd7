"""Judgements on evidence recorded on the laptop: a key question's team judgement with
its evidence summary, or the lead's band for a standard with its rationale
(docs/decisions.md, "Standards judged on evidence").

Each record is a new row of ``evidence_judgements`` (append-only: a trigger refuses any
change of its content; a later record supersedes it), with an id made here (random hex)
that the central store keeps, so that a record arriving in several bundles is stored
there once. Values are checked against the inspection's pinned framework by the same
rule as the central store (core/frameworks/evidence_rules.py); who may record is
checked against the team and the assignments the inspection pack gave: a team
judgement of a standard the set-up assigned only by its assignee, of one with no
assignment by any member but a local assessor; a band only by a lead. Every record is one durable transaction with one audit
event (ids and values, never a person's name).

Export carries the records of the laptop's user not yet confirmed by a receipt;
a receipt listing a record's id marks it confirmed, and it is not sent again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlite_utils import Database

from ..exchange.envelope import Rejected
from ..frameworks import Framework
from ..frameworks.evidence_rules import EvidenceInvalid, check_evidence
from ..messages import Refusal
from . import audit
from .db import write_transaction

#: The columns a record carries in a bundle (docs/bundle-format.md, evidence.jsonl).
FIELDS = ("id", "standard_id", "question_id", "value", "text", "by", "at")


class EvidenceRefused(Refusal, ValueError):
    """A judgement on evidence this laptop will not record (one line, keyed)."""


@dataclass(frozen=True)
class Judgement:
    id: str
    inspection_id: str
    standard_id: str
    #: None for the lead's band
    question_id: str | None
    value: str
    text: str
    by: str
    at: str
    origin: str
    #: a receipt has confirmed that the central store holds it
    confirmed: bool = False


_SELECT = ('SELECT id, inspection_id, standard_id, question_id, value, text, "by", at, origin,'
           ' confirmed_receipt IS NOT NULL FROM evidence_judgements')


def _setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def record(db: Database, fw: Framework, inspection_id: str, standard_id: str, question_id: str | None,
           value: str, text: str, by: str | None = None) -> Judgement:
    """Record one judgement (``question_id`` given; ``text`` the evidence summary) or the
    lead's band (``question_id`` None; ``value`` a band or ``not_rated``; ``text`` the
    rationale) of inspection ``inspection_id``, whose pinned framework is ``fw``. ``by``
    defaults to the laptop's user. Returns the stored record; EvidenceRefused (nothing
    written) for a value the framework does not allow or someone who may not record it."""
    text = (text or "").strip()
    if db.execute("SELECT 1 FROM inspections WHERE id = ?", [inspection_id]).fetchone() is None:
        raise EvidenceRefused.of("store.no_inspection", inspection=inspection_id)
    try:
        check_evidence(fw, standard_id, question_id, value, text)
    except EvidenceInvalid as exc:
        raise EvidenceRefused.of(exc.key, **exc.params) from None
    by = (by or "").strip() or _setting(db, "user_id")
    if not by:
        raise EvidenceRefused.of("evidence.no_user")
    member = db.execute("SELECT role FROM team_members WHERE inspection_id = ? AND id = ?",
                        [inspection_id, by]).fetchone()
    if member is None:
        raise EvidenceRefused.of("evidence.not_member", by=by, inspection=inspection_id)
    if question_id is None and member[0] != "lead":
        raise EvidenceRefused.of("evidence.band_not_lead", standard=standard_id, by=by, role=member[0])
    if question_id is not None:
        assignee = assignments(db, inspection_id).get(standard_id)
        if assignee is not None and assignee != by:
            raise EvidenceRefused.of("evidence.assigned_to", standard=standard_id, assignee=assignee)
        if assignee is None and member[0] == "local_assessor":
            raise EvidenceRefused.of("evidence.local_assessor", by=by)
    row = Judgement(uuid.uuid4().hex, inspection_id, standard_id, question_id, value, text, by, audit.utc_now(),
                    _setting(db, "device_id") or "laptop")
    with write_transaction(db):
        db.execute('INSERT INTO evidence_judgements (id, inspection_id, standard_id, question_id, value, text, "by",'
                   " at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [row.id, row.inspection_id, row.standard_id, row.question_id, row.value, row.text, row.by, row.at,
                    row.origin])
        audit.append(db, actor=by, action="evidence:judgement" if question_id else "evidence:band",
                     inspection_id=inspection_id, at=row.at,
                     target=f"{standard_id}:{question_id}" if question_id else standard_id,
                     after={"id": row.id, "value": value, "text": text})
    return row


def assignments(db: Database, inspection_id: str) -> dict[str, str]:
    """standard id -> member id of the standards judged on evidence that the pack assigns."""
    return dict(db.execute("SELECT standard_id, member_id FROM evidence_assignments WHERE inspection_id = ?",
                           [inspection_id]).fetchall())


def may_record(db: Database, inspection_id: str, standard_id: str) -> str | None:
    """None when the laptop's user may record the team's judgements of ``standard_id``;
    otherwise who may (the assignee's id), or "" when the user may not at all (a local
    assessor, no assignment). For the window, which shows the rest read-only."""
    user = _setting(db, "user_id")
    assignee = assignments(db, inspection_id).get(standard_id)
    if assignee is not None:
        return None if assignee == user else assignee
    role = db.execute("SELECT role FROM team_members WHERE inspection_id = ? AND id = ?",
                      [inspection_id, user]).fetchone()
    return "" if role is not None and role[0] == "local_assessor" else None


def judgements(db: Database, inspection_id: str, standard_id: str | None = None) -> list[Judgement]:
    """Every record of the inspection (or of one standard), oldest first."""
    where = " WHERE inspection_id = ?" + (" AND standard_id = ?" if standard_id else "")
    params = [inspection_id, standard_id] if standard_id else [inspection_id]
    return [Judgement(*r[:9], bool(r[9])) for r in db.execute(_SELECT + where + " ORDER BY at, id", params)]


def latest(db: Database, inspection_id: str) -> dict[str, dict[str, Judgement]]:
    """standard id → question id ("" for the band) → the latest record made on this laptop."""
    out: dict[str, dict[str, Judgement]] = {}
    for j in judgements(db, inspection_id):
        out.setdefault(j.standard_id, {})[j.question_id or ""] = j
    return out


def unsent(db: Database, inspection_id: str) -> list[dict]:
    """The records a bundle carries: the laptop user's own (all, on a store with no user
    recorded) not yet confirmed by a receipt, oldest first, as bundle records."""
    user = _setting(db, "user_id")
    sql = ('SELECT id, standard_id, question_id, value, text, "by", at FROM evidence_judgements'
           " WHERE inspection_id = ? AND confirmed_receipt IS NULL" + (' AND "by" = ?' if user else "")
           + " ORDER BY at, id")
    return [dict(zip(FIELDS, r)) for r in db.execute(sql, [inspection_id, user] if user else [inspection_id])]


def mark_exported(db: Database, ids: list[str], bundle_id: str) -> None:
    """Inside the export's transaction: the bundle that last carried these records."""
    db.conn.executemany("UPDATE evidence_judgements SET exported_bundle = ? WHERE id = ?", [(bundle_id, i) for i in ids])


def confirm(db: Database, inspection_id: str, ids: list[str], receipt_id: str) -> int:
    """Inside the receipt's transaction: the central store holds these records; returns
    how many were newly confirmed."""
    done = 0
    for i in ids:
        done += db.execute("UPDATE evidence_judgements SET confirmed_receipt = ? WHERE id = ? AND inspection_id = ?"
                           " AND confirmed_receipt IS NULL", [receipt_id, i, inspection_id]).rowcount
    return done


def not_confirmed(db: Database, inspection_id: str) -> int:
    """How many of the laptop user's records the central store has not confirmed."""
    return len(unsent(db, inspection_id))


def store_assignments(db: Database, pack) -> None:
    """The pack's standards judged on evidence and their assignees, replacing those held
    (a re-issued pack carries the lead's current assignments; inside the caller's transaction)."""
    team_ids = {m.id for m in pack.team}
    db.execute("DELETE FROM evidence_assignments WHERE inspection_id = ?", [pack.inspection.id])
    for standard_id, member_id in pack.evidence_assignments.items():
        if member_id not in team_ids:
            raise Rejected.of("pack.invalid", field=f"evidence_assignments.{standard_id}",
                              detail=f"{member_id} is not on the team")
        db.execute("INSERT INTO evidence_assignments (inspection_id, standard_id, member_id) VALUES (?, ?, ?)",
                   [pack.inspection.id, standard_id, member_id])
