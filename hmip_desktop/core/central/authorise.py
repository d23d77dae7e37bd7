"""Authorisation of a bundle at the central store, checked before anything is written.

A bundle is accepted only when (docs/bundle-format.md, "Authorisation"):

* its inspection has been set up at this central store (a bundle never creates one),
  with the framework content the bundle was made with;
* its signing key belongs to a member of that inspection's team whose role submits
  case reads (inspectors and local assessors; lead inspectors moderate, they do not
  read cases), and the key was enrolled for that same role;
* its device id is new, or belongs to the key that first used it;
* every read names that member as its reader, and its case is in the sample (drawn,
  or a reserve activated to replace a case) and allocated or reassigned to that member.

Anything else raises :class:`Refused`: one line naming the rule (and the first
offending read), with only ids attached, so the import can record it in the event
log after rolling back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..exchange.envelope import Rejected
from ..exchange.formats import CaseReadRecord, Manifest
from ..exchange.revisions import MEMBER
from . import schema

#: Team roles whose members read cases and so submit case reads.
SUBMITTING_ROLES = ("inspector", "local_assessor")


class Refused(Rejected):
    """A bundle refused by an authorisation rule. ``rule`` is a short code; ``facts``
    holds ids only (never personal data): what the event log records."""

    def __init__(self, reason: str, rule: str, facts: dict[str, object]):
        super().__init__(reason)
        self.rule = rule
        self.facts = facts


@dataclass
class Authority:
    """What a bundle's signer may submit: the member, and the sample allocated to them."""

    conn: object
    manifest: Manifest
    key_id: str
    member_id: str
    framework_sha256: str
    #: case id -> reader id of every case in the inspection's current sample
    sample: dict[str, str | None] = field(default_factory=dict)

    def refuse(self, reason: str, rule: str, line: int | None = None, case_id: str | None = None):
        return Refused(reason, rule, _facts(self.manifest, self.key_id, rule, line, case_id))

    def check_read(self, line: int, record: CaseReadRecord) -> None:
        """Refused unless the read is this member's, of a case in the sample allocated to them."""
        where = f"{MEMBER}:{line}: case {record.case_id}"
        if record.reader_id != self.member_id:
            raise self.refuse(f"{where}: reader {record.reader_id} is not the signer (team member {self.member_id}): "
                              "a bundle carries only its sender's own case reads", "reader_not_signer", line,
                              record.case_id)
        if record.case_id not in self.sample:
            raise self.refuse(f"{where}: {self._why_not_sampled(record.case_id)}", "case_not_in_sample", line,
                              record.case_id)
        allocated = self.sample[record.case_id]
        if allocated != self.member_id:
            to = f"to team member {allocated}" if allocated else "to nobody yet"
            raise self.refuse(f"{where}: allocated {to}, not to {self.member_id}: only a case's allocated reader "
                              "submits its read", "case_not_allocated", line, record.case_id)

    def _why_not_sampled(self, case_id: str) -> str:
        t = schema.setup_cases
        row = self.conn.execute(select(t.c.selection, t.c.replaced_by).where(
            t.c.inspection_id == self.manifest.inspection_id, t.c.case_id == case_id)).first()
        inspection = f"inspection {self.manifest.inspection_id}"
        if row is None:
            return f"not a case of {inspection}"
        if row.replaced_by:
            return f"not in the sample of {inspection} (replaced by case {row.replaced_by})"
        if row.selection == "reserve":
            return f"a reserve case of {inspection} that has not been activated"
        return f"not in the sample of {inspection}"


def _facts(m: Manifest, key_id: str, rule: str, line: int | None, case_id: str | None) -> dict[str, object]:
    facts = {"rule": rule, "bundle_id": m.bundle_id, "key_id": key_id, "device_id": m.device_id,
             "inspection_id": m.inspection_id}
    if line is not None:
        facts.update(line=line, case_id=case_id)
    return facts


def authorise(conn, manifest: Manifest, key_id: str) -> Authority:
    """The signer's authority for this bundle's inspection; Refused (or Rejected for a
    bundle made with other framework content) otherwise."""
    m = manifest

    def refuse(reason: str, rule: str) -> Refused:
        return Refused(reason, rule, _facts(m, key_id, rule, None, None))

    insp = conn.execute(select(schema.inspections).where(schema.inspections.c.id == m.inspection_id)).first()
    if insp is None:
        raise refuse(f"inspection {m.inspection_id} has not been set up at this central store: a bundle never "
                     "creates an inspection (a lead inspector sets it up first: inspection, team, sample)", "inspection_not_set_up")
    if insp.framework_sha256 != m.framework.sha256:
        raise Rejected(f"inspection {m.inspection_id} uses framework {insp.framework_id} {insp.framework_version}; "
                       "this bundle was made with different framework content")
    key = conn.execute(select(schema.keys.c.name, schema.keys.c.role).where(schema.keys.c.key_id == key_id)).first()
    tm = schema.team_members
    members = conn.execute(select(tm.c.member_id, tm.c.role).where(
        tm.c.inspection_id == m.inspection_id, tm.c.key_id == key_id).order_by(tm.c.member_id)).all()
    if not members:
        raise refuse(f"key {key_id[:16]} is not on the team of inspection {m.inspection_id}", "key_not_on_team")
    readers = [r for r in members if r.role in SUBMITTING_ROLES]
    if not readers:
        raise refuse(f"key {key_id[:16]} belongs to team member {members[0].member_id}, a {members[0].role}: only "
                     f"{' and '.join(r.replace('_', ' ') + 's' for r in SUBMITTING_ROLES)} submit case reads",
                     "role_may_not_submit")
    if len(readers) > 1:
        raise refuse(f"key {key_id[:16]} belongs to {len(readers)} team members of inspection {m.inspection_id}: "
                     "one key, one member", "key_on_team_twice")
    member = readers[0]
    if key.role != member.role:
        raise refuse(f"key {key_id[:16]} was enrolled as {key.role}, but team member {member.member_id} is a "
                     f"{member.role}: enrol the member's key for their role", "role_mismatch")
    owner = conn.execute(select(schema.devices.c.key_id).where(schema.devices.c.device_id == m.device_id)).scalar()
    if owner is not None and owner != key_id:
        raise refuse(f"device {m.device_id} belongs to another key ({owner[:16]}), the first that sent from it: "
                     "a device id is never shared", "device_of_another_key")
    sc = schema.setup_cases
    sample = dict(conn.execute(select(sc.c.case_id, sc.c.reader_id).where(
        sc.c.inspection_id == m.inspection_id, sc.c.selection == "sample")).all())
    return Authority(conn, m, key_id, member.member_id, insp.framework_sha256, sample)
