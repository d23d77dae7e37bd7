"""Figures for the field store (hmip_desktop.core.field)."""

from __future__ import annotations

import itertools

from .registry import Context, Measurement, benchmark
from ._common import bare_connect, framework_file
from .timing import Work, compare


def _two_values(fw) -> tuple[str, str, str]:
    """A key question and two different valid answers to alternate between."""
    for kq in fw.key_questions():
        if kq.relevant:
            continue
        ids = [o.id for o in fw.options(kq.answer)]
        if "yes" in ids and "no" in ids:
            return kq.id, "yes", "no"
        if len(ids) >= 2:
            return kq.id, ids[0], ids[1]
    raise LookupError("no unconditional key question with two options in the framework")


@benchmark(
    "autosave_commit",
    unit="ms",
    measures="one durable answer save: FieldStore.set_answer on a store from open_db (WAL, synchronous=FULL), alternating two answers",
    baseline="bare sqlite3, same PRAGMAS: one INSERT of an answers-like row and commit",
)
def autosave_commit(ctx: Context) -> Measurement:
    from hmip_desktop.core.field.db import open_db
    from hmip_desktop.core.field.inspections import create_inspection
    from hmip_desktop.core.field.store import FieldStore
    from hmip_desktop.core.frameworks import load_text
    from hmip_desktop.core.frameworks.loader import read_file

    text = read_file(framework_file())
    question, first, second = _two_values(load_text(text))
    db = open_db(ctx.workdir / "field.db")
    bare = bare_connect(ctx.workdir / "bare.db")
    try:
        create_inspection(
            db, inspection_id="bench", provider="Benchmark provider", title="Benchmark inspection",
            framework_yaml=text, team=[{"id": "insp1", "name": "Inspector", "role": "inspector"}],
            cases=[{"case_id": "BENCH-00001"}], reads=[("BENCH-00001", "insp1")],
        )
        store = FieldStore(db, actor="insp1")
        read_id = db.execute("SELECT id FROM case_reads WHERE inspection_id = 'bench'").fetchone()[0]
        answers = itertools.cycle((first, second))

        def save() -> None:
            store.set_answer(read_id, question, next(answers))

        bare.execute(
            "CREATE TABLE answers (case_read_id INTEGER, question_id TEXT, value TEXT, note TEXT,"
            " updated_at TEXT, updated_by TEXT)"
        )
        bare.commit()
        row = (read_id, question, f'"{first}"', "", "2026-11-16T10:00:00.000000+00:00", "insp1")

        def bare_save() -> None:
            bare.execute("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)", row)
            bare.commit()

        number = ctx.number(100)
        value, base = compare(Work(save, number=number), Work(bare_save, number=number), ctx, repeats=25, warmup=1)
    finally:
        bare.close()
        db.close()
    return Measurement(value * 1000, base * 1000)
