"""Allocation of the sample to strata: how many cases each stratum gets, and why.

The contract (strata, proportional allocation with largest-remainder rounding,
minimums, quotas, balancing, the reasons recorded) is stated once, in
:mod:`.selection`'s docstring, and explained in docs/sampling.md. This module holds
that allocation; :mod:`.selection` draws the cases. No I/O, no Qt, no randomness.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..frameworks.model import Framework
from ..messages import Msg, Refusal

Key = tuple[str, ...]

#: Quotas are "per this many cases" unless the framework sets a target size.
DEFAULT_QUOTA_BASE = 100

ROUNDING = "rounding"
ROOM_FOR_MINIMUM = "fewer, to make room for the minimums of small groups"
ALL_TAKEN = "every case of the stratum taken"


class SelectionError(Refusal, ValueError):
    """The sample cannot be drawn or changed as asked (one-line message)."""


#: A requirement's kind as a refusal names it.
_KIND = {"quota": Msg.of("strata.kind_quota"), "minimum": Msg.of("strata.kind_minimum")}


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


def quota_groups(quotas: Mapping[str, Mapping[str, object]]) -> dict[tuple[str, str], tuple[frozenset[str], int]]:
    """``{(attribute, name): (values counted, cases per base)}``. A plain quota
    ``{risk_level: {high: 20}}`` counts the one value ``high``; a group quota
    ``{risk_level: {high_or_very_high: {values: [high, very_high], count: 20}}}`` counts
    the cases with any of its values (a mapping or an object with ``values`` and ``count``)."""
    out = {}
    for attribute, entries in sorted(quotas.items()):
        for name, q in sorted(entries.items()):
            if isinstance(q, Mapping):
                values, count = q.get("values"), q.get("count")
            elif isinstance(q, int):
                values, count = [name], q
            else:
                values, count = getattr(q, "values", None), getattr(q, "count", None)
            if isinstance(values, str) or not values:
                raise SelectionError.of("strata.group_values", attribute=attribute, name=name)
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise SelectionError.of("strata.quota_whole", attribute=attribute, name=name, value=repr(count))
            out[(attribute, name)] = (frozenset(values), count)
    return out


def quota_counts(
    quotas: Mapping[str, Mapping[str, object]],
    size: int,
    base: int,
    value_populations: Mapping[tuple[str, str], int],
) -> dict[tuple[str, str], int]:
    """``{(attribute, name): cases required}``: ``ceil(q × size / base)``, capped by the
    number of such cases (with any of the quota's values) in the caseload."""
    if base < 1:
        raise SelectionError.of("strata.quota_base", base=base)
    out = {}
    for (attribute, name), (values, q) in quota_groups(quotas).items():
        wanted = math.ceil(Fraction(q * size, base))
        out[(attribute, name)] = min(wanted, sum(value_populations.get((attribute, v), 0) for v in values))
    return out


def minimum_counts(
    minimums: Mapping[str, Mapping[str, int]],
    attributes: Sequence[str],
    value_populations: Mapping[tuple[str, str], int],
) -> dict[tuple[str, str], int]:
    """``{(attribute, value): cases required}`` for per-group minimums ("at least 10
    cases with gender=female"), each capped by the number of such cases in the caseload."""
    out = {}
    for attribute, values in sorted(minimums.items()):
        if attribute not in attributes:
            raise SelectionError.of("strata.minimum_attribute", attribute=attribute, attributes=", ".join(attributes))
        for value, n in sorted(values.items()):
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise SelectionError.of("strata.minimum_whole", attribute=attribute, value=value, n=repr(n))
            if n:
                out[(attribute, value)] = min(n, value_populations.get((attribute, value), 0))
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
    minimums: Mapping[str, Mapping[str, int]] | None = None,
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
        raise SelectionError.of("strata.empty")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise SelectionError.of("size.whole", value=repr(size))
    if size > total:
        raise SelectionError.of("size.too_large", size=size, total=total)
    if minimum_per_group < 0:
        raise SelectionError.of("strata.minimum_negative", minimum=minimum_per_group)
    for key in keys:
        if len(key) != len(attributes):
            raise SelectionError.of("strata.key", key=repr(key), attributes=repr(attributes))
    quotas = {a: dict(v) for a, v in (quotas or {}).items() if v}
    for attribute in quotas:
        if attribute not in attributes:
            raise SelectionError.of("strata.quota_attribute", attribute=attribute, attributes=", ".join(attributes))

    pop = {k: populations[k] for k in keys}
    share = {k: Fraction(size * pop[k], total) for k in keys}
    target = dict(share)
    notes: dict[Key, list[str]] = {k: [] for k in keys}
    value_pops = _value_populations(attributes, pop)
    required = quota_counts(quotas, size, quota_base, value_pops)
    members = {av: values for av, (values, _) in quota_groups(quotas).items()}
    kind = dict.fromkeys(required, "quota")
    for av, need in minimum_counts(minimums or {}, attributes, value_pops).items():
        members.setdefault(av, frozenset({av[1]}))
        if need > required.get(av, 0):
            required[av], kind[av] = need, "minimum"
    constrained: dict[str, list[str]] = {}
    for a, v in required:
        constrained.setdefault(a, []).append(v)
    # Each quota as (attribute position, values counted, cases required).
    counted = [(attributes.index(a), members[(a, v)], need) for (a, v), need in required.items()]

    # 1. Quotas and group minimums: scale each such attribute's value groups (before
    # rounding); a group quota's values are scaled together as one group.
    for attribute in [a for a in attributes if a in constrained]:
        idx = attributes.index(attribute)
        unit_of: dict[str, str] = {}
        for name in constrained[attribute]:
            for value in members[(attribute, name)]:
                if unit_of.setdefault(value, name) != name:
                    raise SelectionError.of("strata.counted_twice", attribute=attribute, first=unit_of[value], second=name,
                                            value=value)
        group_share: dict[str, Fraction] = {}
        for k in keys:
            u = unit_of.get(k[idx], k[idx])
            group_share[u] = group_share.get(u, Fraction(0)) + target[k]
        req = {v: required[(attribute, v)] for v in constrained[attribute]}
        boosted: dict[str, Fraction] = {}
        while True:
            remaining = size - sum(boosted.values())
            if remaining < 0:
                raise SelectionError.of("strata.over_size", attribute=attribute, size=size,
                                        required=", ".join(f"{v}: {r}" for v, r in sorted(req.items())))
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
            shown = describe_quota(attribute, v, members[(attribute, v)])
            why = f"{kind[(attribute, v)]}: at least {req[v]} cases with {shown}"
            for k in keys:
                if unit_of.get(k[idx], k[idx]) == v:
                    notes[k].append(why)
            for k in keys:
                u = unit_of.get(k[idx], k[idx])
                if u != v and goal[u] < group_share[u]:
                    notes[k].append(f"fewer, to make room for the {shown} {kind[(attribute, v)]}")
        for k in keys:
            u = unit_of.get(k[idx], k[idx])
            if group_share[u]:
                target[k] = target[k] * goal[u] / group_share[u]

    # 2. Round by largest remainder within [minimum, population].
    lower = {k: min(minimum_per_group, pop[k]) for k in keys}
    if sum(lower.values()) > size:
        raise SelectionError.of("strata.minimum_too_many", minimum=minimum_per_group, needed=sum(lower.values()),
                                strata=len(keys), size=size)
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
        values = members[(attribute, value)]
        shown = describe_quota(attribute, value, values)
        while sum(alloc[k] for k in keys if k[idx] in values) < need:
            takers = [k for k in keys if k[idx] in values and alloc[k] < pop[k]]
            givers = [
                k for k in keys
                if k[idx] not in values and alloc[k] > lower[k] and _keeps_quotas(k, alloc, keys, counted)
            ]
            if not takers or not givers:
                raise SelectionError.of("strata.cannot_meet", kind=_KIND[kind[(attribute, value)]], need=need, shown=shown)
            taker = max(takers, key=lambda k: (target[k] - alloc[k], pop[k], -order[k]))
            giver = min(givers, key=lambda k: (target[k] - alloc[k], -pop[k], order[k]))
            alloc[taker] += 1
            alloc[giver] -= 1
            notes[giver].append(f"fewer, to make room for the {shown} {kind[(attribute, value)]}")

    # 4. Balance the attributes' totals without moving any stratum off its share rounded.
    if balance:
        _balance(alloc, target, lower, pop, keys, attributes, counted)

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


def _balance(alloc, target, lower, pop, keys, attributes, counted) -> None:
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
    for _ in range(4 * len(keys) + 10):
        d = [{v: have[x][v] - want[x][v] for v in want[x]} for x in width]
        donors = [
            k for k in keys
            if alloc[k] - 1 >= lower[k] and alloc[k] - 1 >= floor_t[k]
            and all(k[x] not in values or sum(have[x].get(v, 0) for v in values) - 1 >= need for x, values, need in counted)
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


def _keeps_quotas(k: Key, alloc, keys, counted) -> bool:
    """Whether one case fewer in stratum ``k`` leaves every quota met (``counted``: each
    quota's attribute position, values counted and cases required)."""
    for idx, values, need in counted:
        if k[idx] in values and sum(alloc[j] for j in keys if j[idx] in values) - 1 < need:
            return False
    return True


def describe_quota(attribute: str, name: str, values) -> str:
    """``risk_level=high``, or for a group quota ``risk_level=high_or_very_high (high, very_high)``."""
    values = sorted(values)
    return f"{attribute}={name}" if values == [name] else f"{attribute}={name} ({', '.join(values)})"
