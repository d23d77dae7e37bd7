"""The signed results bundle of a signed-off inspection, for the national store.

One envelope (kind "results", see docs/bundle-format.md), signed by a lead inspector's
key and age-encrypted to the national store's recipient(s). Its payload is a ZIP with
one member, ``results.json``: the framework reference, the provider's attributes, the
ratings exactly as ``hmip central ratings --json`` gives them, the case-based key
questions with the options that count as sufficient and applicable, one record per case
read (its pseudonym, the allow-listed case profile, the reader's pseudonym and role,
the effective judgements), the effective answers, the moderation records (each with the
pseudonym and role of the reader of the revision it judged), read outcomes,
overrides and sign-offs, and the head of the central store's event log. Evidence notes,
moderation rationales and read comments are left out: they are free text about people
and the national collation needs none of them. Only a signed-off inspection can be
exported, so the results are the ones the lead inspector signed.

Format 3: every case reference and reader key id is replaced, here, by its keyed
pseudonym (``core/exchange/pseudonym.py``) under the national store's key, lent to this
central store (``national_key``); the bundle names the key's id so that the national
store can refuse pseudonyms made under another key. No case reference leaves the
central store (docs/decisions.md, "Pseudonyms are made by the central store, under the
national store's key"). Format 2 carried the references; the national store still reads it.
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
from ..exchange.pseudonym import NationalKey, case_text, reader_text
from . import events, national_key, schema
from .answers import answers_by_case, effective_rows, framework_for, rate_inspection
from .moderation import is_signed_off
from .queries.rows import heads_join
from .store import CentralError, CentralStore, utc_now

MEMBER = "results.json"
MAX_RESULTS = 256 * 1024 * 1024
FORMAT = 3
#: The case profile fields a results bundle carries (others a framework records stay behind).
PROFILE_FIELDS = ("age_band", "gender", "ethnicity", "disability", "disposal_type", "risk_level",
                  "reoffending_likelihood")
#: Free text about people: never in a results bundle.
LEFT_OUT = {"moderations": ("rationale",), "read_outcomes": ("comments",)}


def _rows(conn, table, inspection_id: str) -> list[dict]:
    order = table.c.id if "id" in table.c else table.c.inspection_id
    return [dict(r._mapping) for r in conn.execute(select(table).where(table.c.inspection_id == inspection_id)
                                                   .order_by(order))]


def _pseudonymised(record: dict, pseudonym) -> dict:
    """``record`` with its ``case_id`` (if any) replaced by ``pseudonym``, the case's pseudonym."""
    if "case_id" not in record:
        return record
    return {("pseudonym" if k == "case_id" else k): (pseudonym(case_text(v)) if k == "case_id" else v)
            for k, v in record.items()}


def _moderation_readers(conn, inspection_id: str, pseudonym) -> dict[str, tuple[str, str | None]]:
    """Revision id -> (the pseudonym of its reader's key id, the reader's role): who read
    the revision a moderation judged (the central store's ``reader_pairs`` counts the
    moderation for that reader, not for the case read's current one)."""
    tm, rv = schema.team_members, schema.revisions
    team = {r.member_id: (r.key_id, r.role) for r in conn.execute(
        select(tm.c.member_id, tm.c.key_id, tm.c.role).where(tm.c.inspection_id == inspection_id))}
    out = {}
    for r in conn.execute(select(rv.c.revision_id, rv.c.reader_id).where(rv.c.inspection_id == inspection_id)):
        key_id, role = team.get(r.reader_id, (None, None))
        out[r.revision_id] = (pseudonym(reader_text(key_id or f"member:{r.reader_id}")), role)
    return out


def _cases(conn, fw, inspection_id: str, answers: dict[str, dict], pseudonym) -> list[dict]:
    """One record per case read: pseudonym, allow-listed profile, reader (the pseudonym of
    its key id, and role), effective judgements of the case-based key questions."""
    kq_ids = [kq.id for kq in fw.key_questions()]
    tm, cr, rv, sc = schema.team_members, schema.case_reads, schema.revisions, schema.setup_cases
    team = {r.member_id: (r.key_id, r.role) for r in conn.execute(
        select(tm.c.member_id, tm.c.key_id, tm.c.role).where(tm.c.inspection_id == inspection_id))}
    setup = dict(conn.execute(select(sc.c.case_id, sc.c.profile).where(sc.c.inspection_id == inspection_id)).all())
    out = []
    for r in conn.execute(select(cr.c.case_id, rv.c.reader_id, rv.c.profile).select_from(heads_join())
                          .where(cr.c.inspection_id == inspection_id).order_by(cr.c.case_id)):
        # what the reader recorded in fieldwork (corrected where the caseload was wrong) wins
        profile = {**json.loads(setup.get(r.case_id) or "{}"), **json.loads(r.profile or "{}")}
        key_id, role = team.get(r.reader_id, (None, None))
        given = answers.get(r.case_id, {})
        out.append({"pseudonym": pseudonym(case_text(r.case_id)),
                    "profile": {f: (None if profile.get(f) is None else str(profile[f])) for f in PROFILE_FIELDS},
                    "reader": pseudonym(reader_text(key_id or f"member:{r.reader_id}")), "reader_role": role,
                    "judgements": {q: given[q] for q in kq_ids if q in given}})
    return out


def build_results(store: CentralStore, inspection_id: str, key: NationalKey | None = None) -> dict:
    """The results of a signed-off inspection as plain data (what the bundle carries),
    pseudonymised under ``key`` (default: the national key installed in the store)."""
    if not is_signed_off(store, inspection_id):
        raise CentralError.of("results.not_signed_off", inspection=inspection_id)
    key = key or national_key.load(store)
    pseudonym = key.pseudonymiser()
    ratings = rate_inspection(store, inspection_id).as_json()
    fw = framework_for(store, inspection_id)
    rows = effective_rows(store, inspection_id)
    with store.engine.connect() as conn:
        insp = conn.execute(select(schema.inspections).where(schema.inspections.c.id == inspection_id)).one()
        cases = _cases(conn, fw, inspection_id, answers_by_case(rows), pseudonym)
        chain = events.verify(conn)
        if not chain.ok:
            raise CentralError.of("results.log_broken", reason=chain.reason)
        records = {name: [_pseudonymised({k: v for k, v in r.items() if k not in LEFT_OUT.get(name, ())}, pseudonym)
                          for r in _rows(conn, table, inspection_id)] for name, table in (
            ("moderations", schema.moderations), ("read_outcomes", schema.read_outcomes),
            ("overrides", schema.overrides), ("signoffs", schema.signoffs))}
        revision_readers = _moderation_readers(conn, inspection_id, pseudonym)
        for m in records["moderations"]:
            if m["revision_id"] in revision_readers:
                m["reader"], m["reader_role"] = revision_readers[m["revision_id"]]
    signed = [r["created_at"] for r in records["signoffs"] if r["action"] == "sign_off"]
    return {
        "format": FORMAT,
        "inspection": inspection_id,
        "store_id": store.store_id,
        "pseudonym_key": {"id": key.key_id, "national_store": key.national_store},
        "framework": {"id": insp.framework_id, "version": insp.framework_version, "sha256": insp.framework_sha256},
        "provider": {"name": insp.provider, "type": insp.provider_type, "region": insp.region,
                     "family": insp.family, "caseload_size": insp.caseload_size},
        "fieldwork": {"start": insp.fieldwork_start, "end": insp.fieldwork_end},
        "signed_off_at": max(signed),
        "ratings": ratings,
        "key_questions": [
            {"id": kq.id, "standard": standard.id, "text": {"en": kq.text.get("en"), "cy": kq.text.get("cy")},
             "sufficient": [o.id for o in fw.options(kq.answer) if o.applicable and o.sufficient],
             "applicable": [o.id for o in fw.options(kq.answer) if o.applicable]}
            for standard in fw.standards() for kq in standard.key_questions],
        "cases": cases,
        "answers": [_pseudonymised({k: v for k, v in r.items() if k != "note"}, pseudonym) for r in rows],
        **records,
        "events_head": {"seq": chain.events, "hash": chain.head},
        "exported_at": utc_now(),
    }


def export_results(store: CentralStore, inspection_id: str, key: SigningKey, recipients: list[str] | None) -> bytes:
    """The sealed results bundle: signed with a lead's key, encrypted to ``recipients``
    (default: the national store named by the installed national key)."""
    with store.engine.connect() as conn:
        signer = conn.execute(select(schema.keys).where(schema.keys.c.key_id == key.key_id)).first()
    if signer is None or signer.revoked_at is not None or signer.role != "lead":
        raise CentralError.of("results.signing_key")
    if not is_signed_off(store, inspection_id):
        raise CentralError.of("results.not_signed_off", inspection=inspection_id)
    national = national_key.load(store)  # nothing is written without it
    recipients = recipients or [national.recipient]
    if not recipients:
        raise CentralError.of("results.no_recipient")
    try:
        parsed = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    except Exception:  # noqa: BLE001
        raise CentralError.of("results.recipient") from None
    body = canonical(build_results(store, inspection_id, national))
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
