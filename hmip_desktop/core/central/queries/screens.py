"""What the lead inspector's window shows, as plain rows (dicts and lists) built from the
building blocks in :mod:`.rows`: the inspections, one inspection's dashboard, and one
case read with its moderation. Read-only; each opens one connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from .. import agreement, schema
from ..store import NoCaseRead
from . import rows as q

if TYPE_CHECKING:
    from ..store import CentralStore


def inspections(store: CentralStore) -> list[dict]:
    """Every inspection of the store: id, title, provider, framework_id, framework_version,
    reads (case reads arrived), signed_off."""
    t, cr, so = schema.inspections, schema.case_reads, schema.signoffs
    with store.engine.connect() as conn:
        counts = dict(conn.execute(select(cr.c.inspection_id, func.count()).group_by(cr.c.inspection_id)).all())
        last_action = dict(conn.execute(select(so.c.inspection_id, so.c.action).order_by(so.c.id)).all())
        return [{"id": r.id, "title": r.title or "", "provider": r.provider or "", "framework_id": r.framework_id,
                 "framework_version": r.framework_version, "reads": counts.get(r.id, 0),
                 "signed_off": last_action.get(r.id) == "sign_off"}  # as rows.locked, for every inspection
                for r in conn.execute(select(t.c.id, t.c.title, t.c.provider, t.c.framework_id,
                                             t.c.framework_version).order_by(t.c.id)).all()]


def dashboard(store: CentralStore, inspection_id: str) -> dict:
    """The dashboard of one inspection.

    Returns ``{"reads": [...], "readers": [...], "bundles": [...], "counts": {...},
    "signed_off": bool}``. A read row: case_id, reader_id, reader_name, status, updated_at,
    qa (None, "sampled" or "added"), moderated (judgements of the current revision
    moderated), outcome (the QA outcome of the current revision, or None),
    needs_rereview, conflicts (unresolved). A reader row: reader_id, reader_name, reads,
    complete, qa, and the consistency figures (``agreement.consistency``): moderated,
    unchanged, unchanged_share, kappa, kappa_low, kappa_high, flagged, reasons. Counts:
    reads, complete, qa_selected, qa_moderated (selected reads with an outcome for their
    current revision), conflicts (unresolved), rereviews, bundles.
    """
    with store.engine.connect() as conn:
        names = q.team_names(conn, inspection_id)
        heads = q.current_reads(conn, inspection_id)
        head_of = {c: r.revision_id for c, r in heads.items()}
        selected = q.qa_selection(conn, inspection_id)
        moderated: dict[str, set[str]] = {}
        for m in q.moderation_rows(conn, inspection_id):
            if head_of.get(m["case_id"]) == m["revision_id"]:
                moderated.setdefault(m["case_id"], set()).add(m["question_id"])
        outcomes = q.latest_outcomes(q.outcome_rows(conn, inspection_id), head_of)
        open_conflicts: dict[str, int] = {}
        for c in q.conflicts(conn, inspection_id):
            open_conflicts[c["case_id"]] = open_conflicts.get(c["case_id"], 0) + 1
        bundles = q.bundles(conn, inspection_id)
        pairs = q.reader_pairs(conn, inspection_id)
        signed_off = q.locked(conn, inspection_id)
    reads = [
        {"case_id": h.case_id, "reader_id": h.reader_id, "reader_name": names.get(h.reader_id, h.reader_id),
         "status": h.status, "updated_at": h.updated_at, "qa": selected.get(h.case_id),
         "moderated": len(moderated.get(h.case_id, ())),
         "outcome": outcomes[h.case_id]["outcome"] if h.case_id in outcomes else None,
         "needs_rereview": h.needs_rereview, "conflicts": open_conflicts.get(h.case_id, 0)}
        for h in heads.values()
    ]
    consistency = {c.reader: c for c in agreement.consistency(pairs)}
    readers = []
    for reader_id in sorted({r["reader_id"] for r in reads} | set(consistency)):
        mine = [r for r in reads if r["reader_id"] == reader_id]
        c = consistency.get(reader_id)
        readers.append({
            "reader_id": reader_id, "reader_name": names.get(reader_id, reader_id), "reads": len(mine),
            "complete": sum(r["status"] == "complete" for r in mine), "qa": sum(r["qa"] is not None for r in mine),
            "moderated": c.moderated if c else 0, "unchanged": c.unchanged if c else 0,
            "unchanged_share": c.unchanged_share if c else None, "kappa": c.kappa.kappa if c else None,
            "kappa_low": c.kappa.ci_low if c else None, "kappa_high": c.kappa.ci_high if c else None,
            "flagged": bool(c and c.flagged), "reasons": list(c.reasons) if c else [],
            "too_few": bool(c is None or c.too_few),
        })
    counts = {
        "reads": len(reads),
        "complete": sum(r["status"] == "complete" for r in reads),
        "qa_selected": sum(r["qa"] is not None for r in reads),
        "qa_moderated": sum(r["qa"] is not None and r["outcome"] is not None for r in reads),
        "conflicts": sum(r["conflicts"] for r in reads),
        "rereviews": sum(r["needs_rereview"] for r in reads),
        "bundles": len(bundles),
    }
    return {"reads": reads, "readers": readers, "bundles": bundles, "counts": counts, "signed_off": signed_off}


def _revision(conn, inspection_id: str, case_id: str, revision_id: str, names: dict[str, str]) -> dict:
    rv = schema.revisions
    r = conn.execute(select(rv).where(rv.c.inspection_id == inspection_id, rv.c.case_id == case_id,
                                      rv.c.revision_id == revision_id)).one()
    answers = q.recorded_answers(conn, inspection_id, case_id, revision_id)
    return {"revision_id": r.revision_id, "reader_id": r.reader_id, "reader_name": names.get(r.reader_id, r.reader_id),
            "status": r.status, "updated_at": r.updated_at, "device_id": r.device_id, "sequence": r.sequence,
            "received_at": r.received_at, "profile": q.decode(r.profile), "interview": q.decode(r.interview),
            "answers": {qid: {"value": value, "note": note} for qid, (value, note) in answers.items()}}


def read_detail(store: CentralStore, inspection_id: str, case_id: str) -> dict:
    """Everything the moderation view shows of one case read.

    The current revision's fields (revision_id, reader_id, reader_name, status,
    updated_at, device_id, sequence, received_at, profile, interview, answers {question
    id: {value, note}}), plus: case_id, inspection_id, qa, needs_rereview, signed_off;
    moderations {question id: the latest moderation of the current revision: value,
    original, outcome, rationale, moderator, created_at}; earlier {question id: the latest
    moderation of an older revision (context for a re-review)}; outcome (the latest QA
    outcome of the current revision: outcome, comments, moderator, created_at; or None);
    conflicts [the unresolved conflicting revisions, each a revision dict as above with
    conflict_id and detected_at]. KeyError if there is no such case read.
    """
    with store.engine.connect() as conn:
        names = q.team_names(conn, inspection_id)
        head = q.head_revisions(conn, inspection_id, [case_id]).get(case_id)
        if head is None:
            raise NoCaseRead.of("central.no_case_read", case=case_id, inspection=inspection_id)
        cr = schema.case_reads
        rereview = conn.execute(select(cr.c.needs_rereview).where(
            cr.c.inspection_id == inspection_id, cr.c.case_id == case_id)).scalar()
        detail = _revision(conn, inspection_id, case_id, head, names)
        detail.update(case_id=case_id, inspection_id=inspection_id, needs_rereview=bool(rereview),
                      qa=q.qa_selection(conn, inspection_id).get(case_id))
        current: dict[str, dict] = {}
        earlier: dict[str, dict] = {}
        for m in q.moderation_rows(conn, inspection_id, case_id):
            (current if m["revision_id"] == head else earlier)[m["question_id"]] = {
                "value": m["moderated_value"], "original": m["original_value"], "outcome": m["outcome"],
                "rationale": m["rationale"], "moderator": m["moderator"], "created_at": m["created_at"]}
        detail["moderations"], detail["earlier"] = current, earlier
        outcome = q.latest_outcomes(q.outcome_rows(conn, inspection_id, [case_id]), {case_id: head}).get(case_id)
        detail["outcome"] = None if outcome is None else {
            k: outcome[k] for k in ("outcome", "comments", "moderator", "created_at")}
        detail["conflicts"] = []
        for c in q.conflicts(conn, inspection_id, case_id):
            other = c["revision_id"] if c["revision_id"] != head else c["against_revision_id"]
            version = _revision(conn, inspection_id, case_id, other, names)
            version.update(conflict_id=c["id"], detected_at=c["detected_at"])
            detail["conflicts"].append(version)
        detail["signed_off"] = q.locked(conn, inspection_id)
    return detail
