"""``hmip national consistency`` over several inspections whose moderations are built
here: each reader's figures (moderated, unchanged, share, Cohen's kappa and its interval)
recomputed with statsmodels from the moderations themselves, one reader who disagrees with
the moderators far more than the others flagged, a local assessor among them, a reader
with too few judgements never flagged, and readers shown only as pseudonyms."""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from statsmodels.stats.inter_rater import cohens_kappa

from hmip_desktop.cli import main
from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import synthetic
from hmip_desktop.core.national.store import NationalStore

INSPECTIONS = 4
#: reader -> (role, {inspection index: (moderated judgements, of them changed)})
PLAN = {
    "insp-a": ("inspector", {0: (12, 1), 1: (12, 0), 2: (12, 1)}),
    "insp-b": ("inspector", {1: (11, 1), 2: (11, 1), 3: (11, 1)}),
    "assessor-c": ("local_assessor", {0: (14, 1), 3: (14, 1)}),
    "outlier": ("inspector", {0: (10, 5), 1: (10, 4), 2: (10, 5), 3: (10, 4)}),
    "few": ("inspector", {2: (6, 0)}),
}
#: the thresholds docs/decisions.md states (agreement's defaults): below 80% unchanged or
#: kappa's lower bound below 0.4 is flagged; fewer than 10 moderated judgements: not judged
MIN_SHARE, MIN_KAPPA_LOW, MIN_PAIRS = 0.8, 0.4, 10


def key_id(reader: str) -> str:
    return hashlib.sha256(reader.encode()).hexdigest()


def _flip(value: str) -> str:
    return {"yes": "no", "no": "yes", "na": "yes"}[value]


def build(index: int) -> dict:
    """A synthetic inspection whose case reads and moderations follow ``PLAN``."""
    c = synthetic.results(index, 60, 6, seed=41, standards=3)
    readers = [(r, role, plan[index]) for r, (role, plan) in PLAN.items() if index in plan]
    cases = c["cases"]
    for n, case in enumerate(cases):  # every case read by one of this inspection's readers, in turn
        reader, role, _ = readers[n % len(readers)]
        case["reader"], case["reader_role"] = key_id(reader), role
    questions = [k["id"] for k in c["key_questions"]]
    moderations = []
    for reader, _, (count, changed) in readers:
        mine = [case for case in cases if case["reader"] == key_id(reader)]
        slots = [(case, q) for q in questions for case in mine]  # distinct judgements
        for m in range(count):
            case, q = slots[m]
            # the reader's value: alternately yes and no (one "na" for the local assessor)
            before = "na" if reader == "assessor-c" and m == 1 else ("yes" if m % 2 == 0 else "no")
            case["judgements"][q] = before
            after = _flip(before) if m < changed or (reader == "assessor-c" and m == 1) else before
            if reader == "assessor-c" and m == 0 and changed:
                after = before  # the assessor's one change is the "na" one
            moderations.append({"id": len(moderations) + 1, "inspection_id": c["inspection"],
                                "case_id": case["case_id"], "revision_id": "0" * 64, "question_id": q,
                                "original_value": json.dumps(before), "moderated_value": json.dumps(after),
                                "outcome": "agreed" if after == before else "changed", "moderator": "lead1",
                                "created_at": "2026-01-01T00:00:00+00:00"})
    c["moderations"] = moderations
    return c


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("consistency")
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    nat = NationalStore.init(tmp / "n.sqlite")
    nat.trust(public_line(lead.public, "Lead"), "Lead")
    contents, files = [], []
    for i in range(INSPECTIONS):
        contents.append(build(i))
        files.append(tmp / f"{i}.results")
        files[-1].write_bytes(synthetic.seal(contents[-1], lead, nat.recipient))
    nat.close()
    assert main(["national", "import", str(tmp / "n.sqlite"), *map(str, files)]) == 0
    return {"path": tmp / "n.sqlite", "contents": contents}


def expected() -> dict[str, dict]:
    """Each reader's figures from the moderations built (not from the store's code)."""
    pairs: dict[str, list] = {r: [] for r in PLAN}
    seen: dict[str, set] = {r: set() for r in PLAN}
    for i in range(INSPECTIONS):
        c = build(i)
        by_key = {key_id(r): r for r in PLAN}
        readers = {case["case_id"]: by_key[case["reader"]] for case in c["cases"]}
        for m in c["moderations"]:
            reader = readers[m["case_id"]]
            pairs[reader].append((json.loads(m["original_value"]), json.loads(m["moderated_value"])))
            seen[reader].add(i)
    out = {}
    for reader, p in pairs.items():
        labels = sorted({a for a, _ in p} | {b for _, b in p})
        table = np.zeros((len(labels), len(labels)))
        for a, b in p:
            table[labels.index(a), labels.index(b)] += 1
        k = cohens_kappa(table)
        unchanged = sum(a == b for a, b in p)
        share = unchanged / len(p)
        low, high = max(-1.0, k.kappa_low), min(1.0, k.kappa_upp)
        too_few = len(p) < MIN_PAIRS
        out[reader] = {"role": PLAN[reader][0], "inspections": len(seen[reader]), "moderated": len(p),
                       "unchanged": unchanged, "share": share, "kappa": k.kappa, "ci": (low, high),
                       "too_few": too_few, "flagged": bool(not too_few and (share < MIN_SHARE or low < MIN_KAPPA_LOW)),
                       "labels": labels}
    return out


def test_each_readers_agreement_recomputed_and_the_outlier_flagged(national, capsys):
    exp = expected()
    # the construction is what the test needs: distinct totals (to match rows without the
    # pseudonym's formula), one outlier far below the others, a three-label local assessor
    assert len({e["moderated"] for e in exp.values()}) == len(exp)
    assert exp["outlier"]["share"] < 0.6 and min(exp[r]["share"] for r in ("insp-a", "insp-b", "assessor-c")) > 0.9
    assert exp["assessor-c"]["labels"] == ["na", "no", "yes"]
    assert [r for r, e in exp.items() if e["flagged"]] == ["outlier"]

    capsys.readouterr()
    assert main(["national", "consistency", str(national["path"]), "--json"]) == 0
    raw = capsys.readouterr().out
    data = json.loads(raw)
    rows = {r["moderated"]: r for r in data["readers"]}
    assert len(rows) == len(data["readers"]) == len(PLAN), "one row per reader across inspections"
    for reader, e in exp.items():
        r = rows[e["moderated"]]
        assert (r["role"], r["inspections"], r["unchanged"], r["too_few"]) == (
            e["role"], e["inspections"], e["unchanged"], e["too_few"]), reader
        assert r["unchanged_share"] == pytest.approx(e["share"], abs=5e-5), reader
        assert r["kappa"] == pytest.approx(e["kappa"], abs=5e-5), reader
        assert r["kappa_ci"] == pytest.approx(list(e["ci"]), abs=5e-5), reader
        assert r["flagged"] is e["flagged"], reader
        assert bool(r["reasons"]) is e["flagged"], reader
    outlier = rows[exp["outlier"]["moderated"]]
    assert any("unchanged" in reason for reason in outlier["reasons"])
    assert any("lower bound" in reason for reason in outlier["reasons"])
    few = rows[exp["few"]["moderated"]]
    assert few["too_few"] and not few["flagged"] and few["reasons"] == []
    # the roles' totals
    for role in ("inspector", "local_assessor"):
        mine = [e for e in exp.values() if e["role"] == role]
        n, u = sum(e["moderated"] for e in mine), sum(e["unchanged"] for e in mine)
        assert data["roles"][role] == {"moderated": n, "unchanged": u, "unchanged_share": round(u / n, 4)}

    # readers only as pseudonyms: 16 hex digits, none a prefix of a key id, no key id anywhere
    assert main(["national", "consistency", str(national["path"])]) == 0
    text = capsys.readouterr().out
    assert "FLAGGED" in text and text.count("FLAGGED") == 1
    flagged_line = next(line for line in text.splitlines() if "FLAGGED" in line)
    assert flagged_line.startswith(outlier["reader"]) and "(inspector, 4 inspections)" in flagged_line
    for r in data["readers"]:
        assert re.fullmatch(r"[0-9a-f]{16}", r["reader"])
    pseudonyms = {r["reader"] for r in data["readers"]}
    for reader in PLAN:
        kid = key_id(reader)
        assert kid[:16] not in pseudonyms
        for out in (raw, text):
            assert kid[:12] not in out
    nat = NationalStore.open(str(national["path"]))
    try:
        with nat.engine.connect() as conn:
            dump = "\n".join(str(tuple(row)) for t in ("cases", "moderations")
                             for row in conn.exec_driver_sql(f"SELECT * FROM {t}"))
    finally:
        nat.close()
    assert not any(key_id(r) in dump for r in PLAN), "the store keeps no reader key id"


def test_filter_by_date_narrows_the_inspections(national, capsys):
    """Inspections signed off in a window: only their moderations count."""
    contents = national["contents"]
    day = sorted(c["signed_off_at"][:10] for c in contents)[1]
    keep = [i for i, c in enumerate(contents) if c["signed_off_at"][:10] <= day]
    capsys.readouterr()
    assert main(["national", "consistency", str(national["path"]), "--json", "--to", day]) == 0
    data = json.loads(capsys.readouterr().out)
    want = {}
    for reader, (_, plan) in PLAN.items():
        n = sum(plan[i][0] for i in keep if i in plan)
        if n:
            want[n] = sum(1 for i in keep if i in plan)
    assert {r["moderated"]: r["inspections"] for r in data["readers"]} == want
