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


NATIONAL_INSPECTIONS = 500
READS_PER_INSPECTION = 60

BARE_NATIONAL = """
SELECT r.inspection_id, a.question_id,
       sum(CASE WHEN a.value = '"yes"' THEN 1 ELSE 0 END) AS sufficient,
       sum(CASE WHEN a.value IN ('"yes"', '"no"') THEN 1 ELSE 0 END) AS applicable
FROM case_reads r JOIN revision_answers a
  ON a.inspection_id = r.inspection_id AND a.case_id = r.case_id AND a.revision_id = r.head_revision_id
GROUP BY r.inspection_id, a.question_id
"""


def national_store(ctx: Context, location: str | None = None):
    """A central store holding 500 inspections of 60 case reads each (adult framework),
    filled with bare inserts (untimed). Returns (store, inspection ids)."""
    import hashlib
    import random

    from sqlalchemy import insert

    from hmip_desktop.core.central import schema
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.frameworks import content_hash, load_text
    from hmip_desktop.core.paths import forms_dir

    text = (forms_dir() / "adult_probation.yaml").read_text(encoding="utf-8")
    fw = load_text(text, "adult_probation.yaml")
    kqs = [kq.id for kq in fw.key_questions()]
    store = CentralStore.init(location or ctx.workdir / "national.sqlite", keys_dir=ctx.workdir / "national.keys")
    rng = random.Random(500)
    ids = [f"insp-{i:03d}" for i in range(NATIONAL_INSPECTIONS)]
    now = "2026-11-22T00:00:00+00:00"
    with store.engine.begin() as conn:
        conn.execute(insert(schema.keys).values(key_id="0" * 64, name="bench", role="inspector", public_key="-",
                                                enrolled_at=now))
        conn.execute(insert(schema.inspections), [
            {"id": i, "framework_id": fw.id, "framework_version": fw.version, "framework_sha256": content_hash(text),
             "framework_yaml": text, "created_at": now} for i in ids])
        conn.execute(insert(schema.bundles), [
            {"bundle_id": f"b-{i}", "sha256": "0" * 64, "key_id": "0" * 64, "inspection_id": i, "device_id": "d",
             "sequence": 1, "audit_seq": 0, "audit_hash": "0" * 64, "imported_at": now} for i in ids])
        for i in ids:
            revs, reads, answers = [], [], []
            for c in range(READS_PER_INSPECTION):
                case, rev = f"C{c:03d}", hashlib.sha256(f"{i}{c}".encode()).hexdigest()
                revs.append({"inspection_id": i, "case_id": case, "revision_id": rev, "parent_revision_id": None,
                             "bundle_id": f"b-{i}", "device_id": "d", "sequence": 1, "reader_id": "insp1",
                             "status": "complete", "updated_at": now, "profile": "{}", "interview": "{}",
                             "received_at": now})
                reads.append({"inspection_id": i, "case_id": case, "head_revision_id": rev, "needs_rereview": False,
                              "updated_at": now})
                answers += [{"inspection_id": i, "case_id": case, "revision_id": rev, "question_id": q,
                             "value": rng.choices(['"yes"', '"no"', '"na"'], [65, 30, 5])[0], "note": "n"}
                            for q in kqs]
            conn.execute(insert(schema.revisions), revs)
            conn.execute(insert(schema.case_reads), reads)
            conn.execute(insert(schema.revision_answers), answers)
    return store, ids


@benchmark(
    "ratings_national",
    unit="ms",
    measures=f"the ratings of all {NATIONAL_INSPECTIONS} inspections of {READS_PER_INSPECTION} case reads each in one "
    "central store (rate_inspections: effective answers with moderation, overrides, every figure of each)",
    baseline="one bare SQL aggregate (sufficient and applicable per inspection and question) over the same answers",
)
def ratings_national(ctx: Context) -> Measurement:
    import os

    from sqlalchemy import text

    from hmip_desktop.core.central.answers import rate_inspections

    os.environ.setdefault("HMIP_KEY_PASSPHRASE", "benchmark")
    store, ids = national_store(ctx)

    def ours() -> None:
        rate_inspections(store, ids)

    def bare() -> None:
        with store.engine.connect() as conn:
            conn.execute(text(BARE_NATIONAL)).all()

    value, base = compare(Work(ours), Work(bare), ctx, repeats=ctx.repeats(3), warmup=1)
    store.engine.dispose()
    return Measurement(value * 1000, base * 1000)
