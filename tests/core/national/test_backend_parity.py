"""The same results into a SQLite and a PostgreSQL national store (the same keys): a newer
sign-off of one inspection imported after the older, and an even older one arriving late
(all kept, the newest current), a reconviction follow-up imported on both, and then the
same output on both backends, to the byte: outcomes, tables, consistency, sub-groups and
the open data files (CSV and JSON bytes, the XLSX's cell values). The outcomes are also
recomputed here from the current sign-offs' content."""

from __future__ import annotations

import copy
import csv
import json
import random
from collections import defaultdict

import openpyxl
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from statsmodels.stats.proportion import proportion_confint

from hmip_desktop.cli import main
from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import schema, synthetic
from hmip_desktop.core.national.store import NationalStore

pytestmark = pytest.mark.slow  # a PostgreSQL server and two stores (about 10 s)

INSPECTIONS, CASES = 6, 40


def _versions(recipient: str, lead: SigningKey, tmp) -> tuple[list[str], list[dict], dict]:
    """The files in import order, the current content of each inspection, and the three
    versions of syn0001 (older, newer, late: signed off before both)."""
    contents = [synthetic.results(i, CASES, 6, seed=23, standards=3) for i in range(INSPECTIONS)]
    older = contents[1]
    newer = copy.deepcopy(older)
    newer["signed_off_at"], newer["exported_at"] = "2026-09-01T12:00:00+00:00", "2026-09-01T13:00:00+00:00"
    newer["ratings"]["standards"][0].update(rating="inadequate", score=0)
    newer["ratings"]["overall"].update(rating="inadequate", score=1)
    for case in newer["cases"]:  # the correction: every s1_q1 judged not sufficient
        if case["judgements"]["s1_q1"] == "yes":
            case["judgements"]["s1_q1"] = "no"
    late = copy.deepcopy(older)
    late["signed_off_at"], late["exported_at"] = "2026-01-15T12:00:00+00:00", "2026-01-15T13:00:00+00:00"
    late["ratings"]["overall"].update(rating="outstanding", score=18)
    files = []
    for n, c in enumerate([*contents, newer, late]):
        f = tmp / f"{n}.results"
        f.write_bytes(synthetic.seal(c, lead, recipient))
        files.append(str(f))
    current = [newer if c is older else c for c in contents]
    return files, current, {"older": files[1], "newer": files[INSPECTIONS], "late": files[INSPECTIONS + 1]}


def _imports(location: str) -> list[tuple]:
    store = NationalStore.open(location)
    try:
        im = schema.imports
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(im.c.id, im.c.inspection_id, im.c.current,
                                                          im.c.superseded_by, im.c.signed_off_at).order_by(im.c.id))]
    finally:
        store.close()


def _xlsx(path) -> list[tuple]:
    wb = openpyxl.load_workbook(path)
    try:
        return [tuple(row) for row in wb["ratings"].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_outcomes_open_data_and_supersession_are_the_same_on_postgresql(tmp_path, pg_url, capsys):
    lite = str(tmp_path / "n.sqlite")
    keys = tmp_path / "n.sqlite.keys"
    recipient = NationalStore.init(lite).recipient
    # the PostgreSQL store decrypts and pseudonymises with the same keys (a copy)
    pg_keys = tmp_path / "pg.keys"
    pg = NationalStore.init(pg_url, pg_keys)
    for name in ("identity.age", "pseudonym.key"):
        (pg_keys / name).unlink()
        (pg_keys / name).write_text((keys / name).read_text())
    with pg.engine.begin() as conn:
        conn.execute(schema.meta.update().where(schema.meta.c.key == "recipient").values(value=recipient))
    pg.close()
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    (tmp_path / "lead.public.key").write_text(public_line(lead.public, "Lead") + "\n")
    files, current, v = _versions(recipient, lead, tmp_path)
    backends = {"sqlite": [lite], "postgresql": [pg_url, "--keys", str(pg_keys)]}

    # the follow-up's pseudonyms made by each store's owner: the same on both
    refs = [case["case_id"] for c in current for case in c["cases"]]
    made = []
    for loc in backends.values():
        capsys.readouterr()
        assert main(["national", "pseudonym", *loc, *refs]) == 0
        made.append(capsys.readouterr().out)
    assert made[0] == made[1] and len(made[0].splitlines()) == len(refs)
    pseudonym = dict(line.split(",") for line in made[0].splitlines())
    rng = random.Random(8)
    follow = {ref: rng.random() < 0.35 for ref in refs if rng.random() < 0.8}
    followup = tmp_path / "followup.csv"
    with open(followup, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["pseudonym", "reconvicted", "date"])
        w.writerows([pseudonym[ref], "yes" if flag else "no", "2028-06-30"] for ref, flag in follow.items())

    outputs: dict[str, list] = {}
    for backend, loc in backends.items():
        assert main(["national", "trust", *loc, "--public-key", str(tmp_path / "lead.public.key"),
                     "--name", "Lead"]) == 0
        # the older sign-off, then the newer, then one signed off before both arriving late
        assert main(["national", "import", *loc, *files[:INSPECTIONS]]) == 0
        capsys.readouterr()
        assert main(["national", "import", *loc, v["newer"]]) == 0
        assert "inspection syn0001 imported:" in capsys.readouterr().out
        assert main(["national", "import", *loc, v["late"], v["older"]]) == 0
        out = capsys.readouterr().out.splitlines()
        assert "syn0001 imported (superseded by a newer sign-off)" in out[0] and "already imported" in out[1]
        out = outputs[backend] = []
        capsys.readouterr()
        assert main(["national", "outcomes", *loc, str(followup), "--json"]) == 0
        captured = capsys.readouterr()
        out.append(captured.out)
        assert f"{len(follow)} follow-up rows added, 0 updated" in captured.err
        assert main(["national", "outcomes", *loc, str(followup)]) == 0  # again: every row updated, the text form
        captured = capsys.readouterr()
        out.append(captured.out)
        assert f"0 follow-up rows added, {len(follow)} updated" in captured.err
        for args in (("tables", "--json"), ("tables", "--inspections"), ("consistency", "--json"),
                     ("subgroups", "--json")):
            assert main(["national", args[0], *loc, *args[1:]]) == 0
            out.append(capsys.readouterr().out)
        folder = tmp_path / f"open-{backend}"
        assert main(["national", "open-data", *loc, "--out", str(folder)]) == 0
        capsys.readouterr()
        out.extend((folder / name).read_bytes() for name in ("README.txt", "ratings.csv", "ratings.json"))
        out.append(_xlsx(folder / "ratings.xlsx"))
        out.append([row[1:] for row in _imports(loc[0])])

    # identical on both backends
    names = ["outcomes --json", "outcomes", "tables --json", "tables --inspections", "consistency", "subgroups",
             "README.txt", "ratings.csv", "ratings.json", "ratings.xlsx", "imports"]
    for name, a, b in zip(names, outputs["sqlite"], outputs["postgresql"], strict=True):
        assert a == b, name

    # supersession on each: three imports of syn0001 kept, the newest sign-off current
    for loc in backends.values():
        rows = [r for r in _imports(loc[0]) if r[1] == "syn0001"]
        assert len(rows) == 3
        first, second, late = rows
        assert (first[2], second[2], late[2]) == (False, True, False)
        assert first[3] == second[0] and late[3] == second[0] and second[3] is None
        assert second[4] == "2026-09-01T12:00:00+00:00"
    o = outputs["sqlite"]
    tables = json.loads(o[2])
    syn1 = [i for i in tables["inspections"] if i["inspection"] == "syn0001"]
    assert len(syn1) == 1 and syn1[0]["overall"] == {"score": 1, "rating": "inadequate"}
    assert syn1[0]["signed_off"] == "2026-09-01T12:00:00+00:00"

    # the open data: one row per inspection and standard and one overall; the newer sign-off's
    csv_rows = list(csv.reader(o[7].decode("utf-8-sig").splitlines()))
    xlsx = o[9]
    assert len(csv_rows) == 1 + INSPECTIONS * 4 and len(xlsx) == len(csv_rows)
    assert [str(c) for c in xlsx[0]] == csv_rows[0]
    col = {c: n for n, c in enumerate(csv_rows[0])}
    for row, cells in zip(csv_rows[1:], xlsx[1:]):
        assert [("" if c is None else str(c)) for c in cells] == row
        assert isinstance(cells[col["score"]], int) and isinstance(cells[col["caseload_size"]], int)
    syn1_rows = {r[col["standard"]]: r for r in csv_rows[1:] if r[col["inspection"]] == "syn0001"}
    assert syn1_rows["overall"][col["rating"]] == "inadequate" and syn1_rows["s1"][col["rating"]] == "inadequate"
    doc = json.loads(o[8])
    by_id = {i["inspection"]: i for i in doc["inspections"]}
    assert by_id["syn0001"]["overall"] == {"score": 1, "rating": "inadequate"}
    for c in current:
        i = by_id[c["inspection"]]
        assert i["standards"] == [{"id": s["id"], "score": s["score"], "rating": s["rating"]}
                                  for s in c["ratings"]["standards"]]
        assert (i["provider"], i["family"], i["caseload_size"], i["region"]) == (
            c["provider"]["name"], c["provider"]["family"], c["provider"]["caseload_size"], c["provider"]["region"])

    # the outcomes, recomputed from the current sign-offs (the superseded ones do not count)
    data = json.loads(o[0])
    assert "not a cause" in data["statement"]
    assert data["case_reads_matched"] == len(follow)
    expected = defaultdict(lambda: [0, 0])
    for c in current:
        for case in c["cases"]:
            if case["case_id"] in follow:
                for q, value in case["judgements"].items():
                    if value in ("yes", "no"):
                        cell = expected[(q, value == "yes")]
                        cell[0] += follow[case["case_id"]]
                        cell[1] += 1
    assert len(data["key_questions"]) == 6
    for k in data["key_questions"]:
        for member, judged in (("sufficient", True), ("not_sufficient", False)):
            r, n = expected[(k["id"], judged)]
            got = k[member]
            assert got["cases"] == n, (k["id"], member)
            if n < 10:
                assert got["suppressed"] and got["percent"] is None
                continue
            low, high = proportion_confint(r, n, method="wilson")
            assert got["reconvicted"] == r and got["percent"] == pytest.approx(round(100 * r / n, 2))
            assert (got["ci_low"], got["ci_high"]) == pytest.approx((100 * low, 100 * high), abs=0.006)
    # the newer sign-off's correction shows: nothing judged sufficient on s1_q1
    assert next(k for k in data["key_questions"] if k["id"] == "s1_q1")["sufficient"]["cases"] == sum(
        case["case_id"] in follow and case["judgements"]["s1_q1"] == "yes" for c in current for case in c["cases"])
