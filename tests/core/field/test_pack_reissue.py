"""A re-issued inspection pack for an inspection already on the laptop: applied when
newer and signed by the same lead key (allocation and sample updated, nothing recorded
lost); refused with one line when older, signed by another key, or pinning another
framework. Real packs from a central store on each backend."""

from __future__ import annotations

import json

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.central import packs
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.exchange.keys import new_key
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import read_records
from hmip_desktop.core.field.pack_import import import_pack
from hmip_desktop.core.field.store import FieldStore
from hmip_desktop.core.paths import forms_dir

PROFILE = {"gender": "female", "disposal_type": "licence", "risk_level": "high"}


def _case(case_id, selection, reader=None, rank=None, **extra):
    return {"case_id": case_id, "profile": PROFILE, "selection": selection, "reader_id": reader,
            "reserve_rank": rank, "stratum": "f|l|h", **extra}


@pytest.fixture
def world(tmp_path, monkeypatch, central_location):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    store = CentralStore.init(central_location, keys_dir=tmp_path / "central-keys")
    keys = {n: new_key(tmp_path / n, n) for n in ("lead", "insp", "insp2", "other_lead")}
    for n, role in (("lead", "lead"), ("insp", "inspector"), ("insp2", "inspector"), ("other_lead", "lead")):
        store.enrol(n, role, (tmp_path / n / "public.key").read_text())
    yaml_text = (forms_dir() / "adult_probation.yaml").read_text(encoding="utf-8")
    packs.create_inspection(store, "insp-1", yaml_text, "Test PDU", "Test inspection", ("2026-12-01", "2026-12-12"))
    team = [{"id": "lead1", "name": "Lead", "role": "lead", "key_id": keys["lead"].key_id},
            {"id": "insp1", "name": "Insp", "role": "inspector", "key_id": keys["insp"].key_id}]
    packs.set_team(store, "insp-1", team)
    packs.set_cases(store, "insp-1", [_case("AA-1", "sample", "insp1"), _case("AA-2", "sample", "lead1"),
                                      _case("AA-3", "reserve", rank=1), _case("AA-5", "sample", "insp1")])
    first = packs.create_pack(store, "insp-1", keys["lead"])
    laptop = tmp_path / "laptop.sqlite"
    db = open_db(laptop)
    import_pack(db, first, keys["insp"], keys["lead"].key_id[:20])
    # The inspector reads AA-1 (an answer); AA-5 is allocated but untouched.
    field = FieldStore(db, "insp1")
    reads = {r["case_id"]: r["id"] for r in field.case_reads("insp-1")}
    question = next(iter(field.framework("insp-1").questions())).id
    field.set_note(reads["AA-1"], question, "seen the plan")
    # The lead re-allocates: a new member, AA-1 replaced by the reserve AA-3 (given to insp1),
    # AA-2 moved to the new member, AA-5 taken off the sample.
    packs.set_team(store, "insp-1", [*team, {"id": "insp2", "name": "Insp 2", "role": "inspector",
                                             "key_id": keys["insp2"].key_id}])
    packs.set_cases(store, "insp-1", [_case("AA-1", "sample", replaced_by="AA-3"), _case("AA-2", "sample", "insp2"),
                                      _case("AA-3", "sample", "insp1", rank=1), _case("AA-5", "caseload")])
    yield {"store": store, "keys": keys, "db": db, "field": field, "first": first, "laptop": laptop,
           "question": question, "tmp": tmp_path}
    db.close()
    store.engine.dispose()


def _reads(db):
    return {case: (reader, has) for case, reader, has in db.execute(
        "SELECT r.case_id, r.reader_id, EXISTS (SELECT 1 FROM answers a WHERE a.case_read_id = r.id)"
        " FROM case_reads r WHERE r.inspection_id = 'insp-1'")}


def test_a_newer_pack_from_the_same_lead_updates_the_allocation_and_keeps_what_was_read(world):
    db, keys = world["db"], world["keys"]
    second = packs.create_pack(world["store"], "insp-1", keys["lead"])
    result = import_pack(db, second, keys["insp"], keys["lead"].key_id[:20])
    assert result["updated"] and not result["unchanged"]
    assert (result["added"], result["moved"], result["removed"], result["kept"]) == (1, 1, 1, 1)
    # AA-1, already read, keeps its read and its answer; the reserve AA-3 is now insp1's;
    # AA-2 went to the new member; the untouched AA-5 is gone with its case.
    assert _reads(db) == {"AA-1": ("insp1", 1), "AA-2": ("insp2", 0), "AA-3": ("insp1", 0)}
    assert {r[0] for r in db.execute("SELECT id FROM team_members WHERE inspection_id = 'insp-1'")} == {
        "lead1", "insp1", "insp2"}
    assert {c for (c,) in db.execute("SELECT case_id FROM cases")} == {"AA-1", "AA-2", "AA-3"}
    # The kept read stays, with its answer (its case left the sample: exports leave it out).
    records = {rec["case_id"]: rec for _, rec, _ in read_records(db, "insp-1")}
    assert records["AA-1"]["reader_id"] == "insp1"
    assert world["question"] in json.dumps(records["AA-1"], ensure_ascii=False)
    (event,) = db.execute("SELECT after FROM audit_log WHERE action = 'apply_pack'").fetchall()
    assert json.loads(event[0])["kept"] == 1
    # The same pack again: nothing to do; the first (older) pack: refused, nothing changed.
    assert import_pack(db, second, keys["insp"], keys["lead"].key_id[:20])["unchanged"]
    with pytest.raises(Rejected) as older:
        import_pack(db, world["first"], keys["insp"], keys["lead"].key_id[:20])
    assert "not after the one this laptop holds" in str(older.value) and "\n" not in str(older.value)
    assert _reads(db) == {"AA-1": ("insp1", 1), "AA-2": ("insp2", 0), "AA-3": ("insp1", 0)}


def test_a_pack_signed_by_another_lead_key_is_refused_even_when_trusted_by_hand(world):
    db, keys = world["db"], world["keys"]
    packs.set_team(world["store"], "insp-1", [
        {"id": "lead2", "name": "Other lead", "role": "lead", "key_id": keys["other_lead"].key_id},
        {"id": "insp1", "name": "Insp", "role": "inspector", "key_id": keys["insp"].key_id}])
    foreign = packs.create_pack(world["store"], "insp-1", keys["other_lead"])
    before = _reads(db)
    with pytest.raises(Rejected) as refused:
        import_pack(db, foreign, keys["insp"], keys["other_lead"].key_id)
    assert str(refused.value).startswith("inspection pack for insp-1 is signed by key ")
    assert "not by the key " + keys["lead"].key_id[:16] in str(refused.value)
    assert _reads(db) == before
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'apply_pack'").fetchone()[0] == 0


def test_hmip_pack_import_applies_a_reissue_and_refuses_an_older_one_with_one_line(world, capsys):
    keys, tmp = world["keys"], world["tmp"]
    world["db"].close()
    (tmp / "second.pack").write_bytes(packs.create_pack(world["store"], "insp-1", keys["lead"]))
    (tmp / "first.pack").write_bytes(world["first"])
    args = ["--key", str(tmp / "insp"), "--trust", keys["lead"].key_id[:16]]
    assert main(["pack", "import", str(world["laptop"]), str(tmp / "second.pack"), *args]) == 0
    assert "updated" in capsys.readouterr().out
    assert main(["pack", "import", str(world["laptop"]), str(tmp / "first.pack"), *args]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "not after the one this laptop holds" in err
    world["db"] = open_db(world["laptop"])
    assert _reads(world["db"])["AA-3"] == ("insp1", 0)


# -- a read of a case re-allocated to another member (docs/decisions.md, "Re-issued inspection packs") --


def _reallocate_aa1(world) -> None:
    """The lead moves AA-1 (read by insp1, never sent) to insp2; AA-5 stays insp1's."""
    packs.set_cases(world["store"], "insp-1", [_case("AA-1", "sample", "insp2"), _case("AA-2", "sample", "insp2"),
                                               _case("AA-3", "reserve", rank=1), _case("AA-5", "sample", "insp1")])
    second = packs.create_pack(world["store"], "insp-1", world["keys"]["lead"])
    assert import_pack(world["db"], second, world["keys"]["insp"], world["keys"]["lead"].key_id[:20])["kept"] == 1


def test_a_reallocated_read_stays_on_the_laptop_out_of_the_bundle_and_the_rest_is_imported(world):
    from hmip_desktop.core.central import importer
    from hmip_desktop.core.field import outbox, reallocation
    from hmip_desktop.core.field.export import export_bundle

    db, keys, field = world["db"], world["keys"], world["field"]
    reads = {r["case_id"]: r["id"] for r in field.case_reads("insp-1")}
    field.set_note(reads["AA-5"], world["question"], "seen the assessment")
    _reallocate_aa1(world)
    assert reallocation.reallocated_cases(db, "insp-1") == {"AA-1"}
    summary = export_bundle(db, "insp-1", keys["insp"], world["tmp"] / "one.bundle")
    assert summary["reads"] == 1
    (line,) = summary["left_out"]
    assert line.text("en") == ("case AA-1 is now allocated to Insp 2: your read stays on this laptop, with work the "
                               "central store has never received; ask the lead inspector")
    assert line.text("cy").startswith("mae achos AA-1 bellach wedi'i ddyrannu i Insp 2")
    # The read is still here, untouched; the central store takes the rest of the bundle.
    assert _reads(db)["AA-1"] == ("insp1", 1)
    result = importer.import_bundle(world["store"], (world["tmp"] / "one.bundle").read_bytes())
    assert result.outcomes == {"head": 1}
    # Sync does not export again for the read it cannot send.
    assert outbox._changed_inspections(db) == []


def test_a_sent_then_reallocated_read_is_named_plainly_and_hmip_export_prints_the_line(world, capsys):
    from hmip_desktop.core.central import importer
    from hmip_desktop.core.field.export import export_bundle

    db, keys = world["db"], world["keys"]
    packs.set_cases(world["store"], "insp-1", [_case("AA-1", "sample", "insp1"), _case("AA-2", "sample", "insp2"),
                                               _case("AA-3", "reserve", rank=1), _case("AA-5", "sample", "insp1")])
    first = export_bundle(db, "insp-1", keys["insp"], world["tmp"] / "first.bundle")
    assert first["reads"] == 2 and first["left_out"] == []
    importer.import_bundle(world["store"], (world["tmp"] / "first.bundle").read_bytes())
    _reallocate_aa1(world)
    db.close()
    out = world["tmp"] / "second.bundle"
    assert main(["export", str(world["laptop"]), "--inspection", "insp-1", "--key", str(world["tmp"] / "insp"),
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == "case AA-1 is now allocated to Insp 2: your read stays on this laptop; ask the lead inspector"
    assert "1 case reads" in printed[0]
    assert importer.import_bundle(world["store"], out.read_bytes()).outcomes == {"known": 1}
    world["db"] = open_db(world["laptop"])


def test_a_reallocated_read_is_shown_as_such_and_cannot_be_changed(world):
    from hmip_desktop.core.field.store import ReadLocked

    _reallocate_aa1(world)
    field = FieldStore(world["db"], "insp1")
    rows = {r["case_id"]: r for r in field.case_reads("insp-1")}
    assert rows["AA-1"]["reallocated"] and not rows["AA-5"]["reallocated"]
    read = field.read(rows["AA-1"]["id"])
    assert read.reallocated
    with pytest.raises(ReadLocked) as locked:
        field.set_note(read.id, world["question"], "more")
    assert "AA-1 is now allocated to someone else" in str(locked.value)
    assert _reads(world["db"])["AA-1"] == ("insp1", 1)
