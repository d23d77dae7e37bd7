"""Reading effective answers out of the central store.

The effective answer of a case read is its current (head) revision's answer, unless a
moderator agreed or changed it (a separate record with a rationale), in which case the
moderator's judgement is effective. The reader's original always stays on record.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import and_, func, select

from ..frameworks import Framework, content_hash, load_text
from ..paths import forms_dir
from . import schema
from .queries.rows import decode, heads_join
from .ratings import Ratings, rate
from .store import CentralError, CentralStore


#: Parsed frameworks by content hash: many inspections share one framework version.
_FRAMEWORKS: dict[str, Framework] = {}


def framework_for(store: CentralStore, inspection_id: str) -> Framework:
    """The inspection's exact framework: from its set-up, or the shipped file with its hash."""
    return frameworks_for(store, [inspection_id])[inspection_id]


def frameworks_for(store: CentralStore, inspection_ids: list[str]) -> dict[str, Framework]:
    """Inspection id → its exact framework (:func:`framework_for`), for many inspections
    in one query (and one more per framework version not parsed yet)."""
    t = schema.inspections
    with store.engine.connect() as conn:
        found = {r.id: r for r in conn.execute(select(t.c.id, t.c.framework_id, t.c.framework_version,
                                                      t.c.framework_sha256).where(t.c.id.in_(inspection_ids)))}
        out = {}
        for i in inspection_ids:
            if i not in found:
                raise CentralError.of("central.no_inspection", inspection=i)
            out[i] = _FRAMEWORKS.get(found[i].framework_sha256) or _parse(conn, found[i])
    return out


def _parse(conn, row) -> Framework:
    t = schema.inspections
    text = conn.execute(select(t.c.framework_yaml).where(t.c.id == row.id)).scalar()
    if not text:
        text = next((p.read_text(encoding="utf-8") for p in sorted(forms_dir().glob("*.yaml"))
                     if content_hash(p.read_text(encoding="utf-8")) == row.framework_sha256), None)
    if text is None or content_hash(text) != row.framework_sha256:
        raise CentralError.of("central.framework_missing", inspection=row.id, framework=row.framework_id,
                              version=row.framework_version)
    fw = _FRAMEWORKS[row.framework_sha256] = load_text(text, f"framework {row.framework_id} {row.framework_version}")
    return fw


def _tallies(conn, inspection_ids: list[str], questions: list[str]) -> dict[str, dict[str, Counter]]:
    """Inspection id → question id → effective value → how many case reads gave it: what
    the ratings need of the effective answers (:func:`_effective`, ``lean``), counted by
    the database. The current revisions' answers are counted in one aggregate query; the
    latest moderation of each judgement of a current revision (few) then moves one count
    from the reader's value to the moderator's."""
    cr, ra, md = schema.case_reads, schema.revision_answers, schema.moderations
    out: dict[str, dict[str, Counter]] = {i: {} for i in inspection_ids}
    for inspection, question, value, n in conn.execute(
        select(ra.c.inspection_id, ra.c.question_id, ra.c.value, func.count())
        .select_from(cr.join(ra, and_(ra.c.inspection_id == cr.c.inspection_id, ra.c.case_id == cr.c.case_id,
                                      ra.c.revision_id == cr.c.head_revision_id)))
        .where(cr.c.inspection_id.in_(inspection_ids), ra.c.question_id.in_(questions))
        .group_by(ra.c.inspection_id, ra.c.question_id, ra.c.value)):
        _count(out[inspection], question, decode(value), n)
    latest: dict[tuple, tuple] = {}
    for m in conn.execute(
        select(md.c.inspection_id, md.c.case_id, md.c.question_id, md.c.moderated_value, ra.c.value)
        .select_from(md.join(heads_join(), and_(cr.c.inspection_id == md.c.inspection_id,
                                                 cr.c.case_id == md.c.case_id,
                                                 cr.c.head_revision_id == md.c.revision_id))
                     .outerjoin(ra, and_(ra.c.inspection_id == md.c.inspection_id, ra.c.case_id == md.c.case_id,
                                         ra.c.revision_id == md.c.revision_id, ra.c.question_id == md.c.question_id)))
        .where(md.c.inspection_id.in_(inspection_ids), md.c.question_id.in_(questions)).order_by(md.c.id)):
        latest[m[:3]] = m  # moderations of older revisions are left out: the read is flagged for re-review
    for (inspection, _, question), m in latest.items():
        if m.value is not None:
            _count(out[inspection], question, decode(m.value), -1)
        _count(out[inspection], question, decode(m.moderated_value), 1)
    return out


def _count(tallies: dict[str, Counter], question: str, value: object, n: int) -> None:
    try:
        tallies.setdefault(question, Counter())[value] += n
    except TypeError:
        pass  # a list or an object is no option of a key question: it counts nowhere


def _effective(conn, inspection_ids: list[str], questions: list[str] | None, lean: bool = False) -> dict[tuple, object]:
    """(inspection, case, question) → effective row (or, ``lean``, just the effective
    value: all the ratings need), for many inspections in three queries."""
    cr, ra, rv, md = schema.case_reads, schema.revision_answers, schema.revisions, schema.moderations
    readers = {(r.inspection_id, r.case_id): (r.head_revision_id, r.reader_id) for r in conn.execute(
        select(cr.c.inspection_id, cr.c.case_id, cr.c.head_revision_id, rv.c.reader_id)
        .select_from(heads_join()).where(cr.c.inspection_id.in_(inspection_ids)))}
    rows: dict[tuple, dict] = {}
    for r in conn.execute(
        select(ra.c.inspection_id, ra.c.case_id, ra.c.question_id, ra.c.value, ra.c.note)
        .select_from(cr.join(ra, and_(ra.c.inspection_id == cr.c.inspection_id, ra.c.case_id == cr.c.case_id,
                                      ra.c.revision_id == cr.c.head_revision_id)))
        .where(cr.c.inspection_id.in_(inspection_ids),
               *([ra.c.question_id.in_(questions)] if questions is not None else []))
    ).all():
        inspection, case, question, value, note = r
        rows[(inspection, case, question)] = decode(value) if lean else {
            "case_id": case, "question_id": question, "value": decode(value), "note": note,
            "inspector": readers[(inspection, case)][1], "moderated": False}
    # The latest moderation of each judgement of the current revision wins.
    wanted = None if questions is None else set(questions)
    for m in conn.execute(select(md).where(md.c.inspection_id.in_(inspection_ids)).order_by(md.c.id)):
        head = readers.get((m.inspection_id, m.case_id))
        if (wanted is not None and m.question_id not in wanted) or head is None or head[0] != m.revision_id:
            continue  # moderated an older revision: the read is flagged for re-review instead
        if lean:
            rows[(m.inspection_id, m.case_id, m.question_id)] = decode(m.moderated_value)
            continue
        row = rows.setdefault((m.inspection_id, m.case_id, m.question_id), {
            "case_id": m.case_id, "question_id": m.question_id, "note": "", "inspector": head[1]})
        row["value"] = decode(m.moderated_value)
        row["moderated"] = True
    return rows


def effective_rows(store: CentralStore, inspection_id: str, questions: list[str] | None = None) -> list[dict]:
    """One row per answered question of each case read's current revision, with any
    moderation of that revision applied: case_id, question_id, value (decoded), note,
    inspector (reader id), moderated (True where a moderator agreed or changed it).
    ``questions`` limits the rows to those question ids (the ratings need only key questions)."""
    with store.engine.connect() as conn:
        rows = _effective(conn, [inspection_id], questions)
    return [rows[k] for k in sorted(rows)]


def answers_by_case(rows: list[dict]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for r in rows:
        out.setdefault(r["case_id"], {})[r["question_id"]] = r["value"]
    return out


@dataclass(frozen=True)
class Rated:
    """An inspection's ratings with what they were computed from, read once."""

    ratings: Ratings
    #: case id → question id → effective value: the key questions' (every question's with rows).
    answers: dict[str, dict[str, object]]
    #: standard id → (band id, reason): the professional-judgement overrides applied.
    overrides: dict[str, tuple[str, str]]
    #: :func:`effective_rows` (every answered question, with notes), where asked for.
    rows: list[dict] | None = None
    #: standard id → question id ("" for the lead's band) → the latest judgement on evidence.
    evidence: dict | None = None


def rated(store: CentralStore, inspection_ids: list[str], lang: str = "en", *, rows: bool = False) -> dict[str, Rated]:
    """Inspection id → its :class:`Rated`, for many inspections in a handful of queries.
    The effective answers are read once: only the key questions' (all the ratings need),
    or, with ``rows``, every answer row (for the data files) and the ratings from those."""
    from .evidence import evidence_for
    from .moderation import overrides_for

    frameworks = frameworks_for(store, list(inspection_ids))
    questions = None if rows else sorted({kq.id for fw in frameworks.values() for kq in fw.key_questions()})
    with store.engine.connect() as conn:
        values = _effective(conn, list(inspection_ids), questions, lean=not rows)
    answers: dict[str, dict[str, dict[str, object]]] = {i: {} for i in inspection_ids}
    listed: dict[str, list[dict]] = {i: [] for i in inspection_ids}
    for key in sorted(values) if rows else values:
        inspection, case, question = key
        value = values[key]
        if rows:
            listed[inspection].append(value)
            value = value["value"]
        answers[inspection].setdefault(case, {})[question] = value
    overrides = overrides_for(store, list(inspection_ids))
    evidence = evidence_for(store, list(inspection_ids))
    return {i: Rated(rate(frameworks[i], i, answers[i], overrides.get(i, {}), lang, evidence[i]), answers[i],
                     overrides.get(i, {}), listed[i] if rows else None, evidence[i]) for i in inspection_ids}


def rate_inspections(store: CentralStore, inspection_ids: list[str], lang: str = "en") -> dict[str, Ratings]:
    """Ratings of many inspections (the national collation) with a handful of queries:
    inspection id → Ratings. Each is exactly what :func:`rate_inspection` gives."""
    from .evidence import evidence_for
    from .moderation import overrides_for

    ids = list(inspection_ids)
    frameworks = frameworks_for(store, ids)
    questions = sorted({kq.id for fw in frameworks.values() for kq in fw.key_questions()})
    with store.engine.connect() as conn:
        tallies = _tallies(conn, ids, questions)
    overrides = overrides_for(store, ids)
    evidence = evidence_for(store, ids)
    return {i: rate(frameworks[i], i, None, overrides.get(i, {}), lang, evidence[i], tallies=tallies[i])
            for i in ids}


def rate_inspection(store: CentralStore, inspection_id: str, lang: str = "en") -> Ratings:
    """The inspection's ratings from its effective answers, its framework's rules and
    any professional-judgement overrides: the one place the CLI, the window, the reports
    and the self-test get ratings from."""
    return rate_inspections(store, [inspection_id], lang)[inspection_id]
