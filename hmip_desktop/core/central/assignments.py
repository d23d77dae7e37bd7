"""Evidence standards assigned to team members at set-up (issue 14: judgements on
evidence are "recorded offline on a laptop by the member the set-up assigns (often the
lead)"; docs/decisions.md, "Who records the judgements on evidence").

One row per (inspection, standard judged on evidence): the member who records the
team's judgements of that standard's key questions. The pack carries the assignments,
the laptop records only for its user's, and the import refuses a team judgement of an
assigned standard from anyone else. A standard with no assignment may be judged by any
member of the team except a local assessor (the provider's own staff: the evidence is
about their own organisation's policy and provision); a local assessor cannot be
assigned one either. The band stays the lead's, whoever is assigned.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from . import schema
from .answers import framework_for
from .store import CentralError, CentralStore, utc_now


def assign(store: CentralStore, inspection_id: str, standard_id: str, member_id: str | None) -> None:
    """Assign ``standard_id`` (judged on evidence) to ``member_id``; None clears it."""
    fw = framework_for(store, inspection_id)
    if standard_id not in {s.id for s in fw.standards(case_based=False)}:
        raise CentralError.of("assign.not_evidence", standard=standard_id, inspection=inspection_id)
    t, tm = schema.evidence_assignments, schema.team_members
    with store.engine.begin() as conn:
        if member_id is not None:
            role = conn.execute(select(tm.c.role).where(tm.c.inspection_id == inspection_id,
                                                        tm.c.member_id == member_id)).scalar()
            if role is None:
                raise CentralError.of("assign.not_member", member=member_id, inspection=inspection_id)
            if role == "local_assessor":
                raise CentralError.of("assign.local_assessor", member=member_id)
        conn.execute(delete(t).where(t.c.inspection_id == inspection_id, t.c.standard_id == standard_id))
        if member_id is not None:
            conn.execute(insert(t).values(inspection_id=inspection_id, standard_id=standard_id, member_id=member_id,
                                          assigned_at=utc_now()))


def assigned_in(conn, inspection_id: str) -> dict[str, str]:
    """standard id -> member id of the inspection's assignments (on an open connection)."""
    t = schema.evidence_assignments
    return dict(conn.execute(select(t.c.standard_id, t.c.member_id).where(t.c.inspection_id == inspection_id)).all())


def assigned(store: CentralStore, inspection_id: str) -> dict[str, str]:
    """standard id -> member id of the inspection's assignments."""
    with store.engine.connect() as conn:
        return assigned_in(conn, inspection_id)
