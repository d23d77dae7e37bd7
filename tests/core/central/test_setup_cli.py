"""Set-up end to end through the command line: inspection, team, caseload, draw,
replace, pack, and the laptop importing the pack."""

import csv
import random
import sqlite3

import pytest

from hmip_desktop.cli import main
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
def central(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    monkeypatch.chdir(tmp_path)
    assert main(["central", "init", "c.sqlite"]) == 0
    ids = {}
    for name, role in (("lead", "lead"), ("insp", "inspector"), ("la", "local_assessor")):
        assert main(["keys", "new", "--name", name, "--out", name]) == 0
        assert main(["central", "enrol", "c.sqlite", "--name", name, "--role", role, "--public-key",
                     f"{name}/public.key"]) == 0
        ids[name] = fingerprint(read_public(tmp_path / name)[0])
    assert main(["central", "inspection", "c.sqlite", "--id", "nm-2026", "--framework",
                 str(forms_dir() / "adult_probation.yaml"), "--provider", "Northmoor PDU", "--title", "Northmoor",
                 "--start", "2026-12-01", "--end", "2026-12-12"]) == 0
    (tmp_path / "team.csv").write_text(
        "id,name,role,key_id\n"
        f"lead1,Lead,lead,{ids['lead']}\ninsp1,Inspector,inspector,{ids['insp']}\nla1,Assessor,local_assessor,{ids['la']}\n",
        encoding="utf-8")
    assert main(["central", "team", "c.sqlite", "--inspection", "nm-2026", "team.csv"]) == 0
    write_caseload(tmp_path / "caseload.csv")
    capsys.readouterr()
    return tmp_path, ids


def test_draw_replace_pack_and_import_on_a_laptop(central, capsys):
    tmp, ids = central
    assert main(["central", "draw", "c.sqlite", "--inspection", "nm-2026", "caseload.csv", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "sample of 73 with" in out and "from 300 cases" in out
    raw = sqlite3.connect(tmp / "c.sqlite")
    sampled = raw.execute("SELECT case_id, stratum, reader_id FROM setup_cases WHERE selection = 'sample'"
                          " ORDER BY case_id").fetchall()
    readers = [r[2] for r in sampled]
    assert readers.count("la1") <= len(sampled) // 3 and readers.count("lead1") == 0
    victim, stratum, reader = sampled[0]
    assert main(["central", "replace", "c.sqlite", "--inspection", "nm-2026", victim, "--reason", "case transferred"]) == 0
    new = capsys.readouterr().out.split("reserve ")[1].split()[0]
    row = raw.execute("SELECT stratum, reader_id, selection FROM setup_cases WHERE case_id = ?", [new]).fetchone()
    assert row == (stratum, reader, "sample"), "the reserve comes from the same stratum and takes over the reader"
    assert raw.execute("SELECT replacement_reason FROM setup_cases WHERE case_id = ?", [victim]).fetchone() == (
        "case transferred",)
    assert main(["pack", "create", "c.sqlite", "--inspection", "nm-2026", "--key", "lead", "--out", "nm.pack"]) == 0
    assert main(["pack", "import", "laptop.sqlite", "nm.pack", "--key", "insp", "--trust", ids["lead"][:16]]) == 0
    laptop = sqlite3.connect(tmp / "laptop.sqlite")
    reads = {r[0] for r in laptop.execute("SELECT case_id FROM case_reads")}
    assert new in reads and victim not in reads and len(reads) == 73
    assert laptop.execute("SELECT value FROM settings WHERE key = 'user_id'").fetchone() == ("insp1",)
    names = [r[1] for r in laptop.execute("PRAGMA table_info(cases)")]
    assert "notes_ref" not in names


def test_a_bad_caseload_is_refused_with_line_numbers(central, capsys):
    tmp, _ = central
    text = (tmp / "caseload.csv").read_text().splitlines()
    fields = text[4].split(",")
    fields[2] = "detention"
    text[4] = ",".join(fields)
    text.append(text[2])
    (tmp / "caseload.csv").write_text("\n".join(text) + "\n")
    assert main(["central", "draw", "c.sqlite", "--inspection", "nm-2026", "caseload.csv", "--seed", "7"]) == 1
    err = capsys.readouterr().err
    assert "has 2 invalid row(s); nothing was drawn" in err
    assert "caseload.csv:5: " in err and "detention" in err
    assert "caseload.csv:302: " in err and "already on line 3" in err


def test_pack_signed_by_a_non_lead_is_refused(central, capsys):
    main(["central", "draw", "c.sqlite", "--inspection", "nm-2026", "caseload.csv", "--seed", "7"])
    capsys.readouterr()
    assert main(["pack", "create", "c.sqlite", "--inspection", "nm-2026", "--key", "insp", "--out", "x.pack"]) == 1
    assert "lead inspector" in capsys.readouterr().err
