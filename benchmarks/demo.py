"""Figures for the demo inspection (hmip_desktop.core.demo)."""

from __future__ import annotations

import itertools
import sqlite3

from .registry import Context, Measurement, benchmark
from ._common import bare_connect, remove_db
from .timing import Work, compare

#: The tables whose rows the baseline inserts (the bulk of what create_demo writes).
TABLES = ("cases", "case_reads", "answers", "audit_log")


def _rows(path) -> dict[str, tuple[list[str], list[tuple]]]:
    """The columns and rows of each of TABLES in a created demo store."""
    conn = sqlite3.connect(str(path))
    try:
        out = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            out[table] = ([d[0] for d in cursor.description], cursor.fetchall())
        return out
    finally:
        conn.close()


@benchmark(
    "demo_create",
    unit="ms",
    measures="create_demo(path) into a fresh field store file (open, migrate, create inspection, fill reads, close)",
    baseline=f"bare sqlite3, same PRAGMAS: the same rows of {', '.join(TABLES)} by executemany in one transaction "
    "into unconstrained tables of the same columns (connect, create tables, insert, close)",
)
def demo_create(ctx: Context) -> Measurement:
    from hmip_desktop.core.demo import create_demo

    counter = itertools.count()
    current = {}

    def fresh(prefix: str):
        def setup() -> None:
            current[prefix] = ctx.workdir / f"{prefix}-{next(counter)}.db"
        def teardown() -> None:
            remove_db(current.pop(prefix))
        return setup, teardown

    # One untimed demo gives the rows (and row counts) the baseline inserts.
    sample = ctx.workdir / "sample.db"
    create_demo(sample)
    data = _rows(sample)
    remove_db(sample)

    def make() -> None:
        create_demo(current["demo"])

    def bare_make() -> None:
        conn = bare_connect(current["bare"])
        try:
            for table, (columns, _) in data.items():
                conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            conn.commit()
            with conn:  # one transaction
                for table, (columns, rows) in data.items():
                    conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)
        finally:
            conn.close()

    setup, teardown = fresh("demo")
    bare_setup, bare_teardown = fresh("bare")
    value, base = compare(
        Work(make, setup=setup, teardown=teardown),
        Work(bare_make, setup=bare_setup, teardown=bare_teardown),
        ctx, repeats=15, warmup=1,
    )
    return Measurement(value * 1000, base * 1000)
