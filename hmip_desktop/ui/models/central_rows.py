"""Plain rows read out of the central store for the lead inspector's window.

Qt-free and read-only: every function here runs on the worker thread (``Ops``) and
returns dicts and lists the Qt models adapt. The writes (moderation, QA, sign-off) are
the core's own functions in ``core.central.moderation``; nothing here changes the store.

These queries belong with the core (``core.central``); they live beside the models for
now because the central mode is the only reader of them. Move them to
``core/central/dashboard.py`` when a second user (a report, the CLI) needs them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, select

from ...core.central import agreement, moderation, schema

if TYPE_CHECKING:
    from ...core.central.store import CentralStore

#: What an import outcome of one case read means (keys of ImportResult.outcomes).
IMPORT_OUTCOMES = ("head", "conflict", "ancestor", "known")


def inspections(store: CentralStore) -> list[dict]:
    """Every inspection of the store: id, title, provider, framework_id, framework_version,
    reads (case reads arrived), signed_off."""
    t, cr = schema.inspections, schema.case_reads
    with store.engine.connect() as conn:
        counts = dict(conn.execute(select(cr.c.inspection_id, func.count()).group_by(cr.c.inspection_id)).all())
        rows = [
            {"id": r.id, "title": r.title or "", "provider": r.provider or "", "framework_id": r.framework_id,
             "framework_version": r.framework_version, "reads": counts.get(r.id, 0)}
            for r in conn.execute(select(t).order_by(t.c.id))
        ]
    for row in rows:
        row["signed_off"] = moderation.is_signed_off(store, row["id"])
    return rows


def _names(conn, inspection_id: str) -> dict[str, str]:
    tm = schema.team_members
    return {r.member_id: r.name for r in conn.execute(select(tm.c.member_id, tm.c.name).where(tm.c.inspection_id == inspection_id))}


def _head_join():
    cr, rv = schema.case_reads, schema.revisions
    return cr.join(rv, and_(rv.c.inspection_id == cr.c.inspection_id, rv.c.case_id == cr.c.case_id,
                            rv.c.revision_id == cr.c.head_revision_id))


def summary(store: CentralStore, inspection_id: str) -> dict:
    """The dashboard of one inspection.

    Returns ``{"reads": [...], "readers": [...], "bundles": [...], "counts": {...},
    "signed_off": bool}``. A read row: case_id, reader_id, reader_name, status, updated_at,
    qa (None, "sampled" or "added"), moderated (judgements of the current revision
    moderated), outcome (the QA outcome of the current revision, or None),
    needs_rereview, conflicts (unresolved). Counts: reads, complete, qa_selected,
    qa_moderated (selected reads with an outcome for their current revision),
    conflicts (unresolved), rereviews, bundles.
    """
    cr, rv, md, ro = schema.case_reads, schema.revisions, schema.moderations, schema.read_outcomes
    qa, cf, bd, keys = schema.qa_selection, schema.conflicts, schema.bundles, schema.keys
    with store.engine.connect() as conn:
        names = _names(conn, inspection_id)
        heads = conn.execute(
            select(cr.c.case_id, cr.c.head_revision_id, cr.c.needs_rereview, rv.c.reader_id, rv.c.status, rv.c.updated_at)
            .select_from(_head_join()).where(cr.c.inspection_id == inspection_id).order_by(cr.c.case_id)).all()
        head_of = {h.case_id: h.head_revision_id for h in heads}
        selected = {r.case_id: r.reason for r in conn.execute(
            select(qa.c.case_id, qa.c.reason).where(qa.c.inspection_id == inspection_id))}
        moderated: dict[str, set[str]] = {}
        for m in conn.execute(select(md.c.case_id, md.c.revision_id, md.c.question_id).where(md.c.inspection_id == inspection_id)):
            if head_of.get(m.case_id) == m.revision_id:
                moderated.setdefault(m.case_id, set()).add(m.question_id)
        outcomes: dict[str, str] = {}
        for o in conn.execute(select(ro.c.case_id, ro.c.revision_id, ro.c.outcome)
                              .where(ro.c.inspection_id == inspection_id).order_by(ro.c.id)):
            if head_of.get(o.case_id) == o.revision_id:
                outcomes[o.case_id] = o.outcome
        conflicts: dict[str, int] = {}
        for c in conn.execute(select(cf.c.case_id).where(cf.c.inspection_id == inspection_id, cf.c.resolved_at.is_(None))):
            conflicts[c.case_id] = conflicts.get(c.case_id, 0) + 1
        bundles = [
            {"bundle_id": b.bundle_id, "sender": b.name or b.key_id[:16], "role": b.role or "", "device_id": b.device_id,
             "sequence": b.sequence, "imported_at": b.imported_at}
            for b in conn.execute(
                select(bd.c.bundle_id, bd.c.key_id, bd.c.device_id, bd.c.sequence, bd.c.imported_at, keys.c.name, keys.c.role)
                .select_from(bd.outerjoin(keys, keys.c.key_id == bd.c.key_id))
                .where(bd.c.inspection_id == inspection_id).order_by(bd.c.imported_at, bd.c.bundle_id))
        ]
    reads = [
        {"case_id": h.case_id, "reader_id": h.reader_id, "reader_name": names.get(h.reader_id, h.reader_id),
         "status": h.status, "updated_at": h.updated_at, "qa": selected.get(h.case_id),
         "moderated": len(moderated.get(h.case_id, ())), "outcome": outcomes.get(h.case_id),
         "needs_rereview": bool(h.needs_rereview), "conflicts": conflicts.get(h.case_id, 0)}
        for h in heads
    ]
    consistency = {c.reader: c for c in agreement.consistency(moderation.reader_pairs(store, inspection_id))}
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
    return {"reads": reads, "readers": readers, "bundles": bundles, "counts": counts,
            "signed_off": moderation.is_signed_off(store, inspection_id)}


def _answers(conn, inspection_id: str, case_id: str, revision_id: str) -> dict[str, dict]:
    ra = schema.revision_answers
    return {
        r.question_id: {"value": None if r.value is None else json.loads(r.value), "note": r.note}
        for r in conn.execute(select(ra.c.question_id, ra.c.value, ra.c.note).where(
            ra.c.inspection_id == inspection_id, ra.c.case_id == case_id, ra.c.revision_id == revision_id))
    }


def _revision(conn, inspection_id: str, case_id: str, revision_id: str, names: dict[str, str]) -> dict:
    rv = schema.revisions
    r = conn.execute(select(rv).where(rv.c.inspection_id == inspection_id, rv.c.case_id == case_id,
                                      rv.c.revision_id == revision_id)).one()
    return {"revision_id": r.revision_id, "reader_id": r.reader_id, "reader_name": names.get(r.reader_id, r.reader_id),
            "status": r.status, "updated_at": r.updated_at, "device_id": r.device_id, "sequence": r.sequence,
            "received_at": r.received_at, "profile": json.loads(r.profile), "interview": json.loads(r.interview),
            "answers": _answers(conn, inspection_id, case_id, revision_id)}


def read_detail(store: CentralStore, inspection_id: str, case_id: str) -> dict:
    """Everything the moderation view shows of one case read.

    The current revision's fields (``_revision``: reader_id, status, profile, interview,
    answers {question id: {value, note}}...), plus: qa, needs_rereview, signed_off;
    moderations {question id: the latest moderation of the current revision: value,
    original, outcome, rationale, moderator, created_at}; earlier {question id: the latest
    moderation of an older revision (context for a re-review)}; outcome (the latest QA
    outcome of the current revision, or None); conflicts [the unresolved conflicting
    revisions, each a ``_revision`` dict with conflict_id and detected_at].
    """
    cr, md, ro, cf, qa = schema.case_reads, schema.moderations, schema.read_outcomes, schema.conflicts, schema.qa_selection
    with store.engine.connect() as conn:
        names = _names(conn, inspection_id)
        row = conn.execute(select(cr).where(cr.c.inspection_id == inspection_id, cr.c.case_id == case_id)).first()
        if row is None:
            raise KeyError(f"no case read {case_id} in inspection '{inspection_id}'")
        head = row.head_revision_id
        detail = _revision(conn, inspection_id, case_id, head, names)
        detail.update(case_id=case_id, inspection_id=inspection_id, needs_rereview=bool(row.needs_rereview))
        detail["qa"] = conn.execute(select(qa.c.reason).where(qa.c.inspection_id == inspection_id, qa.c.case_id == case_id)).scalar()
        current: dict[str, dict] = {}
        earlier: dict[str, dict] = {}
        for m in conn.execute(select(md).where(md.c.inspection_id == inspection_id, md.c.case_id == case_id).order_by(md.c.id)):
            record = {"value": None if m.moderated_value is None else json.loads(m.moderated_value),
                      "original": None if m.original_value is None else json.loads(m.original_value),
                      "outcome": m.outcome, "rationale": m.rationale, "moderator": m.moderator, "created_at": m.created_at}
            (current if m.revision_id == head else earlier)[m.question_id] = record
        detail["moderations"], detail["earlier"] = current, earlier
        detail["outcome"] = None
        for o in conn.execute(select(ro).where(ro.c.inspection_id == inspection_id, ro.c.case_id == case_id,
                                               ro.c.revision_id == head).order_by(ro.c.id)):
            detail["outcome"] = {"outcome": o.outcome, "comments": o.comments, "moderator": o.moderator,
                                 "created_at": o.created_at}
        detail["conflicts"] = []
        for c in conn.execute(select(cf).where(cf.c.inspection_id == inspection_id, cf.c.case_id == case_id,
                                               cf.c.resolved_at.is_(None)).order_by(cf.c.id)):
            other = c.revision_id if c.revision_id != head else c.against_revision_id
            version = _revision(conn, inspection_id, case_id, other, names)
            version.update(conflict_id=c.id, detected_at=c.detected_at)
            detail["conflicts"].append(version)
    detail["signed_off"] = moderation.is_signed_off(store, inspection_id)
    return detail


def compute_ratings(store: CentralStore, inspection_id: str, fw, lang: str = "en"):
    """The inspection's ratings exactly as ``hmip central ratings --json`` computes them:
    the effective (moderated) answers and the current overrides through ``rate``."""
    from ...core.central.answers import rate_inspection

    return rate_inspection(store, inspection_id, lang)


def charts_available() -> bool:
    """Whether the reports' chart module (reportlab drawings) is installed with the app."""
    import importlib.util

    try:
        return importlib.util.find_spec("hmip_desktop.core.reports.charts") is not None
    except (ImportError, ValueError):
        return False


def standard_charts(ratings, lang: str, fw=None, dpi: int = 120) -> dict[str, tuple[bytes, str]]:
    """Each standard's chart (``core.reports.charts``) as (PNG bytes, text alternative),
    or {} without that module. Runs on the worker: reportlab rendering is core work."""
    if not charts_available():
        return {}
    import inspect

    from ...core.reports import charts

    chart_args = inspect.signature(charts.standard_chart).parameters
    png_args = inspect.signature(charts.chart_png).parameters
    out = {}
    for s in ratings.standards:
        drawing = charts.standard_chart(ratings, s.id, lang, **({"fw": fw} if "fw" in chart_args and fw else {}))
        png = charts.chart_png(drawing, **({"dpi": dpi} if "dpi" in png_args else {}))
        alt = ""
        if fw is not None and hasattr(charts, "chart_alt"):
            texts = {kq.id: kq.text.get(lang) for kq in fw.key_questions()}
            title = next((st.title.get(lang) for st in fw.standards() if st.id == s.id), s.title)
            alt = charts.chart_alt(title, s.key_questions, [texts[f.id] for f in s.key_questions], lang)
        out[s.id] = (png, alt)
    return out
