"""The lead inspector's set-up at the central store: caseload → sample → allocation,
and replacing an unusable case with the next reserve of its stratum.

The sampling itself lives in ``core/setup`` (pure); this module reads the caseload,
runs the draw and the allocation, and keeps the result in the central store's
``setup_cases`` table, from which the inspection pack is made.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import select, update

from ..messages import Joined, Msg
from ..setup import allocation, caseload, eligibility, report, selection, size
from ..setup.explain import explain
from . import packs, schema
from .answers import framework_for
from .store import CentralError, CentralStore

PROFILE_KEYS_SKIPPED = ("case_id",)


@dataclass(frozen=True)
class DrawResult:
    sample_size: int
    reserves: int
    caseload_size: int
    margin: float
    report_text: str
    counts: dict[str, int]
    #: How many cases the eligibility and duplicate rules left out, for each reason, as a
    #: phrase in either language (``in_lang(left_out, "cy")``); None when none was.
    left_out: Joined | None = None
    #: ``explained(lang)``: how the allocation was reached (``hmip central draw --explain``),
    #: with the reasons cases were left out in ``lang``.
    explained: Callable[[str], str] | None = None
    #: The sample report as plain data (``report.full_report``): ``report_in(lang)`` renders it.
    report_data: dict | None = None

    def report_in(self, lang: str) -> str:
        """The sample report in ``lang``: :attr:`report_text` (English) as it is, else rendered again."""
        return self.report_text if lang == "en" or self.report_data is None else report.render_text(self.report_data, lang)


def _team(store: CentralStore, inspection_id: str) -> list[dict]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.team_members).where(schema.team_members.c.inspection_id == inspection_id)).all()
    if not rows:
        raise CentralError.of("setup.no_team", inspection=inspection_id)
    # The allocation breaks ties by team order: make it the same on every backend (by id,
    # in code-point order, as SQLite's primary key index gave it; never the collation's).
    return [{"id": r.member_id, "role": r.role} for r in sorted(rows, key=lambda r: r.member_id)]


def draw(store: CentralStore, inspection_id: str, caseload_path: Path, *, seed: int, sample_size: int | None = None,
         local_assessor_share: float = 1 / 3, progress=None, minimums=None, cap: int | None = None,
         as_of: dt.date | None = None) -> DrawResult:
    """Read the caseload, leave out what the framework's eligibility and duplicate rules
    exclude (counted in the report), draw the sample with reserves (per-group
    ``minimums``, ``cap`` per case holder), allocate it; store all of it.
    Refuses a caseload with any invalid row (every bad row listed by line number)."""
    fw = framework_for(store, inspection_id)
    loaded = caseload.read_caseload(
        Path(caseload_path), fw, progress=progress, allow_missing=eligibility.missing_allowed(fw.sample),
        allow_duplicate_ids=fw.sample.duplicates is not None,
    )
    if loaded.errors:
        lines = Joined(tuple(p.at(caseload_path) for p in loaded.errors[:50]))
        more = Msg.of("setup.more_rows", count=len(loaded.errors) - 50) if len(loaded.errors) > 50 else ""
        raise CentralError.of("setup.invalid_rows", count=len(loaded.errors), lines=lines, more=more)
    screened = eligibility.screen(loaded.rows, fw.sample, list(loaded.field_columns), as_of=as_of or dt.date.today())
    cases = [row.values for row in screened.rows]
    try:
        choice = size.choose_size(len(cases), sample_size)
        sample = selection.draw_for_framework(cases, choice.size, fw, seed=seed, minimums=minimums,
                                              columns=loaded.field_columns, cap=cap)
    except ValueError as exc:
        raise CentralError.of("setup.caseload", path=caseload_path, detail=exc) from None
    dealt = allocation.allocate(sample.sampled_ids(), _team(store, inspection_id), local_assessor_share=local_assessor_share)
    chosen = sample.selections()
    rows = []
    # Sampling-only columns (start date, case holder, office ...) are not case profile.
    skipped = {*PROFILE_KEYS_SKIPPED, *(c.id for c in fw.sample.columns)}
    for case in cases:
        state, rank = chosen.get(case["case_id"], ("caseload", None))
        stratum = sample.stratum_of(case["case_id"])
        rows.append({
            "case_id": case["case_id"],
            "profile": {k: v for k, v in case.items() if k not in skipped},
            "selection": state if state != "replaced" else "caseload", "reserve_rank": rank,
            "stratum": sample.describe_stratum(stratum) if stratum else "",
            "reader_id": dealt.assignments.get(case["case_id"]),
        })
    packs.set_cases(store, inspection_id, rows)
    counts = {}
    for r in rows:
        counts[r["selection"]] = counts.get(r["selection"], 0) + 1
    made = report.full_report(sample, choice, screened, cases, fw.sample.representation)
    return DrawResult(choice.size, counts.get("reserve", 0), len(cases), choice.margin, report.render_text(made), counts,
                      screened.left_out(), partial(explain, sample, choice, screened), made)


def set_up(store: CentralStore, inspection_id: str, *, framework_yaml: str, provider: str, title: str,
           team: list[dict], cases: list[dict], fieldwork: tuple[str | None, str | None] = (None, None)) -> None:
    """Set an inspection up in one call, through the same steps a lead inspector takes
    (create it with its pinned framework, name the team, record the sample and its
    allocation). ``team``: dicts with id, name, role and key_id (an enrolled key, or
    None); ``cases``: dicts with case_id, profile, selection (sample|reserve|caseload),
    reserve_rank, stratum and reader_id. For the demo and tests; leads use ``draw``."""
    packs.create_inspection(store, inspection_id, framework_yaml, provider, title, fieldwork)
    packs.set_team(store, inspection_id, team)
    packs.set_cases(store, inspection_id, cases)


def set_up_from_field(store: CentralStore, db, inspection_id: str, keys: dict[str, str]) -> None:
    """Set up at the central store the inspection a field store (sqlite-utils Database
    ``db``) already holds (the demo's): the same framework, team, sample, reserves and
    allocation. ``keys``: team member id -> enrolled key id of those who send bundles."""
    insp = db.execute("SELECT framework_yaml, provider, title, fieldwork_start, fieldwork_end FROM inspections"
                      " WHERE id = ?", [inspection_id]).fetchone()
    if insp is None:
        raise CentralError.of("setup.no_field_inspection", inspection=inspection_id)
    team = [{"id": i, "name": n, "role": r, "key_id": keys.get(i)} for i, n, r in db.execute(
        "SELECT id, name, role FROM team_members WHERE inspection_id = ? ORDER BY id", [inspection_id])]
    cases = [{"case_id": c, "profile": json.loads(p), "selection": s, "reserve_rank": rank, "reader_id": reader}
             for c, p, s, rank, reader in db.execute(
                 "SELECT c.case_id, c.profile, c.selection, c.reserve_rank, r.reader_id FROM cases c LEFT JOIN"
                 " case_reads r USING (inspection_id, case_id) WHERE c.inspection_id = ? ORDER BY c.case_id",
                 [inspection_id])]
    set_up(store, inspection_id, framework_yaml=insp[0], provider=insp[1], title=insp[2], team=team, cases=cases,
           fieldwork=(insp[3], insp[4]))


def replace(store: CentralStore, inspection_id: str, case_id: str, reason: str) -> str:
    """Replace an unusable sampled case with the next reserve of its stratum; the new
    case takes over its reader. Returns the replacement's case reference."""
    if not reason.strip():
        raise CentralError.of("setup.replace_reason")
    t = schema.setup_cases
    with store.engine.begin() as conn:
        row = conn.execute(select(t).where(t.c.inspection_id == inspection_id, t.c.case_id == case_id)).first()
        if row is None or row.selection != "sample" or row.replaced_by:
            raise CentralError.of("setup.not_in_sample", case=case_id, inspection=inspection_id)
        reserve = conn.execute(
            select(t).where(t.c.inspection_id == inspection_id, t.c.stratum == row.stratum, t.c.selection == "reserve")
            .order_by(t.c.reserve_rank)).first()
        if reserve is None:
            raise CentralError.of("setup.no_reserve", case=case_id, stratum=row.stratum)
        conn.execute(update(t).where(t.c.inspection_id == inspection_id, t.c.case_id == case_id).values(
            selection="caseload", replaced_by=reserve.case_id, replacement_reason=reason, reader_id=None))
        conn.execute(update(t).where(t.c.inspection_id == inspection_id, t.c.case_id == reserve.case_id).values(
            selection="sample", reserve_rank=None, reader_id=row.reader_id))
    return reserve.case_id


def sample_rows(store: CentralStore, inspection_id: str) -> list[dict]:
    """The stored caseload with its selection, for views and reports."""
    t = schema.setup_cases
    with store.engine.connect() as conn:
        rows = conn.execute(select(t).where(t.c.inspection_id == inspection_id)).all()
    # sorted here, not by ORDER BY: code-point order on every backend, whatever the collation
    return [
        {"case_id": r.case_id, "profile": json.loads(r.profile), "selection": r.selection,
         "reserve_rank": r.reserve_rank, "stratum": r.stratum, "reader_id": r.reader_id,
         "replaced_by": r.replaced_by, "replacement_reason": r.replacement_reason}
        for r in sorted(rows, key=lambda r: r.case_id)
    ]


def reassign(store: CentralStore, inspection_id: str, case_id: str, member_id: str,
             local_assessor_share: float = 1 / 3) -> None:
    """Move a sampled case to another reader by hand, within the rules (the local
    assessors' share, members who read); AllocationRefused says why it cannot."""
    rows = [r for r in sample_rows(store, inspection_id) if r["selection"] == "sample"]
    current = allocation.Allocation(
        allocation.parse_team(_team(store, inspection_id)), {r["case_id"]: r["reader_id"] for r in rows},
        allocation.local_assessor_cap(len(rows), local_assessor_share))
    allocation.move(current, case_id, member_id)
    t = schema.setup_cases
    with store.engine.begin() as conn:
        conn.execute(update(t).where(t.c.inspection_id == inspection_id, t.c.case_id == case_id).values(
            reader_id=member_id))
