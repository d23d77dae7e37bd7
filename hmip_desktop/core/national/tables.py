"""``hmip national tables``: the annual report's tables across inspections.

* Per inspection (current sign-off only), grouped by provider family: each standard's
  score and rating, the overall score and rating.
* Per key question (by framework): the pooled national percentage of applicable cases
  judged sufficient with its Wilson 95% interval; the mean, minimum and maximum of the
  inspections' own percentages; the number of inspections with a figure.
* The distribution of ratings (overall and per standard).

Suppression (:data:`MIN_CASES`): an inspection whose key question has fewer than
``MIN_CASES`` applicable cases does not contribute a percentage to the mean, minimum and
maximum (its cases still count in the pooled figure); a pooled figure with fewer than
``MIN_CASES`` applicable cases is suppressed (percent and interval null).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..central.ratings import wilson
from . import schema
from .store import NationalError, NationalStore

MIN_CASES = 5
INTERVAL = "Wilson score interval, 95%, for the pooled percentage of applicable cases judged sufficient"
SUPPRESSION = (f"a key question's figure with fewer than {MIN_CASES} applicable cases is suppressed: an inspection's "
               "does not count in the mean, minimum and maximum over inspections (its cases still count in the "
               f"pooled figure), and a pooled figure on fewer than {MIN_CASES} cases is not given")


@dataclass(frozen=True)
class Filter:
    framework: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise NationalError.of("national.bad_date", value=value) from None


def current_imports(flt: Filter):
    """SELECT of the current imports' ids (and inspections) matching the filter. The
    dates are the sign-off's (UTC), inclusive."""
    im, ins = schema.imports, schema.inspections
    q = select(im.c.id).select_from(im.join(ins, ins.c.import_id == im.c.id)).where(im.c.current.is_(True))
    if flt.framework:
        q = q.where(ins.c.framework_id == flt.framework)
    if flt.date_from:
        q = q.where(im.c.signed_off_at >= check_date(flt.date_from))
    if flt.date_to:
        q = q.where(im.c.signed_off_at < check_date(flt.date_to) + "T99")  # the whole day
    return q


def kq_counts_query(flt: Filter):
    """The bare aggregate: per (import, key question) sufficient and applicable counts."""
    j = schema.judgements
    return (select(j.c.import_id, j.c.question_id, func.sum(j.c.sufficient), func.sum(j.c.applicable))
            .where(j.c.import_id.in_(current_imports(flt).scalar_subquery()))
            .group_by(j.c.import_id, j.c.question_id))


def _pct(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def tables(store: NationalStore, flt: Filter = Filter()) -> dict:
    """The tables as plain data (the JSON of ``hmip national tables --json``)."""
    im, ins, st, kq = schema.imports, schema.inspections, schema.standards, schema.key_questions
    ids = current_imports(flt).scalar_subquery()
    with store.engine.connect() as conn:
        insp = conn.execute(select(ins, im.c.signed_off_at).select_from(ins.join(im, im.c.id == ins.c.import_id))
                            .where(ins.c.import_id.in_(ids))).all()
        stds = conn.execute(select(st.c.import_id, st.c.standard_id, st.c.score, st.c.rating)
                            .where(st.c.import_id.in_(ids)).order_by(st.c.import_id, st.c.position)).all()
        counts = conn.execute(kq_counts_query(flt)).all()
        order = conn.execute(select(ins.c.framework_id, kq.c.question_id, func.min(kq.c.position))
                             .select_from(kq.join(ins, ins.c.import_id == kq.c.import_id))
                             .where(kq.c.import_id.in_(ids)).group_by(ins.c.framework_id, kq.c.question_id)).all()
    by_import = defaultdict(list)
    for s in stds:
        by_import[s.import_id].append({"id": s.standard_id, "score": s.score, "rating": s.rating})
    # by family (no family last), then provider, then inspection id: a stable order on both backends
    insp = sorted(insp, key=lambda r: (r.family is None, r.family or "", r.provider or "", r.inspection_id))
    inspections = [{"inspection": r.inspection_id, "provider": r.provider, "family": r.family,
                    "framework": r.framework_id, "signed_off": r.signed_off_at,
                    "standards": by_import[r.import_id],
                    "overall": {"score": r.overall_score, "rating": r.overall_rating}} for r in insp]
    framework_of = {r.import_id: r.framework_id for r in insp}
    per = defaultdict(list)  # (framework, question) -> [(sufficient, applicable)]
    for import_id, question, s, a in counts:
        per[(framework_of[import_id], question)].append((int(s or 0), int(a or 0)))
    position = {(f, q): p for f, q, p in order}
    key_questions = []
    for f, q in sorted(per, key=lambda k: (k[0], position.get(k, 0), k[1])):
        cells = per[(f, q)]
        s, a = sum(c[0] for c in cells), sum(c[1] for c in cells)
        shown = a >= MIN_CASES
        low, high = wilson(s, a) if shown else (None, None)
        pcts = [100 * cs / ca for cs, ca in cells if ca >= MIN_CASES]
        key_questions.append({
            "id": q, "framework": f, "sufficient": s, "applicable": a,
            "percent": _pct(100 * s / a) if shown else None, "ci_low": _pct(low), "ci_high": _pct(high),
            "mean_over_inspections": _pct(sum(pcts) / len(pcts)) if pcts else None,
            "min": _pct(min(pcts)) if pcts else None, "max": _pct(max(pcts)) if pcts else None,
            "inspections": len(pcts)})
    return {"inspections": inspections, "key_questions": key_questions,
            "distribution": distribution(inspections),
            "method": {"interval": INTERVAL, "suppression": SUPPRESSION, "min_cases": MIN_CASES,
                       "inspections": "the latest sign-off of each inspection; dates are sign-off dates (UTC)"}}


def distribution(inspections: list[dict]) -> dict:
    """How many inspections got each rating: overall, and per (framework, standard)."""
    overall = Counter(i["overall"]["rating"] or "none" for i in inspections)
    standards: dict[str, Counter] = defaultdict(Counter)
    for i in inspections:
        for s in i["standards"]:
            standards[f"{i['framework']}/{s['id']}"][s["rating"] or "none"] += 1
    return {"overall": dict(sorted(overall.items())),
            "standards": {k: dict(sorted(v.items())) for k, v in sorted(standards.items())}}


KQ_COLUMNS = ("framework", "id", "sufficient", "applicable", "percent", "ci_low", "ci_high",
              "mean_over_inspections", "min", "max", "inspections")
INSPECTION_COLUMNS = ("family", "provider", "inspection", "framework", "signed_off", "standard", "score", "rating")


def inspection_rows(data: dict):
    """One row per inspection and standard, then its overall (standard "overall")."""
    for i in data["inspections"]:
        for s in [*i["standards"], {"id": "overall", **i["overall"]}]:
            yield (i["family"], i["provider"], i["inspection"], i["framework"], i["signed_off"], s["id"],
                   s["score"], s["rating"])


