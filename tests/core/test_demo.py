"""The demo inspection: realistic, complete in every state, deterministic for a seed."""

import json
import re

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core import demo
from hmip_desktop.core.field import audit
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.store import FieldStore


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.create_demo(path, seed=7)
    return path


def content(path):
    """Everything the seed decides (not the timestamps)."""
    db = open_db(path)
    try:
        return {
            "cases": list(db.execute("SELECT case_id, profile, selection, reserve_rank FROM cases ORDER BY case_id")),
            "reads": list(db.execute("SELECT case_id, reader_id, status, interview_held FROM case_reads ORDER BY case_id")),
            "answers": list(db.execute(
                "SELECT r.case_id, a.question_id, a.value, a.note FROM answers a JOIN case_reads r ON r.id = a.case_read_id"
                " ORDER BY 1, 2")),
        }
    finally:
        db.close()


def test_demo_is_realistic(demo_path):
    store = FieldStore.open(demo_path, actor="lead1")
    rows = store.case_reads("demo")
    assert 40 <= len(rows) <= 60
    assert {r["status"] for r in rows} == {"not_started", "in_progress", "complete"}
    roles = {r["reader_role"] for r in rows}
    assert "local_assessor" in roles
    share = sum(r["reader_role"] == "local_assessor" for r in rows) / len(rows)
    assert share <= 1 / 3
    caseload = store.db.execute("SELECT count(*) FROM cases WHERE inspection_id = 'demo'").fetchone()[0]
    assert caseload >= 300
    reserves = store.db.execute("SELECT count(*) FROM cases WHERE selection = 'reserve'").fetchone()[0]
    assert reserves > 0
    team = store.db.execute("SELECT count(*) FROM team_members").fetchone()[0]
    assert 3 <= team <= 4
    for r in rows:
        assert re.fullmatch(r"NM\d\d-\d{5}", r["case_id"]), "provider-style references, no names"
        assert {"gender", "disposal_type", "risk_level", "age_band"} <= set(r["profile"])
        if r["status"] == "complete":
            assert r["percent"] == 100 and store.missing(r["id"]) == []
        if r["status"] == "not_started":
            assert r["percent"] < 100
    assert audit.verify(store.db).ok
    store.close()


def test_complete_reads_have_plausible_evidence(demo_path):
    store = FieldStore.open(demo_path)
    fw = store.framework("demo")
    done = [r for r in store.case_reads("demo") if r["status"] == "complete"]
    read = store.read(done[0]["id"])
    for kq in fw.key_questions():
        if read.answers.get(kq.id) in ("yes", "no"):
            assert len(read.notes[kq.id]) > 40
    store.close()


def test_same_seed_same_demo_other_seed_other_demo(tmp_path, demo_path):
    again = tmp_path / "again.sqlite"
    demo.create_demo(again, seed=7)
    other = tmp_path / "other.sqlite"
    demo.create_demo(other, seed=8)
    assert content(again) == content(demo_path)
    assert content(other) != content(demo_path)


def test_demo_refuses_to_overwrite(demo_path):
    with pytest.raises(ValueError, match="already exists"):
        demo.create_demo(demo_path)


def test_cli_demo_prints_a_readable_summary(tmp_path, capsys):
    path = tmp_path / "d.sqlite"
    assert main(["demo", str(path), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "Demo inspection 'demo' created" in out
    assert re.search(r"Case reads: \d+ complete, \d+ in progress, \d+ not started", out)
    assert "local_assessor" in out


def test_demo_profiles_are_valid_for_the_framework(demo_path):
    store = FieldStore.open(demo_path)
    fw = store.framework("demo")
    for (profile,) in store.db.execute("SELECT profile FROM cases"):
        for key, value in json.loads(profile).items():
            options = [o.id for o in fw.scale(fw.profile_field(key).scale).options]
            assert value in options
    store.close()


def test_demo_with_central_sets_the_inspection_up_there(tmp_path, monkeypatch, central_location, capsys):
    """``hmip demo --central``: the central store holds the inspection as a lead would set
    it up (details, pinned framework, team with the demo key bound to its reader, sample
    and allocation identical to the laptop's), so the exported bundle is the reader's own
    and the report names provider, team and sample."""
    from sqlalchemy import select

    from hmip_desktop.core.central import schema
    from hmip_desktop.core.central.store import CentralStore, is_url
    from hmip_desktop.core.exchange.keys import load_key
    from hmip_desktop.core.reports.data import gather

    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    monkeypatch.chdir(tmp_path)
    keys = ["--keys", "k/central-store"] if is_url(central_location) else []
    assert main(["demo", "f.sqlite", "--central", central_location, "--keys", "k"]) == 0
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b.bundle"]) == 0
    assert main(["central", "import", central_location, "b.bundle", *keys]) == 0
    assert "48 case reads now current" in capsys.readouterr().out
    key_id = load_key(tmp_path / "k").key_id

    db = open_db(tmp_path / "f.sqlite")
    try:
        field_cases = {c: (sel, rank) for c, sel, rank in db.execute("SELECT case_id, selection, reserve_rank FROM cases")}
        field_reads = dict(db.execute("SELECT case_id, reader_id FROM case_reads").fetchall())
        field_team = {(m, r) for m, r in db.execute("SELECT id, role FROM team_members")}
    finally:
        db.close()
    assert set(field_reads.values()) == {demo.DEMO_READER}, "one laptop, one inspector: every read is theirs"
    assert field_team == {("lead1", "lead"), (demo.DEMO_READER, "inspector")}

    store = CentralStore.open(central_location)  # read-only: no keys needed
    try:
        with store.engine.connect() as conn:
            insp = conn.execute(select(schema.inspections)).one()
            team = {(m.member_id, m.role, m.key_id) for m in conn.execute(select(schema.team_members))}
            setup = {c.case_id: (c.selection, c.reserve_rank, c.reader_id) for c in conn.execute(select(schema.setup_cases))}
            readers = {r.reader_id for r in conn.execute(select(schema.revisions))}
            signer = conn.execute(select(schema.bundles.c.key_id)).scalar_one()
        assert (insp.id, insp.provider, insp.title) == ("demo", demo.PROVIDER, demo.TITLE)
        assert (insp.fieldwork_start, insp.fieldwork_end) == demo.FIELDWORK
        assert insp.framework_yaml and insp.framework_id == "adult_probation"
        assert team == {("lead1", "lead", None), (demo.DEMO_READER, "inspector", key_id)}
        assert signer == key_id and readers == {demo.DEMO_READER}
        assert {c: s[:2] for c, s in setup.items()} == field_cases
        assert {c: s[2] for c, s in setup.items() if s[0] == "sample"} == field_reads
        assert sum(s[0] == "sample" for s in setup.values()) == 48
        data = gather(store, "demo")
        assert data.inspection.provider == demo.PROVIDER and data.inspection.fieldwork_start == demo.FIELDWORK[0]
        assert {m["id"] for m in data.team} == {"lead1", demo.DEMO_READER}
        assert data.caseload_size == 420 and len(data.reads) == 48
    finally:
        store.engine.dispose()
    assert main(["report", central_location, "--inspection", "demo", "--out", "r.html"]) == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert demo.PROVIDER in html and "Inspector A (demo)" in html
