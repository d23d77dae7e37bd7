"""The sample report: the sample against the caseload, as plain data and as text.

:func:`sample_report` returns plain dicts and lists (JSON-ready, no dataclasses), so the
GUI, the CLI and any export read the same figures:

* for every stratum and for every value of every stratification attribute: caseload
  count and percentage, exact proportional share, cases sampled and percentage, and the
  departure (sampled − share);
* ``flags``: one sentence for every departure of **more than one case** from the
  proportional share, with its reasons (a minimum, a quota, room made for either,
  rounding — across several strata a value's roundings can add up), and for every
  attribute value present in the caseload but absent from the sample;
* the quotas and per-group minimums (required, sampled, met), reserves drawn/used/left
  (and every sampled stratum without a reserve), the replacements with their reasons;
* with an office column, each office against its share; with a case holder cap, how
  many case holders hold sampled cases, the most any holds, and any shortfall;
* :func:`full_report` adds the cases left out before the draw (:mod:`.eligibility`)
  and the make-up by ethnicity and age band (:mod:`.representation`).

Replacements come from the same stratum, so they never change the counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..frameworks.model import RepresentationRule
from .eligibility import Screened
from .representation import representation
from .selection import ROUNDING, Sample
from .size import SizeChoice
from .strata import describe_quota

#: A departure must exceed this many cases to be flagged.
FLAG_THRESHOLD = 1.0


def _pct(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _line(population: int, share: float, sampled: int, sample: Sample, reasons: list[str]) -> dict[str, Any]:
    departure = sampled - share
    flagged = abs(departure) > FLAG_THRESHOLD + 1e-9
    return {
        "population": population,
        "population_pct": _pct(population, sample.caseload_size),
        "share": round(share, 3),
        "sampled": sampled,
        "sample_pct": _pct(sampled, sample.size),
        "departure": round(departure, 3),
        "flagged": flagged,
        "reasons": reasons,
    }


def sample_report(sample: Sample, size: SizeChoice | None = None) -> dict[str, Any]:
    """The report on ``sample`` (optionally with how its size was chosen), as plain data."""
    attrs = sample.attributes
    strata = []
    for s in sample.strata:
        line = _line(s.population, float(s.share), s.allocated, sample, list(s.reasons) if s.allocated != s.share else [])
        strata.append({
            "key": dict(zip(attrs, s.key)),
            **line,
            "reserves": len(s.reserves),
            "reserves_left": len(s.remaining_reserves),
        })

    by_attribute: dict[str, list[dict[str, Any]]] = {}
    flags: list[str] = []
    for s, line in zip(sample.strata, strata):
        if line["flagged"]:
            flags.append(
                f"stratum {sample.describe_stratum(s)}: {s.allocated} sampled against a proportional share of "
                f"{float(s.share):.2f} ({'; '.join(s.reasons) or ROUNDING})"
            )
    for i, attribute in enumerate(attrs):
        groups: dict[str, list] = {}
        for s in sample.strata:
            groups.setdefault(s.key[i], []).append(s)
        lines = []
        for value in sorted(groups):
            members = groups[value]
            population = sum(s.population for s in members)
            share = float(sum(s.share for s in members))
            sampled = sum(s.allocated for s in members)
            reasons = list(dict.fromkeys(r for s in members if s.allocated != s.share for r in s.reasons if r != ROUNDING))
            rounded = sum(1 for s in members if ROUNDING in s.reasons)
            if rounded and (not reasons or abs(sampled - share) > FLAG_THRESHOLD):
                reasons.append(f"rounding across {rounded} strata" if rounded > 1 else ROUNDING)
            line = {"value": value, **_line(population, share, sampled, sample, reasons)}
            lines.append(line)
            if line["flagged"]:
                flags.append(
                    f"{attribute}={value}: {sampled} sampled against a proportional share of {share:.2f} "
                    f"({'; '.join(reasons)})"
                )
            if sampled == 0:
                flags.append(
                    f"{attribute}={value}: none of its {population} case(s) is in the sample "
                    "(set a minimum per group to keep small groups)"
                )
        by_attribute[attribute] = lines

    quotas = []
    for (attribute, value), required in sorted(sample.quota_required.items()):
        values, per = sample.quota(attribute, value)
        sampled = _value_sampled(sample, attribute, *values)
        quotas.append({
            "attribute": attribute, "value": value, "values": sorted(values),
            "shown": describe_quota(attribute, value, values), "per": per, "base": sample.quota_base,
            "required": required, "sampled": sampled, "met": sampled >= required,
        })
    minimums = []
    for (attribute, value), required in sorted(sample.minimum_required.items()):
        sampled = _value_sampled(sample, attribute, value)
        asked = sample.minimums[attribute][value]
        minimums.append({"attribute": attribute, "value": value, "asked": asked, "required": required,
                         "sampled": sampled, "met": sampled >= required})
        if required < asked:
            flags.append(f"minimum {attribute}={value}: {asked} asked for, the caseload has only {required}: all taken")
    for s in sample.strata:
        if s.allocated and not s.reserves:
            flags.append(f"stratum {sample.describe_stratum(s)}: no reserve (all {s.population} case(s) sampled)")
        if s.short:
            flags.append(f"stratum {sample.describe_stratum(s)}: {s.short} case(s) short (every other case's case "
                         f"holder already has {sample.cap} sampled cases)")
    offices = _offices(sample)
    flags += [f"{sample.office_field}={o['value']}: {o['sampled']} sampled against a share of {o['share']:.2f}"
              for o in offices if o["flagged"]]

    drawn = sum(len(s.reserves) for s in sample.strata)
    used = sum(s.used_reserves for s in sample.strata)
    return {
        "caseload_size": sample.caseload_size,
        "sample_size": sample.size,
        "seed": sample.seed,
        "attributes": list(attrs),
        "size": None if size is None else {
            "method": size.method, "confidence": size.confidence, "margin": round(size.margin, 4),
            "description": size.describe(),
        },
        "minimum_per_group": sample.minimum_per_group,
        "reserve_ratio": sample.reserve_ratio,
        "reserves": {"drawn": drawn, "used": used, "left": drawn - used},
        "quotas": quotas,
        "minimums": minimums,
        "sampled": len(sample.sampled_ids()),
        "offices": {"field": sample.office_field, "lines": offices} if sample.office_field else None,
        "case_holders": _holders(sample),
        "strata": strata,
        "by_attribute": by_attribute,
        "flags": flags,
        "replacements": [
            {
                "case_id": r.case_id, "replaced_by": r.replaced_by, "stratum": dict(zip(attrs, r.stratum)),
                "reserve_rank": r.reserve_rank, "reason": r.reason,
            }
            for r in sample.replacements
        ],
    }


def _value_sampled(sample: Sample, attribute: str, *values: str) -> int:
    idx = sample.attributes.index(attribute)
    return sum(len(s.sample) for s in sample.strata if s.key[idx] in values)


def _offices(sample: Sample) -> list[dict[str, Any]]:
    if not sample.office_field:
        return []
    got: dict[str, int] = {}
    for s in sample.strata:
        for office, (_, _, sampled) in s.offices.items():
            got[office] = got.get(office, 0) + sampled
    out = []
    for office, population in sorted(sample.office_populations.items()):
        share = sample.size * population / sample.caseload_size
        out.append({"value": office, **_line(population, share, got.get(office, 0), sample, [])})
    return out


def _holders(sample: Sample) -> dict[str, Any] | None:
    if not sample.holder_field or not sample.cap:
        return None
    counts = sample.holder_counts.values()
    return {
        "field": sample.holder_field, "cap": sample.cap, "holders": len(sample.holder_counts),
        "most": max(counts, default=0), "at_cap": sum(1 for n in counts if n >= sample.cap),
        "passed_over": sum(s.passed_over for s in sample.strata), "moved": sum(s.moved for s in sample.strata),
        "short": sum(s.short for s in sample.strata),
    }


def full_report(
    sample: Sample, size: SizeChoice | None, screened: Screened | None,
    cases: list[Mapping[str, str]], rule: RepresentationRule | None,
) -> dict[str, Any]:
    """:func:`sample_report` plus the cases left out before the draw and the make-up
    by the framework's representation fields (warnings joined to the flags)."""
    report = sample_report(sample, size)
    report["screening"] = None if screened is None else screened.as_dict()
    report["representation"] = rep = representation(sample, cases, rule)
    if rep:
        report["flags"] += rep["warnings"]
    return report


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [_row(header, widths), *(_row(r, widths) for r in rows)]


def _cells(name: str, line: Mapping[str, Any]) -> list[str]:
    mark = " !" if line["flagged"] else ""
    return [
        name, str(line["population"]), f"{line['population_pct']:.1f}%", f"{line['share']:.2f}",
        str(line["sampled"]), f"{line['sample_pct']:.1f}%", f"{line['departure']:+.2f}{mark}",
    ]


HEADER = ["", "caseload", "%", "share", "sample", "%", "departure"]


def render_text(report: Mapping[str, Any]) -> str:
    """A plain-text rendering of :func:`sample_report`'s result (English, fixed width)."""
    out = [
        f"Sample of {report['sample_size']} from a caseload of {report['caseload_size']} "
        f"(seed {report['seed']}), stratified by {', '.join(report['attributes'])}.",
    ]
    if report["size"]:
        out.append(f"Size: {report['size']['description']}.")
    res = report["reserves"]
    out.append(
        f"Reserves: {res['drawn']} drawn ({report['reserve_ratio']:g} per sampled case per stratum, rounded up), "
        f"{res['used']} used, {res['left']} left."
    )
    out += _screening_lines(report.get("screening"))
    if report["minimum_per_group"]:
        out.append(f"Minimum per stratum: {report['minimum_per_group']} (all cases of a smaller stratum).")
    for m in report.get("minimums", []):
        state = "met" if m["met"] else "NOT MET"
        out.append(f"Minimum {m['attribute']}={m['value']}: at least {m['required']}; {m['sampled']} sampled ({state}).")
    holders = report.get("case_holders")
    if holders:
        out.append(
            f"Case holders ({holders['field']}): {holders['holders']} hold sampled cases, at most {holders['most']} each "
            f"(cap {holders['cap']}); {holders['at_cap']} at the cap; {holders['passed_over']} case(s) passed over, "
            f"{holders['moved']} taken from another office instead, {holders['short']} short."
        )
    for q in report["quotas"]:
        state = "met" if q["met"] else "NOT MET"
        out.append(
            f"Quota {q['shown']}: {q['per']} per {q['base']} cases -> at least {q['required']}; "
            f"{q['sampled']} sampled ({state})."
        )
    for attribute, lines in report["by_attribute"].items():
        out += ["", f"By {attribute}:"]
        out += ["  " + r for r in _table(HEADER, [_cells(line["value"], line) for line in lines])]
    if report.get("offices"):
        out += ["", f"By {report['offices']['field']} (kept in proportion within strata):"]
        out += ["  " + r for r in _table(HEADER, [_cells(o["value"], o) for o in report["offices"]["lines"]])]
    out += _representation_lines(report.get("representation"))
    out += ["", "By stratum:"]
    rows = [_cells(" / ".join(s["key"].values()), s) for s in report["strata"]]
    out += ["  " + r for r in _table(HEADER, rows)]
    out += ["", "Departures of more than one case from proportional allocation, and gaps:"]
    out += [f"  - {f}" for f in report["flags"]] or ["  none"]
    if report.get("sampled", report["sample_size"]) < report["sample_size"]:
        out += [f"  - only {report['sampled']} of the {report['sample_size']} cases could be sampled within the case holder cap"]
    if report["replacements"]:
        out += ["", "Replacements:"]
        out += [
            f"  - {r['case_id']} -> {r['replaced_by']} (reserve {r['reserve_rank']} of "
            f"{' / '.join(r['stratum'].values())}): {r['reason']}"
            for r in report["replacements"]
        ]
    return "\n".join(out) + "\n"


def _screening_lines(screening: Mapping[str, Any] | None) -> list[str]:
    if not screening:
        return []
    out = [f"Eligible cases: {screening['eligible']} (judged as of {screening['as_of']})."]
    for title, key, source in (("Not eligible", "excluded", "eligibility_source"),
                               ("Duplicates removed", "duplicates", "duplicates_source")):
        counts = screening[key]
        total = sum(counts.values())
        detail = "; ".join(f"{n} {why}" for why, n in sorted(counts.items())) if counts else "none"
        cite = f" [{screening[source]}]" if screening[source] else ""
        out.append(f"{title}: {total} ({detail}).{cite}")
    if screening["not_applied"]:
        out.append(f"Rules not applied (column absent): {'; '.join(screening['not_applied'])}.")
    return out


def _representation_lines(rep: Mapping[str, Any] | None) -> list[str]:
    if not rep:
        return []
    out = []
    for name, lines in rep["fields"].items():
        out += ["", f"By {name} (not a stratum; tolerance ±{rep['tolerance']:g} points):"]
        rows = [[line["value"], str(line["population"]), f"{line['population_pct']:.1f}%", str(line["sampled"]),
                 f"{line['sample_pct']:.1f}%", f"{line['departure_points']:+.1f}{' !' if line['warned'] else ''}"]
                for line in lines]
        out += ["  " + r for r in _table(["", "caseload", "%", "sample", "%", "points"], rows)]
    if rep["not_reported"]:
        out += ["", f"Not in the caseload, so not reported: {', '.join(rep['not_reported'])}."]
    return out
