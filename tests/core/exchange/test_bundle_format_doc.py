"""docs/bundle-format.md is enough to write a bundle the central store accepts.

The "third party" below writes bundles and reads receipts from scratch, following only
the document: ``cryptography``, ``pyrage``, ``zipfile``, ``json`` and ``hashlib``, never
our export, envelope or archive code. Our code appears only on the central store's
side (init, enrol, import) and as the subject of the checks that keep the document in
step with it (every field of the formats, every cap, the snippets it prints).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import typing
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel
from sqlalchemy import select

from hmip_desktop.core.central import importer, schema, setup_flow
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.exchange import archive, envelope, formats
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.exchange.keys import new_key
from hmip_desktop.core.field import receipts

ROOT = Path(__file__).parents[3]
DOC = ROOT / "docs" / "bundle-format.md"
ESI = ROOT / "forms" / "esi_2003.yaml"
MINI = ROOT / "tests" / "data" / "mini.yaml"
PASSPHRASE = "a third party's own passphrase"
ZEROS = "0" * 64


# ----------------------------------------------------------------------------------
# The third party's writer: only what docs/bundle-format.md says.
# ----------------------------------------------------------------------------------

def canonical(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def with_defaults(record: dict) -> dict:
    """The record with every field present (the defaults the document lists)."""
    return {
        **record,
        "interview": {"held": None, "date": None, "note": "", **record.get("interview", {})},
        "answers": {q: {"value": None, "note": "", **a} for q, a in record.get("answers", {}).items()},
    }


def revise(record: dict, parent: str | None, updated_at: str) -> dict:
    """``record`` (case_id, reader_id, status, profile, interview, answers; defaults may be
    left out) with its revision id, parent and update time, as it goes into the file."""
    body = with_defaults(record)
    content = sha256(canonical(body))
    revision = sha256(f"{parent or ''}:{content}".encode())
    return {**record, "revision_id": revision, "parent_revision_id": parent, "updated_at": updated_at}


@dataclass
class Sender:
    private: Ed25519PrivateKey
    key_id: str
    device_id: str
    sequence: int = 0


def load_sender(key_dir: Path) -> Sender:
    """A sender from a key folder: public.key line → fingerprint; private.pem (PKCS#8)."""
    prefix, b64, _name = (key_dir / "public.key").read_text(encoding="utf-8").rstrip("\n").split(" ", 2)
    assert prefix == "hmip-ed25519"
    raw = base64.b64decode(b64, validate=True)
    private = serialization.load_pem_private_key((key_dir / "private.pem").read_bytes(), PASSPHRASE.encode())
    assert isinstance(private, Ed25519PrivateKey)
    assert private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw) == raw
    return Sender(private, sha256(raw), device_id=uuid.uuid4().hex)


def framework_ref(path: Path) -> dict:
    data = path.read_bytes()
    meta = yaml.safe_load(data)
    return {"id": meta["id"], "version": meta["version"], "sha256": sha256(data)}


def zip_member(name: str, data: bytes, method: int) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name, date_time=(2026, 11, 17, 12, 0, 0))
    info.compress_type = method
    info.external_attr = (stat.S_IFREG | 0o644) << 16  # the document's warning about writestr(name)
    return info, data


def write_bundle(sender: Sender, recipients: list[str], *, inspection_id: str, framework: dict, records: list[dict],
                 bundle_id: str | None = None, audit_head: dict | None = None, stamp: str = "",
                 evidence: list[dict] | None = None) -> bytes:
    sender.sequence += 1
    bundle_id = bundle_id or uuid.uuid4().hex
    created = stamp or "2026-11-17T12:00:00.000000+00:00"
    # Lines need not be canonical (only the revision hash input is): write them plainly.
    body = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    manifest = {
        "format": 1, "bundle_id": bundle_id, "inspection_id": inspection_id, "framework": framework,
        "device_id": sender.device_id, "sequence": sender.sequence, "sender_key_id": sender.key_id,
        "created_at": created, "audit_head": audit_head or {"seq": 0, "hash": ZEROS},
        "files": {"case_reads.jsonl": {"sha256": sha256(body), "size": len(body), "count": len(records)}},
    }
    judged = b"".join(json.dumps(r).encode() + b"\n" for r in evidence or [])
    if evidence:  # the optional member, described in files exactly when it is there
        manifest["files"]["evidence.jsonl"] = {"sha256": sha256(judged), "size": len(judged), "count": len(evidence)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(*zip_member("manifest.json", json.dumps(manifest, indent=2).encode(), zipfile.ZIP_STORED))
        zf.writestr(*zip_member("case_reads.jsonl", body, zipfile.ZIP_DEFLATED))
        if evidence:
            zf.writestr(*zip_member("evidence.jsonl", judged, zipfile.ZIP_DEFLATED))
    payload = pyrage.encrypt(out.getvalue(), [pyrage.x25519.Recipient.from_str(r) for r in recipients])
    header = {
        "format": 1, "kind": "bundle", "id": bundle_id, "key_id": sender.key_id, "created_at": created,
        "payload_size": len(payload), "payload_sha256": sha256(payload), "encryption": "age",
    }
    header_bytes = json.dumps(header, indent=1).encode("utf-8")  # any JSON: the signature covers these bytes
    signed = b"HMIPENV1" + len(header_bytes).to_bytes(4, "big") + header_bytes
    return signed + sender.private.sign(signed) + payload


def header_of(data: bytes) -> dict:
    """The envelope header of a file (unchecked)."""
    return json.loads(data[12 : 12 + int.from_bytes(data[8:12], "big")])


def open_receipt(data: bytes, central_signing_line: str, sender: Sender) -> dict:
    """Check and decrypt a receipt as the document says."""
    assert data[:8] == b"HMIPENV1"
    n = int.from_bytes(data[8:12], "big")
    header = json.loads(data[12 : 12 + n])
    signature, payload = data[12 + n : 12 + n + 64], data[12 + n + 64 :]
    prefix, b64, name = central_signing_line.split(" ", 2)
    assert (prefix, name) == ("hmip-ed25519", "central store")
    raw = base64.b64decode(b64)
    assert header["key_id"] == sha256(raw)
    Ed25519PublicKey.from_public_bytes(raw).verify(signature, data[: 12 + n])  # raises if it fails
    assert (header["kind"], header["encryption"]) == ("receipt", "age")
    assert len(payload) == header["payload_size"] and sha256(payload) == header["payload_sha256"]
    ssh_private = sender.private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                               serialization.NoEncryption())
    receipt = json.loads(pyrage.decrypt(payload, [pyrage.ssh.Identity.from_buffer(ssh_private)]))
    assert receipt["receipt_id"] == header["id"]
    return receipt


# ----------------------------------------------------------------------------------
# The central store (our code) and the third party's key, enrolled there.
# ----------------------------------------------------------------------------------

@dataclass
class World:
    tmp: Path
    store: CentralStore
    recipients: list[str]
    escrow: object
    sender: Sender
    key_dir: Path

    def import_bytes(self, data: bytes, name: str) -> importer.ImportResult:
        path = self.tmp / name
        path.write_bytes(data)
        return importer.import_file(self.store, path)

    def rows(self, table, **where):
        with self.store.engine.connect() as conn:
            query = select(table).where(*(table.c[k] == v for k, v in where.items()))
            return [r._asdict() for r in conn.execute(query)]

    def enrol_new_sender(self, name: str) -> Sender:
        folder = self.tmp / name
        new_key(folder, name)
        self.store.enrol(name, "inspector", (folder / "public.key").read_text(encoding="utf-8"))
        return load_sender(folder)


@pytest.fixture
def world(tmp_path, monkeypatch) -> World:
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", PASSPHRASE)  # no keyring here
    escrow = pyrage.x25519.Identity.generate()
    store = CentralStore.init(tmp_path / "central.sqlite", escrow=[str(escrow.to_public())])
    key_dir = tmp_path / "third-party-key"
    new_key(key_dir, "Third-party writer")
    store.enrol("Third-party writer", "inspector", (key_dir / "public.key").read_text(encoding="utf-8"))
    # What the administrator tells senders: the store's recipient and the escrow recipients.
    recipients = [store.meta("recipient"), *json.loads(store.meta("escrow"))]
    assert len(recipients) == 2
    sender = load_sender(key_dir)
    # The inspections the bundles below are for, set up with the sender on the team
    # (insp1, an inspector) and every case in the sample allocated to them.
    for inspection_id, framework in (("esi-north-2026", ESI), ("mini-1", MINI), ("i", MINI)):
        setup_flow.set_up(
            store, inspection_id, framework_yaml=framework.read_text(encoding="utf-8"), provider="Third-party test",
            title=inspection_id,
            team=[{"id": "insp1", "name": "Third-party writer", "role": "inspector", "key_id": sender.key_id},
                  {"id": "lead1", "name": "Lead", "role": "lead", "key_id": None}],
            cases=[{"case_id": c, "selection": "sample", "reader_id": "insp1"}
                   for c in ("NM24-01001", "NM24-01002", "NM24-01003", "C1", "C2")])
    return World(tmp_path, store, recipients, escrow, sender, key_dir)


def esi_records() -> list[dict]:
    """Three ESI case reads: complete (graded judgements with evidence, prompts), in progress
    (a note before a judgement, defaults left out), not started (nothing at all)."""
    graded = ["b1_risk_of_harm_assessment", "b2_interventions_identified", "c1_appointment_frequency",
              "c2_enforcement_action", "c3_interventions_sequenced", "c4_victim_issues", "c5_diversity",
              "c6_intervention_level", "d1_criminogenic_progress", "d2_attitudes_victim_awareness", "d3_compliance",
              "d4_risk_reoffending_reduced", "d5_victim_awareness"]
    grades = ["excellent", "sufficient", "insufficient", "sufficient", "not_applicable", "sufficient"]
    complete = {
        q: {"value": grades[i % len(grades)],
            "note": "Not applicable: no requirement at this stage." if grades[i % len(grades)] == "not_applicable"
            else f"Evidence in the OASys assessment and the case record ({q}); Cymraeg: ŵyr, ŷd — “quoted”."}
        for i, q in enumerate(graded)
    }
    complete.update({"b1_p1_initial_assessment_timely": {"value": "yes", "note": ""},
                     "b1_p2_reviewed_16_weeks": {"value": "no", "note": "Review at week 20, not 16."},
                     "c2_p2_recall_prompt": {"value": "na", "note": ""},
                     "c6_p1_public_protection": {"value": "yes", "note": ""}})
    return [
        revise({"case_id": "NM24-01001", "reader_id": "insp1", "status": "complete",
                "profile": {"gender": "male", "disposal_type": "licence", "risk_level": "high", "age_band": "age_25_34"},
                "interview": {"held": True, "date": "2026-11-17", "note": "By telephone."}, "answers": complete},
               None, "2026-11-17T11:58:01.000001+00:00"),
        revise({"case_id": "NM24-01002", "reader_id": "insp1", "status": "in_progress",
                "profile": {"gender": "female", "disposal_type": "community_order", "risk_level": "medium"},
                "interview": {"held": False},  # date and note left to their defaults
                "answers": {"b1_risk_of_harm_assessment": {"value": "insufficient"},  # note left out
                            "b2_interventions_identified": {"note": "Still reading the sentence plan."}}},
               None, "2026-11-17T11:30:00.000000+00:00"),
        revise({"case_id": "NM24-01003", "reader_id": "insp1", "status": "not_started",
                "profile": {"gender": "male", "disposal_type": "licence", "risk_level": "low"},
                "interview": {}, "answers": {}},
               None, "2026-11-16T09:00:00.000000+00:00"),
    ]


# ----------------------------------------------------------------------------------
# Bundles written from the document are imported.
# ----------------------------------------------------------------------------------

def test_a_bundle_written_from_the_document_is_imported(world):
    records = esi_records()
    data = write_bundle(world.sender, world.recipients, inspection_id="esi-north-2026", framework=framework_ref(ESI),
                        records=records, audit_head={"seq": 42, "hash": sha256(b"the third party's own chain")})
    assert "valid" in importer.verify_bundle(world.store, data)
    result = world.import_bytes(data, "esi.bundle")
    assert result.newly_imported and result.outcomes == {"head": 3}

    heads = {r["case_id"]: r for r in world.rows(schema.case_reads, inspection_id="esi-north-2026")}
    assert {c: r["head_revision_id"] for c, r in heads.items()} == {r["case_id"]: r["revision_id"] for r in records}
    assert not any(r["needs_rereview"] for r in heads.values())
    inspection = world.rows(schema.inspections, id="esi-north-2026")[0]
    assert (inspection["framework_id"], inspection["framework_version"]) == ("esi_2003", "2003.1")
    bundle = world.rows(schema.bundles, bundle_id=header_of(data)["id"])[0]
    assert (bundle["device_id"], bundle["sequence"], bundle["audit_seq"]) == (world.sender.device_id, 1, 42)
    assert bundle["key_id"] == world.sender.key_id

    answers = {(a["case_id"], a["question_id"]): a for a in world.rows(schema.revision_answers)}
    assert len(answers) == sum(len(r["answers"]) for r in records)
    assert json.loads(answers["NM24-01001", "b1_risk_of_harm_assessment"]["value"]) == "excellent"
    assert json.loads(answers["NM24-01001", "b1_p2_reviewed_16_weeks"]["value"]) == "no"
    assert "ŵyr" in answers["NM24-01001", "b2_interventions_identified"]["note"]
    assert answers["NM24-01002", "b2_interventions_identified"]["value"] is None
    assert answers["NM24-01002", "b1_risk_of_harm_assessment"]["note"] == ""
    revision = world.rows(schema.revisions, case_id="NM24-01002")[0]
    assert json.loads(revision["interview"]) == {"held": False, "date": None, "note": ""}
    assert revision["status"] == "in_progress" and revision["reader_id"] == "insp1"

    receipt = open_receipt(result.receipt, world.store.meta("signing_key"), world.sender)
    assert receipt["store_id"] == world.store.store_id and receipt["newly_imported"] is True
    assert (receipt["device_id"], receipt["sequence"]) == (world.sender.device_id, 1)
    assert [(e["case_id"], e["revision_id"], e["outcome"]) for e in receipt["case_reads"]] == [
        (r["case_id"], r["revision_id"], "head") for r in records]


def test_judgements_on_evidence_written_from_the_document_are_imported_once_and_confirmed(world):
    """evidence.jsonl as the document describes it: ESI section A's criteria judged on the
    descriptor, in a bundle with no case reads; the receipt lists the ids held."""
    judged = [{"id": uuid.uuid4().hex, "standard_id": "section_a", "question_id": "a1_leadership_planning",
               "value": "well_met", "text": "Business plan, Board minutes; meetings with managers.", "by": "insp1",
               "at": "2026-11-17T14:02:11.123456+00:00"},
              {"id": uuid.uuid4().hex, "standard_id": "section_a", "question_id": "a2_resource_allocation",
               "value": "partly_met", "text": "Budget papers.", "by": "insp1", "at": "2026-11-17T14:05:00.000000+00:00"}]
    data = write_bundle(world.sender, world.recipients, inspection_id="esi-north-2026", framework=framework_ref(ESI),
                        records=[], evidence=judged)
    result = world.import_bytes(data, "evidence.bundle")
    assert result.evidence == 2
    rows = {r["id"]: r for r in world.rows(schema.evidence_judgements, inspection_id="esi-north-2026")}
    assert {i: (r["value"], r["by"], r["origin"]) for i, r in rows.items()} == {
        j["id"]: (j["value"], "insp1", world.sender.device_id) for j in judged}
    receipt = open_receipt(result.receipt, world.store.meta("signing_key"), world.sender)
    assert receipt["evidence"] == [j["id"] for j in judged] and receipt["case_reads"] == []
    # Sent again in a later bundle (not yet confirmed on the sender's side): stored once.
    again = write_bundle(world.sender, world.recipients, inspection_id="esi-north-2026", framework=framework_ref(ESI),
                         records=[], evidence=judged)
    assert world.import_bytes(again, "again.bundle").evidence == 0
    assert len(world.rows(schema.evidence_judgements, inspection_id="esi-north-2026")) == 2


def test_revisions_across_bundles_follow_the_document(world):
    """Multiple choice lists and numbers; unchanged reads resent as they were; a changed
    read names its parent; the same file again; a reused bundle id; another device's edit
    of the same base (conflict); an old revision arriving late (no rollback)."""
    fw = framework_ref(MINI)
    base = {"reader_id": "insp1", "status": "in_progress", "interview": {"held": None, "date": None, "note": ""}}
    c1 = {**base, "case_id": "C1", "profile": {"gender": "male", "disposal_type": "licence", "age": 31},
          "answers": {"licence_needs": {"value": ["housing", "work"], "note": "Both identified at sentence."},
                      "licence_contacts": {"value": 3, "note": ""},
                      "assess_engage": {"value": "yes", "note": "Views recorded in OASys."}}}
    c2 = {**base, "case_id": "C2", "profile": {"gender": "female", "disposal_type": "community_order", "age": 2.5},
          "answers": {"assess_safety": {"value": "no", "note": "No police call-out check."},
                      "assess_safety_checks": {"value": "na", "note": ""}}}
    first = [revise(c1, None, "2026-11-17T10:00:00.000000+00:00"), revise(c2, None, "2026-11-17T10:05:00.000000+00:00")]
    one = write_bundle(world.sender, world.recipients, inspection_id="mini-1", framework=fw, records=first)
    assert world.import_bytes(one, "one.bundle").outcomes == {"head": 2}
    stored = {(a["case_id"], a["question_id"]): json.loads(a["value"]) for a in world.rows(schema.revision_answers)}
    assert stored["C1", "licence_needs"] == ["housing", "work"] and stored["C1", "licence_contacts"] == 3

    # The next export: C1 changed (parent = the revision last sent), C2 unchanged (resent as it was).
    c1_changed = {**c1, "interview": {"held": True, "date": "2026-11-18", "note": ""},
                  "answers": {**c1["answers"], "licence_contacts": {"value": 4, "note": "One more since."}}}
    second = [revise(c1_changed, first[0]["revision_id"], "2026-11-18T09:00:00.000000+00:00"), first[1]]
    two = write_bundle(world.sender, world.recipients, inspection_id="mini-1", framework=fw, records=second)
    result = world.import_bytes(two, "two.bundle")
    assert result.outcomes == {"head": 1, "known": 1}
    receipt = open_receipt(result.receipt, world.store.meta("signing_key"), world.sender)
    assert [e["outcome"] for e in receipt["case_reads"]] == ["head", "head"]
    heads = {r["case_id"]: r["head_revision_id"] for r in world.rows(schema.case_reads)}
    assert heads == {"C1": second[0]["revision_id"], "C2": first[1]["revision_id"]}

    # Idempotence: the same file again changes nothing; its id with other bytes is refused.
    again = world.import_bytes(two, "two-again.bundle")
    assert not again.newly_imported
    assert open_receipt(again.receipt, world.store.meta("signing_key"), world.sender)["newly_imported"] is False
    bundle_id = header_of(two)["id"]
    reused = write_bundle(world.sender, world.recipients, inspection_id="mini-1", framework=fw, records=second,
                          bundle_id=bundle_id)
    with pytest.raises(Rejected, match="already imported with other content"):
        world.import_bytes(reused, "reused.bundle")

    # The same inspector's other laptop (same key, its own device id) changes C2 from the
    # same base as nobody else has: it fast-forwards. It changes C1 from the *first*
    # revision, which the store has moved past: a conflict.
    other = load_sender(world.key_dir)
    c1_other = {**c1, "answers": {**c1["answers"], "assess_engage": {"value": "no", "note": "I disagree."}}}
    c2_other = {**c2, "answers": {**c2["answers"], "assess_engage": {"value": "yes", "note": "Good."}}}
    three = [revise(c1_other, first[0]["revision_id"], "2026-11-18T10:00:00.000000+00:00"),
             revise(c2_other, first[1]["revision_id"], "2026-11-18T10:00:00.000000+00:00")]
    result = world.import_bytes(
        write_bundle(other, world.recipients, inspection_id="mini-1", framework=fw, records=three), "three.bundle")
    assert result.outcomes == {"conflict": 1, "head": 1}
    receipt = open_receipt(result.receipt, world.store.meta("signing_key"), other)
    assert [e["outcome"] for e in receipt["case_reads"]] == ["conflict", "head"]
    assert world.rows(schema.case_reads, case_id="C1")[0]["head_revision_id"] == second[0]["revision_id"]

    # The first device's first state of C1 resent late in a new bundle: kept, no rollback.
    late = world.import_bytes(write_bundle(world.sender, world.recipients, inspection_id="mini-1", framework=fw,
                                           records=[first[0]]), "late.bundle")
    assert late.outcomes == {"known": 1}
    assert open_receipt(late.receipt, world.store.meta("signing_key"), world.sender)["case_reads"][0]["outcome"] \
        == "ancestor"
    assert world.rows(schema.case_reads, case_id="C1")[0]["head_revision_id"] == second[0]["revision_id"]

    # Other framework content for the same inspection is refused.
    with pytest.raises(Rejected, match="different framework content"):
        world.import_bytes(write_bundle(world.sender, world.recipients, inspection_id="mini-1",
                                        framework=framework_ref(ESI), records=[]), "other-fw.bundle")


def test_a_revision_id_not_computed_as_documented_is_refused(world):
    record = revise({"case_id": "C1", "reader_id": "insp1", "status": "in_progress", "profile": {},
                     "interview": {}, "answers": {"assess_engage": {"value": "yes"}}}, None, "t")
    # Hashing the record as written (defaults left out) instead of with every field present.
    as_written = {k: record[k] for k in ("case_id", "reader_id", "status", "profile", "interview", "answers")}
    bad = {**record, "revision_id": sha256(f":{sha256(canonical(as_written))}".encode())}
    assert bad["revision_id"] != record["revision_id"]
    data = write_bundle(world.sender, world.recipients, inspection_id="i", framework=framework_ref(MINI), records=[bad])
    with pytest.raises(Rejected, match="revision id does not match its content"):
        world.import_bytes(data, "bad.bundle")


def test_zip_writestr_with_a_plain_name_is_accepted_as_the_document_says():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("manifest.json", b"{}")
        zf.writestr("case_reads.jsonl", b"")
    members = archive.read(out.getvalue(), {"manifest.json", "case_reads.jsonl"}, {"manifest.json", "case_reads.jsonl"})
    assert members == {"manifest.json": b"{}", "case_reads.jsonl": b""}


# ----------------------------------------------------------------------------------
# The snippets the document prints for escrow holders and receipt readers work.
# ----------------------------------------------------------------------------------

def doc_block(marker: str) -> str:
    """The fenced code block following ``<!-- doc-test: marker -->`` in the document."""
    pattern = rf"<!-- doc-test: {re.escape(marker)} -->\s*```\w*\n(.*?)```"
    match = re.search(pattern, DOC.read_text(encoding="utf-8"), re.S)
    assert match, f"docs/bundle-format.md has no block marked {marker}"
    return match.group(1)


@pytest.fixture
def bundle_file(world) -> Path:
    data = write_bundle(world.sender, world.recipients, inspection_id="esi-north-2026", framework=framework_ref(ESI),
                        records=esi_records())
    path = world.tmp / "escrow-me.bundle"
    path.write_bytes(data)
    return path


def _check_payload_zip(zip_bytes: bytes, bundle: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        assert sorted(zf.namelist()) == ["case_reads.jsonl", "manifest.json"]
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["bundle_id"] == header_of(bundle.read_bytes())["id"]


def test_escrow_python_snippet_cuts_out_a_payload_the_escrow_identity_decrypts(world, bundle_file, monkeypatch):
    monkeypatch.chdir(world.tmp)
    exec(doc_block("escrow-python"), {"BUNDLE": str(bundle_file)})  # noqa: S102 - our own document's snippet
    _check_payload_zip(pyrage.decrypt((world.tmp / "payload.age").read_bytes(), [world.escrow]), bundle_file)


@pytest.mark.skipif(not all(shutil.which(t) for t in ("age", "od", "tail", "awk", "sh")),
                    reason="needs the age command-line tool and a POSIX shell")
def test_escrow_shell_snippet_with_the_age_tool(world, bundle_file):
    identity = world.tmp / "escrow-identity.txt"
    identity.write_text(str(world.escrow) + "\n", encoding="utf-8")
    script = doc_block("escrow-shell")
    if not shutil.which("unzip"):
        script = "\n".join(line for line in script.splitlines() if not line.startswith("unzip"))
    done = subprocess.run(["sh", "-e", "-c", script], cwd=world.tmp, capture_output=True, text=True,
                          env={**os.environ, "BUNDLE": str(bundle_file), "IDENTITY": str(identity)})
    assert done.returncode == 0, done.stderr
    _check_payload_zip((world.tmp / "payload.zip").read_bytes(), bundle_file)


@pytest.mark.skipif(not shutil.which("age"), reason="needs the age command-line tool")
def test_receipt_decrypts_with_the_age_tool_and_the_senders_ssh_key(world):
    result = world.import_bytes(write_bundle(world.sender, world.recipients, inspection_id="esi-north-2026",
                                             framework=framework_ref(ESI), records=esi_records()), "r.bundle")
    data = result.receipt
    n = int.from_bytes(data[8:12], "big")
    (world.tmp / "receipt.age").write_bytes(data[12 + n + 64 :])
    key = world.tmp / "id_ed25519"
    key.write_bytes(world.sender.private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                                       serialization.NoEncryption()))
    key.chmod(0o600)
    done = subprocess.run(["age", "-d", "-i", str(key), "-o", "receipt.json", "receipt.age"], cwd=world.tmp,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    receipt = json.loads((world.tmp / "receipt.json").read_text(encoding="utf-8"))
    assert receipt["inspection_id"] == "esi-north-2026" and len(receipt["case_reads"]) == 3


# ----------------------------------------------------------------------------------
# The document cannot silently fall behind the code.
# ----------------------------------------------------------------------------------

NAMED_MODELS = {"EnvelopeHeader", "Manifest", "CaseReadRecord", "AnswerRecord", "Interview", "Receipt", "ReceiptEntry",
                "EvidenceLine"}


#: What travels in a bundle or a receipt; every model these contain is walked too, so a
#: field added anywhere in them must be documented. (Inspection packs are another format.)
ROOTS = (formats.EnvelopeHeader, formats.Manifest, formats.CaseReadRecord, formats.Receipt, formats.EvidenceLine)


def _nested(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _nested(arg)]


def _models() -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    todo = list(ROOTS)
    while todo:
        model = todo.pop()
        if model.__name__ not in found:
            found[model.__name__] = model
            todo.extend(m for info in model.model_fields.values() for m in _nested(info.annotation))
    return found


def _literals(annotation) -> set[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return {str(a) for a in typing.get_args(annotation)}
    return set().union(*(_literals(a) for a in typing.get_args(annotation))) if typing.get_args(annotation) else set()


def test_every_field_of_every_format_model_is_in_the_document():
    text = DOC.read_text(encoding="utf-8")
    models = _models()
    assert NAMED_MODELS <= set(models)
    missing = [f"{name}.{field}" for name, model in sorted(models.items()) for field in model.model_fields
               if f"`{field}`" not in text and f".{field}`" not in text and f"].{field}`" not in text]
    assert missing == [], "docs/bundle-format.md does not describe these fields"


def test_every_literal_value_of_the_formats_is_in_the_document():
    text = DOC.read_text(encoding="utf-8")
    missing = sorted(
        f"{name}.{field}={value}"
        for name, model in _models().items() for field, info in model.model_fields.items()
        for value in _literals(info.annotation)
        if f'"{value}"' not in text and f"`{value}`" not in text
    )
    assert missing == []


def test_the_caps_table_matches_the_code():
    modules = {"importer": importer, "envelope": envelope, "archive": archive, "receipts": receipts}
    rows = re.findall(r"^\|[^|\n]*\| (\d+) \| `(\w+)\.(\w+)` \|$", DOC.read_text(encoding="utf-8"), re.M)
    documented = {f"{m}.{c}": int(v) for v, m, c in rows}
    actual = {f"{m}.{c}": getattr(modules[m], c) for m, c in
              [("importer", "MAX_FILE"), ("envelope", "MAX_HEADER"), ("archive", "MAX_ENTRIES"),
               ("archive", "MAX_MEMBER"), ("archive", "MAX_RATIO"), ("archive", "MAX_LINE"),
               ("archive", "MAX_JSON_DEPTH"), ("importer", "MAX_RECORDS"), ("receipts", "MAX_RECEIPT")]}
    assert documented == actual
    assert envelope.MAGIC == b"HMIPENV1" and envelope.SIG_LEN == 64 and importer.ALLOWED == {
        "manifest.json", "case_reads.jsonl", "evidence.jsonl"} and importer.REQUIRED == {"manifest.json", "case_reads.jsonl"}
