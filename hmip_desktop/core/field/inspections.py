"""Creating an inspection in a field store: its pinned framework, team, cases and reads.

Used by the demo and by inspection pack import. Each function is one transaction
with one audit event; case profiles are checked against the framework first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from sqlite_utils import Database

from ..frameworks import content_hash, load_text
from ..messages import Msg, Refusal
from . import audit, values
from .db import write_transaction
from .reallocation import ALLOCATE_FROM_READS

ROLES = ("inspector", "local_assessor", "lead")


class InspectionRefused(Refusal, ValueError):
    """The inspection cannot be created as given; the message says why."""


def create_inspection(
    db: Database,
    *,
    inspection_id: str,
    provider: str,
    title: str,
    framework_yaml: str,
    team: Iterable[Mapping[str, str]],
    cases: Iterable[Mapping[str, object]],
    reads: Iterable[tuple[str, str]],
    fieldwork: tuple[str | None, str | None] = (None, None),
    actor: str = "setup",
) -> dict[str, int]:
    """Create an inspection; returns counts. Raises InspectionRefused (a ValueError) on any
    bad row, writing nothing.

    ``team``: dicts with id, name, role. ``cases``: dicts with case_id, selection
    (sample|reserve|caseload), optional reserve_rank and profile (a dict checked against
    the framework's case profile). ``reads``: (case_id, reader_id) pairs.
    """
    fw = load_text(framework_yaml, f"inspection {inspection_id} framework")
    team = [dict(t) for t in team]
    case_rows = checked_cases(fw, inspection_id, team, cases)
    now = audit.utc_now()
    read_rows = [
        {"inspection_id": inspection_id, "case_id": case_id, "reader_id": reader, "created_at": now, "updated_at": now}
        for case_id, reader in reads
    ]
    with write_transaction(db):
        if db.execute("SELECT 1 FROM inspections WHERE id = ?", [inspection_id]).fetchone():
            raise InspectionRefused.of("inspection.exists", inspection=inspection_id)
        db["inspections"].insert(
            {
                "id": inspection_id,
                "provider": provider,
                "title": title,
                "framework_id": fw.id,
                "framework_version": fw.version,
                "framework_sha256": content_hash(framework_yaml),
                "framework_yaml": framework_yaml,
                "fieldwork_start": fieldwork[0],
                "fieldwork_end": fieldwork[1],
                "created_at": now,
            }
        )
        db["team_members"].insert_all({"inspection_id": inspection_id, **t} for t in team)
        db["cases"].insert_all(case_rows, batch_size=500)
        db["case_reads"].insert_all(read_rows, batch_size=500)
        db.execute(ALLOCATE_FROM_READS, [inspection_id])
        counts = {"team": len(team), "cases": len(case_rows), "reads": len(read_rows)}
        audit.append(
            db, actor=actor, action="create_inspection", inspection_id=inspection_id,
            target="inspection", after={"framework": fw.id, "version": fw.version, **counts}, at=now,
        )
    return counts


def checked_cases(fw, inspection_id: str, team: list[dict], cases: Iterable[Mapping[str, object]]) -> list[dict]:
    """The rows of ``cases`` with their profiles checked against ``fw`` (and the team's
    roles checked); InspectionRefused on the first bad one."""
    for t in team:
        if t["role"] not in ROLES:
            raise InspectionRefused.of("inspection.role", member=t["id"], roles=", ".join(ROLES))
    case_rows = []
    for c in cases:
        profile = dict(c.get("profile") or {})
        for key, value in list(profile.items()):
            try:
                pf = fw.profile_field(key)
            except KeyError:
                raise InspectionRefused.of("inspection.profile_field", case=c["case_id"], field=key) from None
            profile[key] = values.profile_value(fw, pf, value, Msg.of("where.case_item", case=c["case_id"], item=key))
        case_rows.append(
            {
                "inspection_id": inspection_id,
                "case_id": str(c["case_id"]),
                "profile": json.dumps(profile, ensure_ascii=False, sort_keys=True),
                "selection": c.get("selection", "sample"),
                "reserve_rank": c.get("reserve_rank"),
            }
        )
    return case_rows
