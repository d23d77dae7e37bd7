"""Within each stratum: offices (or teams) kept in proportion, and a cap per case holder.

The framework's ``sample.proportion`` and ``sample.case_holder`` rules (from the MoJ
probation case sampler, which keeps proportions across clusters, offices and case
holders and takes no more than 6 cases from any one case holder):

* **Offices in proportion** (:func:`split_by_office`). A stratum's allocation is shared
  across its offices by largest remainder (each cell within one case of
  ``allocated × office cases / stratum cases``); then cases are moved between offices
  *within* a stratum (each cell staying within one case of its share, the strata
  unchanged) while that brings every office's total closer to its share of the whole
  sample, ``size × office cases / caseload``.
* **Cap per case holder** (:func:`pick`). Each stratum's cases are taken in one random
  order; a case whose case holder already has ``cap`` sampled cases is passed over. An
  office that cannot fill its cells that way takes the next cases of other offices of
  the same stratum; a stratum that still falls short is reported short. Reserves are
  the next cases in the same order, those whose case holder is under the cap first.

Pure and deterministic (the randomness is the caller's ``random.Random``). No Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

Key = tuple[str, ...]


@dataclass
class CellPick:
    """What :func:`pick` did in one stratum (for the report and ``--explain``)."""

    sample: list = field(default_factory=list)
    reserves: list = field(default_factory=list)
    #: ``{office: cases sampled}`` (one entry ``""`` without an office column).
    by_office: dict[str, int] = field(default_factory=dict)
    #: Cases passed over because their case holder had reached the cap.
    passed_over: int = 0
    #: Cases taken from another office of the stratum because one could not fill its cells.
    moved: int = 0
    #: Cases the stratum could not supply within the cap.
    short: int = 0


def split_by_office(
    allocated: Mapping[Key, int],
    cells: Mapping[Key, Mapping[str, int]],
    size: int,
    caseload: int,
) -> dict[Key, dict[str, int]]:
    """``{stratum: {office: cases}}``: each stratum's allocation shared across its offices."""
    office_pop: dict[str, int] = {}
    for offices in cells.values():
        for o, n in offices.items():
            office_pop[o] = office_pop.get(o, 0) + n
    want = {o: Fraction(size * n, caseload) for o, n in office_pop.items()}
    target: dict[Key, dict[str, Fraction]] = {}
    out: dict[Key, dict[str, int]] = {}
    for key in sorted(cells):
        offices, a = cells[key], allocated.get(key, 0)
        pop = sum(offices.values())
        t = {o: Fraction(a * n, pop) for o, n in offices.items()}
        alloc = {o: math.floor(v) for o, v in t.items()}
        left = a - sum(alloc.values())
        for o in sorted(t, key=lambda o: (-(t[o] - alloc[o]), -offices[o], o))[:left]:
            alloc[o] += 1
        target[key], out[key] = t, alloc
    have = {o: sum(out[k].get(o, 0) for k in out) for o in office_pop}
    for _ in range(4 * sum(len(c) for c in cells.values()) + 10):
        best = None
        for key in sorted(cells):
            t, alloc, pops = target[key], out[key], cells[key]
            givers = [o for o in sorted(t) if alloc[o] - 1 >= math.floor(t[o])]
            takers = [o for o in sorted(t) if alloc[o] + 1 <= min(pops[o], math.ceil(t[o]))]
            for g in givers:
                for k in takers:
                    if g == k:
                        continue
                    delta = 2 * ((have[k] - want[k]) - (have[g] - want[g])) + 2
                    if delta < 0 and (best is None or delta < best[0]):
                        best = (delta, key, g, k)
        if best is None:
            break
        _, key, g, k = best
        out[key][g] -= 1
        out[key][k] += 1
        have[g] -= 1
        have[k] += 1
    return out


def pick(
    order: Sequence,
    wanted: Mapping[str, int],
    reserves: int,
    *,
    office_of: Callable[[object], str],
    holder_of: Callable[[object], str],
    holder_counts: dict[str, int],
    cap: int | None,
) -> CellPick:
    """Take ``wanted[office]`` cases of each office from ``order`` (a stratum's cases in
    random order), never taking a case holder past ``cap`` (``holder_counts`` is shared
    across strata and updated), then ``reserves`` reserves."""
    result = CellPick(by_office={o: 0 for o in wanted})
    taken = [False] * len(order)
    limit = cap if cap is not None else math.inf

    def take(i: int, case) -> None:
        taken[i] = True
        result.sample.append(case)
        o = office_of(case)
        result.by_office[o] = result.by_office.get(o, 0) + 1
        h = holder_of(case)
        if h:
            holder_counts[h] = holder_counts.get(h, 0) + 1

    def full(case) -> bool:
        h = holder_of(case)
        return bool(h) and holder_counts.get(h, 0) >= limit

    passed: set[int] = set()
    for i, case in enumerate(order):
        o = office_of(case)
        if result.by_office.get(o, 0) >= wanted.get(o, 0):
            continue
        if full(case):
            passed.add(i)
            continue
        take(i, case)
    short = sum(wanted.values()) - len(result.sample)
    if short:
        for i, case in enumerate(order):
            if short == 0:
                break
            if not taken[i] and not full(case):
                take(i, case)
                result.moved += 1
                short -= 1
    result.short = short
    result.passed_over = sum(1 for i in passed if not taken[i])
    rest = [c for i, c in enumerate(order) if not taken[i]]
    under = [c for c in rest if not full(c)]
    over = [c for c in rest if full(c)]
    result.reserves = (under + over)[:reserves]
    return result
