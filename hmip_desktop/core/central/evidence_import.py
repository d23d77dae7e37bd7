"""Judgements on evidence carried in a bundle (``evidence.jsonl``), checked in the
import's first pass and stored in its transaction (docs/bundle-format.md,
"evidence.jsonl"; docs/decisions.md).

Each record is refused, with one line naming it (``evidence.jsonl:LINE: record ID: …``),
unless: it is well formed (strict JSON, the model, no id twice); it is the signer's own
(``by`` is the signing member); a key question's team judgement comes from the member
the set-up assigned its standard to, or, for a standard with no assignment, from any
member of the team but a local assessor (assignments.py); a band
(``question_id`` null) comes from a key enrolled with the lead role; its values hold for
the inspection's pinned framework (the rule :func:`evidence.check` applies at the central
store); the inspection is not signed off; and an id the store already holds has the same
content (then it is not stored again: importing is idempotent by id).
"""

from __future__ import annotations

import hashlib

from pydantic import ValidationError

from ..exchange import archive
from ..exchange.envelope import Rejected
from ..exchange.formats import EvidenceLine, FileEntry, MAX_BUNDLE_RECORDS
from ..exchange.revisions import EVIDENCE_MEMBER
from ..frameworks.model import Framework
from ..messages import Msg
from . import assignments, evidence, queries
from .authorise import Authority, Refused
from .store import CentralError

#: The columns compared when a record's id is already held.
CONTENT = ("standard_id", "question_id", "value", "text", "by", "at")


def read(body: bytes | None, entry: FileEntry | None) -> list[tuple[int, EvidenceLine]]:
    """(line, record) of the member, checked against its manifest entry; [] without one."""
    if body is None and entry is None:
        return []
    if body is None or entry is None:
        raise Rejected.of("import.evidence_disagree", member=EVIDENCE_MEMBER)
    if hashlib.sha256(body).hexdigest() != entry.sha256 or len(body) != entry.size:
        raise Rejected.of("import.member_hash", member=EVIDENCE_MEMBER)
    out, ids = [], set()
    for number, raw in archive.json_lines(body, EVIDENCE_MEMBER, MAX_BUNDLE_RECORDS):
        where = f"{EVIDENCE_MEMBER}:{number}"
        try:
            record = EvidenceLine.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise Rejected.of("import.invalid", where=where, field=".".join(map(str, first["loc"])),
                              detail=first["msg"]) from None
        if record.id in ids:
            raise Rejected.of("auth.evidence_twice", where=_where(number, record))
        ids.add(record.id)
        out.append((number, record))
    if len(out) != entry.count:
        raise Rejected.of("import.count", member=EVIDENCE_MEMBER, count=len(out), expected=entry.count)
    return out


def _where(line: int, record: EvidenceLine) -> Msg:
    return Msg.of("auth.evidence_where", member=EVIDENCE_MEMBER, line=line, record=record.id)


def _facts(authority: Authority, rule: str, line: int, record: EvidenceLine) -> dict[str, object]:
    m = authority.manifest
    return {"rule": rule, "bundle_id": m.bundle_id, "key_id": authority.key_id, "device_id": m.device_id,
            "inspection_id": m.inspection_id, "line": line, "record_id": record.id}


def check(conn, fw: Framework, authority: Authority, records: list[tuple[int, EvidenceLine]]) -> None:
    """Refused / Rejected for the first record that may not be stored (nothing is written)."""
    if not records:
        return
    inspection = authority.manifest.inspection_id
    held = evidence.stored(conn, [r.id for _, r in records])
    locked = queries.locked(conn, inspection)
    assigned = assignments.assigned_in(conn, inspection)
    for line, r in records:
        where = _where(line, r)
        if r.by != authority.member_id:
            raise Refused.of("auth.evidence_not_signer", rule="evidence_not_signer",
                             facts=_facts(authority, "evidence_not_signer", line, r), where=where, by=r.by,
                             member=authority.member_id)
        if r.question_id is None and authority.role != "lead":
            raise Refused.of("auth.evidence_band_not_lead", rule="evidence_band_not_lead",
                             facts=_facts(authority, "evidence_band_not_lead", line, r), where=where,
                             standard=r.standard_id, member=authority.member_id, enrolled=authority.role)
        if r.question_id is not None:
            _check_assigned(authority, assigned.get(r.standard_id), line, r, where)
        try:
            evidence.check(fw, r.standard_id, r.question_id, r.value, r.text.strip())
        except CentralError as exc:
            raise Rejected.of("auth.evidence_invalid", where=where, reason=exc) from None
        if r.id in held:
            row = held[r.id]
            mine = r.model_dump()
            mine["text"] = mine["text"].strip()
            if row["inspection_id"] != inspection or any(row[c] != mine[c] for c in CONTENT):
                raise Rejected.of("auth.evidence_other_content", where=where)
        elif locked:
            raise Rejected.of("auth.evidence_signed_off", where=where, inspection=inspection)


def _check_assigned(authority: Authority, assignee: str | None, line: int, r: EvidenceLine, where: Msg) -> None:
    """Refused unless the signer may send this team judgement: the standard's assignee,
    or (no assignment) any member but a local assessor."""
    member = authority.member_id
    if assignee is not None and assignee != member:
        raise Refused.of("auth.evidence_not_assigned", rule="evidence_not_assigned",
                         facts=_facts(authority, "evidence_not_assigned", line, r), where=where,
                         standard=r.standard_id, assignee=assignee, member=member)
    if assignee is None and authority.role == "local_assessor":
        raise Refused.of("auth.evidence_local_assessor", rule="evidence_local_assessor",
                         facts=_facts(authority, "evidence_local_assessor", line, r), where=where, member=member)


def apply(conn, fw: Framework, inspection_id: str, device_id: str, records: list[tuple[int, EvidenceLine]]) -> int:
    """Store the records not yet held (in the import's transaction); returns how many."""
    held = evidence.stored(conn, [r.id for _, r in records])
    for _, r in records:
        if r.id not in held:
            evidence.record_in(conn, fw, inspection_id, r.standard_id, r.question_id, r.value, r.text, r.by,
                               record_id=r.id, at=r.at, origin=device_id)
    return sum(1 for _, r in records if r.id not in held)


def held_ids(conn, records: list[tuple[int, EvidenceLine]]) -> list[str]:
    """The ids of these records that the store holds (what a receipt confirms)."""
    held = evidence.stored(conn, [r.id for _, r in records])
    return [r.id for _, r in records if r.id in held]
