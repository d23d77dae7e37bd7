"""Case reads arriving after sign-off (ratings are computed, never stored, so a new
revision would silently change signed-off ratings): ``hmip central import`` refuses a
bundle bringing a revision the store does not hold while the inspection is signed off
(one line naming the case and saying the lead must reopen it; event log; store
otherwise unchanged), answers the very same bundle sent again with its receipt, takes
a bundle holding only revisions it has, and takes the refused bundle once reopened.
Every test runs on SQLite and on PostgreSQL (``backend_world``: the same world cloned
into a fresh database)."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select, update

from hmip_desktop.cli import main
from hmip_desktop.core.central import schema
from hmip_desktop.core.exchange.keys import load_key, new_key
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import export_bundle
from hmip_desktop.core.field.store import FieldStore

from .conftest import dump_store


@pytest.fixture
def world(backend_world):
    """This module's world on the ``backend`` of the test (SQLite and PostgreSQL)."""
    return backend_world


def _lead(world) -> str:
    new_key(world.root / "lead", "Lead inspector")
    world.central.enrol("Lead inspector", "lead", (world.root / "lead" / "public.key").read_text(encoding="utf-8"))
    tm = schema.team_members
    with world.central.engine.begin() as conn:
        conn.execute(update(tm).where(tm.c.inspection_id == "demo", tm.c.member_id == "lead1").values(
            key_id=load_key(world.root / "lead").key_id))
    return str(world.root / "lead")


def _edit_and_export(world, name: str) -> str:
    """Change one of insp1's case reads on the laptop and export; returns its case id."""
    db = open_db(world.field_path)
    store = FieldStore(db, "insp1")
    try:
        rid, case_id, qid = db.execute(
            "SELECT r.id, r.case_id, a.question_id FROM case_reads r JOIN answers a ON a.case_read_id = r.id"
            " WHERE r.reader_id = 'insp1' AND r.status = 'in_progress' ORDER BY r.case_id, a.question_id LIMIT 1").fetchone()
        store.set_note(rid, qid, "Seen again after the interview")
        export_bundle(db, "demo", world.key(), world.root / name)
        return case_id
    finally:
        store.close()


def _cli(*args: str) -> int:
    return main(list(args))


def test_a_new_revision_after_sign_off_is_refused_until_the_inspection_is_reopened(world, capsys):
    store = world.store_args
    lead = _lead(world)
    case_id = _edit_and_export(world, "late.bundle")
    assert _cli("central", "signoff", *store, "--inspection", "demo", "--key", lead) == 0
    capsys.readouterr()
    ratings = _cli("central", "ratings", world.location, "--inspection", "demo", "--json") == 0 and capsys.readouterr().out
    before = dump_store(world.central)

    assert _cli("central", "import", *store, str(world.root / "late.bundle")) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    line = int(re.search(rf"case_reads\.jsonl:(\d+): case {re.escape(case_id)}: ", err).group(1))
    assert "is signed off" in err and "the lead inspector must reopen the inspection" in err and "send it again" in err
    after = dump_store(world.central)
    assert {k: v for k, v in after.items() if k != "events"} == {k: v for k, v in before.items() if k != "events"}
    with world.central.engine.connect() as conn:
        last = conn.execute(select(schema.events).order_by(schema.events.c.seq.desc()).limit(1)).first()
    assert last.action == "bundle_refused"
    assert {k: json.loads(last.after)[k] for k in ("rule", "case_id", "line")} == {"rule": "signed_off",
                                                                                   "case_id": case_id, "line": line}
    assert _cli("central", "ratings", world.location, "--inspection", "demo", "--json") == 0
    assert capsys.readouterr().out == ratings  # the signed-off ratings stand

    # Idempotent: the bundle imported before sign-off, sent again, answers with its receipt.
    receipts = world.root / "receipts"
    receipts.mkdir()
    assert _cli("central", "import", *store, str(world.root / "b0.bundle"), "--receipts", str(receipts)) == 0
    assert "was already imported: nothing changed" in capsys.readouterr().out
    assert (receipts / "b0.bundle.receipt").exists()
    # A new bundle holding only revisions the store has changes no rating: it is taken.
    assert _cli("central", "import", *store, str(world.root / "b1.bundle")) == 0
    assert "1" in capsys.readouterr().out

    assert _cli("central", "reopen", *store, "--inspection", "demo", "--key", lead, "--reason",
                "a late interview note for one case") == 0
    assert _cli("central", "import", *store, str(world.root / "late.bundle")) == 0
    assert "1 case read now current" in capsys.readouterr().out
