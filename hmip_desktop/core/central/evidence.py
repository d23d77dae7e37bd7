"""Judgements on evidence: the standards judged once per inspection, not per case
(domain one, organisational delivery; out-of-court and resettlement policy and
provision; the ESI's section A, quality of management).

The team judges each key question against the published rating characteristics, with
a summary of the evidence (documents, meetings, interviews, the staff survey); the lead
inspector decides the standard's band with a rationale (``lead_judgement``), or the
criteria's judgements are the result (``criteria``). Every record is a new row (the
latest wins; nothing is changed or deleted), refused after sign-off, and an event in
the central store's hash-chained log, like every other decision.

Records carry their own ``id`` (a random one unless given), so that the same record
made on a laptop and carried in a bundle can be imported once however often it arrives
(:func:`record` with ``record_id``, ``at`` and ``origin``; docs/decisions.md).
"""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from ..frameworks.evidence_rules import EvidenceInvalid, check_evidence
from ..frameworks.model import Framework
from . import events, schema
from .moderation import _refuse_if_locked
from .ratings import EvidenceRecord
from .store import CentralError, CentralStore, utc_now


def check(fw: Framework, standard_id: str, question_id: str | None, value: str, text: str) -> None:
    """CentralError (one line) unless this is a valid judgement or band for the framework:
    the one rule the laptop applies too (core/frameworks/evidence_rules.py)."""
    try:
        check_evidence(fw, standard_id, question_id, value, text)
    except EvidenceInvalid as exc:
        raise CentralError.of(exc.key, **exc.params) from None


def record(store: CentralStore, fw: Framework, inspection_id: str, standard_id: str, question_id: str | None,
           value: str, text: str, by: str, *, record_id: str | None = None, at: str | None = None,
           origin: str = "central") -> str:
    """Record a team judgement (``question_id`` given; ``text`` the evidence summary) or
    the lead's band for the standard (``question_id`` None; ``text`` the rationale;
    ``value`` a band or ``not_rated``). Returns the record's id. A record whose id is
    already stored is not stored again (a bundle arriving twice)."""
    with store.engine.begin() as conn:
        return record_in(conn, fw, inspection_id, standard_id, question_id, value, text, by,
                         record_id=record_id, at=at, origin=origin)


def record_in(conn, fw: Framework, inspection_id: str, standard_id: str, question_id: str | None,
              value: str, text: str, by: str, *, record_id: str | None = None, at: str | None = None,
              origin: str = "central") -> str:
    """:func:`record` inside the caller's transaction ``conn`` (the bundle import's)."""
    text = (text or "").strip()
    check(fw, standard_id, question_id, value, text)
    if not (by or "").strip():
        raise CentralError.of("evidence.by")
    record_id = record_id or uuid.uuid4().hex
    t = schema.evidence_judgements
    _refuse_if_locked(conn, inspection_id)
    if conn.execute(select(schema.inspections.c.id).where(schema.inspections.c.id == inspection_id)).first() is None:
        raise CentralError.of("central.no_inspection", inspection=inspection_id)
    if conn.execute(select(t.c.id).where(t.c.id == record_id)).first() is not None:
        return record_id
    row = {"id": record_id, "inspection_id": inspection_id, "standard_id": standard_id, "question_id": question_id,
           "value": value, "text": text, "by": by.strip(), "at": at or utc_now(), "origin": origin}
    conn.execute(insert(t).values(**row))
    action = "evidence:judgement" if question_id else "evidence:band"
    events.append(conn, actor=by.strip(), action=action, inspection_id=inspection_id,
                  target=f"{standard_id}:{question_id}" if question_id else standard_id,
                  after={"id": record_id, "value": value, "text": text})
    return record_id


def stored(conn, record_ids: list[str]) -> dict[str, dict]:
    """id → the stored record (its columns) of those of ``record_ids`` the store holds."""
    t = schema.evidence_judgements
    out: dict[str, dict] = {}
    for start in range(0, len(record_ids), 500):
        for r in conn.execute(select(t).where(t.c.id.in_(record_ids[start:start + 500]))):
            out[r.id] = dict(r._mapping)
    return out


def evidence_for(store: CentralStore, inspection_ids: list[str]) -> dict[str, dict[str, dict[str, EvidenceRecord]]]:
    """inspection id → standard id → question id ("" for the lead's band) → the latest record."""
    t = schema.evidence_judgements
    out: dict[str, dict[str, dict[str, EvidenceRecord]]] = {i: {} for i in inspection_ids}
    with store.engine.connect() as conn:
        for r in conn.execute(select(t).where(t.c.inspection_id.in_(list(inspection_ids))).order_by(t.c.at, t.c.id)):
            out[r.inspection_id].setdefault(r.standard_id, {})[r.question_id or ""] = EvidenceRecord(
                r.value, r.text, r.by, r.at)
    return out


def history(store: CentralStore, inspection_id: str, standard_id: str) -> list[dict]:
    """Every record of one standard, oldest first (who judged what, when, and why)."""
    t = schema.evidence_judgements
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(t).where(
            t.c.inspection_id == inspection_id, t.c.standard_id == standard_id).order_by(t.c.at, t.c.id))]
