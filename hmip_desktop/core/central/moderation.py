"""Quality assurance by lead inspectors: moderating judgements, read outcomes, QA
sampling, resolving conflicts, professional-judgement overrides and sign-off.

Nothing an inspector recorded is ever changed: a moderation is a separate record
(against the revision it looked at) with a rationale for every change; the effective
answer is derived (``answers.effective_rows``). A new revision arriving after
moderation is flagged for re-review by the importer. Every action is also an event in
the central store's hash-chained log. A signed-off inspection is locked until it is
reopened (recorded and signed).
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Mapping

from sqlalchemy import insert, select, update

from ..exchange.keys import SigningKey
from ..frameworks.model import Framework
from ..messages import Msg
from . import events, queries, schema
from .store import CentralError, CentralStore, utc_now

#: Default share of each reader's case reads chosen for QA, by role (local assessors'
#: reads need more assurance, not less).
DEFAULT_QA_RATES = {"inspector": 0.2, "lead": 0.1, "local_assessor": 0.5}
READ_OUTCOMES = ("agreed", "changed", "returned")


def leads(conn, inspection_id: str) -> list[dict]:
    """The inspection's team members with role lead: {"id", "name", "role"} each."""
    return [m for m in queries.team(conn, inspection_id) if m["role"] == "lead"]


def lead_choices(store: CentralStore, inspection_id: str, key_id: str | None = None) -> tuple[list[dict], str | None]:
    """Who may record QA actions on the inspection: its leads ({"id", "name"} each), and
    the id of the one whose key is ``key_id`` (the key in use), or None."""
    tm = schema.team_members
    with store.engine.connect() as conn:
        rows = conn.execute(select(tm.c.member_id, tm.c.name, tm.c.key_id).where(
            tm.c.inspection_id == inspection_id, tm.c.role == "lead").order_by(tm.c.member_id)).all()
    mine = next((r.member_id for r in rows if key_id and r.key_id == key_id), None)
    return [{"id": r.member_id, "name": r.name} for r in rows], mine


def _refuse_unless_lead(conn, inspection_id: str, by: str) -> None:
    """Every QA action is recorded against a lead inspector of the inspection's team."""
    ids = [m["id"] for m in leads(conn, inspection_id)]
    if by not in ids:
        raise CentralError.of("central.not_lead", by=by, inspection=inspection_id,
                              leads=Msg.of("central.its_leads", ids=", ".join(ids)) if ids else Msg.of("central.no_lead"))


def _refuse_if_locked(conn, inspection_id: str) -> None:
    if queries.locked(conn, inspection_id):
        raise CentralError.of("central.signed_off", inspection=inspection_id)


def _head(conn, inspection_id: str, case_id: str):
    cr = schema.case_reads
    row = conn.execute(select(cr).where(cr.c.inspection_id == inspection_id, cr.c.case_id == case_id)).first()
    if row is None:
        raise CentralError.of("central.no_case_read", case=case_id, inspection=inspection_id)
    return row


def _lock_case_read(conn, inspection_id: str, case_id: str):
    """The case read's row, locked for the rest of the transaction: ``SELECT … FOR
    UPDATE`` on PostgreSQL (a second moderator or an import of the same read waits here
    until this transaction ends). On SQLite FOR UPDATE is not emitted, and the driver only
    opens the transaction at the first write, so a no-op UPDATE of the row comes first:
    it takes the database's write lock (waiting for other writers), and every read after
    it sees the latest committed state until commit."""
    cr = schema.case_reads
    where = (cr.c.inspection_id == inspection_id, cr.c.case_id == case_id)
    if conn.dialect.name == "sqlite":
        conn.execute(update(cr).where(*where).values(needs_rereview=cr.c.needs_rereview))
    row = conn.execute(select(cr).where(*where).with_for_update()).first()
    if row is None:
        raise CentralError.of("central.no_case_read", case=case_id, inspection=inspection_id)
    return row


def _latest_moderation_id(conn, inspection_id: str, case_id: str, revision_id: str, question_id: str) -> int | None:
    md = schema.moderations
    return conn.execute(select(md.c.id).where(
        md.c.inspection_id == inspection_id, md.c.case_id == case_id, md.c.revision_id == revision_id,
        md.c.question_id == question_id).order_by(md.c.id.desc()).limit(1)).scalar()


def moderation_state(store: CentralStore, inspection_id: str, case_id: str, question_id: str) -> tuple[str, int | None]:
    """What a moderator is looking at when they open a judgement: (the case read's head
    revision, the id of the latest moderation of this judgement of that revision, or
    None). Pass them back to :func:`moderate` as ``seen_revision``/``seen_moderation_id``."""
    with store.engine.connect() as conn:
        head = _head(conn, inspection_id, case_id).head_revision_id
        return head, _latest_moderation_id(conn, inspection_id, case_id, head, question_id)


def moderate(store: CentralStore, inspection_id: str, case_id: str, question_id: str, value: object,
             rationale: str, moderator: str, fw: Framework | None = None, *,
             seen_revision: str | None = None, seen_moderation_id: int | None = None) -> str:
    """Agree with or change one judgement of the case read's current revision.
    Returns "agreed" or "changed"; a change without a rationale is refused.

    Optimistic concurrency (several lead inspectors at once): pass what the moderator
    was looking at, as returned by :func:`moderation_state`: ``seen_revision`` (the case
    read's head revision) and ``seen_moderation_id`` (the latest moderation of this
    judgement of that revision, None if there was none). Inside the transaction the case
    read's row is locked (:func:`_lock_case_read`) and, if the head has moved since, or
    another moderation of the same judgement of the same revision was recorded after the
    one seen, CentralError("case X changed while you were moderating it: … reload it;
    nothing was recorded") is raised and nothing is written: the other lead's record
    stays, and this one can be made again after reloading. With ``seen_revision`` None
    (the default) there is no check: the current head is moderated, as before.
    Moderating different reads, or different judgements of one read, never conflicts."""
    rationale = (rationale or "").strip()
    if fw is not None:
        allowed = [o.id for o in fw.options(fw.question(question_id).answer)]
        if allowed and value not in allowed:
            raise CentralError.of("central.not_an_option", case=case_id, question=question_id, value=value,
                                      allowed=", ".join(allowed))
    ra = schema.revision_answers
    with store.engine.begin() as conn:
        head = _lock_case_read(conn, inspection_id, case_id)
        _refuse_if_locked(conn, inspection_id)
        _refuse_unless_lead(conn, inspection_id, moderator)
        if seen_revision is not None:
            if head.head_revision_id != seen_revision:
                raise CentralError.of("central.new_revision", case=case_id, seen=seen_revision[:12],
                                      head=head.head_revision_id[:12])
            latest = _latest_moderation_id(conn, inspection_id, case_id, seen_revision, question_id)
            if latest != seen_moderation_id:
                by = conn.execute(select(schema.moderations.c.moderator).where(
                    schema.moderations.c.id == latest)).scalar() if latest is not None else None
                raise CentralError.of("central.moderated_meanwhile", case=case_id, question=question_id,
                                      by=Msg.of("central.by", who=by) if by else "")
        stored = conn.execute(select(ra.c.value).where(
            ra.c.inspection_id == inspection_id, ra.c.case_id == case_id, ra.c.revision_id == head.head_revision_id,
            ra.c.question_id == question_id)).scalar()
        original = None if stored is None else json.loads(stored)
        outcome = "agreed" if value == original else "changed"
        if outcome == "changed" and not rationale:
            raise CentralError.of("central.needs_rationale", case=case_id, question=question_id)
        conn.execute(insert(schema.moderations).values(
            inspection_id=inspection_id, case_id=case_id, revision_id=head.head_revision_id, question_id=question_id,
            original_value=stored, moderated_value=json.dumps(value), outcome=outcome, rationale=rationale,
            moderator=moderator, created_at=utc_now()))
        conn.execute(update(schema.case_reads).where(
            schema.case_reads.c.inspection_id == inspection_id, schema.case_reads.c.case_id == case_id).values(
            moderated_revision_id=head.head_revision_id, needs_rereview=False))
        events.append(conn, actor=moderator, action=f"moderate:{outcome}", inspection_id=inspection_id,
                      target=f"{case_id}:{question_id}", before=original, after=value)
    return outcome


def finish_read(store: CentralStore, inspection_id: str, case_id: str, outcome: str, comments: str,
                moderator: str) -> None:
    """Record the read's QA outcome; "returned" needs comments (they go back to the reader)."""
    if outcome not in READ_OUTCOMES:
        raise CentralError.of("central.outcome", outcomes=", ".join(READ_OUTCOMES))
    if outcome == "returned" and not (comments or "").strip():
        raise CentralError.of("central.return_comments")
    with store.engine.begin() as conn:
        _refuse_if_locked(conn, inspection_id)
        _refuse_unless_lead(conn, inspection_id, moderator)
        head = _head(conn, inspection_id, case_id)
        conn.execute(insert(schema.read_outcomes).values(
            inspection_id=inspection_id, case_id=case_id, revision_id=head.head_revision_id, outcome=outcome,
            comments=comments or "", moderator=moderator, created_at=utc_now()))
        events.append(conn, actor=moderator, action=f"read:{outcome}", inspection_id=inspection_id, target=case_id,
                      after={"comments": comments or ""})


def qa_sample(store: CentralStore, inspection_id: str, *, seed: int,
              rates: Mapping[str, float] | None = None, roles: Mapping[str, str] | None = None) -> list[str]:
    """Choose case reads for QA: per reader, ceil(rate × their reads) of them, by role
    (``roles``: reader id → role; default from the inspection's team, else inspector).
    Reproducible from the seed; the lead can add more with :func:`qa_add`."""
    rates = {**DEFAULT_QA_RATES, **(rates or {})}
    cr, rv = schema.case_reads, schema.revisions
    with store.engine.begin() as conn:
        if roles is None:
            roles = {m["id"]: m["role"] for m in queries.team(conn, inspection_id)}
        reads = conn.execute(select(cr.c.case_id, rv.c.reader_id).select_from(queries.heads_join())
                             .where(cr.c.inspection_id == inspection_id).order_by(cr.c.case_id)).all()
        by_reader: dict[str, list[str]] = {}
        for r in reads:
            by_reader.setdefault(r.reader_id, []).append(r.case_id)
        rng = random.Random(seed)
        chosen: list[str] = []
        for reader in sorted(by_reader):
            cases = by_reader[reader]
            rate = rates.get(roles.get(reader, "inspector"), rates["inspector"])
            chosen += rng.sample(cases, min(len(cases), math.ceil(rate * len(cases))))
        existing = {r.case_id for r in conn.execute(select(schema.qa_selection.c.case_id).where(
            schema.qa_selection.c.inspection_id == inspection_id))}
        new = [c for c in chosen if c not in existing]
        if new:
            conn.execute(insert(schema.qa_selection), [
                {"inspection_id": inspection_id, "case_id": c, "reason": "sampled", "created_at": utc_now()} for c in new])
    return sorted(chosen)


def qa_add(store: CentralStore, inspection_id: str, case_id: str, by: str) -> None:
    with store.engine.begin() as conn:
        _refuse_unless_lead(conn, inspection_id, by)
        _head(conn, inspection_id, case_id)
        t = schema.qa_selection
        if conn.execute(select(t.c.case_id).where(t.c.inspection_id == inspection_id, t.c.case_id == case_id)).first():
            return
        conn.execute(insert(t).values(inspection_id=inspection_id, case_id=case_id, reason="added", created_at=utc_now()))
        events.append(conn, actor=by, action="qa:add", inspection_id=inspection_id, target=case_id)


def set_override(store: CentralStore, inspection_id: str, standard_id: str, band_id: str | None, reason: str,
                 by: str, fw: Framework | None = None) -> None:
    """A lead inspector's professional judgement on a standard's rating: a band, or
    ``not_rated`` (the standard is not rated); None withdraws it."""
    if not (reason or "").strip():
        raise CentralError.of("central.override_reason")
    if fw is not None and band_id is not None and band_id not in {b.id for b in fw.rating.bands} | {"not_rated"}:
        raise CentralError.of("central.not_a_band", band=band_id, framework=fw.id)
    with store.engine.begin() as conn:
        _refuse_if_locked(conn, inspection_id)
        _refuse_unless_lead(conn, inspection_id, by)
        conn.execute(insert(schema.overrides).values(inspection_id=inspection_id, standard_id=standard_id,
                                                     band_id=band_id, reason=reason.strip(), by=by, created_at=utc_now()))
        events.append(conn, actor=by, action="override", inspection_id=inspection_id, target=standard_id,
                      after={"band": band_id, "reason": reason.strip()})


def overrides_for(store: CentralStore, inspection_id: str | list[str]):
    """The current override of each standard: standard id → (band id, reason); for a list
    of inspections, inspection id → that mapping."""
    ids = [inspection_id] if isinstance(inspection_id, str) else list(inspection_id)
    t = schema.overrides
    out: dict[str, dict[str, tuple[str, str]]] = {i: {} for i in ids}
    with store.engine.connect() as conn:
        for r in conn.execute(select(t).where(t.c.inspection_id.in_(ids)).order_by(t.c.id)):
            if r.band_id is None:
                out[r.inspection_id].pop(r.standard_id, None)
            else:
                out[r.inspection_id][r.standard_id] = (r.band_id, r.reason)
    return out[inspection_id] if isinstance(inspection_id, str) else out


def resolve_conflict(store: CentralStore, inspection_id: str, conflict_id: int, keep_revision_id: str, by: str,
                     reason: str) -> str:
    """Resolve a conflict by keeping one of its two versions (with a recorded reason).

    The kept version becomes the case read's current (head) revision if it is not
    already; a moderation of the version that stops being current flags the read for
    re-review. Nothing is deleted: both revisions stay on record. Returns the case id."""
    reason = (reason or "").strip()
    cf, cr = schema.conflicts, schema.case_reads
    with store.engine.begin() as conn:
        conflict = conn.execute(select(cf).where(cf.c.id == conflict_id, cf.c.inspection_id == inspection_id)).first()
        if conflict is None:
            raise CentralError.of("central.no_conflict", conflict=conflict_id, inspection=inspection_id)
        # Lock the read first (another lead, or an import, waits), then look again.
        head = _lock_case_read(conn, inspection_id, conflict.case_id)
        _refuse_if_locked(conn, inspection_id)
        _refuse_unless_lead(conn, inspection_id, by)
        conflict = conn.execute(select(cf).where(cf.c.id == conflict_id)).one()
        if conflict.resolved_at is not None:
            raise CentralError.of("central.conflict_resolved", conflict=conflict_id, case=conflict.case_id)
        sides = (conflict.revision_id, conflict.against_revision_id)
        if keep_revision_id not in sides:
            raise CentralError.of("central.keep_which", case=conflict.case_id)
        if not reason:
            raise CentralError.of("central.conflict_reason", case=conflict.case_id)
        dropped = sides[1] if keep_revision_id == sides[0] else sides[0]
        now = utc_now()
        if head.head_revision_id != keep_revision_id:
            moderated = conn.execute(select(schema.moderations.c.id).where(
                schema.moderations.c.inspection_id == inspection_id, schema.moderations.c.case_id == conflict.case_id,
                schema.moderations.c.revision_id == head.head_revision_id).limit(1)).first() is not None
            conn.execute(update(cr).where(cr.c.inspection_id == inspection_id, cr.c.case_id == conflict.case_id).values(
                head_revision_id=keep_revision_id, updated_at=now, needs_rereview=bool(head.needs_rereview or moderated)))
        conn.execute(update(cf).where(cf.c.id == conflict_id).values(resolved_at=now))
        events.append(conn, actor=by, action="conflict:resolve", inspection_id=inspection_id, target=conflict.case_id,
                      after={"kept": keep_revision_id, "dropped": dropped, "reason": reason})
    return conflict.case_id


def _sign(store: CentralStore, inspection_id: str, key: SigningKey, action: str, reason: str, ratings: dict) -> str:
    with store.engine.begin() as conn:
        signer = conn.execute(select(schema.keys).where(schema.keys.c.key_id == key.key_id)).first()
        if signer is None or signer.revoked_at is not None or signer.role != "lead":
            raise CentralError.of("central.sign_key")
        locked = queries.locked(conn, inspection_id)
        if action == "sign_off" and locked:
            raise CentralError.of("central.already_signed_off", inspection=inspection_id)
        if action == "reopen" and not locked:
            raise CentralError.of("central.not_signed_off", inspection=inspection_id)
        body = json.dumps(ratings, sort_keys=True, separators=(",", ":")).encode()
        digest = hashlib.sha256(body).hexdigest()
        statement = f"{action}:{inspection_id}:{digest}:{reason}".encode()
        signature = key.sign(statement).hex()
        conn.execute(insert(schema.signoffs).values(
            inspection_id=inspection_id, action=action, key_id=key.key_id, reason=reason, ratings_sha256=digest,
            signature=signature, created_at=utc_now()))
        events.append(conn, actor=f"key:{key.key_id[:16]}", action=action, inspection_id=inspection_id,
                      target="ratings", after={"ratings_sha256": digest, "reason": reason})
    return digest


def sign_off(store: CentralStore, inspection_id: str, key: SigningKey, ratings: dict) -> str:
    """Sign the ratings (their SHA-256) with a lead's key and lock the inspection."""
    return _sign(store, inspection_id, key, "sign_off", "", ratings)


def reopen(store: CentralStore, inspection_id: str, key: SigningKey, reason: str, ratings: dict) -> str:
    if not (reason or "").strip():
        raise CentralError.of("central.reopen_reason")
    return _sign(store, inspection_id, key, "reopen", reason.strip(), ratings)


def is_signed_off(store: CentralStore, inspection_id: str) -> bool:
    with store.engine.connect() as conn:
        return queries.locked(conn, inspection_id)


def reader_pairs(store: CentralStore, inspection_id: str) -> dict[str, list[tuple[str, str]]]:
    """(reader's value, moderator's value) for each moderated judgement, by reader
    (``queries.reader_pairs``)."""
    with store.engine.connect() as conn:
        return queries.reader_pairs(conn, inspection_id)
