"""Reads of cases the laptop's latest inspection pack no longer allocates to their reader.

A re-issued pack keeps a read that holds work with its reader even when it gives the case
to someone else (nothing recorded is lost: pack_update.py). The central store takes a new
revision of a read only from the case's current reader, so such a read is left out of
every export (it stays on the laptop, never deleted), the export says so in one line per
case, and the window shows it as re-allocated and read-only (docs/decisions.md,
"Re-issued inspection packs"). ``cases.allocated_to`` holds the latest pack's reader of
each case (NULL: nobody); only inspections that came from a pack (``pack_id``) are
checked, so the demo and stores made by hand export as before.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..messages import Msg

#: SQL over ``case_reads r JOIN cases c`` and ``inspections i``: the read's case is no
#: longer allocated to its reader by the latest pack.
REALLOCATED = "(i.pack_id IS NOT NULL AND c.allocated_to IS NOT r.reader_id)"

_FROM = (" FROM case_reads r JOIN cases c ON c.inspection_id = r.inspection_id AND c.case_id = r.case_id"
         " JOIN inspections i ON i.id = r.inspection_id")

#: A read holds work the central store has never received: never exported, or edited since.
_UNSENT = ("(r.exported_line IS NULL OR r.exported_edit_count IS NOT r.edit_count) AND "
           "(r.status != 'not_started' OR r.interview_held IS NOT NULL OR r.interview_note != ''"
           " OR r.edit_count > 0 OR EXISTS (SELECT 1 FROM answers a WHERE a.case_read_id = r.id))")


def left_out(db: Database, inspection_id: str, reader: str | None) -> list[dict]:
    """The reads of ``reader`` (every reader when None) that an export leaves out: case id,
    the member the case is allocated to now (id and name, None for nobody) and whether
    the read holds work never sent."""
    rows = db.execute(
        "SELECT r.case_id, c.allocated_to, t.name, " + _UNSENT + _FROM +
        " LEFT JOIN team_members t ON t.inspection_id = r.inspection_id AND t.id = c.allocated_to"
        " WHERE r.inspection_id = ? AND " + REALLOCATED + (" AND r.reader_id = ?" if reader else "") +
        " ORDER BY r.case_id", [inspection_id, reader] if reader else [inspection_id]).fetchall()
    return [{"case_id": case, "to": to, "to_name": name, "unsent": bool(unsent)} for case, to, name, unsent in rows]


def notice(row: dict) -> Msg:
    """The one line an export gives for a read it leaves out."""
    to = row["to_name"] or row["to"] if row["to"] else Msg.of("export.to_nobody")
    if row["unsent"]:
        return Msg.of("export.reallocated_unsent", case=row["case_id"], to=to)
    return Msg.of("export.reallocated", case=row["case_id"], to=to)


def reallocated_cases(db: Database, inspection_id: str) -> set[str]:
    """The case ids whose read on this laptop is no longer allocated to its reader."""
    return {r[0] for r in db.execute("SELECT r.case_id" + _FROM + " WHERE r.inspection_id = ? AND " + REALLOCATED,
                                     [inspection_id]).fetchall()}


def is_reallocated(db: Database, inspection_id: str, case_id: str) -> bool:
    return db.execute("SELECT 1" + _FROM + " WHERE r.inspection_id = ? AND r.case_id = ? AND " + REALLOCATED,
                      [inspection_id, case_id]).fetchone() is not None


#: Sets each case's ``allocated_to`` from the reads on the laptop (a first import, the migration).
ALLOCATE_FROM_READS = ("UPDATE cases SET allocated_to = (SELECT r.reader_id FROM case_reads r"
                       " WHERE r.inspection_id = cases.inspection_id AND r.case_id = cases.case_id)"
                       " WHERE inspection_id = ?")


def allocate(db: Database, inspection_id: str, allocation: dict[str, str]) -> None:
    """Record the latest pack's allocation (case id -> reader id; others: nobody)."""
    import json

    db.execute("UPDATE cases SET allocated_to = (SELECT value FROM json_each(?) WHERE key = cases.case_id)"
               " WHERE inspection_id = ?", [json.dumps(allocation), inspection_id])
