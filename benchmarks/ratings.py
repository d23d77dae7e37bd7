"""Figures for the ratings engine (hmip_desktop.core.central.ratings) over the central store."""

from __future__ import annotations

import shutil

from .registry import Context, Measurement, benchmark
from .timing import Work, compare

BARE_AGGREGATE = """
SELECT a.question_id,
       sum(CASE WHEN a.value = '"yes"' THEN 1 ELSE 0 END) AS sufficient,
       sum(CASE WHEN a.value IN ('"yes"', '"no"') THEN 1 ELSE 0 END) AS applicable
FROM case_reads r JOIN revision_answers a
  ON a.inspection_id = r.inspection_id AND a.case_id = r.case_id AND a.revision_id = r.head_revision_id
WHERE r.inspection_id = :inspection
GROUP BY a.question_id
"""


@benchmark(
    "ratings_inspection",
    unit="ms",
    measures="the ratings of an inspection of 150 case reads (largest framework): effective answers (with "
    "moderation) read from the central store, key question figures with Wilson intervals, bands, standards, "
    "overall, threads",
    baseline="one bare SQL aggregate (sufficient and applicable per question) over the same answers",
)
def ratings_inspection(ctx: Context) -> Measurement:
    import os

    from sqlalchemy import text

    from hmip_desktop.core.central import importer
    from hmip_desktop.core.central.answers import rate_inspection
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.field.export import export_bundle

    from .exchange import INSPECTION, build

    os.environ.setdefault("HMIP_KEY_PASSPHRASE", "benchmark")
    s = build(ctx.workdir)
    bundle = ctx.workdir / "b.bundle"
    export_bundle(s.field_db, INSPECTION, s.key, bundle)
    s.field_db.close()
    path = ctx.workdir / "central.sqlite"
    shutil.copy(s.central_empty, path)
    store = CentralStore.open(path, s.central_keys)
    importer.import_file(store, bundle)

    def ours() -> None:
        rate_inspection(store, INSPECTION)

    def bare() -> None:
        with store.engine.connect() as conn:
            conn.execute(text(BARE_AGGREGATE), {"inspection": INSPECTION}).all()

    value, base = compare(Work(ours), Work(bare), ctx, repeats=15, warmup=2)
    store.engine.dispose()
    return Measurement(value * 1000, base * 1000)
