"""The signed results bundle of a signed-off inspection, for the national store.

One envelope (kind "results", see docs/bundle-format.md), signed by a lead inspector's
key and age-encrypted to the national store's recipient(s). Its payload is a ZIP with
one member, ``results.json``: the framework reference, the ratings exactly as
``hmip central ratings --json`` gives them, the effective answers, the moderation
records, read outcomes, overrides and sign-offs, and the head of the central store's
event log. Only a signed-off inspection can be exported, so the results are the ones
the lead inspector signed.
"""

from __future__ import annotations

import json
import uuid

import pyrage
from sqlalchemy import select

from ..exchange import archive, envelope
from ..exchange.envelope import Rejected
from ..exchange.keys import SigningKey, fingerprint, parse_public, public_line
from ..exchange.revisions import canonical
from . import events, schema
from .answers import effective_rows, rate_inspection
from .moderation import is_signed_off
from .store import CentralError, CentralStore, utc_now

MEMBER = "results.json"
MAX_RESULTS = 256 * 1024 * 1024


def _rows(conn, table, inspection_id: str) -> list[dict]:
    order = table.c.id if "id" in table.c else table.c.inspection_id
    return [dict(r._mapping) for r in conn.execute(select(table).where(table.c.inspection_id == inspection_id)
                                                   .order_by(order))]


def build_results(store: CentralStore, inspection_id: str) -> dict:
    """The results of a signed-off inspection as plain data (what the bundle carries)."""
    if not is_signed_off(store, inspection_id):
        raise CentralError.of("results.not_signed_off", inspection=inspection_id)
    ratings = rate_inspection(store, inspection_id).as_json()
    with store.engine.connect() as conn:
        insp = conn.execute(select(schema.inspections).where(schema.inspections.c.id == inspection_id)).one()
        chain = events.verify(conn)
        if not chain.ok:
            raise CentralError.of("results.log_broken", reason=chain.reason)
        records = {name: _rows(conn, table, inspection_id) for name, table in (
            ("moderations", schema.moderations), ("read_outcomes", schema.read_outcomes),
            ("overrides", schema.overrides), ("signoffs", schema.signoffs))}
    return {
        "format": 1,
        "inspection": inspection_id,
        "framework": {"id": insp.framework_id, "version": insp.framework_version, "sha256": insp.framework_sha256},
        "ratings": ratings,
        "answers": effective_rows(store, inspection_id),
        **records,
        "events_head": {"seq": chain.events, "hash": chain.head},
        "exported_at": utc_now(),
    }


def export_results(store: CentralStore, inspection_id: str, key: SigningKey, recipients: list[str]) -> bytes:
    """The sealed results bundle: signed with a lead's key, encrypted to ``recipients``."""
    with store.engine.connect() as conn:
        signer = conn.execute(select(schema.keys).where(schema.keys.c.key_id == key.key_id)).first()
    if signer is None or signer.revoked_at is not None or signer.role != "lead":
        raise CentralError.of("results.signing_key")
    if not recipients:
        raise CentralError.of("results.no_recipient")
    try:
        parsed = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    except Exception:  # noqa: BLE001
        raise CentralError.of("results.recipient") from None
    body = canonical(build_results(store, inspection_id))
    payload = pyrage.encrypt(archive.build({MEMBER: body}), parsed)
    now = utc_now()
    return envelope.seal("results", uuid.uuid4().hex, now, payload, key, "age", signer=public_line(key.public, key.name))


def open_results(data: bytes, trusted_fingerprint: str, identity) -> dict:
    """The national store's side: check the signer against ``trusted_fingerprint`` (at
    least 16 hex digits), verify, then decrypt with ``identity``; Rejected otherwise."""
    trust = trusted_fingerprint.strip().lower()

    def find_key(header):
        if len(trust) < 16 or not header.key_id.startswith(trust):
            raise Rejected.of("results.signer", key=header.key_id[:16], trusted=trust[:16])
        public, _ = parse_public(header.signer or "", "results signer")
        if fingerprint(public) != header.key_id:
            raise Rejected.of("results.signer_mismatch")
        return public

    env = envelope.open_envelope(data, find_key, max_payload=MAX_RESULTS, expect_kind="results")
    try:
        plain = pyrage.decrypt(env.payload, [identity])
    except Exception:  # noqa: BLE001
        raise Rejected.of("results.key") from None
    members = archive.read(plain, {MEMBER}, {MEMBER})
    try:
        return json.loads(members[MEMBER])
    except ValueError as exc:
        raise Rejected.of("json.invalid", where=MEMBER, detail=exc) from None
