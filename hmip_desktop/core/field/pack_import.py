"""Importing an inspection pack on a laptop: verify, decrypt, create the inspection.

The pack must be signed by the key whose fingerprint the lead inspector gave
(``trust``: at least 16 hex digits of it), must decrypt with this inspector's own key,
and must validate strictly; only then is the inspection created, in one transaction,
with the central store it reports to.
"""

from __future__ import annotations

import pyrage
from cryptography.hazmat.primitives import serialization
from pydantic import ValidationError
from sqlite_utils import Database

from ..exchange import archive, envelope
from ..exchange.envelope import Rejected
from ..exchange.formats import Pack
from ..exchange.keys import SigningKey, fingerprint, parse_public
from ..frameworks import content_hash
from . import evidence
from .db import write_transaction
from .export import trust_central
from .inspections import create_inspection

MAX_PACK = 64 * 1024 * 1024


def open_pack(data: bytes, key: SigningKey, trust: str) -> Pack:
    """Verify (signature by the trusted lead key), then decrypt and validate a pack."""
    return _open(data, key, trust)[0]


def _open(data: bytes, key: SigningKey, trust: str) -> tuple[Pack, str]:
    """The pack and its signer's full fingerprint."""
    trust = trust.strip().lower()
    if len(trust) < 16 or any(c not in "0123456789abcdef" for c in trust):
        raise Rejected.of("pack.trust")

    def find_key(header):
        if not header.key_id.startswith(trust):
            raise Rejected.of("pack.signer", key=header.key_id[:16], trusted=trust[:16])
        if not header.signer:
            raise Rejected.of("pack.no_signer")
        public, _ = parse_public(header.signer, "pack signer")
        if fingerprint(public) != header.key_id:
            raise Rejected.of("pack.signer_mismatch")
        return public

    env = envelope.open_envelope(data, find_key, max_payload=MAX_PACK, expect_kind="pack")
    ssh_private = key.private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption())
    try:
        plain = pyrage.decrypt(env.payload, [pyrage.ssh.Identity.from_buffer(ssh_private)])
    except Exception:  # noqa: BLE001
        raise Rejected.of("pack.key") from None
    members = archive.read(plain, {"pack.json"}, {"pack.json"})
    try:
        pack = Pack.model_validate_json(members["pack.json"])
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Rejected.of("pack.invalid", field=".".join(map(str, first["loc"])), detail=first["msg"]) from None
    if pack.pack_id != env.header.id:
        raise Rejected.of("pack.id")
    if content_hash(pack.inspection.framework_yaml) != pack.inspection.framework_sha256:
        raise Rejected.of("pack.framework")
    return pack, env.header.key_id


def import_pack(db: Database, data: bytes, key: SigningKey, trust: str) -> dict:
    """Create the inspection from a verified pack; returns counts. A pack of an inspection
    already here is a re-issue: applied if newer and signed by the same lead key, else
    refused (pack_update.py; ``unchanged`` in the result when it is the pack applied)."""
    pack, signer = _open(data, key, trust)
    me = [m.id for m in pack.team if m.public_key and fingerprint(parse_public(m.public_key)[0]) == key.key_id]
    if not me:
        raise Rejected.of("pack.not_in_team")
    if db.execute("SELECT 1 FROM inspections WHERE id = ?", [pack.inspection.id]).fetchone():
        from .pack_update import apply_reissue

        return apply_reissue(db, pack, signer, me[0])
    with write_transaction(db):
        counts = create_inspection(
            db, inspection_id=pack.inspection.id, provider=pack.inspection.provider, title=pack.inspection.title,
            framework_yaml=pack.inspection.framework_yaml,
            team=[{"id": m.id, "name": m.name, "role": m.role} for m in pack.team],
            cases=[{"case_id": c.case_id, "profile": c.profile, "selection": c.selection,
                    "reserve_rank": c.reserve_rank} for c in pack.cases],
            reads=[(c.case_id, c.reader_id) for c in pack.cases if c.selection == "sample" and c.reader_id],
            fieldwork=(pack.inspection.fieldwork_start, pack.inspection.fieldwork_end),
            actor=me[0],
        )
        evidence.store_assignments(db, pack)
        db.execute("UPDATE inspections SET pack_id = ?, pack_created_at = ?, pack_key_id = ? WHERE id = ?",
                   [pack.pack_id, pack.created_at, signer, pack.inspection.id])
        trust_central(db, store_id=pack.central.store_id, recipients=list(pack.central.recipients),
                      public_key=pack.central.signing_key)
        db.execute("INSERT INTO settings (key, value) VALUES ('user_id', ?) ON CONFLICT (key) DO UPDATE SET"
                   " value = excluded.value", [me[0]])
        # The lead key trusted for this pack: packs fetched by network sync must be signed by it too.
        db.execute("INSERT INTO settings (key, value) VALUES ('pack_trust', ?) ON CONFLICT (key) DO UPDATE SET"
                   " value = excluded.value", [trust.strip().lower()])
    return {**counts, "user": me[0], "inspection": pack.inspection.id}
