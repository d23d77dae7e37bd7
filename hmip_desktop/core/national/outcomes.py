"""The reconviction follow-up (``hmip national outcomes``) and consistency across
inspections (``hmip national consistency``).

Follow-up: a CSV with ``pseudonym,reconvicted,date`` (the pseudonyms made by ``hmip
national pseudonym`` from the case references, by the national store's owner), imported
into the store (a later file's row for the same pseudonym replaces the earlier one,
counted as updated). The report gives, for each key question, the reconviction rate of
the case reads judged sufficient and of those judged not sufficient, each with its
Wilson 95% interval (the 2003/04 report's two-year follow-up, ¶2.11). It says plainly
that this is an association, not a cause.

Consistency: the latest moderation of every moderated judgement (case, revision,
question) of every current import, by reader pseudonym
(the same key across inspections is the same pseudonym): the share left unchanged and
Cohen's kappa with its interval (``core.central.agreement``), flagged where below the
thresholds; too few judgements are never flagged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import Integer, cast, delete, func, insert, select

from ..central import agreement
from ..central.ratings import wilson
from ..central.store import utc_now
from ..messages import Msg
from . import schema
from .store import NationalError, NationalStore
from .tables import Filter, current_imports

NOT_CAUSAL = ("These figures show how often people whose cases were judged sufficient, or not, were reconvicted "
              "within two years. They are an association, not a cause: the cases differ in many ways the judgements "
              "do not measure (risk, needs, circumstances, policing), so a difference here does not show that "
              "better practice reduced reoffending.")
MIN_CASES = 10
TRUE = {"yes", "true", "1", "y"}
FALSE = {"no", "false", "0", "n"}
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _row_error(file: str, line: int, reason: Msg) -> NationalError:
    return NationalError.of("national.followup_row", file=file, line=line, reason=reason)


def import_followup(store: NationalStore, path: Path) -> tuple[int, int]:
    """Import a follow-up file; (rows added, rows updated). Checks every row first."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise NationalError.of("national.unreadable", file=name, reason=getattr(exc, "strerror", None) or exc) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not {"pseudonym", "reconvicted", "date"} <= set(header):
        raise NationalError.of("national.followup_header", file=name, header=",".join(header) or "nothing")
    reader.fieldnames = header
    rows: dict[str, dict] = {}
    for n, row in enumerate(reader, start=2):
        p = (row.get("pseudonym") or "").strip().lower()
        if not HEX64.match(p):
            raise _row_error(name, n, Msg.of("national.row_pseudonym"))
        flag = (row.get("reconvicted") or "").strip().lower()
        if flag not in TRUE | FALSE:
            raise _row_error(name, n, Msg.of("national.row_reconvicted", value=flag))
        when = (row.get("date") or "").strip()
        try:
            when = date.fromisoformat(when).isoformat()
        except ValueError:
            raise _row_error(name, n, Msg.of("national.bad_date", value=when)) from None
        if p in rows:
            raise _row_error(name, n, Msg.of("national.row_repeated"))
        rows[p] = {"pseudonym": p, "reconvicted": flag in TRUE, "followup_date": when, "imported_at": utc_now()}
    f = schema.followup
    with store.engine.begin() as conn:
        known = set()
        items = list(rows)
        for i in range(0, len(items), 1000):
            known |= set(conn.execute(select(f.c.pseudonym).where(f.c.pseudonym.in_(items[i:i + 1000]))).scalars())
        for i in range(0, len(items), 1000):
            conn.execute(delete(f).where(f.c.pseudonym.in_([p for p in items[i:i + 1000] if p in known])))
        if rows:
            conn.execute(insert(f), list(rows.values()))
    return len(rows) - len(known), len(known)


def _rate(r: int, n: int) -> dict:
    low, high = wilson(r, n)
    shown = n >= MIN_CASES
    return {"cases": n, "reconvicted": r if shown else None,
            "percent": round(100 * r / n, 2) if shown and n else None,
            "ci_low": round(low, 2) if shown and low is not None else None,
            "ci_high": round(high, 2) if shown and high is not None else None, "suppressed": not shown}


def outcomes(store: NationalStore, flt: Filter = Filter()) -> dict:
    """Reconviction rates by whether each key question was judged sufficient."""
    j, fu, ins = schema.judgements, schema.followup, schema.inspections
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(ins.c.framework_id, j.c.question_id, j.c.sufficient, func.count(), func.sum(
                cast(fu.c.reconvicted, Integer)))
            .select_from(j.join(fu, fu.c.pseudonym == j.c.pseudonym).join(ins, ins.c.import_id == j.c.import_id))
            .where(j.c.import_id.in_(current_imports(flt).scalar_subquery()), j.c.applicable == 1)
            .group_by(ins.c.framework_id, j.c.question_id, j.c.sufficient)).all()
        matched = conn.execute(select(func.count()).select_from(schema.cases.join(
            fu, fu.c.pseudonym == schema.cases.c.pseudonym)).where(
            schema.cases.c.import_id.in_(current_imports(flt).scalar_subquery()))).scalar()
    per: dict = defaultdict(lambda: {0: (0, 0), 1: (0, 0)})
    for f, q, s, n, r in rows:
        per[(f, q)][int(s)] = (int(r or 0), int(n))
    return {"statement": NOT_CAUSAL, "case_reads_matched": int(matched or 0),
            "method": {"interval": "Wilson score interval, 95%",
                       "suppression": f"a rate on fewer than {MIN_CASES} case reads is suppressed",
                       "cases": "applicable judgements of case reads whose pseudonym is in the follow-up"},
            "key_questions": [{"id": q, "framework": f, "sufficient": _rate(*per[(f, q)][1]),
                               "not_sufficient": _rate(*per[(f, q)][0])} for f, q in sorted(per)]}


def consistency(store: NationalStore, flt: Filter = Filter()) -> dict:
    """Each reader's moderation agreement across inspections (pseudonymous), with outliers flagged.

    Only the latest moderation of each judgement (case, revision, question) of each
    current import counts, as at the central store. A reader's role is the one they held
    in each inspection: ``role`` names every role held (sorted, joined by ", "),
    ``by_role`` gives the reader's figures under each, and the per-role totals count each
    moderated judgement under the role its reader held in that inspection, so nothing
    depends on the order the bundles were imported in."""
    m = schema.moderations
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    inspections: dict[str, set[int]] = defaultdict(set)
    # reader -> role -> [moderated, unchanged, {import ids}]
    held: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(lambda: [0, 0, set()]))
    with store.engine.connect() as conn:
        for r in conn.execute(select(m.c.reader, m.c.reader_role, m.c.import_id, m.c.original_value,
                                     m.c.moderated_value).where(m.c.latest.is_(True), m.c.import_id.in_(
                                         current_imports(flt).scalar_subquery())).order_by(m.c.id)):
            pair = (_label(r.original_value), _label(r.moderated_value))
            pairs[r.reader].append(pair)
            inspections[r.reader].add(r.import_id)
            cell = held[r.reader][r.reader_role or "unknown"]
            cell[0] += 1
            cell[1] += pair[0] == pair[1]
            cell[2].add(r.import_id)
    out = []
    for c in agreement.consistency(pairs):
        roles = held[c.reader]
        out.append({"reader": c.reader[:16], "role": ", ".join(sorted(roles)),
                    "by_role": {role: {"moderated": n, "unchanged": u, "inspections": len(i)}
                                for role, (n, u, i) in sorted(roles.items())},
                    "inspections": len(inspections[c.reader]),
                    "moderated": c.moderated, "unchanged": c.unchanged,
                    "unchanged_share": None if c.unchanged_share is None else round(c.unchanged_share, 4),
                    "kappa": None if c.kappa.kappa is None else round(c.kappa.kappa, 4),
                    "kappa_ci": None if c.kappa.ci_low is None else [round(c.kappa.ci_low, 4), round(c.kappa.ci_high, 4)],
                    "flagged": c.flagged, "reasons": list(c.reasons), "too_few": c.too_few})
    by_role: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for roles in held.values():
        for role, (n, u, _) in roles.items():
            by_role[role][0] += n
            by_role[role][1] += u
    return {"method": {"agreement": "share of moderated judgements left unchanged; Cohen's kappa with its asymptotic "
                                    "95% interval (Fleiss, Cohen and Everitt 1969)",
                       "flagged": f"unchanged share below {agreement.MIN_UNCHANGED:.0%} or kappa's lower bound below "
                                  f"{agreement.MIN_KAPPA_LOW}",
                       "suppression": f"fewer than {agreement.MIN_PAIRS} moderated judgements: not judged, never "
                                      "flagged",
                       "readers": "pseudonyms of the readers' keys (the first 16 hex digits), the same across "
                                  "inspections",
                       "counted": "the latest moderation of each judgement (case, revision, question) of each "
                                  "inspection's current sign-off, as the central store counts it",
                       "roles": "a reader's role is the one held in each inspection; a reader who held two roles "
                                "is counted under each for the judgements of that role's inspections"},
            "readers": out,
            "roles": {role: {"moderated": n, "unchanged": u, "unchanged_share": round(u / n, 4) if n else None}
                      for role, (n, u) in sorted(by_role.items())}}


def _label(value: str | None) -> str:
    """A moderation's JSON text as a label ("yes", "no", ...; "none" for no answer)."""
    if value is None:
        return "none"
    try:
        decoded = json.loads(value)
    except ValueError:
        return str(value)
    return "none" if decoded is None else str(decoded)


