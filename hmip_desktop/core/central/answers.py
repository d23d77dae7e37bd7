"""Reading effective answers out of the central store.

The effective answer of a case read is its current (head) revision's answer. Moderation
(a separate record with a rationale) will take precedence once it exists; the reader's
original always stays on record.
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


def effective_rows(store: CentralStore, inspection_id: str) -> list[dict]:
    """One row per answered question of each case read's current revision:
    case_id, question_id, value (decoded), note, inspector (reader id), moderated."""
    cr, ra, rv = schema.case_reads, schema.revision_answers, schema.revisions
    query = (
        select(ra.c.case_id, ra.c.question_id, ra.c.value, ra.c.note, rv.c.reader_id)
        .select_from(cr.join(ra, and_(ra.c.inspection_id == cr.c.inspection_id, ra.c.case_id == cr.c.case_id,
                                      ra.c.revision_id == cr.c.head_revision_id))
                     .join(rv, and_(rv.c.inspection_id == cr.c.inspection_id, rv.c.case_id == cr.c.case_id,
                                    rv.c.revision_id == cr.c.head_revision_id)))
        .where(cr.c.inspection_id == inspection_id)
        .order_by(ra.c.case_id, ra.c.question_id)
    )
    with store.engine.connect() as conn:
        return [
            {"case_id": r.case_id, "question_id": r.question_id, "value": None if r.value is None else json.loads(r.value),
             "note": r.note, "inspector": r.reader_id, "moderated": False}
            for r in conn.execute(query)
        ]


def answers_by_case(rows: list[dict]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for r in rows:
        out.setdefault(r["case_id"], {})[r["question_id"]] = r["value"]
    return out
