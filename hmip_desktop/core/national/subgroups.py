"""``hmip national subgroups``: each key question's sufficiency by age band, gender,
ethnicity, disability, risk level and disposal type, pooled across the inspections'
current sign-offs (the 2003/04 report's sub-samples by race, gender and age, ¶1.13 and
¶2.10: minority groups are too small in any one area to see on their own).

For each group: the pooled percentage of applicable cases judged sufficient with its
Wilson 95% interval; the rest of the cases' percentage; Fisher's exact test (two-sided)
of the group against the rest; the p-values adjusted for the many comparisons by
Benjamini-Hochberg (false discovery rate) over every test in the output
(``scipy.stats.false_discovery_control``). A difference is flagged where the adjusted
p-value is below 0.05.

Suppression (:data:`MIN_GROUP`): a group with fewer than ``MIN_GROUP`` applicable cases
shows no figures and is not tested; where that leaves exactly one group of a dimension
suppressed, the next smallest group is suppressed too, so that the hidden one cannot be
worked out from the total.
"""

from __future__ import annotations

from collections import defaultdict

from scipy.stats import false_discovery_control, fisher_exact
from sqlalchemy import and_, func, select

from ..central.ratings import wilson
from . import schema
from .store import NationalStore
from .tables import Filter, current_imports

DIMENSIONS = ("age_band", "gender", "ethnicity", "disability", "risk_level", "disposal_type")
MIN_GROUP = 10
ALPHA = 0.05
NOT_RECORDED = "not_recorded"
METHOD = {
    "interval": "Wilson score interval, 95%, for the percentage of applicable cases judged sufficient",
    "test": "Fisher's exact test (two-sided) of each group against the rest of the cases of the same key question",
    "correction": f"Benjamini-Hochberg over every test in this output; flagged where the adjusted p-value < {ALPHA}",
    "suppression": (f"a group with fewer than {MIN_GROUP} applicable cases is suppressed (no figures, not tested); "
                    "where only one group of a dimension would be suppressed, the next smallest is suppressed too; the rest's "
                    f"percentage is shown only where the rest has at least {MIN_GROUP} cases"),
    "pooling": "the cases of every inspection's latest sign-off, pooled; a profile value not recorded is "
               f"'{NOT_RECORDED}'",
}


def _r(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


def counts(store: NationalStore, flt: Filter) -> dict[str, dict[tuple[str, str], dict[str, tuple[int, int]]]]:
    """dimension -> (framework, question) -> group -> (sufficient, applicable): one
    aggregate query per dimension."""
    j, c, ins = schema.judgements, schema.cases, schema.inspections
    ids = current_imports(flt).scalar_subquery()
    joined = j.join(c, and_(c.c.import_id == j.c.import_id, c.c.pseudonym == j.c.pseudonym)).join(
        ins, ins.c.import_id == j.c.import_id)
    out: dict = {}
    with store.engine.connect() as conn:
        for dim in DIMENSIONS:
            col = c.c[dim]
            rows = conn.execute(select(ins.c.framework_id, j.c.question_id, col, func.sum(j.c.sufficient),
                                       func.sum(j.c.applicable)).select_from(joined).where(j.c.import_id.in_(ids))
                                .group_by(ins.c.framework_id, j.c.question_id, col)).all()
            per: dict = defaultdict(dict)
            for f, q, group, s, a in rows:
                key = group if group is not None else NOT_RECORDED
                old = per[(f, q)].get(key, (0, 0))
                per[(f, q)][key] = (old[0] + int(s or 0), old[1] + int(a or 0))
            out[dim] = per
    return out


def _suppressed(groups: dict[str, tuple[int, int]]) -> set[str]:
    small = {g for g, (_, a) in groups.items() if a < MIN_GROUP}
    if len(small) == 1 and len(groups) > 1:
        rest = sorted((a, g) for g, (_, a) in groups.items() if g not in small)
        small.add(rest[0][1])
    return small


def subgroups(store: NationalStore, flt: Filter = Filter()) -> dict:
    """The sub-group tables as plain data (``hmip national subgroups --json``)."""
    data = counts(store, flt)
    kq = schema.key_questions
    with store.engine.connect() as conn:
        order = {q: p for q, p in conn.execute(select(kq.c.question_id, func.min(kq.c.position))
                                               .where(kq.c.import_id.in_(current_imports(flt).scalar_subquery()))
                                               .group_by(kq.c.question_id))}
    keys = sorted({k for per in data.values() for k in per}, key=lambda k: (k[0], order.get(k[1], 0), k[1]))
    questions, tested = [], []
    for f, q in keys:
        dims = []
        for dim in DIMENSIONS:
            groups = data[dim].get((f, q), {})
            total_s = sum(s for s, _ in groups.values())
            total_a = sum(a for _, a in groups.values())
            hidden = _suppressed(groups)
            rows = []
            for g in sorted(groups):
                s, a = groups[g]
                row = {"group": g, "suppressed": g in hidden}
                if g in hidden:
                    row.update(sufficient=None, applicable=None, percent=None, ci_low=None, ci_high=None,
                               rest_percent=None, p_value=None, p_adjusted=None, significant=None)
                else:
                    low, high = wilson(s, a)
                    rs, ra = total_s - s, total_a - a
                    p = fisher_exact([[s, a - s], [rs, ra - rs]])[1] if ra else None
                    row.update(sufficient=s, applicable=a, percent=_r(100 * s / a), ci_low=_r(low), ci_high=_r(high),
                               # the rest is shown only where it is not itself a small cell
                               rest_percent=_r(100 * rs / ra) if ra >= MIN_GROUP else None, p_value=p, p_adjusted=None,
                               significant=None)
                    if p is not None:
                        tested.append(row)
                rows.append(row)
            # no total per dimension: with one group hidden by size it would give that group away
            dims.append({"dimension": dim, "groups": rows})
        questions.append({"id": q, "framework": f, "dimensions": dims})
    if tested:
        adjusted = false_discovery_control([min(1.0, max(0.0, r["p_value"])) for r in tested], method="bh")
        for row, adj in zip(tested, adjusted):
            row["p_adjusted"] = _r(float(adj), 6)
            row["p_value"] = _r(float(row["p_value"]), 6)
            row["significant"] = bool(adj < ALPHA)
    return {"method": {**METHOD, "min_group": MIN_GROUP, "alpha": ALPHA, "tests": len(tested)},
            "key_questions": questions}
