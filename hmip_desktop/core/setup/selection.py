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
    other values' strata scaled down in proportion, before rounding.
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
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from operator import itemgetter

from ..frameworks.model import Framework

Key = tuple[str, ...]

#: Reserves per stratum as a share of its allocation (rounded up): spare cases for the
#: ones that turn out to be unusable (transferred, no record, conflict of interest).
DEFAULT_RESERVE_RATIO = 0.5
#: Quotas are "per this many cases" unless the framework sets a target size.
DEFAULT_QUOTA_BASE = 100

ROUNDING = "rounding"
ROOM_FOR_MINIMUM = "fewer, to make room for the minimums of small groups"
ALL_TAKEN = "every case of the stratum taken"


class SelectionError(ValueError):
    """The sample cannot be drawn or changed as asked (one-line message)."""


class NoReserveLeft(SelectionError):
    """A replacement was asked for in a stratum whose reserves are used up."""


def describe_key(attributes: Sequence[str], key: Key) -> str:
    return ", ".join(f"{a}={v}" for a, v in zip(attributes, key))


@dataclass(frozen=True)
class StratumPlan:
    """How many cases one stratum gets, and why that departs from its exact share."""

    key: Key
    population: int
    #: The exact proportional share: size × population / caseload size.
    share: Fraction
    #: The share after quota scaling (equal to ``share`` without quotas).
    target: Fraction
    allocated: int
    reasons: tuple[str, ...]


def stratification_attributes(framework: Framework) -> list[str]:
    """The framework's profile fields marked ``stratify: true``, in file order."""
    return [pf.id for pf in framework.case_profile if pf.stratify]


def quota_counts(
    quotas: Mapping[str, Mapping[str, int]],
    size: int,
    base: int,
    value_populations: Mapping[tuple[str, str], int],
) -> dict[tuple[str, str], int]:
    """``{(attribute, value): cases required}``: ``ceil(q × size / base)``, capped by the
    number of such cases in the caseload."""
    if base < 1:
        raise SelectionError(f"quota base must be at least 1 case, not {base}")
    out = {}
    for attribute, values in sorted(quotas.items()):
        for value, q in sorted(values.items()):
            if q < 0:
                raise SelectionError(f"quota for {attribute}={value} is negative ({q})")
            wanted = math.ceil(Fraction(q * size, base))
            out[(attribute, value)] = min(wanted, value_populations.get((attribute, value), 0))
    return out


def _value_populations(attributes: Sequence[str], populations: Mapping[Key, int]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for key, n in populations.items():
        for a, v in zip(attributes, key):
            out[(a, v)] = out.get((a, v), 0) + n
    return out


def plan_allocation(
    populations: Mapping[Key, int],
    size: int,
    attributes: Sequence[str],
    *,
    minimum_per_group: int = 0,
    quotas: Mapping[str, Mapping[str, int]] | None = None,
    quota_base: int = DEFAULT_QUOTA_BASE,
    balance: bool = True,
) -> list[StratumPlan]:
    """Allocate ``size`` cases to strata (see the module docstring); sorted by key.

    ``populations`` maps each stratum key (one value per attribute) to its number of
    cases. SelectionError when the size is impossible or the minimums and quotas cannot
    all be met within it.
    """
    attributes = tuple(attributes)
    keys = sorted(k for k, n in populations.items() if n > 0)
    total = sum(populations[k] for k in keys)
    if total == 0:
        raise SelectionError("the caseload is empty: nothing to sample")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise SelectionError(f"sample size must be a whole number of at least 1, not {size!r}")
    if size > total:
        raise SelectionError(f"sample size {size} is larger than the caseload ({total} cases)")
    if minimum_per_group < 0:
        raise SelectionError(f"minimum per group must not be negative ({minimum_per_group})")
    for key in keys:
        if len(key) != len(attributes):
            raise SelectionError(f"stratum {key!r} does not have one value per attribute {attributes!r}")
    quotas = {a: dict(v) for a, v in (quotas or {}).items() if v}
    for attribute in quotas:
        if attribute not in attributes:
            raise SelectionError(f"quota on {attribute}, which is not a stratification attribute ({', '.join(attributes)})")

    pop = {k: populations[k] for k in keys}
    share = {k: Fraction(size * pop[k], total) for k in keys}
    target = dict(share)
    notes: dict[Key, list[str]] = {k: [] for k in keys}
    required = quota_counts(quotas, size, quota_base, _value_populations(attributes, pop))

    # 1. Quotas: scale each quota attribute's value groups (before rounding).
    for attribute in [a for a in attributes if a in quotas]:
        idx = attributes.index(attribute)
        group_share: dict[str, Fraction] = {}
        for k in keys:
            group_share[k[idx]] = group_share.get(k[idx], Fraction(0)) + target[k]
        req = {v: required[(attribute, v)] for v in quotas[attribute]}
        boosted: dict[str, Fraction] = {}
        while True:
            remaining = size - sum(boosted.values())
            if remaining < 0:
                raise SelectionError(
                    f"the {attribute} quotas ({', '.join(f'{v}: {r}' for v, r in sorted(req.items()))}) "
                    f"add up to more than the sample of {size}"
                )
            rest = [v for v in group_share if v not in boosted]
            rest_total = sum((group_share[v] for v in rest), Fraction(0))
            goal = {v: group_share[v] * remaining / rest_total if rest_total else Fraction(0) for v in rest}
            short = [v for v in rest if req.get(v, 0) > goal[v]]
            if not short:
                break
            for v in short:
                boosted[v] = Fraction(req[v])
        goal.update(boosted)
        for v in boosted:
            why = f"quota: at least {req[v]} cases with {attribute}={v}"
            for k in keys:
                if k[idx] == v:
                    notes[k].append(why)
            for k in keys:
                if k[idx] != v and goal[k[idx]] < group_share[k[idx]]:
                    notes[k].append(f"fewer, to make room for the {attribute}={v} quota")
        for k in keys:
            g = group_share[k[idx]]
            if g:
                target[k] = target[k] * goal[k[idx]] / g

    # 2. Round by largest remainder within [minimum, population].
    lower = {k: min(minimum_per_group, pop[k]) for k in keys}
    if sum(lower.values()) > size:
        raise SelectionError(
            f"a minimum of {minimum_per_group} per group needs {sum(lower.values())} cases across "
            f"{len(keys)} strata, more than the sample of {size}: lower the minimum or raise the size"
        )
    order = {k: i for i, k in enumerate(keys)}
    alloc = {k: min(pop[k], max(lower[k], math.floor(target[k]))) for k in keys}
    reduced: set[Key] = set()
    diff = size - sum(alloc.values())
    if diff > 0:
        heap = [(-(target[k] - alloc[k]), -pop[k], order[k], k) for k in keys if alloc[k] < pop[k]]
        heapq.heapify(heap)
        for _ in range(diff):
            _, _, _, k = heapq.heappop(heap)
            alloc[k] += 1
            if alloc[k] < pop[k]:
                heapq.heappush(heap, (-(target[k] - alloc[k]), -pop[k], order[k], k))
    elif diff < 0:
        heap = [(target[k] - alloc[k], -pop[k], order[k], k) for k in keys if alloc[k] > lower[k]]
        heapq.heapify(heap)
        for _ in range(-diff):
            _, _, _, k = heapq.heappop(heap)
            alloc[k] -= 1
            reduced.add(k)
            if alloc[k] > lower[k]:
                heapq.heappush(heap, (target[k] - alloc[k], -pop[k], order[k], k))

    # 3. Rounding can leave a quota one or two short: move cases to it from elsewhere.
    for (attribute, value), need in required.items():
        idx = attributes.index(attribute)
        while sum(alloc[k] for k in keys if k[idx] == value) < need:
            takers = [k for k in keys if k[idx] == value and alloc[k] < pop[k]]
            givers = [
                k for k in keys
                if k[idx] != value and alloc[k] > lower[k] and _keeps_quotas(k, alloc, keys, attributes, required)
            ]
            if not takers or not givers:
                raise SelectionError(f"the quota of {need} cases with {attribute}={value} cannot be met with the other constraints")
            taker = max(takers, key=lambda k: (target[k] - alloc[k], pop[k], -order[k]))
            giver = min(givers, key=lambda k: (target[k] - alloc[k], -pop[k], order[k]))
            alloc[taker] += 1
            alloc[giver] -= 1
            notes[giver].append(f"fewer, to make room for the {attribute}={value} quota")

    # 4. Balance the attributes' totals without moving any stratum off its share rounded.
    if balance:
        _balance(alloc, target, lower, pop, keys, attributes, required)

    plans = []
    for k in keys:
        reasons = list(dict.fromkeys(notes[k]))
        a, t = alloc[k], target[k]
        if lower[k] > t and a >= lower[k] and lower[k] > 0:
            reasons.append(
                f"minimum of {minimum_per_group} per group" if lower[k] == minimum_per_group
                else f"all {pop[k]} cases (fewer than the minimum of {minimum_per_group} per group)"
            )
        if a < math.floor(t):
            if a == pop[k]:
                reasons.append(ALL_TAKEN)
            elif k in reduced and not any(r.startswith("fewer") for r in reasons):
                reasons.append(ROOM_FOR_MINIMUM)
        if a != share[k] and not reasons:
            reasons.append(ROUNDING)
        plans.append(StratumPlan(k, pop[k], share[k], t, a, tuple(reasons)))
    return plans


#: Above this many strata the balancing pass (quadratic in strata) is skipped.
BALANCE_MAX_STRATA = 400


def _balance(alloc, target, lower, pop, keys, attributes, required) -> None:
    """Move round-ups between strata so that each attribute's value totals come closer to
    their shares (Hamilton rounds each stratum on its own, and across many small strata
    the roundings of one value add up: a small group can vanish).

    A move takes one case from a stratum above its target (staying at or above its target
    rounded down, its minimum and every quota) and gives it to one below its target
    rounded up, so every stratum stays within one case of its target and the total is
    unchanged. Each move strictly lowers the sum over attributes and values of
    (allocated − share)², so the pass ends; it takes the best move each time, ties
    broken by stratum order (deterministic).
    """
    if len(keys) > BALANCE_MAX_STRATA:
        return
    width = range(len(attributes))
    want: list[dict[str, float]] = [{} for _ in width]
    have: list[dict[str, int]] = [{} for _ in width]
    for k in keys:
        for x in width:
            want[x][k[x]] = want[x].get(k[x], 0.0) + float(target[k])
            have[x][k[x]] = have[x].get(k[x], 0) + alloc[k]
    floor_t = {k: math.floor(target[k]) for k in keys}
    ceil_t = {k: math.ceil(target[k]) for k in keys}
    quota_idx = [(attributes.index(a), v, need) for (a, v), need in required.items()]
    for _ in range(4 * len(keys) + 10):
        d = [{v: have[x][v] - want[x][v] for v in want[x]} for x in width]
        donors = [
            k for k in keys
            if alloc[k] - 1 >= lower[k] and alloc[k] - 1 >= floor_t[k]
            and all(k[x] != v or have[x][v] - 1 >= need for x, v, need in quota_idx)
        ]
        takers = [k for k in keys if alloc[k] + 1 <= min(pop[k], ceil_t[k])]
        best = None
        for i, give in enumerate(donors):
            for j, take in enumerate(takers):
                delta = 0.0
                for x in width:
                    if give[x] != take[x]:
                        delta += 2 * (d[x][take[x]] - d[x][give[x]]) + 2
                if delta < -1e-9 and (best is None or (delta, i, j) < best[0]):
                    best = ((delta, i, j), give, take)
        if best is None:
            return
        _, give, take = best
        alloc[give] -= 1
        alloc[take] += 1
        for x in width:
            have[x][give[x]] -= 1
            have[x][take[x]] += 1


def _keeps_quotas(k: Key, alloc, keys, attributes, required) -> bool:
    """Whether one case fewer in stratum ``k`` leaves every quota met."""
    for (attribute, value), need in required.items():
        idx = attributes.index(attribute)
        if k[idx] == value and sum(alloc[j] for j in keys if j[idx] == value) - 1 < need:
            return False
    return True


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
    quotas: dict[str, dict[str, int]]
    quota_base: int
    #: ``{(attribute, value): cases required}`` after scaling the quotas to the size.
    quota_required: dict[tuple[str, str], int]
    reserve_ratio: float
    strata: list[Stratum]
    replacements: list[Replacement] = field(default_factory=list)

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
    quotas: Mapping[str, Mapping[str, int]] | None = None,
    quota_base: int = DEFAULT_QUOTA_BASE,
    reserve_ratio: float = DEFAULT_RESERVE_RATIO,
) -> Sample:
    """Draw a stratified sample of ``size`` cases with reserves.

    ``cases``: mappings with ``case_id`` and a value for every attribute (unique case
    references). Deterministic in (seed, the set of cases): the input order does not
    matter. SelectionError on duplicate references, missing values or impossible sizes.
    """
    attributes = tuple(attributes)
    if not attributes:
        raise SelectionError("no stratification attributes")
    if reserve_ratio < 0:
        raise SelectionError(f"reserve ratio must not be negative ({reserve_ratio})")
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
        raise SelectionError(f"a case has no value for {exc.args[0]}") from None
    if len(attributes) == 1:
        groups = {(k,): v for k, v in groups.items()}
    try:
        if len(set(map(get_id, cases))) != count:
            raise SelectionError("duplicate case references in the caseload")
    except KeyError:
        raise SelectionError("a case has no case_id") from None

    plans = plan_allocation(
        {k: len(v) for k, v in groups.items()}, size, attributes,
        minimum_per_group=minimum_per_group, quotas=quotas, quota_base=quota_base,
    )
    rng = random.Random(seed)
    strata = []
    for plan in plans:
        members = groups[plan.key]
        members.sort(key=get_id)
        reserves = min(plan.population - plan.allocated, math.ceil(plan.allocated * reserve_ratio - 1e-9))
        chosen = [get_id(c) for c in rng.sample(members, plan.allocated + reserves)]
        strata.append(Stratum(
            plan.key, plan.population, plan.share, plan.target, plan.allocated, plan.reasons,
            chosen[: plan.allocated], chosen[plan.allocated:],
        ))
    value_pops = _value_populations(attributes, {p.key: p.population for p in plans})
    return Sample(
        attributes=attributes, seed=seed, size=size, caseload_size=count,
        minimum_per_group=minimum_per_group,
        quotas={a: dict(v) for a, v in (quotas or {}).items()}, quota_base=quota_base,
        quota_required=quota_counts(quotas or {}, size, quota_base, value_pops),
        reserve_ratio=reserve_ratio, strata=strata,
    )


def draw_for_framework(
    cases: Iterable[Mapping[str, str]],
    size: int,
    framework: Framework,
    *,
    seed: int,
    minimum_per_group: int | None = None,
    reserve_ratio: float = DEFAULT_RESERVE_RATIO,
) -> Sample:
    """:func:`draw` with the framework's stratification attributes, quotas, minimum
    (unless ``minimum_per_group`` is given) and quota base (its target size, else 100)."""
    rules = framework.sample
    return draw(
        cases, size,
        attributes=stratification_attributes(framework), seed=seed,
        minimum_per_group=rules.minimum_per_group if minimum_per_group is None else minimum_per_group,
        quotas=rules.quotas, quota_base=rules.target_size or DEFAULT_QUOTA_BASE,
        reserve_ratio=reserve_ratio,
    )


def replace(sample: Sample, case_id: str, reason: str) -> Replacement:
    """Replace an unusable sampled case with the next reserve of its own stratum.

    Changes ``sample`` in place and returns the recorded :class:`Replacement`.
    SelectionError if the case is not in the sample or no reason is given;
    NoReserveLeft when the stratum's reserves are used up.
    """
    reason = (reason or "").strip()
    if not reason:
        raise SelectionError("give a reason for replacing a case")
    stratum = next((s for s in sample.strata if case_id in s.sample), None)
    if stratum is None:
        status = sample.selections().get(case_id, (None,))[0]
        extra = {"reserve": " (it is a reserve)", "replaced": " (it has already been replaced)"}.get(status or "", "")
        raise SelectionError(f"case {case_id} is not in the sample{extra}")
    if stratum.used_reserves >= len(stratum.reserves):
        raise NoReserveLeft(
            f"no reserve left for case {case_id} in stratum {sample.describe_stratum(stratum)} "
            f"({len(stratum.reserves)} reserve(s), all used): replace it by hand or draw again with more reserves"
        )
    new = stratum.reserves[stratum.used_reserves]
    stratum.used_reserves += 1
    stratum.sample[stratum.sample.index(case_id)] = new
    record = Replacement(case_id, new, stratum.key, stratum.used_reserves, reason)
    sample.replacements.append(record)
    return record
