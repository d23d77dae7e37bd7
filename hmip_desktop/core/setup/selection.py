"""Stratified, reproducible selection of the sample, with ranked reserves per stratum.

Contract (docs/sampling.md explains the choices):

* **Strata** are the combinations of the stratification attributes' values that occur in
  the caseload (for the frameworks: the case profile fields with ``stratify: true``,
  gender × disposal type × risk level), in sorted order.
* **Allocation** (:func:`plan_allocation`, pure): each stratum's exact proportional share
  is ``size × population / caseload``; shares are rounded by largest remainder (Hamilton),
  so without minimums or quotas every stratum gets its share rounded down or up, and the
  total is exactly ``size``. Then:

  - ``minimum_per_group = m``: every stratum gets at least ``min(m, population)`` (a
    stratum smaller than the minimum gives all its cases); the cases this costs are
    taken from the strata most over their share.
  - ``quotas = {attribute: {value: q}}``: at least ``q`` cases with that value in every
    ``quota_base`` cases of the sample (``quota_base`` is the framework's target size, or
    100), i.e. ``ceil(q × size / quota_base)``, never more than the caseload has. Where the
    proportional share falls short, the value's strata are scaled up to the quota and the
    other values' strata scaled down in proportion, before rounding. A group quota
    ``{attribute: {name: {values: [v1, v2], count: q}}}`` counts the cases with any of
    its values ("about 20 high or very high risk"): its values' strata are scaled together.
  - Balancing: Hamilton rounds each stratum on its own, and across many small strata the
    roundings of one attribute value can add up (a small group could get no case). A
    last pass moves round-ups between strata, each staying within one case of its
    target and keeping minimums and quotas, while that brings every attribute's value
    totals closer to their shares.

  Each stratum records its population, exact share, allocation and the reasons it
  departs from its share ("rounding", a minimum, a quota, making room for either).
* **Randomness.** One ``random.Random(seed)``; strata are visited in sorted order and each
  stratum's cases are sorted by case reference before drawing, so the same seed and the
  same caseload give the same sample whatever the order of the input rows.
* **Reserves.** Each stratum draws ``allocated + reserves`` cases in one random order: the
  first ``allocated`` are the sample, the rest are that stratum's reserves ranked 1, 2, ...
  (``ceil(reserve_ratio × allocated)`` of them, as far as the stratum has cases).
  :func:`replace` swaps an unusable case for the next reserve of the *same* stratum and
  records why; it refuses when the stratum's reserves are used up.

No I/O, no Qt. Case references are the only identifiers kept.

The allocation (strata, shares, minimums, quotas, balancing) is :mod:`.strata`; its
names are re-exported here.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from operator import itemgetter

from ..frameworks.model import Framework
from ..messages import Msg
from .clusters import pick, split_by_office
from .strata import (
    ALL_TAKEN,
    BALANCE_MAX_STRATA,
    DEFAULT_QUOTA_BASE,
    ROOM_FOR_MINIMUM,
    ROUNDING,
    Key,
    SelectionError,
    StratumPlan,
    _value_populations,
    describe_key,
    minimum_counts,
    plan_allocation,
    quota_counts,
    quota_groups,
    stratification_attributes,
)

__all__ = [
    "ALL_TAKEN", "BALANCE_MAX_STRATA", "DEFAULT_QUOTA_BASE", "DEFAULT_RESERVE_RATIO", "ROOM_FOR_MINIMUM", "ROUNDING",
    "Key", "NoReserveLeft", "Replacement", "Sample", "SelectionError", "Stratum", "StratumPlan", "describe_key",
    "draw", "draw_for_framework", "plan_allocation", "quota_counts", "replace", "stratification_attributes",
]

#: Reserves per stratum as a share of its allocation (rounded up): spare cases for the
#: ones that turn out to be unusable (transferred, no record, conflict of interest).
DEFAULT_RESERVE_RATIO = 0.5


class NoReserveLeft(SelectionError):
    """A replacement was asked for in a stratum whose reserves are used up."""


# -- the draw -------------------------------------------------------------------------

@dataclass
class Stratum:
    """One stratum of a drawn sample. ``sample`` holds the current case references
    (after replacements); ``reserves`` all reserves in rank order (rank = index + 1), of
    which the first ``used_reserves`` have replaced cases."""

    key: Key
    population: int
    share: Fraction
    target: Fraction
    allocated: int
    reasons: tuple[str, ...]
    sample: list[str]
    reserves: list[str]
    used_reserves: int = 0
    #: With an office column: ``{office: (cases in the stratum, allocated, sampled)}``.
    offices: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: With a case holder cap: cases passed over (holder at the cap), taken from another
    #: office instead, and the cases the stratum could not supply within the cap.
    passed_over: int = 0
    moved: int = 0
    short: int = 0

    @property
    def remaining_reserves(self) -> list[str]:
        return self.reserves[self.used_reserves:]

    @property
    def departure(self) -> Fraction:
        """Allocated minus the exact proportional share (positive: more than its share)."""
        return self.allocated - self.share


@dataclass(frozen=True)
class Replacement:
    """A sampled case swapped for its stratum's next reserve, with the reason."""

    case_id: str
    replaced_by: str
    stratum: Key
    reserve_rank: int
    reason: str


@dataclass
class Sample:
    """A drawn sample: its strata (sorted by key), the parameters that produced it, and
    the replacements made since."""

    attributes: tuple[str, ...]
    seed: int
    size: int
    caseload_size: int
    minimum_per_group: int
    #: ``{attribute: {value: q}}``; a group quota is ``{attribute: {name: {values, count}}}``.
    quotas: dict[str, dict[str, object]]
    quota_base: int
    #: ``{(attribute, value or group name): cases required}`` after scaling the quotas to the size.
    quota_required: dict[tuple[str, str], int]
    reserve_ratio: float
    strata: list[Stratum]
    replacements: list[Replacement] = field(default_factory=list)
    #: Per-group minimums asked for, and ``{(attribute, value): cases required}``.
    minimums: dict[str, dict[str, int]] = field(default_factory=dict)
    minimum_required: dict[tuple[str, str], int] = field(default_factory=dict)
    #: The office (or team) column kept in proportion, and each office's caseload count.
    office_field: str | None = None
    office_populations: dict[str, int] = field(default_factory=dict)
    #: The case holder column and the cap per case holder (None: no cap applied).
    holder_field: str | None = None
    cap: int | None = None
    #: Sampled cases per case holder (counts only are reported, never the holders).
    holder_counts: dict[str, int] = field(default_factory=dict)

    def quota(self, attribute: str, name: str) -> tuple[frozenset[str], int]:
        """The values a quota counts and its cases per ``quota_base``."""
        return quota_groups(self.quotas)[(attribute, name)]

    def sampled_ids(self) -> list[str]:
        """The current sample's case references, stratum by stratum."""
        return [c for s in self.strata for c in s.sample]

    def selections(self) -> dict[str, tuple[str, int | None]]:
        """``{case_id: ("sample", None) | ("reserve", rank) | ("replaced", None)}``.

        Ranks are per stratum and keep their original numbers as reserves are used;
        a used reserve is in the sample.
        """
        out: dict[str, tuple[str, int | None]] = {}
        for s in self.strata:
            for rank, c in enumerate(s.reserves[s.used_reserves:], s.used_reserves + 1):
                out[c] = ("reserve", rank)
        for r in self.replacements:
            out[r.case_id] = ("replaced", None)
        for c in self.sampled_ids():
            out[c] = ("sample", None)
        return out

    def stratum_of(self, case_id: str) -> Stratum | None:
        for s in self.strata:
            if case_id in s.sample or case_id in s.reserves:
                return s
        return None

    def describe_stratum(self, stratum: Stratum) -> str:
        return describe_key(self.attributes, stratum.key)


def draw(
    cases: Iterable[Mapping[str, str]],
    size: int,
    *,
    attributes: Sequence[str],
    seed: int,
    minimum_per_group: int = 0,
    quotas: Mapping[str, Mapping[str, object]] | None = None,
    quota_base: int = DEFAULT_QUOTA_BASE,
    reserve_ratio: float = DEFAULT_RESERVE_RATIO,
    minimums: Mapping[str, Mapping[str, int]] | None = None,
    office_field: str | None = None,
    holder_field: str | None = None,
    cap: int | None = None,
) -> Sample:
    """Draw a stratified sample of ``size`` cases with reserves.

    ``cases``: mappings with ``case_id`` and a value for every attribute (unique case
    references). Deterministic in (seed, the set of cases): the input order does not
    matter. SelectionError on duplicate references, missing values or impossible sizes.
    ``minimums``: per-group minimums (``{"gender": {"female": 10}}``). ``office_field``:
    keep that column's values in proportion within strata; ``holder_field`` and ``cap``:
    no more than ``cap`` sampled cases per case holder (:mod:`.clusters`).
    """
    attributes = tuple(attributes)
    if not attributes:
        raise SelectionError.of("selection.no_attributes")
    if reserve_ratio < 0:
        raise SelectionError.of("selection.reserve_ratio", ratio=reserve_ratio)
    cases = cases if isinstance(cases, list) else list(cases)
    count = len(cases)
    strata_of = itemgetter(*attributes)
    get_id = itemgetter("case_id")
    groups: dict = {}
    try:
        for case in cases:
            key = strata_of(case)
            members = groups.get(key)
            if members is None:
                groups[key] = [case]
            else:
                members.append(case)
    except KeyError as exc:
        raise SelectionError.of("selection.no_value", attribute=exc.args[0]) from None
    if len(attributes) == 1:
        groups = {(k,): v for k, v in groups.items()}
    try:
        if len(set(map(get_id, cases))) != count:
            raise SelectionError.of("selection.duplicates")
    except KeyError:
        raise SelectionError.of("selection.no_case_id") from None

    plans = plan_allocation(
        {k: len(v) for k, v in groups.items()}, size, attributes,
        minimum_per_group=minimum_per_group, quotas=quotas, quota_base=quota_base, minimums=minimums,
    )
    rng = random.Random(seed)
    strata = []
    clustered = bool(office_field or (holder_field and cap))
    if clustered:
        office_of = (lambda c: c.get(office_field) or "(none)") if office_field else (lambda c: "")
        holder_of = (lambda c: c.get(holder_field) or "") if holder_field and cap else (lambda c: "")
        cells = {p.key: _count(map(office_of, groups[p.key])) for p in plans}
        split = split_by_office({p.key: p.allocated for p in plans}, cells, size, count) if office_field else {
            p.key: {"": p.allocated} for p in plans}
        holder_counts: dict[str, int] = {}
    # With a cap per case holder, the strata with the fewest spare cases choose first: a
    # stratum whose every case is needed must not find its case holders used up by one
    # that had others to take. The strata are listed in the plan's order all the same.
    order = sorted(plans, key=lambda p: (p.population - p.allocated, p.key)) if clustered else plans
    for plan in order:
        members = groups[plan.key]
        members.sort(key=get_id)
        reserves = min(plan.population - plan.allocated, _reserves_for(plan.allocated, reserve_ratio))
        if not clustered:
            chosen = [get_id(c) for c in rng.sample(members, plan.allocated + reserves)]
            strata.append(Stratum(
                plan.key, plan.population, plan.share, plan.target, plan.allocated, plan.reasons,
                chosen[: plan.allocated], chosen[plan.allocated:],
            ))
            continue
        got = pick(rng.sample(members, len(members)), split[plan.key], reserves, office_of=office_of,
                   holder_of=holder_of, holder_counts=holder_counts, cap=cap if holder_field else None)
        stratum = Stratum(
            plan.key, plan.population, plan.share, plan.target, plan.allocated, plan.reasons,
            [get_id(c) for c in got.sample], [get_id(c) for c in got.reserves],
            passed_over=got.passed_over, moved=got.moved, short=got.short,
        )
        if office_field:
            stratum.offices = {o: (cells[plan.key][o], split[plan.key][o], got.by_office.get(o, 0)) for o in cells[plan.key]}
        strata.append(stratum)
    if clustered:
        place = {p.key: i for i, p in enumerate(plans)}
        strata.sort(key=lambda st: place[st.key])
    value_pops = _value_populations(attributes, {p.key: p.population for p in plans})
    extra = {}
    if clustered:
        extra = dict(
            office_field=office_field, holder_field=holder_field if cap else None, cap=cap if holder_field else None,
            office_populations=_count(map(office_of, cases)) if office_field else {}, holder_counts=holder_counts,
        )
    return Sample(
        attributes=attributes, seed=seed, size=size, caseload_size=count,
        minimum_per_group=minimum_per_group,
        quotas={a: dict(v) for a, v in (quotas or {}).items()}, quota_base=quota_base,
        quota_required=quota_counts(quotas or {}, size, quota_base, value_pops),
        reserve_ratio=reserve_ratio, strata=strata, minimums={a: dict(v) for a, v in (minimums or {}).items()},
        minimum_required=minimum_counts(minimums or {}, attributes, value_pops), **extra,
    )


def _reserves_for(allocated: int, ratio: float) -> int:
    """``ceil(ratio × allocated)``, and at least one for a sampled stratum (ratio > 0)."""
    if allocated == 0 or ratio <= 0:
        return 0
    return max(1, math.ceil(allocated * ratio - 1e-9))


def _count(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def draw_for_framework(
    cases: Iterable[Mapping[str, str]],
    size: int,
    framework: Framework,
    *,
    seed: int,
    minimum_per_group: int | None = None,
    reserve_ratio: float = DEFAULT_RESERVE_RATIO,
    minimums: Mapping[str, Mapping[str, int]] | None = None,
    columns: Iterable[str] | None = None,
    cap: int | None = None,
) -> Sample:
    """:func:`draw` with the framework's stratification attributes, quotas, minimum
    (unless ``minimum_per_group`` is given), quota base (its target size, else 100),
    per-group minimums (its own, overridden value by value by ``minimums``), and, when
    ``columns`` (the fields the caseload has) include them, its office and case holder
    rules (``cap`` overrides the framework's cap)."""
    rules = framework.sample
    groups = {a: dict(v) for a, v in rules.minimums.items()}
    for a, values in (minimums or {}).items():
        groups.setdefault(a, {}).update(values)
    have = set(columns or ())
    office = rules.proportion.field if rules.proportion and rules.proportion.field in have else None
    holder = rules.case_holder.field if rules.case_holder and rules.case_holder.field in have else None
    return draw(
        cases, size,
        attributes=stratification_attributes(framework), seed=seed,
        minimum_per_group=rules.minimum_per_group if minimum_per_group is None else minimum_per_group,
        quotas=rules.quotas, quota_base=rules.target_size or DEFAULT_QUOTA_BASE,
        reserve_ratio=reserve_ratio, minimums=groups, office_field=office, holder_field=holder,
        cap=(cap or rules.case_holder.cap) if holder and rules.case_holder else None,
    )


def replace(sample: Sample, case_id: str, reason: str) -> Replacement:
    """Replace an unusable sampled case with the next reserve of its own stratum.

    Changes ``sample`` in place and returns the recorded :class:`Replacement`.
    SelectionError if the case is not in the sample or no reason is given;
    NoReserveLeft when the stratum's reserves are used up.
    """
    reason = (reason or "").strip()
    if not reason:
        raise SelectionError.of("selection.reason")
    stratum = next((s for s in sample.strata if case_id in s.sample), None)
    if stratum is None:
        status = sample.selections().get(case_id, (None,))[0]
        extra = {"reserve": Msg.of("selection.is_reserve"),
                 "replaced": Msg.of("selection.already_replaced")}.get(status or "", "")
        raise SelectionError.of("selection.not_in_sample", case=case_id, extra=extra)
    if stratum.used_reserves >= len(stratum.reserves):
        raise NoReserveLeft.of("selection.no_reserve", case=case_id, stratum=sample.describe_stratum(stratum),
                              count=len(stratum.reserves))
    new = stratum.reserves[stratum.used_reserves]
    stratum.used_reserves += 1
    stratum.sample[stratum.sample.index(case_id)] = new
    record = Replacement(case_id, new, stratum.key, stratum.used_reserves, reason)
    sample.replacements.append(record)
    return record
