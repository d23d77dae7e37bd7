"""How the allocation was reached, step by step, in plain text (``hmip sample --explain``,
like the MoJ case sampler's ``/analyse``): the cases left out before the draw, the size,
each stratum's exact share, the quotas and minimums, the rounding, the offices, the cap
per case holder and the reserves. English, fixed width; no Qt. The reasons cases were
left out (the framework's and the duplicate rule's) are put in ``lang``, as in
``hmip --lang cy sample … --explain``.
"""

from __future__ import annotations

import math

from ..messages import in_lang
from .eligibility import Screened
from .selection import Sample
from .size import SizeChoice
from .strata import describe_quota


def explain(sample: Sample, size: SizeChoice | None, screened: Screened | None, lang: str = "en") -> str:
    out = ["How the sample was allocated", ""]
    step = 1
    if screened is not None:
        out.append(f"{step}. Eligibility (as of {screened.as_of}): {len(screened.rows)} cases can be sampled.")
        for title, removed in (("not eligible", screened.excluded), ("duplicates removed", screened.duplicates)):
            counts: dict[str, int] = {}
            for r in removed:
                counts[r.reason_text(lang)] = counts.get(r.reason_text(lang), 0) + 1
            out.append(f"   {len(removed)} {title}" + (": " + "; ".join(f"{n} {w}" for w, n in sorted(counts.items())) if counts else ""))
            for r in removed[:20]:
                detail = r.detail_text(lang)
                out.append(f"     line {r.line}: {r.case_id}: {r.reason_text(lang)}" + (f" ({detail})" if detail else ""))
            if len(removed) > 20:
                out.append(f"     ... and {len(removed) - 20} more")
        for note in screened.not_applied_said or screened.not_applied:
            out.append(f"   not applied: {in_lang(note, lang)}")
        step += 1
    how = size.describe() if size is not None else f"{sample.size} of {sample.caseload_size} cases"
    out.append(f"{step}. Size: {how}.")
    step += 1
    out.append(f"{step}. Each stratum's exact share is size x stratum cases / caseload = {sample.size} x n / {sample.caseload_size}.")
    if sample.quota_required or sample.minimum_required:
        out.append("   Quotas and minimums raise their groups' shares before rounding (the other groups make room):")
        for (a, v), need in sorted(sample.quota_required.items()):
            values, per = sample.quota(a, v)
            out.append(f"     quota {describe_quota(a, v, values)}: {per} per {sample.quota_base} -> at least {need}")
        for (a, v), need in sorted(sample.minimum_required.items()):
            out.append(f"     minimum {a}={v}: at least {need} (asked {sample.minimums[a][v]})")
    if sample.minimum_per_group:
        out.append(f"   Minimum per stratum: {sample.minimum_per_group}.")
    step += 1
    out.append(f"{step}. Rounding by largest remainder, then round-ups moved between strata to keep each attribute's totals")
    out.append("   within one case of their shares:")
    width = max((len(sample.describe_stratum(s)) for s in sample.strata), default=10)
    out.append(f"     {'stratum'.ljust(width)}  {'cases':>6}  {'share':>7}  {'target':>7}  {'floor':>5}  {'given':>5}  reasons")
    for s in sample.strata:
        out.append(
            f"     {sample.describe_stratum(s).ljust(width)}  {s.population:>6}  {float(s.share):>7.2f}  "
            f"{float(s.target):>7.2f}  {math.floor(s.target):>5}  {s.allocated:>5}  {'; '.join(s.reasons)}"
        )
    step += 1
    if sample.office_field:
        out.append(f"{step}. Offices ({sample.office_field}): each stratum's cases shared across its offices in proportion")
        out.append("   (largest remainder, then moves within strata towards each office's share of the sample):")
        for s in sample.strata:
            if s.allocated:
                parts = ", ".join(f"{o} {pop} cases -> {given} ({got} sampled)" for o, (pop, given, got) in sorted(s.offices.items()))
                out.append(f"     {sample.describe_stratum(s)}: {parts}")
        step += 1
    if sample.cap:
        counts = sample.holder_counts.values()
        out.append(
            f"{step}. Case holders ({sample.holder_field}): at most {sample.cap} sampled cases each; "
            f"{len(sample.holder_counts)} hold sampled cases, the most {max(counts, default=0)}."
        )
        for s in sample.strata:
            if s.passed_over or s.moved or s.short:
                out.append(f"     {sample.describe_stratum(s)}: {s.passed_over} passed over (holder at the cap), "
                           f"{s.moved} taken from another office, {s.short} short")
        step += 1
    out.append(
        f"{step}. Reserves: ceil({sample.reserve_ratio:g} x sampled) per stratum, at least one for a sampled stratum, "
        "as far as its cases allow; drawn in the same random order, ranked 1, 2, ..."
    )
    for s in sample.strata:
        if s.allocated and not s.reserves:
            out.append(f"     {sample.describe_stratum(s)}: no reserve possible (all {s.population} case(s) sampled)")
    total = sum(len(s.reserves) for s in sample.strata)
    out.append(f"   {total} reserves in all.")
    return "\n".join(out) + "\n"
