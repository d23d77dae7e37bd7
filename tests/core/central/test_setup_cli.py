"""Set-up end to end through the command line: inspection, team, caseload, draw,
replace, pack, and the laptop importing the pack."""

import csv
import random
import sqlite3

import pytest
from sqlalchemy import text as sql_text

from hmip_desktop.cli import main
from hmip_desktop.core.central.store import CentralStore, is_url
from hmip_desktop.core.exchange.keys import fingerprint, read_public
from hmip_desktop.core.paths import forms_dir


def write_caseload(path, n=300, seed=5):
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["case_id", "gender", "disposal_type", "risk_level", "age_band", "notes_ref"])
        for i in range(n):
            w.writerow([f"NM-{i:05d}", rng.choices(["male", "female"], [85, 15])[0],
                        rng.choice(["community_order", "licence", "suspended_sentence_order"]),
                        rng.choices(["low", "medium", "high", "very_high"], [15, 50, 30, 5])[0],
                        rng.choice(["age_18_24", "age_25_34", "age_35_49"]), f"x{i}"])


@pytest.fixture
def central(tmp_path, monkeypatch, capsys, central_location):
    """An inspection set up through the command line on a central store on each backend
    (``central_location``). Returns (folder, key ids, STORE, [--keys DIR]): a PostgreSQL
    store's keys go in central-keys; a SQLite file's sit beside it (no --keys needed)."""
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    monkeypatch.chdir(tmp_path)
    c = central_location
    keys = ["--keys", str(tmp_path / "central-keys")] if is_url(c) else []
    assert main(["central", "init", c, *keys]) == 0
    ids = {}
    for name, role in (("lead", "lead"), ("insp", "inspector"), ("la", "local_assessor")):
        assert main(["keys", "new", "--name", name, "--out", name]) == 0
        assert main(["central", "enrol", c, "--name", name, "--role", role, "--public-key",
                     f"{name}/public.key", *keys]) == 0
        ids[name] = fingerprint(read_public(tmp_path / name)[0])
    assert main(["central", "inspection", c, "--id", "nm-2026", "--framework",
                 str(forms_dir() / "adult_probation.yaml"), "--provider", "Northmoor PDU", "--title", "Northmoor",
                 "--start", "2026-12-01", "--end", "2026-12-12", *keys]) == 0
    (tmp_path / "team.csv").write_text(
        "id,name,role,key_id\n"
        f"lead1,Lead,lead,{ids['lead']}\ninsp1,Inspector,inspector,{ids['insp']}\nla1,Assessor,local_assessor,{ids['la']}\n",
        encoding="utf-8")
    assert main(["central", "team", c, "--inspection", "nm-2026", "team.csv", *keys]) == 0
    write_caseload(tmp_path / "caseload.csv")
    capsys.readouterr()
    return tmp_path, ids, c, keys


def test_draw_replace_pack_and_import_on_a_laptop(central, capsys):
    tmp, ids, c, keys = central
    assert main(["central", "draw", c, "--inspection", "nm-2026", "caseload.csv", "--seed", "7", *keys]) == 0
    out = capsys.readouterr().out
    assert "sample of 73 with" in out and "from 300 cases" in out
    # The central store is read through its own engine (either backend), a connection per query.
    store = CentralStore.open(c, keys_dir=tmp / "central-keys" if keys else None)

    def query(sql, **params):
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sql_text(sql), params)]

    sampled = query("SELECT case_id, stratum, reader_id FROM setup_cases WHERE selection = 'sample'"
                    " ORDER BY case_id")
    readers = [r[2] for r in sampled]
    assert readers.count("la1") <= len(sampled) // 3 and readers.count("lead1") == 0
    victim, stratum, reader = sampled[0]
    assert main(["central", "replace", c, "--inspection", "nm-2026", victim, "--reason", "case transferred",
                 *keys]) == 0
    new = capsys.readouterr().out.split("reserve ")[1].split()[0]
    row = query("SELECT stratum, reader_id, selection FROM setup_cases WHERE case_id = :c", c=new)[0]
    assert row == (stratum, reader, "sample"), "the reserve comes from the same stratum and takes over the reader"
    assert query("SELECT replacement_reason FROM setup_cases WHERE case_id = :c", c=victim)[0] == (
        "case transferred",)
    store.engine.dispose()
    assert main(["pack", "create", c, "--inspection", "nm-2026", "--key", "lead", "--out", "nm.pack", *keys]) == 0
    assert main(["pack", "import", "laptop.sqlite", "nm.pack", "--key", "insp", "--trust", ids["lead"][:16]]) == 0
    laptop = sqlite3.connect(tmp / "laptop.sqlite")
    reads = {r[0] for r in laptop.execute("SELECT case_id FROM case_reads")}
    assert new in reads and victim not in reads and len(reads) == 73
    assert laptop.execute("SELECT value FROM settings WHERE key = 'user_id'").fetchone() == ("insp1",)
    names = [r[1] for r in laptop.execute("PRAGMA table_info(cases)")]
    assert "notes_ref" not in names


def test_a_bad_caseload_is_refused_with_line_numbers(central, capsys):
    tmp, _, c, keys = central
    text = (tmp / "caseload.csv").read_text().splitlines()
    fields = text[4].split(",")
    fields[2] = "detention"
    text[4] = ",".join(fields)
    text.append(text[2])
    (tmp / "caseload.csv").write_text("\n".join(text) + "\n")
    assert main(["central", "draw", c, "--inspection", "nm-2026", "caseload.csv", "--seed", "7", *keys]) == 1
    err = capsys.readouterr().err
    assert "has 1 invalid row(s); nothing was drawn" in err
    assert "caseload.csv:5: " in err and "detention" in err
    # A repeated case reference is a duplicate, left out and counted (MoJ case sampler), not a bad row.
    text[4] = text[3]
    (tmp / "caseload.csv").write_text("\n".join(text) + "\n")
    assert main(["central", "draw", c, "--inspection", "nm-2026", "caseload.csv", "--seed", "7", *keys]) == 0
    assert "Duplicates removed: 2 (2 same case reference)." in capsys.readouterr().out


def test_bad_rows_and_the_cases_left_out_in_welsh(central, capsys):
    """``hmip --lang cy central draw … --explain``: the bad rows the refusal lists and the
    reasons cases were left out read in Welsh, and so does the sample report (the summary
    line and the rest of ``--explain`` stay English)."""
    tmp, _, c, keys = central
    text = (tmp / "caseload.csv").read_text().splitlines()
    good = list(text)
    text[4] = text[4].replace(",low,", ",lowish,").replace(",medium,", ",lowish,").replace(",high,", ",lowish,")
    (tmp / "caseload.csv").write_text("\n".join(text) + "\n")
    draw = ["central", "draw", c, "--inspection", "nm-2026", "caseload.csv", "--seed", "7", "--explain", *keys]
    assert main(["--lang", "cy", *draw]) == 1
    err = capsys.readouterr().err
    assert "caseload.csv:5: risk_level: nid yw 'lowish' yn werth dilys ar gyfer lefel risg o niwed difrifol" in err
    good.append(good[2])  # line 302 repeats line 3's case
    (tmp / "caseload.csv").write_text("\n".join(good) + "\n")
    assert main(["--lang", "cy", *draw]) == 0
    out = capsys.readouterr().out
    assert f"     line 302: {good[2].split(',')[0]}: yr un cyfeirnod achos (cadwyd llinell 3)\n" in out
    assert "Dyblygion a dynnwyd: 1 (1 yr un cyfeirnod achos)." in out and "Duplicates removed" not in out
    assert out.startswith("Sampl o ") and "Yn ôl haen:" in out and "\nBy stratum:" not in out
    assert "allocated to the team" in out  # the summary line


def test_pack_signed_by_a_non_lead_is_refused(central, capsys):
    _, _, c, keys = central
    main(["central", "draw", c, "--inspection", "nm-2026", "caseload.csv", "--seed", "7", *keys])
    capsys.readouterr()
    assert main(["pack", "create", c, "--inspection", "nm-2026", "--key", "insp", "--out", "x.pack", *keys]) == 1
    assert "lead inspector" in capsys.readouterr().err
