"""The sample report: counts, percentages, departures of more than one case and why."""

import json

from hmip_desktop.core.setup.report import render_text, sample_report
from hmip_desktop.core.setup.selection import draw, replace
from hmip_desktop.core.setup.size import choose_size

ATTRS = ("gender", "disposal_type", "risk_level")


def cases(spec):
    """``spec``: {(gender, disposal, risk): count} -> case dicts."""
    out = []
    for (g, d, r), n in spec.items():
        out += [{"case_id": f"{g[0]}{d[0]}{r[0]}{i:04d}", "gender": g, "disposal_type": d, "risk_level": r} for i in range(n)]
    return out


def test_report_counts_percentages_and_plain_data():
    data = cases({("male", "licence", "low"): 60, ("male", "licence", "high"): 20, ("female", "licence", "low"): 20})
    sample = draw(data, 10, attributes=ATTRS, seed=1)
    report = sample_report(sample, choose_size(100, 10))
    json.dumps(report)  # plain data
    assert report["caseload_size"] == 100 and report["sample_size"] == 10
    gender = {line["value"]: line for line in report["by_attribute"]["gender"]}
    assert gender["male"]["population"] == 80 and gender["male"]["population_pct"] == 80.0
    assert gender["male"]["sampled"] == 8 and gender["male"]["sample_pct"] == 80.0
    assert gender["female"]["share"] == 2.0 and gender["female"]["departure"] == 0.0
    assert report["flags"] == []
    assert report["size"]["method"] == "by hand"
    assert sum(s["sampled"] for s in report["strata"]) == 10
    text = render_text(report)
    assert "Sample of 10 from a caseload of 100" in text and "By gender:" in text and "none" in text


def test_departures_of_more_than_one_case_are_flagged_with_reasons():
    data = cases({("male", "licence", "low"): 400, ("female", "licence", "low"): 4, ("other", "licence", "low"): 3})
    plain = sample_report(draw(data, 20, attributes=ATTRS, seed=1))
    assert any("gender=other: none of its 3 case(s)" in f for f in plain["flags"])

    kept = sample_report(draw(data, 20, attributes=ATTRS, seed=1, minimum_per_group=3))
    female = next(s for s in kept["strata"] if s["key"]["gender"] == "female")
    assert female["sampled"] == 3 and female["flagged"] and "minimum of 3 per group" in female["reasons"]
    male = next(s for s in kept["strata"] if s["key"]["gender"] == "male")
    assert male["flagged"] and male["reasons"] == ["fewer, to make room for the minimums of small groups"]
    assert any(f.startswith("stratum gender=male") and "room for the minimums" in f for f in kept["flags"])
    assert any(f.startswith("gender=other: 3 sampled") and "minimum of 3 per group" in f for f in kept["flags"])


def test_quotas_and_replacements_are_reported():
    data = cases({("male", "licence", "low"): 90, ("male", "licence", "high"): 10})
    sample = draw(data, 20, attributes=ATTRS, seed=2, quotas={"risk_level": {"high": 20}})
    gone = sample.sampled_ids()[0]
    replace(sample, gone, "no case record")
    report = sample_report(sample)
    assert report["quotas"] == [
        {"attribute": "risk_level", "value": "high", "values": ["high"], "shown": "risk_level=high", "per": 20, "base": 100,
             "required": 4, "sampled": 4, "met": True}
    ]
    assert report["replacements"][0]["case_id"] == gone and report["replacements"][0]["reason"] == "no case record"
    assert report["reserves"]["used"] == 1
    high = next(line for line in report["by_attribute"]["risk_level"] if line["value"] == "high")
    assert high["sampled"] == 4 and high["share"] == 2.0 and high["flagged"]
    assert any("risk_level=high" in f and "quota" in f for f in report["flags"])
    text = render_text(report)
    assert "Quota risk_level=high: 20 per 100 cases -> at least 4; 4 sampled (met)." in text
    assert "no case record" in text
