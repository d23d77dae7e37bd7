"""Everything a report needs from the central store, read in one place as plain data.

The figures are the core's: :func:`gather` reads the store through the central read
model (``central.queries``), takes the effective answers and the ratings from one
reading of them (``answers.rated``: ``ratings.rate`` with the recorded
professional-judgement overrides) and the reader consistency from
``agreement.consistency``; sub-group figures are ``ratings.key_question_figure`` on
each group's cases. Nothing here computes a percentage, a band or an interval itself.
The renderers (PDF, HTML, CSV/XLSX) only read what is gathered here.

Read-only: nothing is written to the store. Not thread-safe beyond what the store's
engine is (call it from one worker thread).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..central import agreement, queries
from ..central.answers import effective_rows, framework_for, rated
from ..central.queries import Inspection, Read
from ..central.ratings import Figure, Ratings, key_question_figure
from ..central.store import CentralError, CentralStore
from ..frameworks.model import Framework, KeyQuestion
from .text import check_lang

#: The case profile fields reported as sub-groups, in this order, where the framework has them.
SUBGROUP_FIELDS = ("gender", "ethnicity", "age_band", "risk_level", "disposal_type")
#: Sub-group cells with fewer applicable cases than this are suppressed.
MIN_CELL = 5
#: The thresholds passed to ``agreement.consistency`` (and stated in the report).
MIN_UNCHANGED = agreement.MIN_UNCHANGED
MIN_KAPPA_LOW = agreement.MIN_KAPPA_LOW
#: The group of cases whose profile does not record the field.
UNRECORDED = ""


@dataclass(frozen=True)
class SubgroupTable:
    """Key question figures for the groups of one profile field; ``None`` where a cell is
    suppressed (fewer than MIN_CELL applicable cases)."""

    field_id: str
    groups: list[tuple[str, int]]  # (option id or UNRECORDED, number of case reads)
    rows: list[tuple[KeyQuestion, list[Figure | None]]]


@dataclass
class ReportData:
    inspection: Inspection
    fw: Framework
    lang: str
    ratings: Ratings
    overrides: dict[str, tuple[str, str]]
    team: list[dict]
    reads: dict[str, Read]
    #: Every effective answer row (``answers.effective_rows``): gathered for the data files only.
    rows: list[dict] | None
    #: case id → key question id → effective value (every question's where ``rows`` were gathered).
    answers: dict[str, dict[str, object]]
    caseload_size: int | None
    qa_selected: int
    moderations: list[dict]
    read_outcomes: list[dict]
    consistency: list[agreement.ReaderConsistency]
    signed_off: bool
    _subgroups: list[SubgroupTable] | None = field(default=None, repr=False)

    # -- derived, read-only views --------------------------------------------------------

    def figure(self, kq_id: str) -> Figure:
        for s in self.ratings.standards:
            for f in s.key_questions:
                if f.id == kq_id:
                    return f
        raise KeyError(kq_id)

    def reader_names(self) -> dict[str, str]:
        return {m["id"]: m["name"] for m in self.team}

    def status_counts(self) -> Counter:
        return Counter(r.status for r in self.reads.values())

    def subgroups(self) -> list[SubgroupTable]:
        """The sub-group tables (computed once)."""
        if self._subgroups is None:
            self._subgroups = [subgroup_table(self.fw, f, self.reads, self.answers)
                               for f in SUBGROUP_FIELDS if _has_field(self.fw, f)]
        return self._subgroups

    def answer_counts(self) -> dict[str, dict[str, int]]:
        """Per key question: how many reads answered it not applicable, and how many left
        it unanswered (counts of recorded values, for the data annex)."""
        out = {}
        for kq in self.fw.key_questions():
            # Options that mean "does not apply" (na, or a scale option with applicable: false).
            na_ids = {o.id for o in self.fw.options(kq.answer) if not o.applicable}
            na = unanswered = 0
            for case_id in self.reads:
                value = self.answers.get(case_id, {}).get(kq.id)
                if value is None or value == "":
                    unanswered += 1
                elif value in na_ids:
                    na += 1
            out[kq.id] = {"not_applicable": na, "not_answered": unanswered}
        return out


def _has_field(fw: Framework, field_id: str) -> bool:
    try:
        fw.profile_field(field_id)
    except KeyError:
        return False
    return True


def subgroup_table(fw: Framework, field_id: str, reads: dict[str, Read],
                   answers: dict[str, dict[str, object]]) -> SubgroupTable:
    """Figures per group of ``field_id`` (scale order, then unrecorded), by the core's
    ``key_question_figure`` on the group's effective answers."""
    members: dict[str, dict[str, dict]] = {}
    for case_id, read in reads.items():
        value = read.profile.get(field_id)
        key = value if isinstance(value, str) and value else UNRECORDED
        members.setdefault(key, {})[case_id] = answers.get(case_id, {})
    spec = fw.profile_field(field_id)
    order = [o.id for o in fw.scale(spec.scale).options] if spec.scale else sorted(k for k in members if k)
    groups = [g for g in order if g in members] + sorted(g for g in members if g not in order and g)
    if UNRECORDED in members:
        groups.append(UNRECORDED)
    rows = []
    for kq in fw.key_questions():
        cells = []
        for g in groups:
            figure = key_question_figure(fw, kq, members[g])
            cells.append(figure if figure.applicable >= MIN_CELL else None)
        rows.append((kq, cells))
    return SubgroupTable(field_id, [(g, len(members[g])) for g in groups], rows)


def gather(store: CentralStore, inspection_id: str, lang: str = "en", *, rows: bool = False) -> ReportData:
    """Read one inspection's report data (ratings with overrides, reads and profiles, QA).
    The effective answers are read once, the key questions' (all a report shows), or with
    ``rows`` every answer row as well (what the data files list)."""
    check_lang(lang)
    fw = framework_for(store, inspection_id)
    with store.engine.connect() as conn:
        inspection = queries.inspection(conn, inspection_id)
        reads = queries.current_reads(conn, inspection_id)
        team = queries.team(conn, inspection_id)
        caseload = queries.caseload_size(conn, inspection_id)
        qa_selected = len(queries.qa_selection(conn, inspection_id))
        moderations = queries.moderation_rows(conn, inspection_id)
        outcomes = queries.outcome_rows(conn, inspection_id)
        pairs = queries.reader_pairs(conn, inspection_id, moderations)
        signed_off = queries.locked(conn, inspection_id)
    r = rated(store, [inspection_id], lang, rows=rows)[inspection_id]  # the one place ratings come from
    consistency = agreement.consistency(pairs, min_unchanged=MIN_UNCHANGED, min_kappa_low=MIN_KAPPA_LOW)
    return ReportData(inspection, fw, lang, r.ratings, r.overrides, team, reads, r.rows, r.answers,
                      caseload, qa_selected, moderations, outcomes, consistency, signed_off)


@dataclass(frozen=True)
class CaseData:
    """One case read for its record: the head revision's own answers (value, evidence
    note), the effective values, and its moderation and read outcomes."""

    inspection: Inspection
    fw: Framework
    read: Read
    recorded: dict[str, tuple[object, str]]
    effective: dict[str, object]
    moderations: list[dict]
    read_outcomes: list[dict]
    team: dict[str, str]


def gather_case(store: CentralStore, inspection_id: str, case_id: str) -> CaseData:
    """Read one case read's record; CentralError if the inspection or case read is unknown."""
    fw = framework_for(store, inspection_id)
    with store.engine.connect() as conn:
        inspection = queries.inspection(conn, inspection_id)
        read = queries.current_reads(conn, inspection_id).get(case_id)
        if read is None:
            raise CentralError.of("central.no_case_read", case=case_id, inspection=inspection_id)
        recorded = queries.recorded_answers(conn, inspection_id, case_id, read.revision_id)
        moderations = queries.moderation_rows(conn, inspection_id, case_id)
        outcomes = queries.outcome_rows(conn, inspection_id, [case_id])
        team = queries.team_names(conn, inspection_id)
    # The effective answers exactly as everywhere else (moderation of the current revision wins).
    effective = {r["question_id"]: r["value"] for r in effective_rows(store, inspection_id) if r["case_id"] == case_id}
    return CaseData(inspection, fw, read, recorded, effective, moderations, outcomes, team)
