"""Figures for the central store on PostgreSQL: the same work as ``import_bundle``
(benchmarks/exchange.py) and ``ratings_national`` (benchmarks/ratings.py), on a
throwaway PostgreSQL server, against the SQLite figure measured in the same run
(value = PostgreSQL ms, baseline = SQLite ms; the target is a ratio of at most 3).

The server is the tests' (tests/pg_server.py: initdb into a temporary folder, local
only), started per figure and stopped afterwards. The tests run it with fsync off; here
fsync, full-page writes and synchronous commit are switched back on, so that PostgreSQL
commits as durably as the SQLite side (synchronous=FULL). If no server can be started,
the figure fails with the reason (the runner prints it and goes on with the others).
"""

from __future__ import annotations

import importlib.util
import itertools
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

from .registry import Context, Measurement, benchmark
from ._common import REPO, remove_db
from .timing import Work, compare


def _pg_server_module():
    spec = importlib.util.spec_from_file_location("hmip_bench_pg_server", REPO / "tests" / "pg_server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and friends look the module up
    spec.loader.exec_module(module)
    return module


@contextmanager
def pg_server(figure: str):
    """A running, durable PostgreSQL server; RuntimeError with a clear message if none."""
    module = _pg_server_module()
    try:
        server = module.start()
    except module.PgUnavailable as exc:
        raise RuntimeError(f"{figure}: no PostgreSQL server could be started, so there is no figure: {exc}") from None
    try:
        with server.connect() as conn:
            for setting in ("fsync = on", "full_page_writes = on", "synchronous_commit = on"):
                conn.execute(f"ALTER SYSTEM SET {setting}")
            conn.execute("SELECT pg_reload_conf()")
        yield server
    finally:
        server.stop()


@benchmark(
    "pg_import",
    unit="ms",
    measures="import_bundle on PostgreSQL: importer.import_file of the same bundle of 150 complete case reads "
    "(largest framework) into a fresh, empty central store in a PostgreSQL database (a copy of an initialised "
    "template database, opened and keys unlocked untimed); local server, durable commits",
    baseline="the same import_file of the same bundle into a fresh copy of an empty SQLite central store, "
    "measured in the same run (the import_bundle figure's work)",
)
def pg_import(ctx: Context) -> Measurement:
    from hmip_desktop.core.central import importer
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.exchange.keys import load_key
    from hmip_desktop.core.field.export import export_bundle, trust_central

    from .exchange import CASES, INSPECTION, build, set_up_central

    s = build(ctx.workdir)
    with pg_server("pg_import") as server:
        # An empty initialised PostgreSQL store with the inspector enrolled: the template.
        template = server.create_database("central_template")
        pg_keys = ctx.workdir / "pg.keys"
        pg = CentralStore.init(server.url(template), keys_dir=pg_keys)
        pg.enrol("Benchmark inspector", "inspector",
                 (ctx.workdir / "inspector-key" / "public.key").read_text(encoding="utf-8"))
        set_up_central(pg, s.field_db, s.key.key_id)
        pg_recipients = pg.recipients()
        pg.engine.dispose()
        # One bundle, encrypted to both stores, so both sides import exactly the same bytes.
        sqlite_store = CentralStore.open(s.central_empty, keys_dir=s.central_keys)
        trust_central(s.field_db, store_id=sqlite_store.store_id, recipients=s.recipients + pg_recipients,
                      public_key=sqlite_store.meta("signing_key"))
        sqlite_store.engine.dispose()
        bundle = ctx.workdir / "case-reads.bundle"
        try:
            export_bundle(s.field_db, INSPECTION, load_key(ctx.workdir / "inspector-key"), bundle)
        finally:
            s.field_db.close()

        counter = itertools.count()
        current: dict[str, object] = {}

        def pg_setup() -> None:
            name = f"central_{next(counter)}"
            with server.connect() as conn:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            store = CentralStore.open(server.url(name), keys_dir=pg_keys)
            store.identity(), store.signing_key()
            with store.engine.connect():  # the pool holds a live connection, as in a running service
                pass
            current.update(db=name, store=store)

        def pg_teardown() -> None:
            current.pop("store").engine.dispose()
            server.drop_database(current.pop("db"))

        def sqlite_setup() -> None:
            path = ctx.workdir / f"ours-{next(counter)}.sqlite"
            shutil.copyfile(s.central_empty, path)
            store = CentralStore.open(path, keys_dir=s.central_keys)
            store.identity(), store.signing_key()
            current.update(path=path, store=store)

        def sqlite_teardown() -> None:
            current.pop("store").engine.dispose()
            remove_db(current.pop("path"))

        def run() -> None:
            result = importer.import_file(current["store"], bundle)
            assert result.outcomes == {"head": CASES}, result.outcomes

        value, base = compare(Work(run, setup=pg_setup, teardown=pg_teardown),
                              Work(run, setup=sqlite_setup, teardown=sqlite_teardown), ctx, repeats=11, warmup=1)
    return Measurement(value * 1000, base * 1000)


@benchmark(
    "pg_ratings_national",
    unit="ms",
    measures="ratings_national on PostgreSQL: rate_inspections of all 500 inspections of 60 case reads each in "
    "one central store in a PostgreSQL database (local server)",
    baseline="the same rate_inspections over the same rows in a SQLite central store, measured in the same run "
    "(the ratings_national figure's work)",
)
def pg_ratings_national(ctx: Context) -> Measurement:
    import os

    from hmip_desktop.core.central.answers import rate_inspections

    from .ratings import national_store

    os.environ.setdefault("HMIP_KEY_PASSPHRASE", "benchmark")
    with pg_server("pg_ratings_national") as server:
        pg_ctx = Context(ctx.workdir / "pg", ctx.quick)
        pg_ctx.workdir.mkdir()
        pg, ids = national_store(pg_ctx, location=server.url(server.create_database("national")))
        with pg.engine.begin() as conn:  # fresh statistics, as autovacuum would have by now
            conn.exec_driver_sql("ANALYZE")
        lite, lite_ids = national_store(ctx)
        assert ids == lite_ids
        same = rate_inspections(pg, ids) == rate_inspections(lite, ids)
        assert same, "PostgreSQL and SQLite rate the same rows differently"

        value, base = compare(Work(lambda: rate_inspections(pg, ids)), Work(lambda: rate_inspections(lite, ids)),
                              ctx, repeats=ctx.repeats(3), warmup=1)
        pg.engine.dispose()
        lite.engine.dispose()
    return Measurement(value * 1000, base * 1000)
