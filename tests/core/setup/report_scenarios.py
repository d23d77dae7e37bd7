"""Sample reports that between them use every sentence, table and flag of the report
(for the English golden file and the Welsh rendering: test_report_cy.py)."""

from __future__ import annotations

import datetime as dt

from hmip_desktop.core.frameworks import load_file
from hmip_desktop.core.paths import forms_dir
from hmip_desktop.core.setup import eligibility, report
from hmip_desktop.core.setup.caseload import validate_records
from hmip_desktop.core.setup.selection import draw, draw_for_framework, replace
from hmip_desktop.core.setup.size import choose_size

from .test_sampler_rules import cases as _cases  # the same synthetic caseloads as the sampler's tests

ATTRS = ("gender", "disposal_type", "risk_level")

SCREEN = (
    "case_id,gender,disposal_type,risk_level,start date,sensitive,pnc\n"
    "A1,male,licence,high,2025-01-10,no,P1\n"
    "A2,,licence,high,2025-01-10,no,P2\n"
    "A3,male,licence,low,2099-01-01,no,P3\n"
    "A4,female,licence,low,2025-01-10,yes,P4\n"
    "A1,male,licence,low,2024-06-01,no,P9\n"
    "A6,female,licence,low,2025-03-01,no,P7\n"
    "A7,female,licence,low,2025-02-01,no,P7\n"
    "A8,male,community_order,medium,,,\n"
)


def _simple(spec):
    out = []
    for (g, d, r), n in spec.items():
        out += [{"case_id": f"{g[0]}{d[0]}{r[0]}{i:04d}", "gender": g, "disposal_type": d, "risk_level": r}
                for i in range(n)]
    return out


def _screened(fw):
    text = SCREEN + "".join(f"B{i},{'female' if i % 4 == 0 else 'male'},licence,medium,2025-01-01,no,Q{i}\n"
                            for i in range(60))
    records = [(i, line.split(",")) for i, line in enumerate(text.splitlines(), 1)]
    loaded = validate_records(records, fw, allow_missing=eligibility.missing_allowed(fw.sample), allow_duplicate_ids=True)
    return eligibility.screen(loaded.rows, fw.sample, list(loaded.field_columns), as_of=dt.date(2026, 1, 1))


def reports() -> dict[str, dict]:
    """name -> sample report (plain data)."""
    fw = load_file(forms_dir() / "adult_probation.yaml")
    out = {}
    # quotas, a replacement, a size chosen by hand
    data = _simple({("male", "licence", "low"): 90, ("male", "licence", "high"): 10})
    sample = draw(data, 20, attributes=ATTRS, seed=2, quotas={"risk_level": {"high": 20}})
    replace(sample, sample.sampled_ids()[0], "no case record")
    out["quota"] = report.sample_report(sample, choose_size(100, 20))
    # a group absent from the sample; then a minimum per group with room made for it
    data = _simple({("male", "licence", "low"): 400, ("female", "licence", "low"): 4, ("other", "licence", "low"): 3})
    out["absent"] = report.sample_report(draw(data, 20, attributes=ATTRS, seed=1))
    out["minimum"] = report.sample_report(draw(data, 20, attributes=ATTRS, seed=1, minimum_per_group=3))
    # a group minimum larger than the caseload holds; a group quota
    out["group_minimum"] = report.sample_report(
        draw(data, 20, attributes=ATTRS, seed=1, minimums={"gender": {"other": 5, "female": 2}}))
    data = _simple({("male", "licence", "low"): 60, ("male", "licence", "high"): 15,
                    ("male", "licence", "very_high"): 3, ("female", "community_order", "medium"): 22})
    out["group_quota"] = report.sample_report(draw(
        data, 20, attributes=ATTRS, seed=4,
        quotas={"risk_level": {"high_or_very_high": {"values": ["high", "very_high"], "count": 30}}}), None)
    # offices, a cap per case holder, ethnicity and age band, the cases left out
    population = _cases(1000, 2, holders=12)
    sample = draw(population, 70, attributes=ATTRS, seed=2, office_field="office", holder_field="case_holder", cap=6)
    out["offices_cap"] = report.full_report(sample, choose_size(1000), None, population, fw.sample.representation)
    population = _cases(2000, 11, black=7.5)
    for seed in range(40):
        sample = draw_for_framework(population, 92, fw, seed=seed)
        rep = report.full_report(sample, None, None, population, fw.sample.representation)
        if len(rep["flags"]) > len(report.sample_report(sample)["flags"]):
            out["representation"] = rep
            break
    population = _cases(300, 5, holders=4)
    sample = draw(population, 40, attributes=ATTRS, seed=1, holder_field="case_holder", cap=6)
    out["short"] = report.sample_report(sample, None)
    records = [(1, ["case_id", "gender", "disposal_type", "risk_level"])] + [
        (i + 2, [f"D{i}", "male" if i % 3 else "female", "licence", "low"]) for i in range(30)]
    loaded = validate_records(records, fw, allow_missing=eligibility.missing_allowed(fw.sample), allow_duplicate_ids=True)
    screened = eligibility.screen(loaded.rows, fw.sample, list(loaded.field_columns), as_of=dt.date(2026, 1, 1))
    cases = [row.values for row in screened.rows]
    out["not_applied"] = report.full_report(draw_for_framework(cases, 10, fw, seed=1), None, screened, cases, None)
    screened = _screened(fw)
    cases = [row.values for row in screened.rows]
    sample = draw_for_framework(cases, 20, fw, seed=3)
    out["screened"] = report.full_report(sample, choose_size(len(cases), 20), screened, cases,
                                         fw.sample.representation)
    return out
