"""Evidence standards assigned at set-up (issue 14: "recorded offline on a laptop by the
member the set-up assigns"), end to end through the real commands and bundle path:
``hmip central assign-evidence`` → ``hmip pack create`` → ``hmip pack import`` on a
laptop → ``hmip evidence`` records only for the laptop user's standards → ``hmip export``
→ ``hmip central import`` refuses a team judgement of a standard assigned to someone
else (one line, event log, store otherwise unchanged), and a local assessor's
judgement on evidence without an assignment. Every test runs on SQLite and on PostgreSQL
(``backend_world``: the same world cloned into a fresh database)."""

from __future__ import annotations

import json
import shutil
import uuid

import pytest
from sqlalchemy import select, update

from hmip_desktop.cli import main
from hmip_desktop.core.central import assignments, importer, schema
from hmip_desktop.core.exchange.keys import load_key, new_key
from hmip_desktop.core.field import evidence
from hmip_desktop.core.field.db import open_db, write_transaction
from hmip_desktop.core.field.export import export_bundle, set_user
from hmip_desktop.core.frameworks import load_text

from .conftest import dump_store


@pytest.fixture
def world(backend_world):
    """This module's world on the ``backend`` of the test (SQLite and PostgreSQL)."""
    return backend_world


def _fw(db):
    return load_text(db.execute("SELECT framework_yaml FROM inspections WHERE id = 'demo'").fetchone()[0])


def _bind(world, folder: str, name: str, role: str, member: str):
    """A new key in ``folder``, enrolled with ``role`` and bound to team member ``member``."""
    new_key(world.root / folder, name)
    world.central.enrol(name, role, (world.root / folder / "public.key").read_text(encoding="utf-8"))
    key = load_key(world.root / folder)
    tm = schema.team_members
    with world.central.engine.begin() as conn:
        conn.execute(update(tm).where(tm.c.inspection_id == "demo", tm.c.member_id == member).values(key_id=key.key_id))
    return key


def _laptop(world, name: str, user: str):
    """A copy of the demo laptop used by ``user``, with a device id of its own."""
    shutil.copy(world.field_path, world.root / name)
    db = open_db(world.root / name)
    set_user(db, user)
    with write_transaction(db):
        db.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", [uuid.uuid4().hex])
    return db


def _assign(world, standard: str, member: str) -> int:
    return main(["central", "assign-evidence", *world.store_args, "--inspection", "demo", "--standard", standard,
                 "--member", member])


def _refusals(world) -> list[dict]:
    with world.central.engine.connect() as conn:
        return [json.loads(r.after) for r in conn.execute(select(schema.events).where(
            schema.events.c.action == "bundle_refused").order_by(schema.events.c.seq))]


def _without_events(dump: dict) -> dict:
    return {k: v for k, v in dump.items() if k != "events"}


def test_assign_evidence_refuses_what_it_may_not_assign_in_one_line(world, capsys):
    assert _assign(world, "leadership", "lead1") == 0
    assert "leadership: judgements on evidence recorded by lead1" in capsys.readouterr().out
    for standard, member, says in (("assessment", "insp1", "not a standard judged on evidence"),
                                   ("staff", "nobody", "nobody is not on the team"),
                                   ("staff", "la1", "la1 is a local assessor")):
        assert _assign(world, standard, member) != 0
        err = capsys.readouterr().err.strip()
        assert says in err and len(err.splitlines()) == 1
    assert assignments.assigned(world.central, "demo") == {"leadership": "lead1"}
    assert _assign(world, "leadership", "none") == 0
    assert assignments.assigned(world.central, "demo") == {}


def test_the_pack_carries_the_assignment_and_the_laptop_records_only_its_users_standards(world, capsys, tmp_path):
    lead_key = _bind(world, "lead", "Lead inspector", "lead", "lead1")
    assert _assign(world, "leadership", "lead1") == 0 and _assign(world, "staff", "insp1") == 0
    pack = tmp_path / "demo.pack"
    assert main(["pack", "create", *world.store_args, "--inspection", "demo", "--key", str(world.root / "lead"),
                 "--out", str(pack)]) == 0
    laptop = tmp_path / "insp1.sqlite"
    assert main(["pack", "import", str(laptop), str(pack), "--key", str(world.root / "k"),
                 "--trust", lead_key.key_id[:16]]) == 0
    capsys.readouterr()

    def record(standard, question):
        return main(["evidence", str(laptop), "--inspection", "demo", "--standard", standard, "--question", question,
                     "--value", "good", "--text", "Staff survey; interviews with managers"])

    assert record("leadership", "leadership_vision") != 0
    err = capsys.readouterr().err.strip()
    assert "standard 'leadership' is assigned to lead1" in err and len(err.splitlines()) == 1
    assert record("staff", "staff_workload") == 0          # assigned to this laptop's user
    assert record("services", "services_range") == 0       # assigned to nobody: any member but a local assessor
    db = open_db(laptop)
    try:
        assert evidence.assignments(db, "demo") == {"leadership": "lead1", "staff": "insp1"}
        assert evidence.may_record(db, "demo", "leadership") == "lead1"
        assert evidence.may_record(db, "demo", "staff") is None
        assert [j.standard_id for j in evidence.judgements(db, "demo")] == ["staff", "services"]
    finally:
        db.close()
    # The bundle path: the two judgements the laptop took are taken by the central store.
    bundle = tmp_path / "insp1.bundle"
    assert main(["export", str(laptop), "--inspection", "demo", "--key", str(world.root / "k"), "--out", str(bundle)]) == 0
    assert main(["central", "import", *world.store_args, str(bundle)]) == 0
    assert "2 judgements on evidence" in capsys.readouterr().out


def test_the_import_refuses_a_judgement_on_a_standard_assigned_to_someone_else(world, capsys):
    db = open_db(world.field_path)  # this laptop's pack predates the assignment: it records, the store refuses
    try:
        evidence.record(db, _fw(db), "demo", "leadership", "leadership_vision", "good", "Board minutes")
        export_bundle(db, "demo", world.key(), world.root / "e.bundle")
    finally:
        db.close()
    assert _assign(world, "leadership", "lead1") == 0
    before = dump_store(world.central)
    capsys.readouterr()
    assert main(["central", "import", *world.store_args, str(world.root / "e.bundle")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "evidence.jsonl:1: record" in err and "standard 'leadership' is assigned to lead1, not to insp1" in err
    assert _without_events(dump_store(world.central)) == _without_events(before)
    last = _refusals(world)[-1]
    assert (last["rule"], last["line"]) == ("evidence_not_assigned", 1)
    # Assigned to the sender instead: the same file is taken.
    assert _assign(world, "leadership", "insp1") == 0
    assert main(["central", "import", *world.store_args, str(world.root / "e.bundle")]) == 0


def test_the_assigned_lead_sends_the_judgement_from_the_lead_laptop(world, capsys):
    key = _bind(world, "lead", "Lead inspector", "lead", "lead1")
    assert _assign(world, "leadership", "lead1") == 0
    db = _laptop(world, "lead.sqlite", "lead1")
    try:
        with write_transaction(db):
            db.execute("INSERT INTO evidence_assignments VALUES ('demo', 'leadership', 'lead1')")
        evidence.record(db, _fw(db), "demo", "leadership", "leadership_vision", "good", "Board minutes")
        evidence.record(db, _fw(db), "demo", "leadership", None, "good", "Vision clear and shared")
        export_bundle(db, "demo", key, world.root / "lead.bundle")
    finally:
        db.close()
    assert importer.import_file(world.central, world.root / "lead.bundle").evidence == 2


def test_a_local_assessor_may_not_judge_evidence_about_their_own_organisation(world, capsys):
    key = _bind(world, "la", "Local assessor", "local_assessor", "la1")
    db = _laptop(world, "la.sqlite", "la1")
    try:
        with pytest.raises(evidence.EvidenceRefused, match="la1 is a local assessor"):
            evidence.record(db, _fw(db), "demo", "staff", "staff_workload", "good", "Our own staff survey")
        # A laptop that skipped the check (an older version, or a crafted store): the central store refuses.
        with write_transaction(db):
            db.execute('INSERT INTO evidence_judgements (id, inspection_id, standard_id, question_id, value, text, "by",'
                       " at, origin) VALUES (?, 'demo', 'staff', 'staff_workload', 'good', 'Our own staff survey',"
                       " 'la1', '2026-01-01T00:00:00Z', 'laptop')", [uuid.uuid4().hex])
        export_bundle(db, "demo", key, world.root / "la.bundle")
    finally:
        db.close()
    before = dump_store(world.central)
    capsys.readouterr()
    assert main(["central", "import", *world.store_args, str(world.root / "la.bundle")]) == 1
    err = capsys.readouterr().err.strip()
    assert "team member la1 is a local assessor" in err and len(err.splitlines()) == 1
    assert _without_events(dump_store(world.central)) == _without_events(before)
    assert _refusals(world)[-1]["rule"] == "evidence_local_assessor"


def test_a_new_team_without_the_assignee_drops_the_assignment(world, tmp_path, capsys):
    assert _assign(world, "leadership", "insp2") == 0 and _assign(world, "staff", "insp1") == 0
    (tmp_path / "team.csv").write_text("id,name,role\nlead1,Lead,lead\ninsp1,Inspector A,inspector\n"
                                       "insp2,Inspector B,local_assessor\n", encoding="utf-8")
    assert main(["central", "team", *world.store_args, "--inspection", "demo", str(tmp_path / "team.csv")]) == 0
    assert assignments.assigned(world.central, "demo") == {"staff": "insp1"}


def test_a_reissued_pack_brings_the_leads_changed_assignments_to_the_laptop(world, capsys, tmp_path):
    """The lead moves a standard to another member after the packs went out: the newer pack,
    imported on the laptop as a re-issue, replaces the assignments held there."""
    lead_key = _bind(world, "lead", "Lead inspector", "lead", "lead1")
    assert _assign(world, "leadership", "lead1") == 0 and _assign(world, "staff", "insp1") == 0
    laptop = tmp_path / "insp1.sqlite"

    def issue(name: str) -> None:
        pack = tmp_path / name
        assert main(["pack", "create", *world.store_args, "--inspection", "demo", "--key",
                     str(world.root / "lead"), "--out", str(pack)]) == 0
        assert main(["pack", "import", str(laptop), str(pack), "--key", str(world.root / "k"),
                     "--trust", lead_key.key_id[:16]]) == 0

    issue("first.pack")
    assert _assign(world, "staff", "none") == 0 and _assign(world, "leadership", "insp1") == 0
    issue("second.pack")
    capsys.readouterr()
    db = open_db(laptop)
    try:
        assert evidence.assignments(db, "demo") == {"leadership": "insp1"}
        assert evidence.may_record(db, "demo", "leadership") is None
    finally:
        db.close()
    assert main(["evidence", str(laptop), "--inspection", "demo", "--standard", "leadership", "--question",
                 "leadership_vision", "--value", "good", "--text", "Board minutes; interviews"]) == 0
