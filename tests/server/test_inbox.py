"""What waits for a member comes to the laptop: inspection packs published by
``pack create`` (imported as ``hmip pack import`` does, signed by the lead key trusted
at the first import) and receipts; another member's items are not given."""

from __future__ import annotations

import httpx
import pytest

from hmip_desktop.core import demo
from hmip_desktop.core.central import packs, setup_flow
from hmip_desktop.core.exchange import sync_protocol as proto
from hmip_desktop.core.field import outbox
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.pack_import import import_pack
from hmip_desktop.core.field.sync_client import sync

from .conftest import ca_context

pytestmark = pytest.mark.slow


def test_a_new_pack_and_receipts_come_through_the_inbox(sync_world):
    central, root = sync_world.central, sync_world.root
    lead = sync_world.key("lead")
    first_pack = packs.create_pack(central, "demo", lead)
    # A second inspection for the same team, set up centrally after the laptop got its first pack.
    demo.create_demo(root / "d2.sqlite", inspection_id="demo2")
    db = open_db(root / "d2.sqlite")
    try:
        setup_flow.set_up_from_field(central, db, "demo2", {"insp1": sync_world.key("k").key_id,
                                                            "insp2": sync_world.key("k2").key_id})
    finally:
        db.close()
    # Inspector A's new laptop: the first pack by file, with the lead's fingerprint.
    laptop = root / "new.sqlite"
    db = open_db(laptop, create=True)
    try:
        import_pack(db, first_pack, sync_world.key("k"), lead.key_id[:16])
    finally:
        db.close()
    packs.create_pack(central, "demo2", lead)  # published: the laptop has not seen it
    server = sync_world.server()

    db = open_db(laptop)
    try:
        result = sync(db, laptop, sync_world.key("k"), server.url, ca=sync_world.tls["ca"])
        assert result.packs == 1 and not result.refused, result.describe()
        assert {r[0] for r in db.execute("SELECT id FROM inspections")} == {"demo", "demo2"}
        seen = dict(db.execute("SELECT outcome, count(*) FROM inbox_seen GROUP BY outcome").fetchall())
        # (its never-exported reads went first: that receipt, answered to the upload, is listed too)
        assert seen == {"imported": 1, "not needed": 1, "already recorded": 1}
        # Its receipt, lost by the laptop (say a crash before recording it), is fetched from the inbox.
        db.execute("UPDATE case_reads SET edit_count = edit_count + 1 WHERE inspection_id = 'demo'"
                   " AND reader_id = 'insp1' AND case_id = (SELECT min(case_id) FROM case_reads WHERE reader_id = 'insp1')")
        db.conn.commit()
        outbox.queue_changes(db, laptop, sync_world.key("k"))
        waiting = outbox.to_send(db)  # demo's change, and demo2's reads (never exported)
        assert sorted(e.inspection_id for e in waiting) == ["demo", "demo2"]
        for entry in waiting:  # sent, but the answers never recorded
            answer = httpx.post(server.url + proto.BUNDLES_PATH, content=outbox.read(entry),
                                verify=ca_context(sync_world.tls))
            assert answer.status_code == 201
        later = sync(db, laptop, sync_world.key("k"), server.url, ca=sync_world.tls["ca"])
        # sending them again gives their receipts (imported once); the inbox copies are then already recorded
        assert later.receipts == 2 and later.waiting == 0 and len(later.sent) == 2, later.describe()
        assert sync_world.count("SELECT count(*) FROM bundles") == 3
        assert [e.state for e in outbox.entries(db)] == ["receipt_received"] * len(outbox.entries(db))
    finally:
        db.close()

    # Inspector B sees the packs of the team it is on, never A's receipts.
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as client:
        request = client.build_request("GET", proto.INBOX_PATH)
        proto.sign_request(request, sync_world.key("k2"))
        items = client.send(request).json()["items"]
        assert {i["kind"] for i in items} == {"pack"}
        db = open_db(laptop)
        try:
            receipt_id = db.execute("SELECT receipt_id FROM receipts LIMIT 1").fetchone()[0]
        finally:
            db.close()
        request = client.build_request("GET", f"{proto.ITEMS_PATH}/receipt/{receipt_id}")
        proto.sign_request(request, sync_world.key("k2"))
        other = client.send(request)
        assert other.status_code == 404 and other.text == "no such receipt for this key\n"


def test_a_read_returned_after_its_receipt_comes_back_with_the_comments(sync_world):
    from hmip_desktop.core.central import moderation

    laptop = sync_world.laptop()
    server = sync_world.server()
    db = open_db(laptop)
    try:
        first = sync(db, laptop, sync_world.key("k"), server.url, ca=sync_world.tls["ca"])
        assert first.receipts == 1, first.describe()
        case_id = db.execute("SELECT min(case_id) FROM case_reads WHERE reader_id = 'insp1'").fetchone()[0]
        # Nothing new: the inbox holds only the receipt already recorded.
        quiet = sync(db, laptop, sync_world.key("k"), server.url, ca=sync_world.tls["ca"])
        assert quiet.receipts == 0 and not quiet.refused
        # The lead returns the read after that receipt went out; the laptop sends nothing new.
        moderation.finish_read(sync_world.central, "demo", case_id, "returned", "Add the interview date, please.",
                               "lead1")
        later = sync(db, laptop, sync_world.key("k"), server.url, ca=sync_world.tls["ca"])
        assert later.sent == [] and later.receipts == 1 and not later.refused, later.describe()
        assert db.execute("SELECT case_id, comments, moderator FROM read_comments").fetchall() == [
            (case_id, "Add the interview date, please.", "lead1")]
        # Once only: the same return is not fetched again.
        again = sync(db, laptop, sync_world.key("k"), server.url, ca=sync_world.tls["ca"])
        assert again.receipts == 0
    finally:
        db.close()
    # Another inspector's signed inbox does not offer it.
    with httpx.Client(base_url=server.url, verify=ca_context(sync_world.tls)) as client:
        request = client.build_request("GET", proto.INBOX_PATH, params={"device": "x" * 32})
        proto.sign_request(request, sync_world.key("k2"))
        assert client.send(request).json()["items"] == []



def test_a_reissued_pack_comes_through_sync_and_keeps_what_was_read(sync_world):
    """The lead re-allocates after the laptop sent its reads: the newer pack, signed by
    the same lead key, is applied by sync; the read already recorded stays the
    inspector's and is still exported; an older pack is never applied over it."""
    import json

    from sqlalchemy import select

    from hmip_desktop.core.central import schema
    from hmip_desktop.core.field.export import read_records
    from hmip_desktop.core.field.store import FieldStore

    central, root, lead = sync_world.central, sync_world.root, sync_world.key("lead")
    first_pack = packs.create_pack(central, "demo", lead)
    laptop = root / "new.sqlite"
    db = open_db(laptop, create=True)
    server = sync_world.server()

    def note(text):
        field = FieldStore(db, "insp1")
        read_id = next(r["id"] for r in field.case_reads("demo") if r["case_id"] == mine[0])
        field.set_note(read_id, next(iter(field.framework("demo").questions())).id, text)

    def run():
        result = sync(db, laptop, sync_world.key("k"), server.url, ca=sync_world.tls["ca"])
        assert not result.refused and result.waiting == 0, result.describe()
        return result

    try:
        import_pack(db, first_pack, sync_world.key("k"), lead.key_id[:16])
        mine = sorted(c for (c,) in db.execute("SELECT case_id FROM case_reads WHERE reader_id = 'insp1'"))
        note("read before the re-allocation")
        assert len(run().sent) == 1
        # Centrally: insp1's first two cases go to insp2 (the first one read on the laptop).
        with central.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(schema.setup_cases).where(
                schema.setup_cases.c.inspection_id == "demo"))]
        for r in rows:
            r["profile"] = json.loads(r["profile"])
            if r["case_id"] in mine[:2]:
                r["reader_id"] = "insp2"
        packs.set_cases(central, "demo", rows)
        packs.create_pack(central, "demo", lead)
        assert run().packs == 1
        seen = dict(db.execute("SELECT outcome, count(*) FROM inbox_seen WHERE kind = 'pack' GROUP BY outcome"))
        assert seen == {"applied": 1, "not needed": 1}
        readers = dict(db.execute("SELECT case_id, reader_id FROM case_reads WHERE inspection_id = 'demo'"))
        assert readers[mine[0]] == "insp1", "the read already recorded stays the inspector's"
        assert readers[mine[1]] == "insp2", "an untouched read follows the new allocation"
        exported = {rec["case_id"]: rec["reader_id"] for _, rec, _ in read_records(db, "demo")}
        assert exported[mine[0]] == "insp1", "the kept read is still exported"
        assert db.execute("SELECT count(*) FROM answers a JOIN case_reads r ON r.id = a.case_read_id"
                          " WHERE r.case_id = ?", [mine[0]]).fetchone()[0] == 1
        # Nothing more to do: both packs are now the applied one or older, and never fetched again.
        assert run().packs == 0
    finally:
        db.close()
    assert sync_world.count("SELECT count(*) FROM bundles") == 1
