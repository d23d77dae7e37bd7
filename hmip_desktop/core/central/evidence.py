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

from ..frameworks.model import Framework, Standard
from . import events, schema
from .moderation import _refuse_if_locked
from .ratings import NOT_RATED, EvidenceRecord
from .store import CentralError, CentralStore, utc_now


def _evidence_standard(fw: Framework, standard_id: str) -> Standard:
    try:
        standard = fw.standard(standard_id)
    except KeyError:
        raise CentralError.of("evidence.no_standard", framework=fw.id, standard=standard_id) from None
    if standard.kind != "evidence":
        raise CentralError.of("evidence.case_based", standard=standard_id)
    return standard


def check(fw: Framework, standard_id: str, question_id: str | None, value: str, text: str) -> None:
    """CentralError (one line) unless this is a valid judgement or band for the framework."""
    standard = _evidence_standard(fw, standard_id)
    if question_id is not None:
        if question_id not in {kq.id for kq in standard.key_questions}:
            raise CentralError.of("evidence.no_question", standard=standard_id, question=question_id)
        allowed = [i for i, _ in fw.judgement_options(standard)]
        if value not in allowed:
            raise CentralError.of("evidence.not_an_option", question=question_id, value=value, allowed=", ".join(allowed))
        if not text.strip():
            raise CentralError.of("evidence.needs_summary", question=question_id)
        return
    if standard.evidence is not None and standard.evidence.method == "criteria":
        raise CentralError.of("evidence.criteria", standard=standard_id)
    allowed = [b.id for b in fw.rating.bands] + [NOT_RATED]
    if value not in allowed:
        raise CentralError.of("evidence.not_a_band", value=value, allowed=", ".join(allowed))
    if not text.strip():
        raise CentralError.of("evidence.needs_rationale", standard=standard_id)


def record(store: CentralStore, fw: Framework, inspection_id: str, standard_id: str, question_id: str | None,
           value: str, text: str, by: str, *, record_id: str | None = None, at: str | None = None,
           origin: str = "central") -> str:
    """Record a team judgement (``question_id`` given; ``text`` the evidence summary) or
    the lead's band for the standard (``question_id`` None; ``text`` the rationale;
    ``value`` a band or ``not_rated``). Returns the record's id. A record whose id is
    already stored is not stored again (a bundle arriving twice)."""
    text = (text or "").strip()
    check(fw, standard_id, question_id, value, text)
    if not (by or "").strip():
        raise CentralError.of("evidence.by")
    record_id = record_id or uuid.uuid4().hex
    t = schema.evidence_judgements
    with store.engine.begin() as conn:
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
