"""The national store's figures: ``national_import`` and ``national_tables`` over 150
inspections of 100 case reads and 60 judgements each (900,000 judgements), on SQLite,
and ``pg_national_import`` / ``pg_national_tables``, the same on a throwaway PostgreSQL
server (benchmarks/pg.py). The results bundles are made synthetically
(``core/national/synthetic.py``: sealed, signed and encrypted as ``hmip central
results`` writes them, without the field store or the central import), untimed.

Baselines are the bare driver in the same run: for the import, ``executemany`` of the
same rows (taken from an import made beforehand) into the same empty tables, one
transaction per inspection as ours; for the tables, the one bare SQL aggregate of the
same figures (sufficient and applicable per inspection and key question, current
sign-offs only) fetched in full.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from .registry import Context, Measurement, benchmark
from .timing import Work, compare

INSPECTIONS, CASES, QUESTIONS = 150, 100, 60
TABLES = ("imports", "inspections", "standards", "key_questions", "cases", "judgements", "moderations")
AGGREGATE = ("SELECT import_id, question_id, SUM(sufficient), SUM(applicable) FROM judgements "
             "WHERE import_id IN (SELECT id FROM imports WHERE \"current\") GROUP BY import_id, question_id")


def _insert_sql(table: str, cols: list[str], mark: str) -> str:
    names = ", ".join(f'"{c}"' for c in cols)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(cols))})"


def _files(ctx: Context, recipient: str, key, keys: Path) -> list[Path]:
    """The synthetic results bundles (format 3: pseudonymised under the store's key, as a
    central store with the national key installed writes them)."""
    from hmip_desktop.core.national import synthetic

    secret = bytes.fromhex((keys / "pseudonym.key").read_text(encoding="utf-8").strip())

    count = 6 if ctx.quick else INSPECTIONS
    folder = ctx.workdir / "results"
    folder.mkdir(exist_ok=True)
    out = []
    for i in range(count):
        path = folder / f"{i:04d}.results"
        path.write_bytes(synthetic.seal(synthetic.results(i, CASES, QUESTIONS, seed=2003, pseudonym_key=secret), key, recipient))
        out.append(path)
    return out


def _lead():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from hmip_desktop.core.exchange.keys import SigningKey

    return SigningKey(Ed25519PrivateKey.generate(), "Benchmark lead")


def _template(location: str, keys: Path, lead) -> str:
    """An empty initialised national store trusting ``lead``; returns its recipient."""
    from hmip_desktop.core.exchange.keys import public_line
    from hmip_desktop.core.national.store import NationalStore

    store = NationalStore.init(location, keys)
    store.trust(public_line(lead.public, lead.name), lead.name)
    recipient = store.recipient
    store.close()
    return recipient


def _import_all(location: str, keys: Path, files: list[Path]) -> None:
    from hmip_desktop.core.national.importer import import_file
    from hmip_desktop.core.national.store import NationalStore

    store = NationalStore.open(location, keys)
    try:
        for f in files:
            assert import_file(store, f).outcome == "imported"
    finally:
        store.close()


def _rows(location: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every imported row, table by table (for the bare import), in import order."""
    from sqlalchemy import text

    from hmip_desktop.core.central.store import make_engine

    engine = make_engine(location)
    out = {}
    with engine.connect() as conn:
        for t in TABLES:
            result = conn.execute(text(f"SELECT * FROM {t}"))
            out[t] = (list(result.keys()), [tuple(r) for r in result])
    engine.dispose()
    return out


def _by_import(rows: dict) -> list[list[tuple[str, list[str], list[tuple]]]]:
    """The rows grouped per import (one transaction each), tables in insert order."""
    groups: dict[int, list] = {}
    for t in TABLES:
        cols, data = rows[t]
        key = cols.index("id") if t == "imports" else cols.index("import_id")
        for r in data:
            groups.setdefault(r[key], {}).setdefault(t, []).append(r)
    return [[(t, rows[t][0], g.get(t, [])) for t in TABLES] for _, g in sorted(groups.items())]


def _check(ours: dict, bare_rows: list) -> None:
    """The tables' key question figures are the bare aggregate's."""
    pooled: dict[str, list[int]] = {}
    for _, q, s, a in bare_rows:
        pooled.setdefault(q, [0, 0])
        pooled[q][0] += int(s)
        pooled[q][1] += int(a)
    assert {k["id"]: [k["sufficient"], k["applicable"]] for k in ours["key_questions"]} == pooled


@benchmark("national_import", unit="ms",
           measures="importer.import_file of 150 synthetic results bundles (100 case reads x 60 judgements each: "
           "900,000 judgements) into a fresh SQLite national store (a copy of an empty initialised one): verify "
           "against the trusted keys, decrypt, validate, check the pseudonym key, executemany; one transaction each",
           baseline="bare sqlite3 (same pragmas) executemany of the same rows into a copy of the same empty store, "
           "one transaction per inspection")
def national_import(ctx: Context) -> Measurement:
    from hmip_desktop.core.central.store import make_engine

    lead = _lead()
    empty, keys = ctx.workdir / "empty.sqlite", ctx.workdir / "national.keys"
    files = _files(ctx, _template(str(empty), keys, lead), lead, keys)
    probe = ctx.workdir / "probe.sqlite"
    shutil.copyfile(empty, probe)
    _import_all(str(probe), keys, files)
    groups = _by_import(_rows(str(probe)))
    counter = itertools.count()
    current: dict[str, Path] = {}

    def setup() -> None:
        path = ctx.workdir / f"run-{next(counter)}.sqlite"
        shutil.copyfile(empty, path)
        current["path"] = path

    def teardown() -> None:
        from ._common import remove_db

        remove_db(current.pop("path"))

    def bare() -> None:
        engine = make_engine(str(current["path"]))  # the same pragmas as the store's
        raw = engine.raw_connection()
        cur = raw.cursor()
        for group in groups:
            for table, cols, data in group:
                if data:
                    cur.executemany(_insert_sql(table, cols, "?"), data)
            raw.commit()
        raw.close()
        engine.dispose()

    value, base = compare(Work(lambda: _import_all(str(current["path"]), keys, files), setup=setup, teardown=teardown),
                          Work(bare, setup=setup, teardown=teardown), ctx, repeats=ctx.repeats(3), warmup=0)
    return Measurement(value * 1000, base * 1000, {"judgements": float(sum(
        len(d) for g in groups for t, _, d in g if t == "judgements"))})


@benchmark("national_tables", unit="ms",
           measures="tables() of a SQLite national store holding 150 inspections x 100 case reads x 60 judgements: "
           "inspections with their standards by family, per key question the pooled percentage with its Wilson "
           "interval, mean, minimum and maximum over inspections, the distribution of ratings",
           baseline="the one bare SQL aggregate of the same figures (sufficient and applicable per inspection and "
           "key question, current sign-offs) through bare sqlite3, fetched in full")
def national_tables(ctx: Context) -> Measurement:
    import sqlite3

    from hmip_desktop.core.national.store import NationalStore
    from hmip_desktop.core.national.tables import tables

    lead = _lead()
    path, keys = ctx.workdir / "national.sqlite", ctx.workdir / "national.keys"
    files = _files(ctx, _template(str(path), keys, lead), lead, keys)
    _import_all(str(path), keys, files)
    store = NationalStore.open(str(path), keys)
    raw = sqlite3.connect(str(path))
    _check(tables(store), raw.execute(AGGREGATE).fetchall())
    value, base = compare(Work(lambda: tables(store)), Work(lambda: raw.execute(AGGREGATE).fetchall()), ctx,
                          repeats=ctx.repeats(7), warmup=ctx.warmup(1))
    raw.close()
    store.close()
    return Measurement(value * 1000, base * 1000)


@benchmark("pg_national_import", unit="ms",
           measures="national_import on PostgreSQL: the same 150 results bundles into a fresh national store in a "
           "PostgreSQL database (local server, durable commits)",
           baseline="bare psycopg executemany of the same rows into a fresh copy of the same empty database, one "
           "transaction per inspection")
def pg_national_import(ctx: Context) -> Measurement:
    import psycopg

    from .pg import pg_server

    lead = _lead()
    keys = ctx.workdir / "national.keys"
    with pg_server("pg_national_import") as server:
        template = server.create_database("national_template")
        files = _files(ctx, _template(server.url(template), keys, lead), lead, keys)
        counter = itertools.count()
        current: dict[str, str] = {}

        def setup() -> None:
            name = f"national_{next(counter)}"
            with server.connect() as conn:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            current["db"] = name

        def teardown() -> None:
            server.drop_database(current.pop("db"))

        setup()
        _import_all(server.url(current["db"]), keys, files)
        groups = _by_import(_rows(server.url(current["db"])))
        teardown()

        def bare() -> None:
            with psycopg.connect(server.url(current["db"])) as conn:
                for group in groups:
                    with conn.transaction(), conn.cursor() as cur:
                        for table, cols, data in group:
                            if data:
                                cur.executemany(_insert_sql(table, cols, "%s"), data)

        value, base = compare(Work(lambda: _import_all(server.url(current["db"]), keys, files), setup=setup,
                                   teardown=teardown), Work(bare, setup=setup, teardown=teardown), ctx,
                              repeats=ctx.repeats(3), warmup=0)
    return Measurement(value * 1000, base * 1000)


@benchmark("pg_national_tables", unit="ms",
           measures="national_tables on PostgreSQL: tables() of the same 900,000 judgements in a PostgreSQL national "
           "store (local server, after ANALYZE)",
           baseline="the same bare SQL aggregate through bare psycopg on the same database, fetched in full")
def pg_national_tables(ctx: Context) -> Measurement:
    import psycopg

    from hmip_desktop.core.national.store import NationalStore
    from hmip_desktop.core.national.tables import tables

    from .pg import pg_server

    lead = _lead()
    keys = ctx.workdir / "national.keys"
    with pg_server("pg_national_tables") as server:
        url = server.url(server.create_database("national"))
        files = _files(ctx, _template(url, keys, lead), lead, keys)
        _import_all(url, keys, files)
        with psycopg.connect(url, autocommit=True) as raw:
            raw.execute("ANALYZE")
            store = NationalStore.open(url, keys)
            _check(tables(store), raw.execute(AGGREGATE).fetchall())
            value, base = compare(Work(lambda: tables(store)), Work(lambda: raw.execute(AGGREGATE).fetchall()), ctx,
                                  repeats=ctx.repeats(7), warmup=ctx.warmup(1))
            store.close()
    return Measurement(value * 1000, base * 1000)
