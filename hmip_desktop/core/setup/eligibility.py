"""Which cases of a caseload may be sampled: eligibility exclusions and duplicates.

The rules are the framework's (``sample.eligibility`` and ``sample.duplicates``, each
with its source; the shipped frameworks take them from the MoJ probation case sampler):

* **Exclusions.** A case is not eligible when a field named by a rule is ``missing``,
  is a date ``after`` the day of the draw (not yet started) or ``before``/``after`` that
  day less some ``months`` (a window on time under supervision), or ``equals`` a value
  (marked sensitive). A rule on a column the caseload does not have does nothing (and
  says so); a ``missing`` rule on a column the caseload has applies to every row.
* **Duplicates.** Rows sharing a value of any ``match`` field (the same case reference,
  the same person reference) are one case: the one with the earliest ``keep_earliest``
  date is kept (ties, and rows without the date: the smallest case reference, then the
  row's values), so the choice never depends on the order of the rows.

Every removed row is kept with its line and reason; nothing is dropped silently. Pure:
no I/O, no Qt. Case references are the only identifiers kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..frameworks.model import SampleRules
from ..messages import Bilingual, Joined, Msg, in_lang
from ..messages_setup import LEFT_OUT_CY
from .caseload import CASE_ID, CaseRow


@dataclass(frozen=True)
class Removed:
    """A caseload row left out of the sampling frame, with why: ``reason`` and ``detail``
    in English (what the report counts by), ``said`` and ``said_detail`` the same as
    phrases that read in Welsh too (see :meth:`reason_text`)."""

    line: int
    case_id: str
    reason: str
    detail: str = ""
    said: object = field(default=None, compare=False)
    said_detail: object = field(default=None, compare=False)

    def reason_text(self, lang: str = "en") -> str:
        return in_lang(self.said if self.said is not None else self.reason, lang)

    def detail_text(self, lang: str = "en") -> str:
        return in_lang(self.said_detail if self.said_detail is not None else self.detail, lang)


def reason_phrase(reason: str) -> Bilingual:
    """A framework's eligibility reason (English in the framework file) with its Welsh."""
    return Bilingual(reason, LEFT_OUT_CY.get(reason))


@dataclass
class Screened:
    """The sampling frame (eligible, one row per case) and what was left out."""

    rows: list[CaseRow]
    excluded: list[Removed] = field(default_factory=list)
    duplicates: list[Removed] = field(default_factory=list)
    as_of: str = ""
    #: Rules that could not apply (their column is not in the caseload), and the same as phrases.
    not_applied: list[str] = field(default_factory=list)
    not_applied_said: list = field(default_factory=list)
    eligibility_source: str = ""
    duplicates_source: str = ""

    def counts(self, which: str) -> dict[str, int]:
        """``{reason: rows}`` for ``"excluded"`` or ``"duplicates"``."""
        out: dict[str, int] = {}
        for r in getattr(self, which):
            out[r.reason] = out.get(r.reason, 0) + 1
        return out

    def left_out(self) -> Joined | None:
        """How many cases were left out for each reason (``3 not yet started; 1 same case
        reference``) as one phrase that reads in either language; None when none was."""
        said: dict[str, tuple[object, int]] = {}
        for removed in (*self.excluded, *self.duplicates):
            phrase, n = said.get(removed.reason, (removed.said if removed.said is not None else removed.reason, 0))
            said[removed.reason] = (phrase, n + 1)
        parts = tuple(Msg.of("left_out.count", count=n, reason=phrase) for phrase, n in said.values())
        return Joined(parts, "; ") if parts else None

    def as_dict(self) -> dict:
        """Plain data for the sample report."""
        return {
            "as_of": self.as_of,
            "eligible": len(self.rows),
            "excluded": self.counts("excluded"),
            "duplicates": self.counts("duplicates"),
            "not_applied": list(self.not_applied),
            "eligibility_source": self.eligibility_source,
            "duplicates_source": self.duplicates_source,
            # the same reasons and rules in Welsh, for the report in Welsh (render_text(report, "cy"))
            "reasons_cy": {r.reason: r.reason_text("cy") for r in (*self.excluded, *self.duplicates)},
            "not_applied_cy": [in_lang(n, "cy") for n in self.not_applied_said or self.not_applied],
        }


def missing_allowed(rules: SampleRules) -> set[str]:
    """Fields whose empty value excludes a case rather than making the row bad."""
    if rules.eligibility is None:
        return set()
    return {r.field for r in rules.eligibility.exclude if r.when == "missing"}


def screen(rows: Sequence[CaseRow], rules: SampleRules, columns: Sequence[str], *, as_of: dt.date) -> Screened:
    """Apply the framework's exclusions, then its duplicate rule, to valid ``rows``.

    ``columns``: the fields the caseload has a column for (``Caseload.field_columns``).
    """
    have = set(columns) | {CASE_ID}
    out = Screened([], as_of=as_of.isoformat())
    today = as_of.isoformat()
    kept: list[CaseRow] = []
    if rules.eligibility is not None:
        out.eligibility_source = rules.eligibility.source
        active = []
        for rule in rules.eligibility.exclude:
            if rule.field in have:
                active.append(rule)
            else:
                out.not_applied.append(f"{rule.reason} (no {rule.field} column)")
                out.not_applied_said.append(Msg.of("left_out.no_column", reason=reason_phrase(rule.reason),
                                                   field=rule.field))
        for row in rows:
            why = _excluded(row.values, active, today)
            if why is None:
                kept.append(row)
            else:
                out.excluded.append(Removed(row.line, row.values.get(CASE_ID, ""), why, said=reason_phrase(why)))
    else:
        kept = list(rows)
    rule = rules.duplicates
    if rule is None:
        out.rows = kept
        return out
    out.duplicates_source = rule.source
    match = [f for f in rule.match if f in have]
    out.not_applied += [f"duplicates by {f} (no {f} column)" for f in rule.match if f not in have]
    out.not_applied_said += [Msg.of("left_out.duplicates_by", field=f) for f in rule.match if f not in have]
    date_field = rule.keep_earliest if rule.keep_earliest in have else None

    def rank(row: CaseRow):
        date = row.values.get(date_field, "") if date_field else ""
        return (date == "", date, row.values.get(CASE_ID, "").casefold(), tuple(sorted(row.values.items())), row.line)

    # Union rows sharing any match value, then keep the first of each group by rank.
    parent = list(range(len(kept)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for f in match:
        first: dict[str, int] = {}
        for i, row in enumerate(kept):
            value = row.values.get(f, "")
            if not value:
                continue
            key = value.casefold()
            j = first.setdefault(key, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[CaseRow]] = {}
    for i, row in enumerate(kept):
        groups.setdefault(find(i), []).append(row)
    survivors: set[int] = set()
    for members in groups.values():
        best = min(members, key=rank)
        survivors.add(id(best))
        for row in members:
            if row is best:
                continue
            said = _duplicate_reason(row, best, match)
            if date_field and best.values.get(date_field):
                said_detail = Msg.of("left_out.kept_earlier", line=best.line, field=date_field)
            else:
                said_detail = Msg.of("left_out.kept", line=best.line)
            out.duplicates.append(Removed(row.line, row.values.get(CASE_ID, ""), str(said), str(said_detail),
                                          said, said_detail))
    out.rows = [row for row in kept if id(row) in survivors]
    out.duplicates.sort(key=lambda r: r.line)
    return out


def months_before(day: str, months: int) -> str:
    """The ISO date ``months`` calendar months before ``day`` (the last day of a shorter month)."""
    d = dt.date.fromisoformat(day)
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    last = (dt.date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m + 1, min(d.day, last)).isoformat()


def _excluded(values: dict[str, str], rules, today: str) -> str | None:
    for rule in rules:
        value = values.get(rule.field, "")
        if rule.when == "missing" and not value:
            return rule.reason
        if rule.when in ("after", "before") and value:
            limit = months_before(today, rule.months) if rule.months else today
            if (value > limit) if rule.when == "after" else (value < limit):
                return rule.reason
        if rule.when == "equals" and value and rule.value is not None and value.casefold() == rule.value.casefold():
            return rule.reason
    return None


def _duplicate_reason(row: CaseRow, best: CaseRow, match: Sequence[str]) -> Msg:
    for f in match:
        value = row.values.get(f, "")
        if value and value.casefold() == best.values.get(f, "").casefold():
            return Msg.of("left_out.same_case") if f == CASE_ID else Msg.of("left_out.same_person", field=f)
    return Msg.of("left_out.same_person_through")
