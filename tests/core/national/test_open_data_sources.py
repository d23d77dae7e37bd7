"""Open data when two central stores use the same inspection id (an inspection is the
pair (central store, inspection id)): each row carries its own provider's attributes
and its own ratings, in the CSV, the XLSX and the JSON."""

from __future__ import annotations

import csv
import json

import openpyxl
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hmip_desktop.cli import main
from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import synthetic
from hmip_desktop.core.national.store import NationalStore


def test_same_inspection_id_from_two_central_stores(tmp_path, capsys):
    nat = tmp_path / "n.sqlite"
    store = NationalStore.init(nat)
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    store.trust(public_line(lead.public, "Lead"), "Lead")
    contents = []
    for n, (source, region, size, ftype, start) in enumerate((("north", "North East", 700, "pdu", "2026-03-02"),
                                                              ("south", "South West", 1900, "crc", "2026-05-11"))):
        c = synthetic.results(n, 20, 6, seed=31, standards=3)
        c["inspection"] = c["ratings"]["inspection"] = "area1"
        for m in c["moderations"]:
            m["inspection_id"] = "area1"
        c["store_id"] = source
        c["provider"].update(name=f"Provider {source}", region=region, caseload_size=size, type=ftype)
        c["fieldwork"] = {"start": start, "end": start}
        contents.append(c)
        (tmp_path / f"{source}.results").write_bytes(synthetic.seal(c, lead, store.recipient))
    store.close()
    assert main(["national", "import", str(nat), str(tmp_path / "north.results"), str(tmp_path / "south.results")]) == 0
    assert main(["national", "open-data", str(nat), "--out", str(tmp_path / "open")]) == 0
    capsys.readouterr()

    doc = json.loads((tmp_path / "open" / "ratings.json").read_text(encoding="utf-8"))
    assert len(doc["inspections"]) == 2
    by_provider = {i["provider"]: i for i in doc["inspections"]}
    rows = list(csv.DictReader((tmp_path / "open" / "ratings.csv").read_text(encoding="utf-8-sig").splitlines()))
    wb = openpyxl.load_workbook(tmp_path / "open" / "ratings.xlsx")
    sheet = list(wb["ratings"].iter_rows(values_only=True))
    wb.close()
    cells = [dict(zip(sheet[0], r)) for r in sheet[1:]]
    assert len(rows) == len(cells) == 2 * 4
    for c in contents:
        p = c["provider"]
        i = by_provider[p["name"]]
        assert (i["region"], i["caseload_size"], i["provider_type"], i["fieldwork_start"]) == (
            p["region"], p["caseload_size"], p["type"], c["fieldwork"]["start"])
        assert i["standards"] == [{"id": s["id"], "score": s["score"], "rating": s["rating"]}
                                  for s in c["ratings"]["standards"]]
        mine = [r for r in rows if r["provider"] == p["name"]]
        assert len(mine) == 4 and {(r["region"], r["caseload_size"], r["provider_type"]) for r in mine} == {
            (p["region"], str(p["caseload_size"]), p["type"])}
        mine = [r for r in cells if r["provider"] == p["name"]]
        assert {(r["region"], r["caseload_size"], r["fieldwork_start"]) for r in mine} == {
            (p["region"], p["caseload_size"], c["fieldwork"]["start"])}
