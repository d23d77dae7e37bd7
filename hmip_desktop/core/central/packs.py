"""Inspection set-up at the central store, and the inspection pack sent to laptops.

The pack is one file: the inspection's details and exact framework content, the team
(with their public keys), the sample with profiles and allocation, reserves, and the
central store's encryption recipients and signing key. It is encrypted to every team
member's key (their own laptops only can read it) and signed by a lead inspector's
enrolled key. A laptop imports it only when the signer's fingerprint is the one the
lead inspector gave (``--trust``), so a pack altered or re-signed on the way is refused.
"""

from __future__ import annotations

import json
import uuid

import pyrage
from cryptography.hazmat.primitives import serialization
from sqlalchemy import delete, insert, select

from ..exchange import archive, envelope
from ..exchange.formats import FORMAT_VERSION, Pack
from ..exchange.keys import SigningKey, parse_public, public_line
from ..frameworks import content_hash, load_text
from . import assignments, schema, sync_state
from .store import CentralError, CentralStore, utc_now

MEMBER = "pack.json"


def ssh_recipient(public_key_line: str):
    public, _ = parse_public(public_key_line)
    ssh = public.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    return pyrage.ssh.Recipient.from_str(ssh)


#: The provider's attributes recorded at set-up (for the national collation).
PROVIDER_ATTRIBUTES = ("provider_type", "region", "family", "caseload_size")


def create_inspection(store: CentralStore, inspection_id: str, framework_yaml: str, provider: str, title: str,
                      fieldwork: tuple[str | None, str | None] = (None, None),
                      attributes: dict | None = None) -> None:
    """Create an inspection with its pinned framework. ``attributes``: the provider's
    type, region, family and caseload size (:data:`PROVIDER_ATTRIBUTES`), any may be left out."""
    attributes = {k: v for k, v in (attributes or {}).items() if v is not None}
    unknown = set(attributes) - set(PROVIDER_ATTRIBUTES)
    if unknown:
        raise CentralError.of("packs.unknown_attribute", names=", ".join(sorted(unknown)))
    size = attributes.get("caseload_size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
        raise CentralError.of("packs.caseload_size", value=repr(size))
    fw = load_text(framework_yaml, f"inspection {inspection_id} framework")
    with store.engine.begin() as conn:
        if conn.execute(select(schema.inspections.c.id).where(schema.inspections.c.id == inspection_id)).first():
            raise CentralError.of("setup.exists", inspection=inspection_id)
        conn.execute(insert(schema.inspections).values(
            id=inspection_id, framework_id=fw.id, framework_version=fw.version,
            framework_sha256=content_hash(framework_yaml), framework_yaml=framework_yaml, provider=provider,
            title=title, fieldwork_start=fieldwork[0], fieldwork_end=fieldwork[1], created_at=utc_now(), **attributes))


def set_team(store: CentralStore, inspection_id: str, members: list[dict]) -> None:
    """Replace the team: dicts with id, name, role and optionally key_id (an enrolled key).
    Assignments of evidence standards to members no longer on it (or now local assessors) lapse."""
    with store.engine.begin() as conn:
        for m in members:
            if m.get("key_id") and conn.execute(select(schema.keys.c.key_id).where(
                    schema.keys.c.key_id == m["key_id"])).first() is None:
                raise CentralError.of("setup.key_not_enrolled", member=m["id"], key=m["key_id"][:16])
        conn.execute(delete(schema.team_members).where(schema.team_members.c.inspection_id == inspection_id))
        conn.execute(insert(schema.team_members), [
            {"inspection_id": inspection_id, "member_id": m["id"], "name": m["name"], "role": m["role"],
             "key_id": m.get("key_id")} for m in members])
        # An evidence standard stays assigned only to a member still on the team who may judge it.
        ea = schema.evidence_assignments
        keep = [m["id"] for m in members if m["role"] != "local_assessor"]
        conn.execute(delete(ea).where(ea.c.inspection_id == inspection_id, ea.c.member_id.not_in(keep)))


def set_cases(store: CentralStore, inspection_id: str, rows: list[dict]) -> None:
    """Replace the caseload and sample: dicts with case_id, profile, selection
    (sample|reserve|caseload), reserve_rank, stratum and reader_id."""
    with store.engine.begin() as conn:
        conn.execute(delete(schema.setup_cases).where(schema.setup_cases.c.inspection_id == inspection_id))
        if rows:
            conn.execute(insert(schema.setup_cases), [
                {"inspection_id": inspection_id, "case_id": r["case_id"],
                 "profile": json.dumps(r.get("profile", {}), sort_keys=True), "selection": r["selection"],
                 "reserve_rank": r.get("reserve_rank"), "stratum": r.get("stratum", ""),
                 "reader_id": r.get("reader_id"), "replaced_by": r.get("replaced_by"),
                 "replacement_reason": r.get("replacement_reason")} for r in rows])


def create_pack(store: CentralStore, inspection_id: str, key: SigningKey) -> bytes:
    """The signed, encrypted pack for ``inspection_id``, signed with a lead's ``key``."""
    with store.engine.connect() as conn:
        signer = conn.execute(select(schema.keys).where(schema.keys.c.key_id == key.key_id)).first()
        if signer is None or signer.revoked_at is not None or signer.role != "lead":
            raise CentralError.of("setup.pack_key")
        insp = conn.execute(select(schema.inspections).where(schema.inspections.c.id == inspection_id)).first()
        if insp is None or not insp.framework_yaml:
            raise CentralError.of("setup.not_set_up", inspection=inspection_id)
        team = conn.execute(
            select(schema.team_members, schema.keys.c.public_key)
            .select_from(schema.team_members.outerjoin(schema.keys, schema.team_members.c.key_id == schema.keys.c.key_id))
            .where(schema.team_members.c.inspection_id == inspection_id)).all()
        cases = conn.execute(select(schema.setup_cases).where(
            schema.setup_cases.c.inspection_id == inspection_id,
            schema.setup_cases.c.selection.in_(["sample", "reserve"]))).all()
        assigned = assignments.assigned_in(conn, inspection_id)
    # The pack lists both in code-point order of their ids on every backend (an ORDER BY
    # would follow the database's collation, which differs between SQLite and PostgreSQL).
    team = sorted(team, key=lambda m: m.member_id)
    cases = sorted(cases, key=lambda c: c.case_id)
    keyed = [m for m in team if m.public_key]
    if not keyed:
        raise CentralError.of("setup.pack_no_keys")
    pack = Pack(
        format=FORMAT_VERSION, pack_id=uuid.uuid4().hex, created_at=utc_now(),
        inspection={"id": insp.id, "provider": insp.provider or "", "title": insp.title or "",
                    "framework_yaml": insp.framework_yaml, "framework_sha256": insp.framework_sha256,
                    "fieldwork_start": insp.fieldwork_start, "fieldwork_end": insp.fieldwork_end},
        team=[{"id": m.member_id, "name": m.name, "role": m.role, "public_key": m.public_key} for m in team],
        cases=[{"case_id": c.case_id, "profile": json.loads(c.profile), "selection": c.selection,
                "reserve_rank": c.reserve_rank, "reader_id": c.reader_id} for c in cases],
        central={"store_id": store.store_id, "recipients": store.recipients(), "signing_key": store.meta("signing_key")},
        evidence_assignments=dict(sorted(assigned.items())),
    )
    # "evidence_assignments" only when there are some: an older laptop reads the rest as before
    body = json.dumps(pack.model_dump(exclude=None if assigned else {"evidence_assignments"}), sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False).encode()
    payload = pyrage.encrypt(archive.build({MEMBER: body}), [ssh_recipient(m.public_key) for m in keyed])
    sealed = envelope.seal("pack", pack.pack_id, pack.created_at, payload, key, "age",
                           signer=public_line(key.public, key.name))
    with store.engine.begin() as conn:  # the same file, for the team's laptops to fetch (docs/sync.md)
        sync_state.publish_pack(conn, pack.pack_id, inspection_id, sealed)
    return sealed
