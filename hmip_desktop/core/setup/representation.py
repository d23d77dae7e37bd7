"""The sample's make-up by fields that are not strata (ethnicity, age band), against the
caseload, with a warning where a group departs by more than the framework's tolerance.

The framework's ``sample.representation`` names the fields, the tolerance (percentage
points) and its source. Ethnicity and age are not controlled by the allocation: this
is how a sample that happens to over- or under-represent a group is seen before the
fieldwork (draw again with another seed, or set a minimum, and say why). Plain data; no
Qt. A field the caseload has no value for is listed as not reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..frameworks.model import RepresentationRule
from ..messages import Msg
from .report_said import said
from .selection import Sample

NOT_RECORDED = "(not recorded)"


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def representation(
    sample: Sample, cases: Sequence[Mapping[str, str]], rule: RepresentationRule | None
) -> dict[str, Any] | None:
    """``{tolerance, source, fields: {field: [lines]}, not_reported, warnings, warnings_said}`` or None
    without a rule. Each line: value, caseload count and %, sampled count and %, the
    departure in percentage points and whether it is beyond the tolerance."""
    if rule is None:
        return None
    chosen = set(sample.sampled_ids())
    out: dict[str, Any] = {"tolerance": rule.tolerance, "source": rule.source, "fields": {}, "not_reported": [],
                           "warnings": [], "warnings_said": []}
    for name in rule.fields:
        if not any(c.get(name) for c in cases):
            out["not_reported"].append(name)
            continue
        population: dict[str, int] = {}
        sampled: dict[str, int] = {}
        for c in cases:
            value = c.get(name) or NOT_RECORDED
            population[value] = population.get(value, 0) + 1
            if c["case_id"] in chosen:
                sampled[value] = sampled.get(value, 0) + 1
        total, n = sum(population.values()), sum(sampled.values())
        lines = []
        for value in sorted(population):
            p, s = _pct(population[value], total), _pct(sampled.get(value, 0), n)
            warned = abs(s - p) > rule.tolerance + 1e-9
            lines.append({"value": value, "population": population[value], "population_pct": p,
                          "sampled": sampled.get(value, 0), "sample_pct": s, "departure_points": round(s - p, 1),
                          "warned": warned})
            if warned:
                warning = Msg.of("report.flag_representation", field=name, value=value, sample_pct=s,
                                 population_pct=p, points=s - p, tolerance=rule.tolerance)
                out["warnings"].append(warning.text("en"))
                out["warnings_said"].append(said(warning))
        out["fields"][name] = lines
    return out
