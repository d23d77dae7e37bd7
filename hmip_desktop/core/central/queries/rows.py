"""The read model's building blocks: each reads one thing of one inspection over an open
connection and returns plain data (dataclasses, dicts, sets). Taking the connection lets
a caller inside a transaction (the importer's receipt) see exactly what it is writing,
and lets one caller (a report, the dashboard) read many of them in one connection.

Read-only; plain SQLAlchemy Core, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import and_, select

from .. import schema
from ..store import CentralError


def decode(text: str | None) -> object:
    """A stored JSON value; plain option ids (the vast majority) without the JSON parser."""
    if text is None:
        return None
    if len(text) > 1 and text[0] == '"' and text[-1] == '"' and "\\" not in text and '"' not in text[1:-1]:
        return text[1:-1]
    return json.loads(text)


def heads_join():
    """``case_reads`` joined to each read's current (head) revision in ``revisions``: the
    one definition of "the current revision of a case read"."""
    cr, rv = schema.case_reads, schema.revisions
    return cr.join(rv, and_(rv.c.inspection_id == cr.c.inspection_id, rv.c.case_id == cr.c.case_id,
                            rv.c.revision_id == cr.c.head_revision_id))


@dataclass(frozen=True)
class Inspection:
    id: str
    framework_id: str
    framework_version: str
    created_at: str
    provider: str | None
    title: str | None
    fieldwork_start: str | None
    fieldwork_end: str | None


@dataclass(frozen=True)
class Read:
    """A case read's current (head) revision."""

    case_id: str
    revision_id: str
    reader_id: str
    status: str
    updated_at: str
    profile: dict
    interview: dict
    needs_rereview: bool = False


def inspection(conn, inspection_id: str) -> Inspection:
    """The inspection's details; CentralError if the store has no such inspection."""
    row = conn.execute(select(schema.inspections).where(schema.inspections.c.id == inspection_id)).first()
    if row is None:
        raise CentralError.of("central.no_inspection", inspection=inspection_id)
    return Inspection(row.id, row.framework_id, row.framework_version, row.created_at, row.provider or None,
                      row.title or None, row.fieldwork_start or None, row.fieldwork_end or None)


def current_reads(conn, inspection_id: str) -> dict[str, Read]:
    """Case id → its read's current revision (profile and interview decoded), by case id."""
    cr, rv = schema.case_reads, schema.revisions
    query = (select(cr.c.case_id, cr.c.head_revision_id, cr.c.needs_rereview, rv.c.reader_id, rv.c.status,
                    rv.c.updated_at, rv.c.profile, rv.c.interview)
             .select_from(heads_join()).where(cr.c.inspection_id == inspection_id).order_by(cr.c.case_id))
    return {r.case_id: Read(r.case_id, r.head_revision_id, r.reader_id, r.status, r.updated_at,
                            json.loads(r.profile or "{}"), json.loads(r.interview or "{}"), bool(r.needs_rereview))
            for r in conn.execute(query)}


def head_revisions(conn, inspection_id: str, case_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Case id → the id of its read's current revision (no revision content read)."""
    cr = schema.case_reads
    query = select(cr.c.case_id, cr.c.head_revision_id).where(cr.c.inspection_id == inspection_id)
    if case_ids is not None:
        query = query.where(cr.c.case_id.in_(list(case_ids)))
    return {r.case_id: r.head_revision_id for r in conn.execute(query)}


def team(conn, inspection_id: str) -> list[dict]:
    """The inspection's team by member id: {"id", "name", "role"} each."""
    tm = schema.team_members
    return [{"id": r.member_id, "name": r.name, "role": r.role} for r in conn.execute(
        select(tm.c.member_id, tm.c.name, tm.c.role).where(tm.c.inspection_id == inspection_id).order_by(tm.c.member_id))]


def team_names(conn, inspection_id: str) -> dict[str, str]:
    """Member id → name (readers not in the team are shown by their id)."""
    return {m["id"]: m["name"] for m in team(conn, inspection_id)}


def moderation_rows(conn, inspection_id: str, case_id: str | None = None) -> list[dict]:
    """Every moderation record, oldest first, values decoded: id, case_id, revision_id,
    question_id, original_value, moderated_value, outcome, rationale, moderator, created_at."""
    md = schema.moderations
    query = select(md).where(md.c.inspection_id == inspection_id)
    if case_id is not None:
        query = query.where(md.c.case_id == case_id)
    return [{"id": m.id, "case_id": m.case_id, "revision_id": m.revision_id, "question_id": m.question_id,
             "original_value": decode(m.original_value), "moderated_value": decode(m.moderated_value),
             "outcome": m.outcome, "rationale": m.rationale, "moderator": m.moderator, "created_at": m.created_at}
            for m in conn.execute(query.order_by(md.c.id))]


def latest_moderations(rows: Iterable[dict]) -> dict[tuple[str, str, str], dict]:
    """(case id, revision id, question id) → the latest of ``moderation_rows`` for that
    judgement of that revision: each moderated judgement counts once."""
    return {(m["case_id"], m["revision_id"], m["question_id"]): m for m in rows}


def outcome_rows(conn, inspection_id: str, case_ids: Iterable[str] | None = None) -> list[dict]:
    """Every QA outcome of a read, oldest first: id, case_id, revision_id, outcome,
    comments, moderator, created_at."""
    t = schema.read_outcomes
    query = select(t).where(t.c.inspection_id == inspection_id)
    if case_ids is not None:
        query = query.where(t.c.case_id.in_(list(case_ids)))
    return [{"id": r.id, "case_id": r.case_id, "revision_id": r.revision_id, "outcome": r.outcome,
             "comments": r.comments, "moderator": r.moderator, "created_at": r.created_at}
            for r in conn.execute(query.order_by(t.c.id))]


def latest_outcomes(rows: Iterable[dict], heads: Mapping[str, str] | None = None) -> dict[str, dict]:
    """Case id → the latest of ``outcome_rows`` for it; with ``heads`` (case id → current
    revision id), only outcomes of the current revision count."""
    latest: dict[str, dict] = {}
    for row in rows:
        if heads is None or heads.get(row["case_id"]) == row["revision_id"]:
            latest[row["case_id"]] = row
    return latest


def qa_selection(conn, inspection_id: str) -> dict[str, str]:
    """Case id → why it is selected for QA ("sampled" or "added")."""
    qa = schema.qa_selection
    return {r.case_id: r.reason for r in conn.execute(
        select(qa.c.case_id, qa.c.reason).where(qa.c.inspection_id == inspection_id))}


def caseload_size(conn, inspection_id: str) -> int | None:
    """How many cases the inspection's set-up caseload holds (None without a set-up)."""
    sc = schema.setup_cases
    return len(conn.execute(select(sc.c.case_id).where(sc.c.inspection_id == inspection_id)).all()) or None


def recorded_answers(conn, inspection_id: str, case_id: str, revision_id: str) -> dict[str, tuple[object, str]]:
    """Question id → (value, evidence note) as the reader recorded them in one revision."""
    ra = schema.revision_answers
    return {r.question_id: (decode(r.value), r.note or "") for r in conn.execute(
        select(ra.c.question_id, ra.c.value, ra.c.note).where(
            ra.c.inspection_id == inspection_id, ra.c.case_id == case_id, ra.c.revision_id == revision_id))}


def conflicts(conn, inspection_id: str, case_id: str | None = None, unresolved: bool = True) -> list[dict]:
    """Conflict records, oldest first: id, case_id, revision_id, against_revision_id,
    detected_at, resolved_at (only the unresolved ones unless ``unresolved`` is False)."""
    cf = schema.conflicts
    query = select(cf).where(cf.c.inspection_id == inspection_id)
    if case_id is not None:
        query = query.where(cf.c.case_id == case_id)
    if unresolved:
        query = query.where(cf.c.resolved_at.is_(None))
    return [{"id": c.id, "case_id": c.case_id, "revision_id": c.revision_id,
             "against_revision_id": c.against_revision_id, "detected_at": c.detected_at,
             "resolved_at": c.resolved_at} for c in conn.execute(query.order_by(cf.c.id))]


def bundles(conn, inspection_id: str) -> list[dict]:
    """The bundles imported for the inspection, in import order: bundle_id, sender (the
    enrolled key's name, else the start of its id), role, device_id, sequence, imported_at."""
    bd, keys = schema.bundles, schema.keys
    return [{"bundle_id": b.bundle_id, "sender": b.name or b.key_id[:16], "role": b.role or "",
             "device_id": b.device_id, "sequence": b.sequence, "imported_at": b.imported_at}
            for b in conn.execute(
                select(bd.c.bundle_id, bd.c.key_id, bd.c.device_id, bd.c.sequence, bd.c.imported_at, keys.c.name,
                       keys.c.role)
                .select_from(bd.outerjoin(keys, keys.c.key_id == bd.c.key_id))
                .where(bd.c.inspection_id == inspection_id).order_by(bd.c.imported_at, bd.c.bundle_id))]


def locked(conn, inspection_id: str) -> bool:
    """Whether the inspection is signed off (its latest sign-off action is a sign-off)."""
    t = schema.signoffs
    last = conn.execute(select(t.c.action).where(t.c.inspection_id == inspection_id)
                        .order_by(t.c.id.desc()).limit(1)).scalar()
    return last == "sign_off"


def reader_pairs(conn, inspection_id: str, moderations: list[dict] | None = None) -> dict[str, list[tuple[str, str]]]:
    """The reader consistency inputs (``agreement.consistency``): (reader's value,
    moderator's value) as text for each moderated judgement, by reader; the latest
    moderation of each judgement of each revision counts once. ``moderations``: the
    inspection's ``moderation_rows`` where the caller has read them already."""
    rv = schema.revisions
    readers = {(r.case_id, r.revision_id): r.reader_id for r in conn.execute(
        select(rv.c.case_id, rv.c.revision_id, rv.c.reader_id).where(rv.c.inspection_id == inspection_id))}
    out: dict[str, list[tuple[str, str]]] = {}
    for m in latest_moderations(moderation_rows(conn, inspection_id) if moderations is None else moderations).values():
        original = "" if m["original_value"] is None else str(m["original_value"])
        out.setdefault(readers.get((m["case_id"], m["revision_id"]), "?"), []).append(
            (original, str(m["moderated_value"])))
    return out
