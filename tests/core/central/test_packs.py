"""Inspection packs: central store → laptop round trip, and tampered or foreign packs refused."""

import pytest

from hmip_desktop.core.central import packs
from hmip_desktop.core.central.store import CentralError, CentralStore
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.exchange.keys import new_key
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.pack_import import import_pack
from hmip_desktop.core.field.store import FieldStore
from hmip_desktop.core.paths import forms_dir


@pytest.fixture
def setup(tmp_path, monkeypatch, central_location):
    """An inspection set up on a central store on each backend (``central_location``)."""
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    store = CentralStore.init(central_location, keys_dir=tmp_path / "central-keys")
    lead, insp, outsider = (new_key(tmp_path / n, n) for n in ("lead", "insp", "outsider"))
    store.enrol("Lead", "lead", (tmp_path / "lead" / "public.key").read_text())
    store.enrol("Insp", "inspector", (tmp_path / "insp" / "public.key").read_text())
    store.enrol("Out", "inspector", (tmp_path / "outsider" / "public.key").read_text())
    yaml_text = (forms_dir() / "adult_probation.yaml").read_text(encoding="utf-8")
    packs.create_inspection(store, "insp-1", yaml_text, "Test PDU", "Test inspection", ("2026-12-01", "2026-12-12"))
    packs.set_team(store, "insp-1", [
        {"id": "lead1", "name": "Lead", "role": "lead", "key_id": lead.key_id},
        {"id": "insp1", "name": "Insp", "role": "inspector", "key_id": insp.key_id},
    ])
    profile = {"gender": "female", "disposal_type": "licence", "risk_level": "high"}
    packs.set_cases(store, "insp-1", [
        {"case_id": "AA-1", "profile": profile, "selection": "sample", "reader_id": "insp1", "stratum": "f|l|h"},
        {"case_id": "AA-2", "profile": profile, "selection": "sample", "reader_id": "lead1", "stratum": "f|l|h"},
        {"case_id": "AA-3", "profile": profile, "selection": "reserve", "reserve_rank": 1, "stratum": "f|l|h"},
        {"case_id": "AA-4", "profile": profile, "selection": "caseload", "stratum": "f|l|h"},
    ])
    yield tmp_path, store, lead, insp, outsider
    store.engine.dispose()


def test_pack_round_trip_creates_the_inspection_on_the_laptop(setup):
    tmp, store, lead, insp, _ = setup
    data = packs.create_pack(store, "insp-1", lead)
    db = open_db(tmp / "laptop.sqlite")
    counts = import_pack(db, data, insp, lead.key_id[:20])
    assert counts["user"] == "insp1" and counts["reads"] == 2 and counts["cases"] == 3
    field = FieldStore(db, "insp1")
    assert {r["case_id"] for r in field.case_reads("insp-1")} == {"AA-1", "AA-2"}
    assert field.inspection("insp-1")["fieldwork_start"] == "2026-12-01"
    assert field.setting("central_store_id") == store.store_id
    assert "AA-4" not in {row[0] for row in db.execute("SELECT case_id FROM cases")}, "unsampled cases stay central"


@pytest.mark.parametrize("position", [20, 100, 300, -500, -40, -1])
def test_a_tampered_pack_is_refused_and_nothing_created(setup, position):
    tmp, store, lead, insp, _ = setup
    data = bytearray(packs.create_pack(store, "insp-1", lead))
    data[position] ^= 0x01
    db = open_db(tmp / "laptop.sqlite")
    with pytest.raises(Rejected):
        import_pack(db, bytes(data), insp, lead.key_id[:20])
    assert db.execute("SELECT count(*) FROM inspections").fetchone()[0] == 0


def test_untrusted_signer_and_outsiders_are_refused(setup):
    tmp, store, lead, insp, outsider = setup
    data = packs.create_pack(store, "insp-1", lead)
    db = open_db(tmp / "laptop.sqlite")
    with pytest.raises(Rejected, match="not by the trusted key"):
        import_pack(db, data, insp, insp.key_id[:20])
    with pytest.raises(Rejected, match="another team"):
        import_pack(db, data, outsider, lead.key_id[:20])
    with pytest.raises(Rejected, match="16 hex digits"):
        import_pack(db, data, insp, "abc")
    with pytest.raises(CentralError, match="lead inspector"):
        packs.create_pack(store, "insp-1", insp)
