"""Moderation round trip: a changed judgement changes the effective answer and the
ratings; the reader's original and the rationale stay on record; the central event log
records both; sign-off locks and reopening is recorded and signed."""

import json

import pytest
from sqlalchemy import select

from hmip_desktop.cli import main
from hmip_desktop.core.central import events, moderation, schema
from hmip_desktop.core.central.answers import answers_by_case, effective_rows, framework_for
from hmip_desktop.core.central.ratings import rate
from hmip_desktop.core.central.store import CentralError, CentralStore, is_url
from hmip_desktop.core.exchange.keys import load_key


def _keys_args(location, tmp_path):
    """``--keys DIR`` for a PostgreSQL store (``hmip demo`` puts its keys in
    k/central-store); nothing for a SQLite file (its keys sit beside it)."""
    return ["--keys", str(tmp_path / "k" / "central-store")] if is_url(location) else []


@pytest.fixture
def world(tmp_path, monkeypatch, central_location):
    """The demo on a central store on each backend (``central_location``)."""
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    monkeypatch.chdir(tmp_path)
    keys = _keys_args(central_location, tmp_path)
    assert main(["demo", "f.sqlite", "--central", central_location, "--keys", "k"]) == 0
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b.bundle"]) == 0
    assert main(["central", "import", central_location, "b.bundle", *keys]) == 0
    store = CentralStore.open(central_location, keys_dir=tmp_path / "k" / "central-store" if keys else None)
    yield tmp_path, store, framework_for(store, "demo")
    store.engine.dispose()


def _a_yes(store, fw):
    kq = next(iter(fw.key_questions()))
    row = next(r for r in effective_rows(store, "demo") if r["question_id"] == kq.id and r["value"] == "yes")
    return row["case_id"], kq.id


def test_a_changed_judgement_changes_the_effective_answer_and_ratings(world):
    _, store, fw = world
    before = rate(fw, "demo", answers_by_case(effective_rows(store, "demo")))
    case_id, qid = _a_yes(store, fw)
    with pytest.raises(CentralError, match="rationale"):
        moderation.moderate(store, "demo", case_id, qid, "no", "", "lead1", fw)
    assert moderation.moderate(store, "demo", case_id, qid, "no", "Engagement not evidenced in the record",
                               "lead1", fw) == "changed"
    rows = {(r["case_id"], r["question_id"]): r for r in effective_rows(store, "demo")}
    assert rows[(case_id, qid)]["value"] == "no" and rows[(case_id, qid)]["moderated"] is True
    after = rate(fw, "demo", answers_by_case(effective_rows(store, "demo")))
    fig_before = before.standards[0].key_questions[0]
    fig_after = after.standards[0].key_questions[0]
    assert fig_after.sufficient == fig_before.sufficient - 1 and fig_after.applicable == fig_before.applicable
    with store.engine.connect() as conn:
        original = conn.execute(select(schema.revision_answers.c.value).where(
            schema.revision_answers.c.case_id == case_id, schema.revision_answers.c.question_id == qid)).scalar()
        record = conn.execute(select(schema.moderations)).one()
        log = events.for_inspection(conn, "demo")
        assert events.verify(conn).ok
    assert json.loads(original) == "yes", "the reader's original stays on record"
    assert (json.loads(record.original_value), json.loads(record.moderated_value)) == ("yes", "no")
    assert record.rationale == "Engagement not evidenced in the record"
    assert [e["action"] for e in log] == ["moderate:changed"]
    assert (json.loads(log[0]["before"]), json.loads(log[0]["after"])) == ("yes", "no")


def test_agreeing_needs_no_rationale_and_returned_reads_need_comments(world):
    _, store, fw = world
    case_id, qid = _a_yes(store, fw)
    assert moderation.moderate(store, "demo", case_id, qid, "yes", "", "lead1", fw) == "agreed"
    with pytest.raises(CentralError, match="comments"):
        moderation.finish_read(store, "demo", case_id, "returned", " ", "lead1")
    moderation.finish_read(store, "demo", case_id, "returned", "Please add the MAPPA check", "lead1")
    with pytest.raises(CentralError, match="not one of"):
        moderation.moderate(store, "demo", case_id, qid, "maybe", "x", "lead1", fw)


def _local_assessor_sends(tmp, store):
    """The local assessor (la1) gets an enrolled key and a laptop of their own (a copy of
    the demo's, with its own device id, as la1's), and sends their reads."""
    import shutil
    import uuid

    from sqlalchemy import update

    from hmip_desktop.core.central import importer
    from hmip_desktop.core.exchange.keys import new_key
    from hmip_desktop.core.field.db import open_db, write_transaction
    from hmip_desktop.core.field.export import export_bundle, set_user

    key = new_key(tmp / "la-key", "Local assessor")
    store.enrol("Local assessor", "local_assessor", (tmp / "la-key" / "public.key").read_text(encoding="utf-8"))
    tm = schema.team_members
    with store.engine.begin() as conn:
        conn.execute(update(tm).where(tm.c.inspection_id == "demo", tm.c.member_id == "la1").values(key_id=key.key_id))
    shutil.copyfile(tmp / "f.sqlite", tmp / "la.sqlite")
    db = open_db(tmp / "la.sqlite")
    try:
        with write_transaction(db):
            db.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", [uuid.uuid4().hex])
        set_user(db, "la1")
        export_bundle(db, "demo", key, tmp / "la.bundle")
    finally:
        db.close()
    assert importer.import_file(store, tmp / "la.bundle").outcomes == {"head": 16}


def test_qa_sample_is_reproducible_and_weighted_to_local_assessors(world):
    _, store, _ = world
    # The demo laptop is one inspector's (insp1 read all 48): the same reads taken as a
    # local assessor's get the larger share.
    assert {r["inspector"] for r in effective_rows(store, "demo")} == {"insp1"}
    a = moderation.qa_sample(store, "demo", seed=4)
    assert a == moderation.qa_sample(store, "demo", seed=4)
    assert len(a) == 10, "inspectors: 20% of 48, rounded up (the team says insp1 is an inspector)"
    as_la = moderation.qa_sample(store, "demo", seed=4, roles={"insp1": "local_assessor"})
    assert len(as_la) == 24 and len(as_la) / 48 > len(a) / 48


def test_override_sign_off_lock_and_reopen(world):
    tmp, store, fw = world
    from hmip_desktop.core.exchange.keys import new_key

    new_key(tmp / "lead", "Lead")
    store.enrol("Lead", "lead", (tmp / "lead" / "public.key").read_text())
    lead = load_key(tmp / "lead")
    with pytest.raises(CentralError, match="reason"):
        moderation.set_override(store, "demo", "planning", "good", "", "lead1", fw)
    moderation.set_override(store, "demo", "planning", "good", "Plans were personalised despite the figures",
                            "lead1", fw)
    ratings = rate(fw, "demo", answers_by_case(effective_rows(store, "demo")), moderation.overrides_for(store, "demo"))
    planning = next(s for s in ratings.standards if s.id == "planning")
    assert planning.override == "good" and planning.rating is not None
    with pytest.raises(CentralError, match="lead inspector"):
        moderation.sign_off(store, "demo", load_key(tmp / "k"), ratings.as_json())
    moderation.sign_off(store, "demo", lead, ratings.as_json())
    case_id, qid = _a_yes(store, fw)
    with pytest.raises(CentralError, match="signed off"):
        moderation.moderate(store, "demo", case_id, qid, "no", "late change", "lead1", fw)
    moderation.reopen(store, "demo", lead, "Provider factual accuracy check", ratings.as_json())
    assert moderation.moderate(store, "demo", case_id, qid, "no", "after reopening", "lead1", fw) == "changed"
    with store.engine.connect() as conn:
        actions = [e["action"] for e in events.for_inspection(conn, "demo")]
    assert actions == ["override", "sign_off", "reopen", "moderate:changed"]


def test_returned_comments_travel_back_with_the_next_receipt(world, capsys, central_location):
    tmp, store, fw = world
    case_id, _ = _a_yes(store, fw)
    moderation.finish_read(store, "demo", case_id, "returned", "Please record the MAPPA level", "lead1")
    capsys.readouterr()
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b2.bundle"]) == 0
    assert main(["central", "import", central_location, "b2.bundle", *_keys_args(central_location, tmp)]) == 0
    assert main(["receipt", "f.sqlite", "b2.bundle.receipt", "--key", "k"]) == 0
    assert "1 case read(s) returned by the lead inspector" in capsys.readouterr().out
    from hmip_desktop.core.field.store import FieldStore

    field = FieldStore.open(tmp / "f.sqlite")
    read_id = field.db.execute("SELECT id FROM case_reads WHERE case_id = ?", [case_id]).fetchone()[0]
    assert field.read(read_id).lead_comments[0]["comments"] == "Please record the MAPPA level"
    field.close()
