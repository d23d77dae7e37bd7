"""Allocating sampled cases to the inspection team, balanced and within caps.

Contract of :func:`allocate`:

* ``team``: mappings with ``id`` and ``role`` (``inspector``, ``local_assessor``,
  ``lead``) and optionally ``cap`` (most cases this person reads). Inspectors and local
  assessors read cases; a lead reads cases only when given a positive ``cap``; a ``cap``
  of 0 takes anyone out.
* **Balanced:** cases are dealt one at a time, in the order given, to the reader with the
  fewest cases who can still take one; so the counts of readers who are not held back by
  a cap differ by at most one. Ties go to inspectors before local assessors, then to the
  team's order.
* **Local assessors** together read at most ``floor(local_assessor_share × cases)``
  (a third by default: DOMAIN.md, "about a third of the cases may be read by local
  assessors").
* Deterministic: the same cases in the same order and the same team give the same
  allocation. Dealing the cases in the sample's stratum order spreads every stratum
  across the readers.

:func:`move` is the hand edit: it re-checks the reader's cap and the local assessors'
share and raises :class:`AllocationRefused` saying why. Functions return new
:class:`Allocation` objects; nothing is changed in place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from ..messages import Refusal

ROLES = ("inspector", "local_assessor", "lead")
#: DOMAIN.md: about a third of the cases may be read by local assessors.
DEFAULT_LOCAL_ASSESSOR_SHARE = Fraction(1, 3)


class AllocationRefused(Refusal, ValueError):
    """The allocation or the move cannot be made; the message says why (one line)."""


@dataclass(frozen=True)
class Member:
    id: str
    role: str
    #: Most cases this member reads (None: no limit of their own).
    cap: int | None = None

    @property
    def reads(self) -> bool:
        if self.cap == 0:
            return False
        return self.role != "lead" or (self.cap is not None and self.cap > 0)


@dataclass(frozen=True)
class Move:
    case_id: str
    from_member: str
    to_member: str


@dataclass(frozen=True)
class Allocation:
    """``assignments``: case reference -> member id, in the order the cases were dealt."""

    team: tuple[Member, ...]
    assignments: dict[str, str]
    local_assessor_cap: int
    moves: tuple[Move, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        """Cases per reading member (0 for readers with none), in team order."""
        out = {m.id: 0 for m in self.team if m.reads}
        for member in self.assignments.values():
            out[member] = out.get(member, 0) + 1
        return out

    def cases_of(self, member_id: str) -> list[str]:
        return [c for c, m in self.assignments.items() if m == member_id]

    def local_assessor_cases(self) -> int:
        las = {m.id for m in self.team if m.role == "local_assessor"}
        return sum(1 for m in self.assignments.values() if m in las)

    def member(self, member_id: str) -> Member:
        for m in self.team:
            if m.id == member_id:
                return m
        raise AllocationRefused.of("allocation.not_in_team", member=member_id)


def parse_team(team: Sequence[Mapping]) -> tuple[Member, ...]:
    members, seen = [], set()
    for raw in team:
        member_id, role = raw.get("id"), raw.get("role")
        if not member_id or not isinstance(member_id, str):
            raise AllocationRefused.of("allocation.no_id", raw=repr(dict(raw)))
        if member_id in seen:
            raise AllocationRefused.of("allocation.twice", member=member_id)
        if role not in ROLES:
            raise AllocationRefused.of("allocation.role", member=member_id, role=repr(role), roles=", ".join(ROLES))
        cap = raw.get("cap")
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 0):
            raise AllocationRefused.of("allocation.cap", member=member_id, cap=repr(cap))
        seen.add(member_id)
        members.append(Member(member_id, role, cap))
    return tuple(members)


def local_assessor_cap(cases: int, share: Fraction | float = DEFAULT_LOCAL_ASSESSOR_SHARE) -> int:
    """Most cases local assessors may read together: ``floor(share × cases)``."""
    share = Fraction(share).limit_denominator(10_000)
    if not 0 <= share <= 1:
        raise AllocationRefused.of("allocation.share", share=float(share))
    return math.floor(share * cases)


def allocate(
    case_ids: Sequence[str],
    team: Sequence[Mapping],
    *,
    local_assessor_share: Fraction | float = DEFAULT_LOCAL_ASSESSOR_SHARE,
) -> Allocation:
    """Deal ``case_ids`` (in order) to the team's readers; see the module docstring.

    AllocationRefused when a case is listed twice, the team is malformed or the readers'
    caps cannot take every case.
    """
    members = parse_team(team)
    if len(set(case_ids)) != len(case_ids):
        raise AllocationRefused.of("allocation.case_twice")
    readers = [(i, m) for i, m in enumerate(members) if m.reads]
    if case_ids and not readers:
        raise AllocationRefused.of("allocation.no_readers")
    la_cap = local_assessor_cap(len(case_ids), local_assessor_share)
    counts = {m.id: 0 for _, m in readers}
    la_total = 0
    assignments: dict[str, str] = {}
    for case_id in case_ids:
        best = None
        for order, m in readers:
            if m.cap is not None and counts[m.id] >= m.cap:
                continue
            is_la = m.role == "local_assessor"
            if is_la and la_total >= la_cap:
                continue
            rank = (counts[m.id], is_la, order)
            if best is None or rank < best[0]:
                best = (rank, m)
        if best is None:
            raise AllocationRefused.of("allocation.over_caps", read=len(assignments), total=len(case_ids), la_cap=la_cap)
        member = best[1]
        assignments[case_id] = member.id
        counts[member.id] += 1
        la_total += member.role == "local_assessor"
    return Allocation(members, assignments, la_cap)


def move(allocation: Allocation, case_id: str, to_member: str) -> Allocation:
    """The allocation with ``case_id`` moved to ``to_member``; AllocationRefused (saying
    why) if the case is not allocated, the member does not read cases or is at their cap,
    or the move would take local assessors over their share."""
    if case_id not in allocation.assignments:
        raise AllocationRefused.of("allocation.not_allocated", case=case_id)
    target = allocation.member(to_member)
    current = allocation.assignments[case_id]
    if current == to_member:
        raise AllocationRefused.of("allocation.already", case=case_id, member=to_member)
    if not target.reads:
        raise AllocationRefused.of("allocation.not_a_reader", member=to_member, role=target.role)
    if target.cap is not None and allocation.counts().get(to_member, 0) >= target.cap:
        raise AllocationRefused.of("allocation.at_cap", member=to_member, cap=target.cap)
    if target.role == "local_assessor" and allocation.member(current).role != "local_assessor":
        if allocation.local_assessor_cases() + 1 > allocation.local_assessor_cap:
            raise AllocationRefused.of("allocation.la_share", count=allocation.local_assessor_cases() + 1,
                                      cap=allocation.local_assessor_cap, total=len(allocation.assignments))
    assignments = dict(allocation.assignments)
    assignments[case_id] = to_member
    return replace(allocation, assignments=assignments, moves=(*allocation.moves, Move(case_id, current, to_member)))
