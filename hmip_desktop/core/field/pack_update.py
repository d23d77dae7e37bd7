"""Applying a re-issued inspection pack to an inspection already on the laptop.

The lead re-issues a pack when the team's allocation changes (a reserve replaces a case,
a member joins, reads move between members). A pack of an inspection already here is
applied only if it is **newer** (``created_at`` after the one applied) and signed by
**the same lead key** that signed the pack the inspection came from; it must pin the
same framework and name the same central store. Anything else is refused with one line.

Nothing recorded is lost (docs/decisions.md, "Re-issued inspection packs"): a case read
that holds anything (answers, notes, a status, an interview, any edit) stays, with its reader,
even when the new pack takes the case out of the sample or gives it to another member;
and it is exported while its case is still theirs; a read of a case now allocated to
someone else stays on the laptop, left out of exports (reallocation.py). Reads that hold nothing follow
the new allocation (added, moved to their new reader, or removed with their case).
"""

from __future__ import annotations

from sqlite_utils import Database

from ..exchange.envelope import Rejected
from ..exchange.formats import Pack
from ..frameworks import load_text
from . import audit, evidence
from .db import write_transaction
from .inspections import checked_cases
from .reallocation import allocate

#: A case read "holds something" when any of these is true; such a read is never removed or moved.
RECORDED = ("(r.status != 'not_started' OR r.interview_held IS NOT NULL OR r.interview_note != ''"
            " OR r.edit_count > 0"
            " OR EXISTS (SELECT 1 FROM answers a WHERE a.case_read_id = r.id))")


def _setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def check_reissue(db: Database, pack: Pack, signer: str) -> bool:
    """Refuse (Rejected, one line) a pack that may not replace the one applied for its
    inspection; False when it is that very pack (nothing to do), True to apply it."""
    inspection = pack.inspection.id
    held_id, held_at, held_key, held_sha = db.execute(
        "SELECT pack_id, pack_created_at, pack_key_id, framework_sha256 FROM inspections WHERE id = ?",
        [inspection]).fetchone()
    trusted = held_key or _setting(db, "pack_trust") or signer
    if not signer.startswith(trusted):
        raise Rejected.of("pack.other_signer", inspection=inspection, key=signer[:16], trusted=trusted[:16])
    if held_id == pack.pack_id:
        return False
    if held_at is not None and pack.created_at <= held_at:
        raise Rejected.of("pack.older", pack=pack.pack_id[:12], inspection=inspection, created=pack.created_at,
                          held=held_at)
    if pack.inspection.framework_sha256 != held_sha:
        raise Rejected.of("pack.framework_changed", inspection=inspection)
    if (pack.central.store_id != _setting(db, "central_store_id")
            or pack.central.signing_key.strip() != (_setting(db, "central_key") or "").strip()):
        raise Rejected.of("pack.other_store", inspection=inspection)
    return True


def apply_reissue(db: Database, pack: Pack, signer: str, me: str) -> dict:
    """Update the inspection to ``pack`` (checked by :func:`check_reissue`), in one
    transaction with one audit event; returns counts like a first import, plus what the
    update did (``added``, ``moved``, ``removed``, ``kept``: reads kept off the new
    allocation because they hold something)."""
    inspection = pack.inspection.id
    base = {"inspection": inspection, "user": me, "updated": True}
    if not check_reissue(db, pack, signer):
        reads = db.execute("SELECT count(*) FROM case_reads WHERE inspection_id = ?", [inspection]).fetchone()[0]
        cases = db.execute("SELECT count(*) FROM cases WHERE inspection_id = ?", [inspection]).fetchone()[0]
        return {**base, "unchanged": True, "reads": reads, "cases": cases, "team": len(pack.team),
                "added": 0, "moved": 0, "removed": 0, "kept": 0}
    fw = load_text(pack.inspection.framework_yaml, f"inspection {inspection} framework")
    team = [{"id": m.id, "name": m.name, "role": m.role} for m in pack.team]
    rows = checked_cases(fw, inspection, team, [
        {"case_id": c.case_id, "profile": c.profile, "selection": c.selection, "reserve_rank": c.reserve_rank}
        for c in pack.cases])
    allocation = {c.case_id: c.reader_id for c in pack.cases if c.selection == "sample" and c.reader_id}
    now = audit.utc_now()
    done = {"added": 0, "moved": 0, "removed": 0, "kept": 0}
    with write_transaction(db):
        db.execute("UPDATE inspections SET provider = ?, title = ?, fieldwork_start = ?, fieldwork_end = ?,"
                   " pack_id = ?, pack_created_at = ?, pack_key_id = ? WHERE id = ?",
                   [pack.inspection.provider, pack.inspection.title, pack.inspection.fieldwork_start,
                    pack.inspection.fieldwork_end, pack.pack_id, pack.created_at, signer, inspection])
        for m in team:
            db.execute("INSERT INTO team_members (inspection_id, id, name, role) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT (inspection_id, id) DO UPDATE SET name = excluded.name, role = excluded.role",
                       [inspection, m["id"], m["name"], m["role"]])
        for row in rows:
            db.execute("INSERT INTO cases (inspection_id, case_id, profile, selection, reserve_rank)"
                       " VALUES (:inspection_id, :case_id, :profile, :selection, :reserve_rank)"
                       " ON CONFLICT (inspection_id, case_id) DO UPDATE SET profile = excluded.profile,"
                       " selection = excluded.selection, reserve_rank = excluded.reserve_rank", row)
        existing = db.execute(f"SELECT r.id, r.case_id, r.reader_id, {RECORDED} FROM case_reads r"
                              " WHERE r.inspection_id = ?", [inspection]).fetchall()
        for read_id, case_id, reader, recorded in existing:
            wanted = allocation.get(case_id)
            if wanted == reader:
                continue
            if recorded:
                done["kept"] += 1  # its reader's work stays theirs, on the laptop (left out of exports if moved)
            elif wanted:
                db.execute("UPDATE case_reads SET reader_id = ?, updated_at = ? WHERE id = ?", [wanted, now, read_id])
                done["moved"] += 1
            else:
                db.execute("DELETE FROM case_reads WHERE id = ?", [read_id])
                done["removed"] += 1
        have = {case_id for _, case_id, _, _ in existing}
        for case_id, reader in sorted(allocation.items()):
            if case_id not in have:
                db.execute("INSERT INTO case_reads (inspection_id, case_id, reader_id, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?)", [inspection, case_id, reader, now, now])
                done["added"] += 1
        # Cases and members the new pack dropped go, unless a read kept above still needs them.
        listed = [row["case_id"] for row in rows]
        db.execute("DELETE FROM cases WHERE inspection_id = ? AND case_id NOT IN (SELECT value FROM json_each(?))"
                   " AND case_id NOT IN (SELECT case_id FROM case_reads WHERE inspection_id = ?)",
                   [inspection, _json(listed), inspection])
        db.execute("DELETE FROM team_members WHERE inspection_id = ? AND id NOT IN (SELECT value FROM json_each(?))"
                   " AND id NOT IN (SELECT reader_id FROM case_reads WHERE inspection_id = ?)",
                   [inspection, _json([m["id"] for m in team]), inspection])
        allocate(db, inspection, allocation)
        evidence.store_assignments(db, pack)
        counts = {"reads": db.execute("SELECT count(*) FROM case_reads WHERE inspection_id = ?",
                                      [inspection]).fetchone()[0],
                  "cases": db.execute("SELECT count(*) FROM cases WHERE inspection_id = ?", [inspection]).fetchone()[0],
                  "team": len(team)}
        audit.append(db, actor=me, action="apply_pack", inspection_id=inspection, target="inspection",
                     after={"pack_id": pack.pack_id, "created_at": pack.created_at, **done, **counts}, at=now)
    return {**base, "unchanged": False, **counts, **done}


def _json(items: list[str]) -> str:
    import json

    return json.dumps(items)
