"""Judgements on evidence recorded on a laptop travel in the bundle (``evidence.jsonl``)
and are stored at the central store in the import's transaction (issue 14): they show
in ``hmip central ratings --json`` exactly as ones recorded centrally, a later central
record supersedes them, re-importing stores nothing twice, the receipt confirms them
(the laptop sends them no more), and hostile or unauthorised records are refused with
one line naming the record, leaving the central store unchanged. Every test runs on SQLite and on PostgreSQL
(``backend_world``: the same world cloned into a fresh database)."""

from __future__ import annotations

import json
import shutil
import uuid

import pytest
from sqlalchemy import func, select, update

from hmip_desktop.cli import main
from hmip_desktop.core.central import evidence as central_evidence
from hmip_desktop.core.central import importer, moderation, schema
from hmip_desktop.core.central.answers import framework_for, rate_inspection
from hmip_desktop.core.exchange import archive, envelope
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.exchange.keys import load_key, new_key
from hmip_desktop.core.field import evidence
from hmip_desktop.core.field.db import open_db, write_transaction
from hmip_desktop.core.field.export import ExportError, export_bundle, set_user
from hmip_desktop.core.field.receipts import import_receipt
from hmip_desktop.core.frameworks import load_text

from .conftest import dump_store


@pytest.fixture
def world(backend_world):
    """This module's world on the ``backend`` of the test (SQLite and PostgreSQL)."""
    return backend_world


def _fw(db, inspection_id="demo"):
    return load_text(db.execute("SELECT framework_yaml FROM inspections WHERE id = ?", [inspection_id]).fetchone()[0])


def _ratings(world, capsys) -> dict:
    capsys.readouterr()
    assert main(["central", "ratings", world.location, "--inspection", "demo", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    return {s["id"]: s for s in out["standards"]}


def _count(world) -> int:
    with world.central.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.evidence_judgements)).scalar()


@pytest.fixture
def lead(world):
    """A lead inspector's laptop (lead.sqlite: the same pack, user lead1, its own device)
    and key, enrolled with the lead role and bound to team member lead1."""
    shutil.copy(world.field_path, world.root / "lead.sqlite")
    new_key(world.root / "lead", "Lead inspector")
    world.central.enrol("Lead inspector", "lead", (world.root / "lead" / "public.key").read_text(encoding="utf-8"))
    key = load_key(world.root / "lead")
    tm = schema.team_members
    with world.central.engine.begin() as conn:
        conn.execute(update(tm).where(tm.c.inspection_id == "demo", tm.c.member_id == "lead1").values(key_id=key.key_id))
    db = open_db(world.root / "lead.sqlite")
    set_user(db, "lead1")
    with write_transaction(db):
        db.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", [uuid.uuid4().hex])
    yield db, key
    db.close()


def test_a_laptop_judgement_travels_to_the_ratings_once_and_is_confirmed(world, capsys):
    db = open_db(world.field_path)
    try:
        j = evidence.record(db, _fw(db), "demo", "leadership", "leadership_vision", "good",
                            "  Business plan, board minutes; interviews with the head of service  ")
        assert (j.by, j.text, j.confirmed) == ("insp1", "Business plan, board minutes; interviews with the head of service",
                                               False)
        summary = export_bundle(db, "demo", world.key(), world.root / "e1.bundle")
        assert summary["evidence"] == 1
        data = (world.root / "e1.bundle").read_bytes()
        assert "1 judgements on evidence" in importer.verify_bundle(world.central, data)
        result = importer.import_bundle(world.central, data)
        assert result.evidence == 1 and "1 judgement on evidence" in result.describe()
        vision = _ratings(world, capsys)["leadership"]["key_questions"][0]
        assert (vision["judgement"], vision["by"], vision["at"]) == ("good", "insp1", j.at)
        assert vision["summary"].startswith("Business plan")
        held = central_evidence.history(world.central, "demo", "leadership")
        assert [(r["id"], r["origin"]) for r in held] == [(j.id, db.execute(
            "SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0])]
        # The same file again: nothing stored twice, and its receipt still confirms the record.
        again = importer.import_bundle(world.central, data)
        assert not again.newly_imported and _count(world) == 1
        # Not confirmed yet: the next bundle carries it again, and importing that stores nothing twice.
        export_bundle(db, "demo", world.key(), world.root / "e2.bundle")
        assert importer.import_file(world.central, world.root / "e2.bundle").evidence == 0 and _count(world) == 1
        assert import_receipt(db, result.receipt, world.key())["evidence"] == 1
        assert evidence.judgements(db, "demo")[0].confirmed and evidence.unsent(db, "demo") == []
        assert export_bundle(db, "demo", world.key(), world.root / "e3.bundle")["evidence"] == 0
    finally:
        db.close()
    with world.central.engine.connect() as conn:
        actions = [r.action for r in conn.execute(select(schema.events.c.action))]
    assert actions.count("evidence:judgement") == 1


def test_the_lead_band_from_a_laptop_rates_the_standard_and_a_later_central_record_supersedes_it(world, lead, capsys):
    db, key = lead
    evidence.record(db, _fw(db), "demo", "leadership", None, "requires_improvement",
                    "Vision clear; oversight of delivery weak")
    export_bundle(db, "demo", key, world.root / "lead.bundle")
    result = importer.import_file(world.central, world.root / "lead.bundle")
    assert result.outcomes == {} and result.evidence == 1
    # Confirmed: the lead's laptop has nothing left to send, and says so instead of writing
    # a bundle the central store would refuse (a lead's bundle carries no case reads).
    assert import_receipt(db, result.receipt, key)["evidence"] == 1
    with pytest.raises(ExportError, match="nothing to send: a lead inspector's bundle carries judgements on evidence"):
        export_bundle(db, "demo", key, world.root / "nothing.bundle")
    assert not (world.root / "nothing.bundle").exists()
    leadership = _ratings(world, capsys)["leadership"]
    assert (leadership["rating"], leadership["score"], leadership["method"]) == ("requires_improvement", 1,
                                                                                 "lead_judgement")
    assert leadership["decision"]["rationale"] == "Vision clear; oversight of delivery weak"
    assert leadership["decision"]["by"] == "lead1"
    # Moderated at central like the rest: a later record there supersedes the laptop's.
    assert main(["central", "evidence", *world.store_args, "--inspection", "demo", "--standard", "leadership",
                 "--band", "good", "--rationale", "Re-read the board minutes", "--by", "lead1"]) == 0
    leadership = _ratings(world, capsys)["leadership"]
    assert leadership["rating"] == "good" and leadership["decision"]["rationale"] == "Re-read the board minutes"
    assert len(central_evidence.history(world.central, "demo", "leadership")) == 2
    capsys.readouterr()
    assert main(["central", "evidence", *world.store_args, "--inspection", "demo", "--standard", "leadership"]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert "lead1 (from laptop " in first and "band = requires_improvement" in first
    assert "lead1: band = good: Re-read the board minutes" in second
    # ... and the override stays available on top, as for every standard.
    assert main(["central", "override", *world.store_args, "--inspection", "demo", "--standard", "leadership",
                 "--band", "outstanding", "--reason", "national moderation panel", "--by", "lead1"]) == 0
    assert next(s for s in rate_inspection(world.central, "demo").standards
                if s.id == "leadership").effective_rating == "outstanding"


def _hostile(world, db, key, rows: list[dict]) -> bytes:
    """A bundle from this laptop whose evidence.jsonl holds ``rows`` as written straight
    into its table (the laptop's own checks bypassed, as a forged or buggy sender would)."""
    base = {"question_id": None, "text": "x", "at": "2026-11-20T10:00:00.000000+00:00", "origin": "dev"}
    with write_transaction(db):
        for i, row in enumerate(rows):
            r = {**base, "id": uuid.uuid4().hex, "at": f"2026-11-20T10:00:{i:02d}.000000+00:00", **row}
            db.execute('INSERT INTO evidence_judgements (id, inspection_id, standard_id, question_id, value, text, "by",'
                       " at, origin) VALUES (?, 'demo', ?, ?, ?, ?, ?, ?, ?)",
                       [r["id"], r["standard_id"], r["question_id"], r["value"], r["text"], r["by"], r["at"],
                        r["origin"]])
    out = world.root / f"{uuid.uuid4().hex}.bundle"
    export_bundle(db, "demo", key, out)
    return out.read_bytes()


def _refused(world, data: bytes, *expected: str) -> str:
    before = dump_store(world.central)
    reasons = []
    for check in (importer.verify_bundle, importer.import_bundle):
        with pytest.raises(Rejected) as caught:
            check(world.central, data)
        reasons.append(caught.value.reason)
    assert reasons[0] == reasons[1]
    assert "\n" not in reasons[0] and "Traceback" not in reasons[0]
    for text in expected:
        assert text in reasons[0], (text, reasons[0])
    after = dump_store(world.central)
    after.pop("events"), before.pop("events")
    assert after == before, "a refused bundle changed the central store"
    return reasons[0]


GOOD = {"standard_id": "leadership", "question_id": "leadership_vision", "value": "good", "by": "insp1"}


@pytest.mark.parametrize("row,expected", [
    ({"question_id": None, "value": "good"}, "the band of standard 'leadership' is decided by a lead inspector"),
    ({"value": "splendid"}, "leadership_vision: 'splendid' is not one of outstanding, good"),
    ({"standard_id": "nope"}, "has no standard 'nope'"),
    ({"standard_id": "assessment", "question_id": "assess_engage"}, "standard 'assessment' is case-based"),
    ({"question_id": "staff_skills"}, "standard 'leadership' has no key question 'staff_skills'"),
    ({"text": "   "}, "a judgement needs a summary of the evidence"),
    ({"text": "x" * 20_001}, "text: String should have at most 20000 characters"),
])
def test_hostile_or_unauthorised_records_are_refused_with_one_line_naming_them(world, row, expected):
    db = open_db(world.field_path)
    try:
        data = _hostile(world, db, world.key(), [GOOD, {**GOOD, **row}])
    finally:
        db.close()
    _refused(world, data, "evidence.jsonl:2: " if "String should" in expected else "evidence.jsonl:2: record ",
             expected)
    if row.get("question_id", "x") is None:  # an authorisation rule: the event log keeps ids only
        with world.central.engine.connect() as conn:
            last = conn.execute(select(schema.events).order_by(schema.events.c.seq.desc()).limit(1)).first()
        facts = json.loads(last.after)
        assert last.action == "bundle_refused" and facts["rule"] == "evidence_band_not_lead" and facts["line"] == 2
        assert set(facts) == {"rule", "bundle_id", "key_id", "device_id", "inspection_id", "line", "record_id"}
        assert "lead inspector" not in last.after


def test_a_record_not_the_signers_or_reusing_a_held_id_with_other_content_is_refused(world):
    """A laptop sends only its user's records and never reuses an id, so these are
    forged: checked here on the first pass of a real bundle from insp1's key."""
    db = open_db(world.field_path)
    try:
        j = evidence.record(db, _fw(db), "demo", "leadership", "leadership_vision", "good", "minutes")
        importer.import_bundle(world.central, _hostile(world, db, world.key(), []))
        data = _hostile(world, db, world.key(), [])
    finally:
        db.close()
    from hmip_desktop.core.central import evidence_import
    from hmip_desktop.core.exchange.formats import EvidenceLine

    fw = framework_for(world.central, "demo")
    with world.central.engine.connect() as conn:
        opened, _ = importer.open_bundle(world.central, conn, data)
        same = EvidenceLine(**{**GOOD, "id": j.id, "text": "minutes", "at": j.at})
        evidence_import.check(conn, fw, opened.authority, [(1, same)])  # held with this content: fine, stored once
        forged = EvidenceLine(**{**GOOD, "id": j.id, "value": "inadequate", "text": "minutes", "at": j.at})
        with pytest.raises(Rejected, match=f"evidence.jsonl:3: record {j.id}: a record with this id is already held"):
            evidence_import.check(conn, fw, opened.authority, [(3, forged)])
        other = EvidenceLine(**{**GOOD, "id": "f" * 32, "by": "insp2", "text": "x", "at": j.at})
        with pytest.raises(Rejected) as caught:
            evidence_import.check(conn, fw, opened.authority, [(1, other)])
    assert str(caught.value) == (f"evidence.jsonl:1: record {'f' * 32}: made by insp2, not by the signer (team member "
                                 "insp1): a bundle carries only its sender's own judgements")
    assert caught.value.rule == "evidence_not_signer" and caught.value.facts["record_id"] == "f" * 32


def test_after_sign_off_a_new_record_is_refused_but_one_already_held_is_not(world, lead):
    db = open_db(world.field_path)
    try:
        evidence.record(db, _fw(db), "demo", "staff", "staff_skills", "good", "training records")
        first = world.root / "held.bundle"
        export_bundle(db, "demo", world.key(), first)
        importer.import_file(world.central, first)
        evidence.record(db, _fw(db), "demo", "staff", "staff_skills", "inadequate", "staff survey")
        late = world.root / "late.bundle"
        export_bundle(db, "demo", world.key(), late)
    finally:
        db.close()
    moderation.sign_off(world.central, "demo", lead[1], rate_inspection(world.central, "demo").as_json())
    _refused(world, late.read_bytes(), "evidence.jsonl:2: record ", "inspection 'demo' is signed off")
    # the very same file as before: answered with its receipt, nothing changes
    assert not importer.import_file(world.central, first).newly_imported


def test_a_lead_bundle_carries_no_case_reads_and_an_inspector_key_no_band(world, lead):
    db, key = lead
    with pytest.raises(evidence.EvidenceRefused) as caught:
        evidence.record(db, _fw(db), "demo", "leadership", None, "good", "x", by="insp1")
    assert str(caught.value) == ("standard 'leadership': only a lead inspector decides the band, and insp1 is on the "
                                 "team as inspector")
    assert "arolygydd arweiniol" in caught.value.text("cy")
    # a lead's bundle with case reads in it is refused as before (leads submit no reads)
    set_user(db, "insp1")
    evidence.record(db, _fw(db), "demo", "leadership", None, "good", "x", by="lead1")
    export_bundle(db, "demo", key, world.root / "mixed.bundle")
    _refused(world, (world.root / "mixed.bundle").read_bytes(),
             "a lead: only inspectors and local assessors submit case reads")


def test_a_bundle_without_evidence_is_as_before(world):
    """No records: no evidence.jsonl, the manifest lists only case_reads.jsonl, and the
    receipt has no 'evidence' field (so an earlier laptop reads it as before)."""
    db = open_db(world.field_path)
    try:
        out = world.root / "plain.bundle"
        export_bundle(db, "demo", world.key(), out)
    finally:
        db.close()
    import pyrage

    identity = world.central.identity()
    env = envelope.open_envelope(out.read_bytes(), lambda h: world.central.find_key(world.central.engine.connect(),
                                                                                      h.key_id), max_payload=2**27)
    members = archive.read(pyrage.decrypt(env.payload, [identity]), importer.ALLOWED, importer.REQUIRED)
    assert set(members) == {"manifest.json", "case_reads.jsonl"}
    assert list(json.loads(members["manifest.json"])["files"]) == ["case_reads.jsonl"]
    result = importer.import_file(world.central, out)
    assert b"evidence" not in _receipt_plain(world, result.receipt)


def _receipt_plain(world, receipt: bytes) -> bytes:
    import pyrage
    from cryptography.hazmat.primitives import serialization

    env = envelope.open_envelope(receipt, lambda h: world.central.signing_key().public, max_payload=2**23,
                                 expect_kind="receipt")
    ssh = world.key().private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                            serialization.NoEncryption())
    return pyrage.decrypt(env.payload, [pyrage.ssh.Identity.from_buffer(ssh)])


def test_purge_waits_for_every_judgement_to_be_confirmed_and_removes_them(world):
    from hmip_desktop.core.field.receipts import PurgeRefused, purge

    db = open_db(world.field_path)
    try:
        evidence.record(db, _fw(db), "demo", "staff", "staff_skills", "good", "training records")
        result = importer.import_bundle(world.central, _hostile(world, db, world.key(), []))
        late = evidence.record(db, _fw(db), "demo", "staff", "staff_skills", "inadequate", "staff survey")
        import_receipt(db, result.receipt, world.key())
        with pytest.raises(PurgeRefused, match="has not confirmed 1 judgement"):
            purge(db, "demo")
        assert [j.id for j in evidence.judgements(db, "demo") if not j.confirmed] == [late.id]
        result = importer.import_bundle(world.central, _hostile(world, db, world.key(), []))
        import_receipt(db, result.receipt, world.key())
        purge(db, "demo")
        assert db.execute("SELECT count(*) FROM evidence_judgements").fetchone()[0] == 0
        from hmip_desktop.core.field import audit

        assert audit.verify(db).ok
    finally:
        db.close()


def _forge(world, evidence_body: bytes | None, listed: dict | None) -> bytes:
    """A bundle signed by insp1's key with no case reads, ``evidence_body`` as its
    evidence.jsonl (None: no such member) and ``listed`` as the manifest's entry for it."""
    import hashlib

    import pyrage

    from hmip_desktop.core.exchange.revisions import canonical

    key = world.key()
    db = open_db(world.field_path)
    try:
        ref = db.execute("SELECT framework_id, framework_version, framework_sha256 FROM inspections").fetchone()
        device = db.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    finally:
        db.close()
    bundle_id = uuid.uuid4().hex
    files = {"case_reads.jsonl": {"sha256": hashlib.sha256(b"").hexdigest(), "size": 0, "count": 0}}
    if listed is not None:
        files["evidence.jsonl"] = listed
    manifest = {"format": 1, "bundle_id": bundle_id, "inspection_id": "demo",
                "framework": {"id": ref[0], "version": ref[1], "sha256": ref[2]}, "device_id": device,
                "sequence": 99, "sender_key_id": key.key_id, "created_at": "2026-11-20T10:00:00.000000+00:00",
                "audit_head": {"seq": 0, "hash": "0" * 64}, "files": files}
    members = {"manifest.json": canonical(manifest), "case_reads.jsonl": b""}
    if evidence_body is not None:
        members["evidence.jsonl"] = evidence_body
    recipients = [pyrage.x25519.Recipient.from_str(r) for r in world.central.recipients()]
    return envelope.seal("bundle", bundle_id, "2026-11-20T10:00:00.000000+00:00",
                         pyrage.encrypt(archive.build(members), recipients), key, "age")


def test_an_evidence_member_that_disagrees_with_the_manifest_or_repeats_an_id_is_refused(world):
    import hashlib

    line = json.dumps({**GOOD, "id": "a" * 32, "text": "minutes", "at": "2026-11-20T10:00:00Z"}).encode() + b"\n"
    entry = {"sha256": hashlib.sha256(line).hexdigest(), "size": len(line), "count": 1}
    _refused(world, _forge(world, line, None), "evidence.jsonl: the archive and manifest.json disagree about it")
    _refused(world, _forge(world, None, entry), "evidence.jsonl: the archive and manifest.json disagree about it")
    _refused(world, _forge(world, line, {**entry, "count": 2}), "evidence.jsonl: 1 records but the manifest says 2")
    _refused(world, _forge(world, line + b"x", entry), "evidence.jsonl: does not match the hash in the manifest")
    twice = line + line
    _refused(world, _forge(world, twice, {"sha256": hashlib.sha256(twice).hexdigest(), "size": len(twice),
                                          "count": 2}), f"evidence.jsonl:2: record {'a' * 32}: appears twice")
    bad = b'{"id": "b", "id": "c"}\n'
    _refused(world, _forge(world, bad, {"sha256": hashlib.sha256(bad).hexdigest(), "size": len(bad), "count": 1}),
             "evidence.jsonl:1: not JSON (duplicate key 'id')")
    # and the well-formed one is taken, from an inspector's bundle with no case reads
    assert importer.import_bundle(world.central, _forge(world, line, entry)).evidence == 1
