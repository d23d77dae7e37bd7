"""The sample report: the sample against the caseload, as plain data and as text.

:func:`sample_report` returns plain dicts and lists (JSON-ready, no dataclasses), so the
GUI, the CLI and any export read the same figures:

* for every stratum and for every value of every stratification attribute: caseload
  count and percentage, exact proportional share, cases sampled and percentage, and the
  departure (sampled − share);
* ``flags``: one sentence (English) for every departure of **more than one case** from the
  proportional share, with its reasons (a minimum, a quota, room made for either,
  rounding — across several strata a value's roundings can add up), and for every
  attribute value present in the caseload but absent from the sample; ``flags_said``: the
  same flags as message ids and arguments (:mod:`.report_said`), which
  ``render_text(report, "cy")`` puts in Welsh;
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
from ..messages import Msg
from .eligibility import Screened
from .report_said import said, said_text
from .representation import NOT_RECORDED, representation
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
    flags: list[dict[str, Any]] = []  # as said(); the English sentences are made from them at the end
    for s, line in zip(sample.strata, strata):
        if line["flagged"]:
            flags.append(said(Msg.of("report.flag_stratum", stratum=sample.describe_stratum(s), sampled=s.allocated,
                                     share=float(s.share), reasons=list(s.reasons) or [ROUNDING])))
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
                flags.append(said(Msg.of("report.flag_value", attribute=attribute, value=value, sampled=sampled,
                                         share=share, reasons=list(reasons))))
            if sampled == 0:
                flags.append(said(Msg.of("report.flag_absent", attribute=attribute, value=value,
                                         population=population)))
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
            flags.append(said(Msg.of("report.flag_minimum_short", attribute=attribute, value=value, asked=asked,
                                     required=required)))
    for s in sample.strata:
        if s.allocated and not s.reserves:
            flags.append(said(Msg.of("report.flag_no_reserve", stratum=sample.describe_stratum(s),
                                     population=s.population)))
        if s.short:
            flags.append(said(Msg.of("report.flag_short", stratum=sample.describe_stratum(s), short=s.short,
                                     cap=sample.cap)))
    offices = _offices(sample)
    flags += [said(Msg.of("report.flag_office", field=sample.office_field, value=o["value"], sampled=o["sampled"],
                          share=o["share"]))
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
            "description": size.describe(), "size": size.size, "caseload_size": size.caseload_size,
            "margin_points": size.margin * 100,
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
        "flags": [said_text(f, "en") for f in flags],
        "flags_said": flags,
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
        report["flags_said"] += rep["warnings_said"]
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


def _header(lang: str) -> list[str]:
    if lang == "en":
        return HEADER
    return ["", Msg.of("report.col_caseload").text(lang), "%", Msg.of("report.col_share").text(lang),
            Msg.of("report.col_sample").text(lang), "%", Msg.of("report.col_departure").text(lang)]


def _state(met: bool, lang: str) -> str:
    return (Msg.of("report.met") if met else Msg.of("report.not_met")).text(lang)


def _size_text(size: Mapping[str, Any], lang: str) -> str:
    if lang == "en" or "size" not in size:  # a report kept before the size had its parts: as it was
        return size["description"]
    how = Msg.of("report.size_calculated") if size["method"] == "calculated" else Msg.of("report.size_by_hand")
    return Msg.of("report.size_how", size=size["size"], total=size["caseload_size"], how=how,
                  points=size["margin_points"], confidence=size["confidence"] * 100).text(lang)


def render_text(report: Mapping[str, Any], lang: str = "en") -> str:
    """A plain-text rendering of :func:`sample_report`'s result (fixed width), in English
    (as it always was) or Welsh (``lang="cy"``): the same figures, the flags from
    ``flags_said``. Attribute names and values, the framework's sources and a
    replacement's reason are shown as they are."""
    header = _header(lang)
    out = [
        Msg.of("report.sample", size=report["sample_size"], caseload=report["caseload_size"], seed=report["seed"],
               attributes=", ".join(report["attributes"])).text(lang),
    ]
    if report["size"]:
        out.append(Msg.of("report.size", description=_size_text(report["size"], lang)).text(lang))
    res = report["reserves"]
    out.append(Msg.of("report.reserves", drawn=res["drawn"], ratio=report["reserve_ratio"], used=res["used"],
                      left=res["left"]).text(lang))
    out += _screening_lines(report.get("screening"), lang)
    if report["minimum_per_group"]:
        out.append(Msg.of("report.minimum_per_stratum", minimum=report["minimum_per_group"]).text(lang))
    for m in report.get("minimums", []):
        out.append(Msg.of("report.minimum", attribute=m["attribute"], value=m["value"], required=m["required"],
                          sampled=m["sampled"], state=_state(m["met"], lang)).text(lang))
    holders = report.get("case_holders")
    if holders:
        out.append(Msg.of("report.holders", field=holders["field"], holders=holders["holders"], most=holders["most"],
                          cap=holders["cap"], at_cap=holders["at_cap"], passed_over=holders["passed_over"],
                          moved=holders["moved"], short=holders["short"]).text(lang))
    for q in report["quotas"]:
        out.append(Msg.of("report.quota", shown=q["shown"], per=q["per"], base=q["base"], required=q["required"],
                          sampled=q["sampled"], state=_state(q["met"], lang)).text(lang))
    for attribute, lines in report["by_attribute"].items():
        out += ["", Msg.of("report.by", attribute=attribute).text(lang)]
        out += ["  " + r for r in _table(header, [_cells(line["value"], line) for line in lines])]
    if report.get("offices"):
        out += ["", Msg.of("report.by_office", field=report["offices"]["field"]).text(lang)]
        out += ["  " + r for r in _table(header, [_cells(o["value"], o) for o in report["offices"]["lines"]])]
    out += _representation_lines(report.get("representation"), lang)
    out += ["", Msg.of("report.by_stratum").text(lang)]
    rows = [_cells(" / ".join(s["key"].values()), s) for s in report["strata"]]
    out += ["  " + r for r in _table(header, rows)]
    out += ["", Msg.of("report.flags").text(lang)]
    flags = report["flags"] if lang == "en" else report.get("flags_said", report["flags"])
    out += [f"  - {said_text(f, lang)}" for f in flags] or ["  " + Msg.of("caseload.none").text(lang)]
    if report.get("sampled", report["sample_size"]) < report["sample_size"]:
        out += ["  - " + Msg.of("report.only_sampled", sampled=report["sampled"], size=report["sample_size"]).text(lang)]
    if report["replacements"]:
        out += ["", Msg.of("report.replacements").text(lang)]
        out += [
            "  - " + Msg.of("report.replacement", case=r["case_id"], by=r["replaced_by"], rank=r["reserve_rank"],
                            stratum=" / ".join(r["stratum"].values()), reason=r["reason"]).text(lang)
            for r in report["replacements"]
        ]
    return "\n".join(out) + "\n"


def _screening_lines(screening: Mapping[str, Any] | None, lang: str = "en") -> list[str]:
    if not screening:
        return []
    out = [Msg.of("report.eligible", eligible=screening["eligible"], as_of=screening["as_of"]).text(lang)]
    said_as = screening.get("reasons_cy", {}) if lang == "cy" else {}
    for title, key, source in ((Msg.of("report.not_eligible"), "excluded", "eligibility_source"),
                               (Msg.of("report.duplicates"), "duplicates", "duplicates_source")):
        counts = screening[key]
        total = sum(counts.values())
        detail = "; ".join(Msg.of("left_out.count", count=n, reason=said_as.get(why, why)).text(lang)
                           for why, n in sorted(counts.items())) if counts else Msg.of("caseload.none").text(lang)
        cite = f" [{screening[source]}]" if screening[source] else ""
        out.append(Msg(title.key, {"total": total, "detail": detail, "cite": cite}).text(lang))
    if screening["not_applied"]:
        rules = screening.get("not_applied_cy") if lang == "cy" else None
        out.append(Msg.of("report.not_applied", rules="; ".join(rules or screening["not_applied"])).text(lang))
    return out


def _value(value: str, lang: str) -> str:
    """A value of a representation field; "(not recorded)" (no value in the caseload) in ``lang``."""
    return Msg.of("report.not_recorded").text(lang) if value == NOT_RECORDED else value


def _representation_lines(rep: Mapping[str, Any] | None, lang: str = "en") -> list[str]:
    if not rep:
        return []
    out = []
    header = ["", Msg.of("report.col_caseload").text(lang), "%", Msg.of("report.col_sample").text(lang), "%",
              Msg.of("report.col_points").text(lang)]
    for name, lines in rep["fields"].items():
        out += ["", Msg.of("report.by_field", field=name, tolerance=rep["tolerance"]).text(lang)]
        rows = [[_value(line["value"], lang), str(line["population"]), f"{line['population_pct']:.1f}%", str(line["sampled"]),
                 f"{line['sample_pct']:.1f}%", f"{line['departure_points']:+.1f}{' !' if line['warned'] else ''}"]
                for line in lines]
        out += ["  " + r for r in _table(header, rows)]
    if rep["not_reported"]:
        out += ["", Msg.of("report.not_reported", fields=", ".join(rep["not_reported"])).text(lang)]
    return out
