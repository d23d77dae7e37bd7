"""rate_inspection(s) count the effective answers in the database (answers._tallies)
instead of reading every answer row: on both backends its ratings, and the CLI's
``central ratings --json``, must be exactly what the rows give (answers.rated with
rows, the path the reports use), with moderations of every kind applied."""

from __future__ import annotations

import json

from sqlalchemy import insert

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation, schema
from hmip_desktop.core.central.answers import answers_by_case, effective_rows, rate_inspection, rate_inspections, rated
from hmip_desktop.core.central.ratings import rate
from tests.core.central.test_moderation import _keys_args, world  # noqa: F401 - the fixture (demo on each backend)


def _moderate_many(store, fw) -> None:
    """Changes, a change changed again, an agreement, a judgement the reader left blank,
    a moderation of a revision that is no longer current, and an override."""
    kqs = [kq.id for kq in fw.key_questions()]
    rows = [r for r in effective_rows(store, "demo") if r["question_id"] in kqs]
    for n, r in enumerate(rows[::7][:9]):
        new = {"yes": "no", "no": "yes"}.get(r["value"], "yes")
        moderation.moderate(store, "demo", r["case_id"], r["question_id"], new, "not evidenced", "lead1", fw)
        if n % 3 == 0:
            options = [o.id for o in fw.options(fw.question(r["question_id"]).answer)]
            moderation.moderate(store, "demo", r["case_id"], r["question_id"], "na" if "na" in options else r["value"],
                                "on reflection", "lead1", fw)
    agreed = rows[3]
    moderation.moderate(store, "demo", agreed["case_id"], agreed["question_id"], agreed["value"], "", "lead1", fw)
    answered = {(r["case_id"], r["question_id"]) for r in rows}
    blank = next((c, q) for c in sorted({r["case_id"] for r in rows}) for q in kqs if (c, q) not in answered)
    moderation.moderate(store, "demo", *blank, "yes", "evidenced in the record", "lead1", fw)
    stale = rows[1]
    with store.engine.begin() as conn:
        conn.execute(insert(schema.moderations).values(
            inspection_id="demo", case_id=stale["case_id"], revision_id="0" * 64, question_id=stale["question_id"],
            original_value='"yes"', moderated_value='"no"', outcome="changed", rationale="older revision",
            moderator="lead1", created_at="2026-01-01T00:00:00+00:00"))
    moderation.set_override(store, "demo", next(iter(fw.standards())).id, fw.rating.bands[0].id, "judgement",
                            "lead1", fw)


def test_counted_ratings_are_the_rows_ratings(world, capsys, central_location, tmp_path):  # noqa: F811
    _, store, fw = world
    assert rate_inspection(store, "demo") == rated(store, ["demo"], rows=True)["demo"].ratings
    _moderate_many(store, fw)
    full = rated(store, ["demo"], rows=True)["demo"]
    counted = rate_inspection(store, "demo")
    assert counted == full.ratings == rate_inspections(store, ["demo"])["demo"]
    assert counted == rate(fw, "demo", answers_by_case(effective_rows(store, "demo")),
                           full.overrides, evidence=full.evidence)
    assert counted.threads == full.ratings.threads
    capsys.readouterr()
    assert main(["central", "ratings", central_location, "--inspection", "demo", "--json",
                 *_keys_args(central_location, tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out) == full.ratings.as_json()
