"""The two refusals added for issues 13/14, on SQLite and PostgreSQL alike
(``central_location``): a team judgement of a standard the set-up assigned to someone
else, and a new case read revision while the inspection is signed off. Each leaves the
store unchanged but for the refusal in the event log; reopening lets the read in."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from hmip_desktop.core.central import assignments, importer, moderation, schema
from hmip_desktop.core.central.answers import rate_inspection
from hmip_desktop.core.central.authorise import Refused
from hmip_desktop.core.field import evidence
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.frameworks import load_text
from tests.core.central.test_backends import _passphrase, dump, edit, export, kit, laptop, new_store  # noqa: F401


@pytest.fixture
def store(central_location, tmp_path, kit):  # noqa: F811
    s = new_store(central_location, tmp_path / "central-keys", kit)
    key_id = s.enrol("Lead inspector", "lead", kit.public("lead"))
    tm = schema.team_members
    with s.engine.begin() as conn:
        conn.execute(update(tm).where(tm.c.inspection_id == "demo", tm.c.member_id == "lead1").values(key_id=key_id))
    yield s
    s.engine.dispose()


def _last_refusal(store) -> dict:
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.events.c.after).where(schema.events.c.action == "bundle_refused")
                           .order_by(schema.events.c.seq.desc()).limit(1)).first()
    return json.loads(row.after)


def _but_events(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "events"}


def test_a_judgement_on_a_standard_assigned_to_another_is_refused(store, kit, tmp_path):  # noqa: F811
    field = laptop(kit, tmp_path / "f.sqlite", store)
    db = open_db(field)
    try:
        fw = load_text(db.execute("SELECT framework_yaml FROM inspections WHERE id = 'demo'").fetchone()[0])
        evidence.record(db, fw, "demo", "leadership", "leadership_vision", "good", "Board minutes")
    finally:
        db.close()
    bundle = export(field, kit.key("k"), tmp_path / "e.bundle")
    assignments.assign(store, "demo", "leadership", "lead1")
    before = dump(store)
    with pytest.raises(Refused, match="standard 'leadership' is assigned to lead1, not to insp1"):
        importer.import_file(store, bundle)
    assert _but_events(dump(store)) == _but_events(before)
    assert _last_refusal(store)["rule"] == "evidence_not_assigned"


def test_a_new_revision_after_sign_off_waits_for_reopening(store, kit, tmp_path):  # noqa: F811
    field = laptop(kit, tmp_path / "f.sqlite", store)
    first = export(field, kit.key("k"), tmp_path / "b0.bundle")
    importer.import_file(store, first)
    moderation.sign_off(store, "demo", kit.key("lead"), rate_inspection(store, "demo").as_json())
    case_id = edit(field, 0, "no", "read again")
    late = export(field, kit.key("k"), tmp_path / "b1.bundle")
    before = dump(store)
    with pytest.raises(Refused, match=rf"case {case_id}: inspection 'demo' is signed off.*must reopen"):
        importer.import_file(store, late)
    assert _but_events(dump(store)) == _but_events(before)
    assert (_last_refusal(store)["rule"], _last_refusal(store)["case_id"]) == ("signed_off", case_id)
    assert not importer.import_file(store, first).newly_imported  # the same bundle again: its receipt
    moderation.reopen(store, "demo", kit.key("lead"), "a late read", rate_inspection(store, "demo").as_json())
    result = importer.import_file(store, late)
    assert result.newly_imported and result.outcomes.get("head") == 1
