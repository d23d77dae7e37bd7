"""Reading effective answers out of the central store.

The effective answer of a case read is its current (head) revision's answer, unless a
moderator agreed or changed it (a separate record with a rationale), in which case the
moderator's judgement is effective. The reader's original always stays on record.
"""

from __future__ import annotations

import json

from sqlalchemy import and_, select

from ..frameworks import Framework, content_hash, load_text
from ..paths import forms_dir
from . import schema
from .store import CentralError, CentralStore


def framework_for(store: CentralStore, inspection_id: str) -> Framework:
    """The inspection's exact framework: from its set-up, or the shipped file with its hash."""
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.inspections).where(schema.inspections.c.id == inspection_id)).first()
    if row is None:
        raise CentralError(f"no inspection '{inspection_id}' in this central store")
    if row.framework_yaml:
        return load_text(row.framework_yaml, f"inspection {inspection_id} framework")
    for path in sorted(forms_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if content_hash(text) == row.framework_sha256:
            return load_text(text, path.name)
    raise CentralError(f"inspection {inspection_id}: framework {row.framework_id} {row.framework_version} "
                       "(the exact version its bundles were made with) is not available here")


def _decode(text: str | None) -> object:
    """A stored JSON value; plain option ids (the vast majority) without the JSON parser."""
    if text is None:
        return None
    if len(text) > 1 and text[0] == '"' and text[-1] == '"' and "\\" not in text and '"' not in text[1:-1]:
        return text[1:-1]
    return json.loads(text)


def effective_rows(store: CentralStore, inspection_id: str, questions: list[str] | None = None) -> list[dict]:
    """One row per answered question of each case read's current revision, with any
    moderation of that revision applied: case_id, question_id, value (decoded), note,
    inspector (reader id), moderated (True where a moderator agreed or changed it).
    ``questions`` limits the rows to those question ids (the ratings need only key questions)."""
    cr, ra, rv, md = schema.case_reads, schema.revision_answers, schema.revisions, schema.moderations
    heads = and_(rv.c.inspection_id == cr.c.inspection_id, rv.c.case_id == cr.c.case_id,
                 rv.c.revision_id == cr.c.head_revision_id)
    with store.engine.connect() as conn:
        readers = {r.case_id: (r.head_revision_id, r.reader_id) for r in conn.execute(
            select(cr.c.case_id, cr.c.head_revision_id, rv.c.reader_id).select_from(cr.join(rv, heads))
            .where(cr.c.inspection_id == inspection_id))}
        rows = {}
        for r in conn.execute(
            select(ra.c.case_id, ra.c.question_id, ra.c.value, ra.c.note)
            .select_from(cr.join(ra, and_(ra.c.inspection_id == cr.c.inspection_id, ra.c.case_id == cr.c.case_id,
                                          ra.c.revision_id == cr.c.head_revision_id)))
            .where(cr.c.inspection_id == inspection_id,
                   *([ra.c.question_id.in_(questions)] if questions is not None else []))
        ).all():
            rows[(r.case_id, r.question_id)] = {
                "case_id": r.case_id, "question_id": r.question_id, "value": _decode(r.value), "note": r.note,
                "inspector": readers[r.case_id][1], "moderated": False}
        # The latest moderation of each judgement of the current revision wins.
        for m in conn.execute(select(md).where(md.c.inspection_id == inspection_id).order_by(md.c.id)):
            if questions is not None and m.question_id not in questions:
                continue
            if m.case_id not in readers or readers[m.case_id][0] != m.revision_id:
                continue  # moderated an older revision: the read is flagged for re-review instead
            row = rows.setdefault((m.case_id, m.question_id), {
                "case_id": m.case_id, "question_id": m.question_id, "note": "",
                "inspector": readers[m.case_id][1]})
            row["value"] = _decode(m.moderated_value)
            row["moderated"] = True
    return [rows[k] for k in sorted(rows)]


def answers_by_case(rows: list[dict]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for r in rows:
        out.setdefault(r["case_id"], {})[r["question_id"]] = r["value"]
    return out


def effective_answers(store: CentralStore, inspection_id: str, fw: Framework) -> dict[str, dict[str, object]]:
    """case id → key question id → effective value: what the ratings engine needs."""
    return answers_by_case(effective_rows(store, inspection_id, [kq.id for kq in fw.key_questions(case_based=None)]))


def rate_inspection(store: CentralStore, inspection_id: str, lang: str = "en"):
    """The inspection's ratings from its effective answers, its framework's rules and
    any professional-judgement overrides: the one place the CLI, the window, the reports
    and the self-test get ratings from."""
    from .moderation import overrides_for
    from .ratings import rate

    fw = framework_for(store, inspection_id)
    return rate(fw, inspection_id, effective_answers(store, inspection_id, fw), overrides_for(store, inspection_id), lang)
