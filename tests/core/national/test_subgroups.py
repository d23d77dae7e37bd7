"""Sub-groups, consistency and the reconviction follow-up over synthetic results bundles
(sealed and signed as the central store writes them), with every figure recomputed here
by other means: counts from the bundles' own content, Wilson and Benjamini-Hochberg from
statsmodels, Fisher's exact test from the hypergeometric distribution by hand."""

from __future__ import annotations

import csv
import json
import math
import random
from collections import defaultdict

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from hmip_desktop.cli import main
from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import synthetic
from hmip_desktop.core.national.store import NationalStore

INSPECTIONS, CASES, QUESTIONS = 24, 60, 9
DIMS = ("age_band", "gender", "ethnicity", "disability", "risk_level", "disposal_type")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("syn")
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    nat = NationalStore.init(tmp / "n.sqlite")
    nat.trust(public_line(lead.public, "Lead"), "Lead")
    contents, files = [], []
    for i in range(INSPECTIONS):
        c = synthetic.results(i, CASES, QUESTIONS, seed=7, standards=3)
        contents.append(c)
        f = tmp / f"{i}.results"
        f.write_bytes(synthetic.seal(c, lead, nat.recipient))
        files.append(str(f))
    nat.close()
    assert main(["national", "import", str(tmp / "n.sqlite"), *files]) == 0
    return {"path": tmp / "n.sqlite", "contents": contents, "tmp": tmp}


def _fisher(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher exact p (sum of tables no more likely than the one seen)."""
    r1, c1, n = a + b, a + c, a + b + c + d

    def lcomb(k, j):
        return math.lgamma(k + 1) - math.lgamma(j + 1) - math.lgamma(k - j + 1)

    def logp(x):
        return lcomb(c1, x) + lcomb(n - c1, r1 - x) - lcomb(n, r1)

    seen = logp(a)
    probs = [logp(x) for x in range(max(0, r1 + c1 - n), min(r1, c1) + 1)]
    return min(1.0, sum(math.exp(lp) for lp in probs if lp <= seen + 1e-7))


def test_subgroups_recomputed(store, capsys):
    capsys.readouterr()
    assert main(["national", "subgroups", str(store["path"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    counts = defaultdict(lambda: [0, 0])
    for c in store["contents"]:
        for case in c["cases"]:
            for q, v in case["judgements"].items():
                for dim in DIMS:
                    cell = counts[(q, dim, case["profile"][dim])]
                    cell[0] += v == "yes"
                    cell[1] += v in ("yes", "no")
    assert "Fisher" in data["method"]["test"] and "Benjamini-Hochberg" in data["method"]["correction"]
    assert "fewer than 10" in data["method"]["suppression"]
    tested = []
    for kq in data["key_questions"]:
        for d in kq["dimensions"]:
            total = [sum(counts[(kq["id"], d["dimension"], g["group"])][i] for g in d["groups"]) for i in (0, 1)]
            hidden = [g for g in d["groups"] if g["suppressed"]]
            assert len(hidden) != 1, "a single suppressed group could be worked out from the total"
            for g in d["groups"]:
                s, a = counts[(kq["id"], d["dimension"], g["group"])]
                if g["suppressed"]:
                    assert g["percent"] is None and g["applicable"] is None
                    assert a < 10 or all(other["applicable"] is None or other["applicable"] >= a
                                         for other in d["groups"] if other is not g)
                    continue
                assert a >= 10 and (g["sufficient"], g["applicable"]) == (s, a)
                low, high = proportion_confint(s, a, method="wilson")
                assert (g["ci_low"], g["ci_high"]) == pytest.approx((100 * low, 100 * high), abs=0.006)
                p = _fisher(s, a - s, total[0] - s, (total[1] - a) - (total[0] - s))
                assert g["p_value"] == pytest.approx(p, abs=2e-6)
                tested.append((p, g))
    assert len(tested) == data["method"]["tests"] > 50
    reject, adjusted, _, _ = multipletests([p for p, _ in tested], alpha=0.05, method="fdr_bh")
    for (p, g), adj, rej in zip(tested, adjusted, reject):
        assert g["p_adjusted"] == pytest.approx(adj, abs=2e-6) and g["significant"] == bool(rej)
    # the effect built into the synthetic data is found: black ethnicity on the third question of each standard
    found = {(kq["id"], g["group"]) for kq in data["key_questions"] for d in kq["dimensions"]
             if d["dimension"] == "ethnicity" for g in d["groups"] if g["significant"]}
    assert len({q for q, grp in found if grp == "black" and q.endswith("_q3")}) >= 2, found
    assert not any(grp == "black" and not q.endswith("_q3") for q, grp in found), found


def test_consistency_across_inspections(store, capsys):
    capsys.readouterr()
    assert main(["national", "consistency", str(store["path"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    pairs = defaultdict(list)
    for c in store["contents"]:
        readers = {case["case_id"]: case["reader"] for case in c["cases"]}
        for m in c["moderations"]:
            pairs[readers[m["case_id"]]].append((json.loads(m["original_value"]), json.loads(m["moderated_value"])))
    assert sum(r["moderated"] for r in data["readers"]) == sum(len(p) for p in pairs.values())
    assert sorted(r["moderated"] for r in data["readers"]) == sorted(len(p) for p in pairs.values())
    assert sorted(r["unchanged"] for r in data["readers"]) == sorted(sum(a == b for a, b in p) for p in pairs.values())
    for r in data["readers"]:
        assert len(r["reader"]) == 16 and not r["reader"].startswith("0000")  # pseudonyms, not key ids
        if r["too_few"]:
            assert not r["flagged"]
    assert main(["national", "consistency", str(store["path"])]) == 0
    assert "method:" in capsys.readouterr().out


def test_outcomes_by_judgement(store, capsys, tmp_path):
    nat = NationalStore.open(str(store["path"]))
    pseudonym = nat.pseudonymiser()
    nat.close()
    rng = random.Random(5)
    follow = {}
    for c in store["contents"]:
        for case in c["cases"]:
            if rng.random() < 0.7:
                follow[case["case_id"]] = rng.random() < 0.35
    path = tmp_path / "followup.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["pseudonym", "reconvicted", "date"])
        for ref, flag in follow.items():
            w.writerow([pseudonym("case:" + ref), "yes" if flag else "no", "2028-06-30"])
    capsys.readouterr()
    assert main(["national", "outcomes", str(store["path"]), str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "not a cause" in data["statement"]
    assert data["case_reads_matched"] == len(follow)
    expected = defaultdict(lambda: [0, 0])
    for c in store["contents"]:
        for case in c["cases"]:
            if case["case_id"] not in follow:
                continue
            for q, v in case["judgements"].items():
                if v in ("yes", "no"):
                    cell = expected[(q, v == "yes")]
                    cell[0] += follow[case["case_id"]]
                    cell[1] += 1
    for k in data["key_questions"]:
        for key, judged in (("sufficient", True), ("not_sufficient", False)):
            r, n = expected[(k["id"], judged)]
            assert k[key]["cases"] == n and k[key]["reconvicted"] == r
            low, high = proportion_confint(r, n, method="wilson")
            assert (k[key]["ci_low"], k[key]["ci_high"]) == pytest.approx((100 * low, 100 * high), abs=0.006)
    # the same file again: every row updated, nothing added; the figures do not change
    assert main(["national", "outcomes", str(store["path"]), str(path)]) == 0
    captured = capsys.readouterr()
    assert f"0 follow-up rows added, {len(follow)} updated" in captured.err and "not a cause" in captured.out
    # a bad row: one line naming the file and the line
    bad = tmp_path / "bad.csv"
    bad.write_text("pseudonym,reconvicted,date\n" + "a" * 64 + ",maybe,2028-01-01\n")
    assert main(["national", "outcomes", str(store["path"]), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}, line 2: reconvicted must be yes or no" in err and len(err.strip().splitlines()) == 1
    bad.write_text("case,reconvicted\nx,yes\n")
    assert main(["national", "outcomes", str(store["path"]), str(bad)]) == 1
    assert "the header must include pseudonym,reconvicted,date" in capsys.readouterr().err
