"""The central store takes only what the inspection allows (issue 13), on SQLite and
PostgreSQL.

Every bundle here is validly signed by an enrolled key and encrypted to the store, so
that each is refused for its one broken rule: authorisation (the inspection set up,
the signer on its team with a role that reads cases, each read theirs and of a case in
the sample allocated to them, a device id kept by its first key), values against the
inspection's pinned framework, and strict JSON. For each: ``verify_bundle`` and the
import give the same ONE line naming the line, the case and the rule; every table is
unchanged afterwards, except that an authorisation refusal adds one event (ids only).

The world: the demo inspection set up at a fresh central store from the demo field
store (team insp1 = Inspector A, insp2 = Inspector B, la1 = a local assessor, lead1 =
a lead inspector, each with an enrolled key), with insp1's and insp2's reads imported.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from pathlib import Path

import pyrage
import pytest
from sqlalchemy import select, update

from hmip_desktop.core.central import importer, schema, setup_flow
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.exchange import envelope
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.exchange.keys import SigningKey, load_key, new_key
from hmip_desktop.core.exchange.revisions import MEMBER, canonical, content_hash, revision_id
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import read_records

from .conftest import PASSPHRASE, dump_store

CREATED = "2026-11-20T10:00:00.000000+00:00"


@pytest.fixture(scope="module")
def extra_keys(tmp_path_factory) -> Path:
    """Keys the template lacks: a local assessor's, a lead's, an inspector on no team."""
    root = tmp_path_factory.mktemp("auth-keys")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HMIP_KEY_PASSPHRASE", PASSPHRASE)
        for folder, name in (("la", "Local assessor"), ("lead", "Lead inspector"), ("k3", "Inspector C")):
            new_key(root / folder, name)
    return root


def revise(record: dict, parent: str | None) -> dict:
    """``record`` with its revision id computed over its content and ``parent``."""
    out = {**record, "parent_revision_id": parent}
    out["revision_id"] = revision_id(parent, content_hash(out))
    return out


class Auth:
    """A central store with the demo inspection set up, and the means to send it bundles."""

    def __init__(self, location: str, template: Path, keys: Path, tmp: Path):
        self.root = tmp / "auth"
        shutil.copytree(template, self.root)
        self.keys = {"insp1": load_key(self.root / "k"), "insp2": load_key(self.root / "k2"),
                     "la1": load_key(keys / "la"), "lead1": load_key(keys / "lead"), "k3": load_key(keys / "k3")}
        self.store = CentralStore.init(location, keys_dir=tmp / "auth-central-keys")
        for member, role, folder in (("insp1", "inspector", self.root / "k"), ("insp2", "inspector", self.root / "k2"),
                                     ("la1", "local_assessor", keys / "la"), ("lead1", "lead", keys / "lead"),
                                     ("k3", "inspector", keys / "k3")):
            self.store.enrol(member, role, (folder / "public.key").read_text(encoding="utf-8"))
        db = open_db(self.root / "f.sqlite")
        try:
            setup_flow.set_up_from_field(self.store, db, "demo", {m: self.keys[m].key_id
                                                                  for m in ("insp1", "insp2", "la1", "lead1")})
            manifest = db.execute("SELECT framework_id, framework_version, framework_sha256 FROM inspections").fetchone()
            self.records = {r["case_id"]: revise(r, None) for _, r, _ in read_records(db, "demo")}
        finally:
            db.close()
        self.framework = {"id": manifest[0], "version": manifest[1], "sha256": manifest[2]}
        self.recipients = [pyrage.x25519.Recipient.from_str(r) for r in self.store.recipients()]
        self.devices = {m: uuid.uuid4().hex for m in self.keys}
        self.sequence = 0

    def of(self, member: str) -> list[dict]:
        return [json.loads(json.dumps(r)) for c, r in sorted(self.records.items()) if r["reader_id"] == member]

    def bundle(self, member: str, records: list[dict] | None = None, *, body: bytes | None = None,
               device: str | None = None, sequence: int | None = None, inspection_id: str = "demo") -> bytes:
        """A bundle signed by ``member``'s key (default: their own reads as they stand)."""
        key: SigningKey = self.keys[member]
        if body is None:
            body = b"".join(canonical(r) + b"\n" for r in (self.of(member) if records is None else records))
        self.sequence += 1
        bundle_id = uuid.uuid4().hex
        manifest = {"format": 1, "bundle_id": bundle_id, "inspection_id": inspection_id, "framework": self.framework,
                    "device_id": device or self.devices[member], "sequence": sequence or self.sequence,
                    "sender_key_id": key.key_id, "created_at": CREATED, "audit_head": {"seq": 0, "hash": "0" * 64},
                    "files": {MEMBER: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body),
                                       "count": body.count(b"\n")}}}
        from hmip_desktop.core.exchange import archive

        payload = pyrage.encrypt(archive.build({"manifest.json": canonical(manifest), MEMBER: body}), self.recipients)
        return envelope.seal("bundle", bundle_id, CREATED, payload, key, "age")

    def imports(self, data: bytes) -> importer.ImportResult:
        return importer.import_bundle(self.store, data)

    def events(self) -> list[dict]:
        with self.store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(schema.events).order_by(schema.events.c.seq))]

    def refused(self, data: bytes, *expected: str, logged: str | None = None) -> str:
        """Both verify and import refuse ``data`` with one line holding every ``expected``
        text; no table changes, except one event ``bundle_refused`` for rule ``logged``."""
        before = dump_store(self.store)
        reasons = []
        for check in (importer.verify_bundle, importer.import_bundle):
            with pytest.raises(Rejected) as caught:
                check(self.store, data)
            reasons.append(caught.value.reason)
        assert reasons[0] == reasons[1], reasons
        reason = reasons[0]
        assert "\n" not in reason and len(reason) < 400, reason
        for text in expected:
            assert text in reason, f"{text!r} not in {reason!r}"
        after = dump_store(self.store)
        new_events = len(after.pop("events")) - len(before.pop("events"))
        assert after == before, "a refused bundle changed the central store"
        if logged is None:
            assert new_events == 0
        else:
            assert new_events == 1
            event = self.events()[-1]
            facts = json.loads(event["after"])
            assert event["action"] == "bundle_refused" and facts["rule"] == logged
            assert set(facts) <= {"rule", "bundle_id", "key_id", "device_id", "inspection_id", "line", "case_id"}
            assert reason not in event["after"], "the event log holds ids only, not the reason text"
        return reason


@pytest.fixture
def auth(central_location, exchange_template, extra_keys, tmp_path, monkeypatch) -> Auth:
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", PASSPHRASE)
    world = Auth(central_location, exchange_template, extra_keys, tmp_path)
    assert world.imports(world.bundle("insp1")).outcomes == {"head": 16}
    assert world.imports(world.bundle("insp2")).outcomes == {"head": 16}
    try:
        yield world
    finally:
        world.store.engine.dispose()


def _line_of(records: list[dict], case_id: str) -> int:
    return next(i for i, r in enumerate(records, 1) if r["case_id"] == case_id)


def _in_progress(auth: Auth, member: str = "insp1") -> tuple[list[dict], dict]:
    records = auth.of(member)
    return records, next(r for r in records if r["status"] == "in_progress")


# -- authorisation ------------------------------------------------------------------------


def test_a_read_of_another_members_case_chained_on_their_head_is_refused(auth: Auth):
    theirs = auth.of("insp2")[0]
    heads_before = dump_store(auth.store)["case_reads"]
    qid = next(iter(theirs["answers"]), "placeholder")
    for reader in ("insp2", "insp1"):  # naming its reader, or claiming it as one's own
        changed = {**theirs, "reader_id": reader,
                   "answers": {**theirs["answers"], qid: {"value": "no", "note": "rewritten by another"}}}
        records = auth.of("insp1") + [revise(changed, theirs["revision_id"])]
        rule = "reader_not_signer" if reader == "insp2" else "case_not_allocated"
        text = "is not the signer" if reader == "insp2" else "allocated to team member insp2, not to insp1"
        reason = auth.refused(auth.bundle("insp1", records), f"{MEMBER}:17: case {theirs['case_id']}: ", text,
                              logged=rule)
        assert reason.startswith(f"{MEMBER}:17: ")
    assert dump_store(auth.store)["case_reads"] == heads_before


def test_a_read_naming_another_member_is_refused(auth: Auth):
    records = auth.of("insp1")
    records[3] = revise({**records[3], "reader_id": "insp2"}, records[3]["revision_id"])
    auth.refused(auth.bundle("insp1", records), f"{MEMBER}:4: case {records[3]['case_id']}: reader insp2 is not the "
                 "signer (team member insp1)", logged="reader_not_signer")


def test_a_local_assessor_submitting_as_the_lead_is_refused(auth: Auth):
    # The local assessor's key, reads naming the lead as their reader.
    records = [revise({**r, "reader_id": "lead1"}, None) for r in auth.of("la1")]
    auth.refused(auth.bundle("la1", records), f"{MEMBER}:1: case {records[0]['case_id']}: reader lead1 is not the signer",
                 logged="reader_not_signer")
    # The local assessor's key put on the team as the lead: a lead does not submit reads.
    tm = schema.team_members
    with auth.store.engine.begin() as conn:
        conn.execute(update(tm).where(tm.c.member_id == "la1").values(key_id=None))
        conn.execute(update(tm).where(tm.c.member_id == "lead1").values(key_id=auth.keys["la1"].key_id))
    auth.refused(auth.bundle("la1", records), "belongs to team member lead1, a lead: only inspectors and local "
                 "assessors submit case reads", logged="role_may_not_submit")
    # The local assessor's key on the team as an inspector: enrolled for another role.
    with auth.store.engine.begin() as conn:
        conn.execute(update(tm).where(tm.c.member_id == "lead1").values(key_id=None))
        conn.execute(update(tm).where(tm.c.member_id == "insp2").values(key_id=auth.keys["la1"].key_id))
    auth.refused(auth.bundle("la1", auth.of("insp2")), "was enrolled as local_assessor, but team member insp2 is a "
                 "inspector", logged="role_mismatch")


def test_the_lead_inspector_submits_no_reads(auth: Auth):
    auth.refused(auth.bundle("lead1", []), "a lead: only inspectors and local assessors submit case reads",
                 logged="role_may_not_submit")


def test_a_local_assessor_submits_their_own_reads(auth: Auth):
    assert auth.imports(auth.bundle("la1")).outcomes == {"head": 16}


def test_a_key_on_no_team_of_the_inspection_is_refused(auth: Auth):
    records = [revise({**r, "reader_id": "k3"}, None) for r in auth.of("insp1")]
    auth.refused(auth.bundle("k3", records), f"key {auth.keys['k3'].key_id[:16]} is not on the team of inspection demo",
                 logged="key_not_on_team")


def _setup_case(auth: Auth, selection: str) -> str:
    sc = schema.setup_cases
    with auth.store.engine.connect() as conn:
        return conn.execute(select(sc.c.case_id).where(sc.c.selection == selection).order_by(sc.c.case_id)).scalar()


@pytest.mark.parametrize("which", ["reserve", "caseload", "invented", "look_alike"])
def test_a_case_not_in_the_sample_is_refused(auth: Auth, which: str):
    records, read = _in_progress(auth)
    mine = read["case_id"]
    case_id = {"reserve": lambda: _setup_case(auth, "reserve"), "caseload": lambda: _setup_case(auth, "caseload"),
               "invented": lambda: "x7000007", "look_alike": lambda: mine + "."}[which]()
    records.append(revise({**read, "case_id": case_id}, None))
    why = {"reserve": "a reserve case of inspection demo that has not been activated",
           "caseload": "not in the sample of inspection demo", "invented": "not a case of inspection demo",
           "look_alike": "not a case of inspection demo"}[which]
    auth.refused(auth.bundle("insp1", records), f"{MEMBER}:17: case {case_id}: {why}", logged="case_not_in_sample")


def test_an_activated_reserve_is_read_and_the_case_it_replaced_is_not(auth: Auth):
    records, read = _in_progress(auth)
    replaced = read["case_id"]
    reserve = setup_flow.replace(auth.store, "demo", replaced, "the case record is missing")
    new = revise({**read, "case_id": reserve}, None)
    assert auth.imports(auth.bundle("insp1", [r for r in records if r["case_id"] != replaced] + [new])).outcomes \
        == {"known": 15, "head": 1}
    changed = revise({**read, "interview": {**read["interview"], "note": "later"}}, read["revision_id"])
    auth.refused(auth.bundle("insp1", [changed]), f"{MEMBER}:1: case {replaced}: not in the sample of inspection demo "
                 f"(replaced by case {reserve})", logged="case_not_in_sample")


def _reassign(auth: Auth, case_id: str, reader: str) -> None:
    sc = schema.setup_cases
    with auth.store.engine.begin() as conn:
        conn.execute(update(sc).where(sc.c.case_id == case_id).values(reader_id=reader))


def test_a_reassigned_case_is_read_by_its_new_reader_only(auth: Auth):
    records, read = _in_progress(auth)
    _reassign(auth, read["case_id"], "insp2")
    # Its old reader can no longer change it: a new revision is refused, with one line.
    changed = revise({**read, "interview": {**read["interview"], "note": "after the move"}}, read["revision_id"])
    auth.refused(auth.bundle("insp1", [changed if r is read else r for r in records]),
                 f"case {read['case_id']}: allocated to team member insp2", logged="case_not_allocated")
    moved = revise({**read, "reader_id": "insp2"}, read["revision_id"])
    assert auth.imports(auth.bundle("insp2", auth.of("insp2") + [moved])).outcomes == {"known": 16, "head": 1}
    # The old reader's identical resend (the revision the store holds) changes nothing.
    heads = dump_store(auth.store)["case_reads"]
    assert "head" not in auth.imports(auth.bundle("insp1", records)).outcomes
    assert dump_store(auth.store)["case_reads"] == heads


def test_an_identical_resend_of_a_held_revision_of_a_reassigned_case_is_taken(auth: Auth):
    records, read = _in_progress(auth)
    _reassign(auth, read["case_id"], "insp2")
    before = dump_store(auth.store)
    result = auth.imports(auth.bundle("insp1", records))
    assert result.outcomes == {"known": len(records)}
    after = dump_store(auth.store)
    for table in ("case_reads", "revisions", "answers"):
        assert after.get(table) == before.get(table), table
    # Held from its member only: another key cannot pass that revision off as its own.
    auth.refused(auth.bundle("insp2", [read]), f"case {read['case_id']}: reader insp1 is not the signer",
                 logged="reader_not_signer")


def test_a_new_revision_of_a_reassigned_case_is_refused_with_one_line(auth: Auth):
    records, read = _in_progress(auth)
    _reassign(auth, read["case_id"], None)
    changed = revise({**read, "status": "in_progress", "interview": {**read["interview"], "note": "more"}},
                     read["revision_id"])
    reason = auth.refused(auth.bundle("insp1", [changed if r is read else r for r in records]),
                          f"case {read['case_id']}: allocated to nobody yet, not to insp1", logged="case_not_allocated")
    assert reason.count(read["case_id"]) == 1


def test_a_bundle_for_an_inspection_never_set_up_is_refused_and_creates_nothing(auth: Auth):
    auth.refused(auth.bundle("insp1", inspection_id="never-set-up"),
                 "inspection never-set-up has not been set up at this central store", logged="inspection_not_set_up")
    with auth.store.engine.connect() as conn:
        assert conn.execute(select(schema.inspections.c.id)).scalars().all() == ["demo"]


def test_a_device_id_belongs_to_the_first_key_that_used_it(auth: Auth):
    # Inspector B reuses Inspector A's laptop's device id with a much higher sequence.
    auth.refused(auth.bundle("insp2", device=auth.devices["insp1"], sequence=10**9),
                 f"device {auth.devices['insp1']} belongs to another key", logged="device_of_another_key")
    # A's next genuine revision still moves the head on (it is not taken for an ancestor).
    records, read = _in_progress(auth)
    records[records.index(read)] = revise({**read, "interview": {**read["interview"], "note": "next"}},
                                          read["revision_id"])
    assert auth.imports(auth.bundle("insp1", records)).outcomes == {"head": 1, "known": 15}
    with auth.store.engine.connect() as conn:
        assert conn.execute(select(schema.devices.c.key_id).where(
            schema.devices.c.device_id == auth.devices["insp1"])).scalar() == auth.keys["insp1"].key_id


# -- values against the pinned framework --------------------------------------------------


def _answer_q(auth: Auth) -> str:
    from hmip_desktop.core.central.answers import framework_for

    return next(iter(framework_for(auth.store, "demo").key_questions())).id


@pytest.mark.parametrize("case", ["unknown_question", "maybe", "number", "list", "profile", "date", "incomplete",
                                  "bad_profile_field"])
def test_values_the_framework_does_not_allow_are_refused(auth: Auth, case: str):
    records, read = _in_progress(auth)
    line = records.index(read) + 1
    qid = _answer_q(auth)
    edited = json.loads(json.dumps(read))
    if case == "unknown_question":
        edited["answers"]["not_a_question"] = {"value": "yes", "note": ""}
        expected = "question 'not_a_question' is not in framework"
    elif case in ("maybe", "number", "list"):
        edited["answers"][qid] = {"value": {"maybe": "maybe", "number": 3, "list": ["yes"]}[case], "note": ""}
        expected = f"{qid}: "
    elif case == "profile":
        edited["profile"]["gender"] = "martian"
        expected = "profile gender: 'martian' is not one of"
    elif case == "bad_profile_field":
        edited["profile"]["favourite_colour"] = "blue"
        expected = "profile field 'favourite_colour' is not in framework"
    elif case == "date":
        edited["interview"] = {**edited["interview"], "date": "2026-02-30"}
        expected = "interview date: '2026-02-30' is not a date"
    else:
        edited.update(status="complete", answers={})
        expected = "marked complete, but no judgement for"
    records[line - 1] = revise(edited, read["revision_id"])
    reason = auth.refused(auth.bundle("insp1", records), f"{MEMBER}:{line}: case {read['case_id']}: ", expected)
    if case in ("maybe", "list", "number"):
        assert "is not one of yes, no, na" in reason


def test_ratings_still_work_after_a_list_value_was_refused(auth: Auth):
    from hmip_desktop.core.central.answers import rate_inspection

    records, read = _in_progress(auth)
    edited = json.loads(json.dumps(read))
    edited["answers"][_answer_q(auth)] = {"value": ["yes"], "note": ""}
    records[records.index(read)] = revise(edited, read["revision_id"])
    auth.refused(auth.bundle("insp1", records), "is not one of yes, no, na")
    assert rate_inspection(auth.store, "demo").standards


# -- strict JSON --------------------------------------------------------------------------


def _body(records: list[dict]) -> list[bytes]:
    return [canonical(r) for r in records]


@pytest.mark.parametrize("case", ["nan", "infinity", "duplicate_key", "bom", "utf16", "utf16le", "utf32",
                                  "big_integer", "lone_surrogate"])
def test_json_that_rfc_8259_does_not_allow_is_refused(auth: Auth, case: str):
    records, read = _in_progress(auth)
    line = records.index(read) + 1
    lines = _body(records)
    text = lines[line - 1]
    if case in ("nan", "infinity", "big_integer"):
        word = {"nan": b"NaN", "infinity": b"-Infinity", "big_integer": str(2**63).encode()}[case]
        lines[line - 1] = text.replace(b'"interview":{', b'"interview":{"x":' + word + b",", 1)
        expected = {"nan": "NaN is not allowed", "infinity": "-Infinity is not allowed",
                    "big_integer": "outside the signed 63-bit range"}[case]
    elif case == "duplicate_key":
        lines[line - 1] = b'{"status":"complete",' + text[1:]
        expected = "duplicate key 'status'"
    elif case == "bom":
        lines[line - 1] = b"\xef\xbb\xbf" + text
        expected = "byte-order mark"
    elif case == "lone_surrogate":
        lines[line - 1] = text.replace(b'"interview":{', b'"interview":{"x":"\\ud800",', 1)
        expected = "unpaired surrogate"
    else:
        lines[line - 1] = text.decode().encode({"utf16": "utf-16", "utf16le": "utf-16-le", "utf32": "utf-32"}[case])
        expected = "not UTF-8" if case != "utf16le" else "not JSON"
    body = b"".join(x + b"\n" for x in lines)
    reason = auth.refused(auth.bundle("insp1", body=body), f"{MEMBER}:{line}: ", expected)
    assert reason.startswith(f"{MEMBER}:{line}: ")


@pytest.mark.parametrize("sequence", [2**31, 2**63 - 1])
def test_large_sequence_numbers_are_stored(auth: Auth, sequence: int):
    result = auth.imports(auth.bundle("insp1", sequence=sequence))
    assert result.newly_imported
    with auth.store.engine.connect() as conn:
        assert conn.execute(select(schema.devices.c.max_sequence).where(
            schema.devices.c.device_id == auth.devices["insp1"])).scalar() == sequence


def test_a_sequence_beyond_63_bits_is_refused_in_one_line(auth: Auth):
    data = auth.bundle("insp1", sequence=2**63)
    auth.refused(data, "manifest.json: not JSON (integer 9223372036854775808 is outside the signed 63-bit range)")
