"""Authorisation of a bundle at the central store, checked before anything is written.

A bundle is accepted only when (docs/bundle-format.md, "Authorisation"):

* its inspection has been set up at this central store (a bundle never creates one),
  with the framework content the bundle was made with;
* its signing key belongs to a member of that inspection's team whose role submits
  case reads (inspectors and local assessors; lead inspectors moderate, they do not
  read cases: a lead's bundle carries judgements on evidence only, no case reads), and
  the key was enrolled for that same role;
* its device id is new, or belongs to the key that first used it;
* every read names that member as its reader, and its case is in the sample (drawn,
  or a reserve activated to replace a case) and allocated or reassigned to that member,
  unless the read is a revision of that member's the store already holds (a case since
  re-allocated: the identical resend changes nothing; a new revision is refused);
* no read brings a new revision while the inspection is signed off (ratings are
  computed, so a new revision would change signed-off ratings): the lead reopens it
  first. A revision the store already holds is not new, and the very same bundle sent
  again never reaches these checks (it answers with its receipt).

Anything else raises :class:`Refused`: one line naming the rule (and the first
offending read), with only ids attached, so the import can record it in the event
log after rolling back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..exchange.envelope import Rejected
from ..exchange.formats import CaseReadRecord, Manifest
from ..exchange.revisions import EVIDENCE_MEMBER, MEMBER
from ..messages import Msg, render
from . import queries, schema

#: Team roles whose members read cases and so submit case reads.
SUBMITTING_ROLES = ("inspector", "local_assessor")


class Refused(Rejected):
    """A bundle refused by an authorisation rule. ``rule`` is a short code; ``facts``
    holds ids only (never personal data): what the event log records."""

    def __init__(self, reason: str, rule: str, facts: dict[str, object]):
        super().__init__(reason)
        self.rule = rule
        self.facts = facts

    @classmethod
    def of(cls, key: str, /, *, rule: str, facts: dict[str, object], **params) -> Refused:
        """The refusal with message ``key`` (English text, Welsh on request)."""
        return cls(render(key, "en", params), rule, facts).keyed(key, **params)


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
    #: the member's team role and the role its key was enrolled with (equal)
    role: str = ""
    #: the inspection is signed off (no new revision is taken until it is reopened)
    locked: bool = False

    def facts(self, rule: str, line: int, case_id: str) -> dict[str, object]:
        return _facts(self.manifest, self.key_id, rule, line, case_id)

    def check_read(self, line: int, record: CaseReadRecord) -> None:
        """Refused unless the read is this member's, of a case in the sample allocated to them."""
        case = record.case_id
        where = Msg.of("auth.where", member=MEMBER, line=line, case=case)
        if record.reader_id != self.member_id:
            raise Refused.of("auth.not_signer", rule="reader_not_signer", facts=self.facts("reader_not_signer", line, case),
                             where=where, reader=record.reader_id, member=self.member_id)
        if case not in self.sample:
            raise Refused.of("auth.not_in_sample", rule="case_not_in_sample",
                             facts=self.facts("case_not_in_sample", line, case), where=where,
                             why=self._why_not_sampled(case))
        allocated = self.sample[case]
        # A case since re-allocated: a revision this member sent before and the store holds
        # is simply already there (an identical resend changes nothing); a new one is refused.
        if allocated != self.member_id and not self._held(case, record.revision_id, self.member_id):
            to = Msg.of("auth.to_member", member=allocated) if allocated else Msg.of("auth.to_nobody")
            raise Refused.of("auth.not_allocated", rule="case_not_allocated", facts=self.facts("case_not_allocated", line, case),
                             where=where, to=to, member=self.member_id)
        if self.locked and not self._held(case, record.revision_id):
            raise Refused.of("auth.signed_off", rule="signed_off", facts=self.facts("signed_off", line, case),
                             where=where, inspection=self.manifest.inspection_id)

    def _held(self, case_id: str, revision_id: str, reader: str | None = None) -> bool:
        """The store holds this revision of the case (read by ``reader``, when given)."""
        t = schema.revisions
        where = [t.c.inspection_id == self.manifest.inspection_id, t.c.case_id == case_id,
                 t.c.revision_id == revision_id]
        if reader is not None:
            where.append(t.c.reader_id == reader)
        return self.conn.execute(select(t.c.revision_id).where(*where)).first() is not None

    def _why_not_sampled(self, case_id: str) -> Msg:
        t = schema.setup_cases
        row = self.conn.execute(select(t.c.selection, t.c.replaced_by).where(
            t.c.inspection_id == self.manifest.inspection_id, t.c.case_id == case_id)).first()
        inspection = self.manifest.inspection_id
        if row is None:
            return Msg.of("auth.not_a_case", inspection=inspection)
        if row.replaced_by:
            return Msg.of("auth.replaced", inspection=inspection, by=row.replaced_by)
        if row.selection == "reserve":
            return Msg.of("auth.reserve", inspection=inspection)
        return Msg.of("auth.not_sampled", inspection=inspection)


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

    def facts(rule: str) -> dict[str, object]:
        return _facts(m, key_id, rule, None, None)

    insp = conn.execute(select(schema.inspections).where(schema.inspections.c.id == m.inspection_id)).first()
    if insp is None:
        raise Refused.of("auth.not_set_up", rule="inspection_not_set_up", facts=facts("inspection_not_set_up"),
                         inspection=m.inspection_id)
    if insp.framework_sha256 != m.framework.sha256:
        raise Rejected.of("auth.other_framework", inspection=m.inspection_id, framework=insp.framework_id,
                          version=insp.framework_version)
    key = conn.execute(select(schema.keys.c.name, schema.keys.c.role).where(schema.keys.c.key_id == key_id)).first()
    tm = schema.team_members
    members = conn.execute(select(tm.c.member_id, tm.c.role).where(
        tm.c.inspection_id == m.inspection_id, tm.c.key_id == key_id).order_by(tm.c.member_id)).all()
    if not members:
        raise Refused.of("auth.key_not_on_team", rule="key_not_on_team", facts=facts("key_not_on_team"),
                         key=key_id[:16], inspection=m.inspection_id)
    readers = [r for r in members if r.role in SUBMITTING_ROLES]
    if not readers and len(members) == 1 and members[0].role == "lead" and _no_case_reads(m):
        readers = members  # a lead sends judgements on evidence (bands), never case reads
    if not readers:
        raise Refused.of("auth.role_may_not_submit", rule="role_may_not_submit", facts=facts("role_may_not_submit"),
                         key=key_id[:16], member=members[0].member_id, role=members[0].role)
    if len(readers) > 1:
        raise Refused.of("auth.key_twice", rule="key_on_team_twice", facts=facts("key_on_team_twice"),
                         key=key_id[:16], count=len(readers), inspection=m.inspection_id)
    member = readers[0]
    if key.role != member.role:
        raise Refused.of("auth.role_mismatch", rule="role_mismatch", facts=facts("role_mismatch"),
                         key=key_id[:16], enrolled=key.role, member=member.member_id, role=member.role)
    owner = conn.execute(select(schema.devices.c.key_id).where(schema.devices.c.device_id == m.device_id)).scalar()
    if owner is not None and owner != key_id:
        raise Refused.of("auth.device_of_another_key", rule="device_of_another_key",
                         facts=facts("device_of_another_key"), device=m.device_id, owner=owner[:16])
    sc = schema.setup_cases
    sample = dict(conn.execute(select(sc.c.case_id, sc.c.reader_id).where(
        sc.c.inspection_id == m.inspection_id, sc.c.selection == "sample")).all())
    return Authority(conn, m, key_id, member.member_id, insp.framework_sha256, sample, member.role,
                     queries.locked(conn, m.inspection_id))


def _no_case_reads(m: Manifest) -> bool:
    """The bundle carries judgements on evidence and no case reads (a lead's bundle)."""
    entry = m.files.get(MEMBER)
    return entry is not None and entry.count == 0 and EVIDENCE_MEMBER in m.files
