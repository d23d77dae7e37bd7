"""The national store over generated inspections (hmip demo --id --seed through the
real central path): trust, import, idempotence, supersession, no identifiers stored,
and tables whose figures are recomputed here from the decrypted results themselves."""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation
from hmip_desktop.core.central.answers import effective_rows, rate_inspection
from hmip_desktop.core.central.results import open_results
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.exchange.keys import load_key, new_key
from hmip_desktop.core.national import schema
from hmip_desktop.core.national.store import NationalStore

from .helpers import demo_results

pytestmark = pytest.mark.slow  # four demo inspections through the real central path (about 15 s)

COUNT = 6
SECRET_RATIONALE = "RATIONALE-MUST-NOT-TRAVEL"


def _moderate_some(central: str, iid: str) -> None:
    store = CentralStore.open(central)
    try:
        rows = [r for r in effective_rows(store, iid) if r["value"] in ("yes", "no")][:6]
        for r in rows:
            flipped = "no" if r["value"] == "yes" else "yes"
            moderation.moderate(store, iid, r["case_id"], r["question_id"], flipped, SECRET_RATIONALE, "lead1")
    finally:
        store.engine.dispose()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Six signed-off demo inspections (seeds 12-17: four adult probation, one ESI 2003 with
    its graded scale, one youth justice) exported as results for one national store."""
    tmp = tmp_path_factory.mktemp("generated")
    mp = pytest.MonkeyPatch()
    mp.setenv("HMIP_KEY_PASSPHRASE", "pw")
    national = NationalStore.init(tmp / "n.sqlite")
    recipient, identity_text = national.recipient, (tmp / "n.sqlite.keys" / "identity.age").read_text()
    national.close()
    files, lead = demo_results(tmp, str(tmp / "c.sqlite"), COUNT, tmp / "n.sqlite", before_sign_off=_moderate_some,
                               frameworks={5: "esi_2003.yaml", 6: "youth_justice.yaml"})
    yield {"tmp": tmp, "files": files, "lead": lead, "recipient": recipient, "national": tmp / "n.sqlite"}
    mp.undo()


def _decrypted(g) -> list[dict]:
    import pyrage

    identity = pyrage.x25519.Identity.from_str((g["tmp"] / "n.sqlite.keys" / "identity.age").read_text().strip())
    lead_id = load_key(g["lead"]).key_id
    return [open_results(f.read_bytes(), lead_id, identity) for f in g["files"]]


def _wilson(s: int, n: int) -> tuple[float, float]:
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(s, n, alpha=0.05, method="wilson")
    return round(100 * low, 2), round(100 * high, 2)


def _expected_key_questions(results: list[dict], min_cases: int = 5) -> dict[tuple[str, str], dict]:
    """Recomputed from the decrypted results' own cases and option lists, not by the store's code."""
    out: dict = {}
    for r in results:
        scales = {k["id"]: k for k in r["key_questions"]}
        for q, k in scales.items():
            vals = [c["judgements"][q] for c in r["cases"] if q in c["judgements"]]
            a = sum(v in k["applicable"] for v in vals)
            s = sum(v in k["sufficient"] for v in vals)
            if not vals:
                continue
            e = out.setdefault((r["framework"]["id"], q), {"s": 0, "a": 0, "pcts": []})
            e["s"] += s
            e["a"] += a
            if a >= min_cases:
                e["pcts"].append(100 * s / a)
    return out


def test_import_tables_and_privacy(generated, capsys):
    g = generated
    nat = str(g["national"])
    capsys.readouterr()
    assert main(["national", "import", nat, str(g["files"][0])]) == 1
    err = capsys.readouterr().err
    assert "r1.results: not imported" in err and "does not trust" in err and "hmip national trust" in err
    assert main(["national", "trust", nat, "--public-key", str(g["lead"] / "public.key"), "--name", "Lead"]) == 0
    assert main(["national", "import", nat, *map(str, g["files"])]) == 0
    out = capsys.readouterr().out
    assert out.count(" imported: ") == COUNT
    assert main(["national", "import", nat, *map(str, g["files"])]) == 0
    assert capsys.readouterr().out.count("already imported") == COUNT

    results = _decrypted(g)
    # the results carry what the national store needs and no notes or rationales
    for r in results:
        assert r["format"] == 3 and r["provider"]["family"] and r["provider"]["caseload_size"] > 0
        assert all("note" not in a for a in r["answers"]) and all("rationale" not in m for m in r["moderations"])
        assert set(r["cases"][0]["profile"]) == {"age_band", "gender", "ethnicity", "disability", "disposal_type",
                                                 "risk_level", "reoffending_likelihood"}
    # nothing identifying in the national store: no case reference, note, rationale or team member name
    dump = "\n".join(sqlite3.connect(nat).iterdump())
    central = sqlite3.connect(g["tmp"] / "c.sqlite")
    refs = [ref for (ref,) in central.execute("SELECT case_id FROM case_reads")]
    assert len(refs) > 50 and not any(ref in dump for ref in refs)
    assert not any(ref in json.dumps(r) for r in results for ref in refs), "the bundles carry no case reference"
    pseudonym = NationalStore.open(nat).pseudonymiser()
    assert {c["pseudonym"] for r in results for c in r["cases"]} == {pseudonym("case:" + ref) for ref in refs}
    assert SECRET_RATIONALE not in dump and "Inspector A" not in dump and "practitioner" not in dump
    notes = [n for (n,) in central.execute("SELECT note FROM revision_answers WHERE note != '' LIMIT 50")]
    assert notes and not any(n in dump for n in notes)

    # the tables, against figures recomputed from the decrypted results
    assert main(["national", "tables", nat, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = _expected_key_questions(results)
    assert len(data["key_questions"]) == len(expected) > 0
    for k in data["key_questions"]:
        e = expected[(k["framework"], k["id"])]
        assert (k["sufficient"], k["applicable"]) == (e["s"], e["a"])
        assert k["percent"] == pytest.approx(round(100 * e["s"] / e["a"], 2))
        assert (k["ci_low"], k["ci_high"]) == pytest.approx(_wilson(e["s"], e["a"]), abs=0.011)
        assert k["inspections"] == len(e["pcts"])
        assert k["mean_over_inspections"] == pytest.approx(round(sum(e["pcts"]) / len(e["pcts"]), 2), abs=0.006)
        assert (k["min"], k["max"]) == (round(min(e["pcts"]), 2), round(max(e["pcts"]), 2))
    assert set(data) >= {"inspections", "key_questions"}
    assert "Wilson" in data["method"]["interval"] and "fewer than 5" in data["method"]["suppression"]
    assert [i["inspection"] for i in data["inspections"]] == sorted(
        (r["inspection"] for r in results),
        key=lambda i: next((r["provider"]["family"], r["provider"]["name"], i) for r in results if r["inspection"] == i))
    for i in data["inspections"]:
        r = next(r for r in results if r["inspection"] == i["inspection"])
        assert set(i) == {"inspection", "provider", "family", "framework", "signed_off", "standards", "overall"}
        assert i["standards"] == [{"id": s["id"], "score": s["score"], "rating": s["rating"]}
                                  for s in r["ratings"]["standards"]]
        assert i["overall"] == {"score": r["ratings"]["overall"]["score"], "rating": r["ratings"]["overall"]["rating"]}
        assert i["signed_off"] == r["signed_off_at"] and i["family"] == r["provider"]["family"]
    assert sum(data["distribution"]["overall"].values()) == COUNT
    assert {k["framework"] for k in data["key_questions"]} == {"adult_probation", "esi_2003", "youth_justice"}
    # the ESI's graded scale: "excellent" counts as sufficient, as the bundle's option list says
    esi = next(r for r in results if r["framework"]["id"] == "esi_2003")
    assert any("excellent" in k["sufficient"] for k in esi["key_questions"])
    # CSV: one line per key question, formula-safe cells
    assert main(["national", "tables", nat, "--csv"]) == 0
    captured = capsys.readouterr()
    assert "Wilson" in captured.err and "suppress" in captured.err  # the rule, beside the data
    lines = captured.out.splitlines()
    assert lines[0].startswith("framework,id,sufficient,applicable,percent") and len(lines) == 1 + len(expected)
    # filters
    assert main(["national", "tables", nat, "--json", "--framework", "youth_justice"]) == 0
    youth = json.loads(capsys.readouterr().out)
    assert [i["inspection"] for i in youth["inspections"]] == ["demo6"]
    assert {k["framework"] for k in youth["key_questions"]} == {"youth_justice"}
    assert main(["national", "tables", nat, "--json", "--framework", "nothing"]) == 0
    assert json.loads(capsys.readouterr().out)["inspections"] == []
    assert main(["national", "tables", nat, "--json", "--from", "2000-01-01", "--to", "2999-12-31"]) == 0
    assert len(json.loads(capsys.readouterr().out)["inspections"]) == COUNT
    assert main(["national", "tables", nat, "--json", "--to", "2000-01-01"]) == 0
    assert json.loads(capsys.readouterr().out)["key_questions"] == []
    assert main(["national", "tables", nat, "--json", "--from", "yesterday"]) == 1
    assert "'yesterday' is not a date" in capsys.readouterr().err


def test_same_tables_on_postgresql(generated, pg_url, capsys, tmp_path):
    """The same files into a PostgreSQL national store: the same tables, to the byte."""
    g = generated
    nat = str(g["national"])
    # the SQLite side as the first test leaves it (idempotent: this test can run on its own)
    main(["national", "trust", nat, "--public-key", str(g["lead"] / "public.key"), "--name", "Lead"])
    assert main(["national", "import", nat, *map(str, g["files"])]) == 0
    keys = g["tmp"] / "n.sqlite.keys"
    # the PostgreSQL store decrypts with the same identity: its keys folder is the SQLite store's copy
    pg_keys = tmp_path / "pg.keys"
    pg = NationalStore.init(pg_url, pg_keys)
    pg.close()
    for name in ("identity.age", "pseudonym.key"):
        (pg_keys / name).unlink()
        (pg_keys / name).write_text((keys / name).read_text())
    with pg.engine.begin() as conn:
        conn.execute(schema.meta.update().where(schema.meta.c.key == "recipient").values(value=g["recipient"]))
    assert main(["national", "trust", pg_url, "--keys", str(pg_keys), "--public-key", str(g["lead"] / "public.key"),
                 "--name", "Lead"]) == 0
    assert main(["national", "import", pg_url, "--keys", str(pg_keys), *map(str, g["files"])]) == 0
    capsys.readouterr()
    outputs = []
    for location in (str(g["national"]), pg_url):
        for fmt in ("--json", "--csv", "--inspections"):
            assert main(["national", "tables", location, fmt]) == 0
            outputs.append(capsys.readouterr().out)
        for command in ("subgroups", "consistency"):
            assert main(["national", command, location, "--json"]) == 0
            outputs.append(capsys.readouterr().out)
        html = tmp_path / f"report-{len(outputs)}.html"
        assert main(["national", "report", location, "--out", str(html), "--lang", "cy"]) == 0
        capsys.readouterr()
        outputs.append(html.read_text(encoding="utf-8"))
    half = len(outputs) // 2
    assert outputs[:half] == outputs[half:]
    assert json.loads(outputs[3])["method"]["tests"] > 0
    # the same pseudonyms on both (same key): the stores can be compared row by row
    lite = NationalStore.open(str(g["national"]))
    pgs = NationalStore.open(pg_url)
    try:
        q = select(schema.cases.c.pseudonym).order_by(schema.cases.c.pseudonym)
        with lite.engine.connect() as a, pgs.engine.connect() as b:
            assert a.execute(q).scalars().all() == b.execute(q).scalars().all()
    finally:
        lite.close()
        pgs.close()


def test_newer_sign_off_supersedes_and_both_stay(generated, capsys):
    g = generated
    tmp, nat = g["tmp"], str(g["national"])
    if main(["national", "trust", nat, "--public-key", str(g["lead"] / "public.key"), "--name", "Lead"]) == 0:
        assert main(["national", "import", nat, *map(str, g["files"])]) == 0
    store = CentralStore.open(str(tmp / "c.sqlite"))
    try:
        key = load_key(g["lead"])
        moderation.reopen(store, "demo1", key, "a correction", rate_inspection(store, "demo1").as_json())
        moderation.set_override(store, "demo1", "assessment", "inadequate", "professional judgement", "lead1")
        moderation.sign_off(store, "demo1", key, rate_inspection(store, "demo1").as_json())
    finally:
        store.engine.dispose()
    newer = tmp / "r1-newer.results"
    assert main(["central", "results", str(tmp / "c.sqlite"), "--inspection", "demo1", "--key", str(g["lead"]),
                 "--to", g["recipient"], "--out", str(newer)]) == 0
    capsys.readouterr()
    assert main(["national", "import", nat, str(newer)]) == 0
    assert "demo1 imported" in capsys.readouterr().out
    # importing the older file again changes nothing; the newer one is current
    assert main(["national", "import", nat, str(g["files"][0])]) == 0
    assert "already imported" in capsys.readouterr().out
    n = NationalStore.open(nat)
    try:
        with n.engine.connect() as conn:
            rows = conn.execute(select(schema.imports).where(schema.imports.c.inspection_id == "demo1")
                                .order_by(schema.imports.c.id)).all()
    finally:
        n.close()
    assert len(rows) == 2 and [r.current for r in rows] == [False, True] and rows[0].superseded_by == rows[1].id
    assert main(["national", "tables", nat, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    demo1 = [i for i in data["inspections"] if i["inspection"] == "demo1"]
    assert len(demo1) == 1 and next(s for s in demo1[0]["standards"] if s["id"] == "assessment")["rating"] == "inadequate"


def test_refusals_name_the_file(generated, tmp_path, capsys):
    g = generated
    nat = tmp_path / "other.sqlite"
    assert main(["national", "init", str(nat)]) == 0
    out = capsys.readouterr().out
    assert "age1" in out
    assert main(["national", "init", str(nat)]) == 1
    assert "already" in capsys.readouterr().err
    assert main(["national", "trust", str(nat), "--public-key", str(g["lead"] / "public.key"), "--name", "L"]) == 0
    # encrypted to another national store
    assert main(["national", "import", str(nat), str(g["files"][0])]) == 1
    err = capsys.readouterr().err
    assert "r1.results: not imported: cannot decrypt" in err and len(err.strip().splitlines()) == 1
    # tampered, missing, not a national store
    bad = tmp_path / "bad.results"
    data = bytearray(g["files"][0].read_bytes())
    data[-5] ^= 1
    bad.write_bytes(bytes(data))
    assert main(["national", "import", str(nat), str(bad), str(tmp_path / "none.results")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and err[0].startswith(f"hmip: error: {bad}: not imported") and "none.results" in err[1]
    assert main(["national", "tables", str(tmp_path / "absent.sqlite"), "--json"]) == 1
    assert "no such national store (create it with: hmip national init" in capsys.readouterr().err
    # a distrusted key's results are refused
    other = new_key(tmp_path / "other-lead", "Other")
    assert main(["national", "distrust", str(nat), other.key_id[:12]]) == 1
    assert main(["national", "distrust", str(nat), load_key(g["lead"]).key_id[:12]]) == 0
    capsys.readouterr()
    nat2 = NationalStore.open(str(nat))
    with nat2.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM imports")).scalar() == 0
    nat2.close()


def test_national_refusals_read_in_welsh_through_hmip(tmp_path, capsys):
    """``hmip --lang cy national …``: a follow-up row, an untrusted signer and a bad role
    are refused in Welsh (the English is what it always was)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from hmip_desktop.core.exchange.keys import SigningKey
    from hmip_desktop.core.national import synthetic

    path = tmp_path / "n.sqlite"
    NationalStore.init(path).close()
    bad = tmp_path / "f.csv"
    bad.write_text("pseudonym,reconvicted,date\n" + "a" * 64 + ",maybe,2026-01-01\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--lang", "cy", "national", "outcomes", str(path), str(bad)]) == 1
    assert capsys.readouterr().err.strip() == (f"hmip: error: {bad}, llinell 2: rhaid i reconvicted fod yn yes neu "
                                               "no, nid 'maybe'; cywirwch y rhes a mewnforio'r ffeil eto")
    assert main(["national", "outcomes", str(path), str(bad)]) == 1
    assert capsys.readouterr().err.strip() == (f"hmip: error: {bad}, line 2: reconvicted must be yes or no, not "
                                               "'maybe'; correct the row and import the file again")
    stranger = SigningKey(Ed25519PrivateKey.generate(), "Stranger")
    store = NationalStore.open(path)
    try:
        sealed = synthetic.seal(synthetic.results(0, 12, 3, seed=1, standards=1), stranger, store.recipient)
    finally:
        store.close()
    results = tmp_path / "r.results"
    results.write_bytes(sealed)
    assert main(["--lang", "cy", "national", "import", str(path), str(results)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"hmip: error: {results}: ni fewnforiwyd: wedi'i llofnodi gan allwedd ")
    assert err.endswith(", nad yw'r storfa genedlaethol hon yn ymddiried ynddi; ymddiriedwch yn allwedd yr arolygydd "
                        "arweiniol yn gyntaf (hmip national trust NATIONAL --public-key FILE)")
