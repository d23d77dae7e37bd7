"""Fixtures shared by the exchange tests (tests/core/exchange).

Building a world (demo field store, central store, enrolled keys) takes about half a
second, so it is built ONCE per session (:func:`exchange_template`) and each test gets
its own copy of the folder (:func:`world`).
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from hmip_desktop.core import demo
from hmip_desktop.core.central import importer, schema, setup_flow
from hmip_desktop.core.central.store import CentralStore
from hmip_desktop.core.exchange.keys import PASSPHRASE_ENV, SigningKey, load_key, new_key
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import export_bundle, set_user, trust_central

PASSPHRASE = "test"


@pytest.fixture(autouse=True)
def _key_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """No OS keyring here: keys are unlocked with HMIP_KEY_PASSPHRASE."""
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)


@pytest.fixture(scope="session")
def exchange_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A read-only folder, built once per session, holding:

    * ``f.sqlite``: the demo field store (inspection 'demo', 48 case reads, 16 of them
      allocated to insp1), trusting the central store below, as Inspector A's laptop
      (user ``insp1``: its exports carry insp1's 16 reads);
    * ``c.sqlite`` (+ ``c.sqlite.keys``): a central store where inspection 'demo' is set
      up as the field store has it (framework, team, sample, allocation;
      :func:`setup_flow.set_up_from_field`) and ``b0.bundle`` has been imported (so it
      is not empty: 16 head revisions);
    * ``k`` (Inspector A, team member insp1) and ``k2`` (Inspector B, insp2): enrolled
      keys; ``k_unknown``: a key that is not enrolled;
    * ``b0.bundle``: the first export (imported); ``b1.bundle``: the second export
      (same revisions as b0, a new bundle id and sequence 2; NOT imported).

    Copy it (:func:`world`) before changing anything.
    """
    d = tmp_path_factory.mktemp("exchange-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(PASSPHRASE_ENV, PASSPHRASE)
        demo.create_demo(d / "f.sqlite")
        central = CentralStore.init(d / "c.sqlite")
        try:
            for folder, name in (("k", "Inspector A"), ("k2", "Inspector B")):
                new_key(d / folder, name)
                central.enrol(name, "inspector", (d / folder / "public.key").read_text(encoding="utf-8"))
            new_key(d / "k_unknown", "Not enrolled")
            db = open_db(d / "f.sqlite")
            try:
                setup_flow.set_up_from_field(central, db, "demo", {"insp1": load_key(d / "k").key_id,
                                                                   "insp2": load_key(d / "k2").key_id})
                set_user(db, "insp1")
                trust_central(db, store_id=central.store_id, recipients=central.recipients(),
                              public_key=central.meta("signing_key"))
                key = load_key(d / "k")
                export_bundle(db, "demo", key, d / "b0.bundle")
                importer.import_file(central, d / "b0.bundle")
                export_bundle(db, "demo", key, d / "b1.bundle")
            finally:
                db.close()
        finally:
            central.engine.dispose()
    return d


@dataclass
class World:
    """A private copy of the template (see :func:`exchange_template`)."""

    root: Path
    central: CentralStore
    backend: str = "sqlite"

    @property
    def field_path(self) -> Path:
        return self.root / "f.sqlite"

    @property
    def central_path(self) -> Path:
        """The SQLite file (on the sqlite backend only; see :attr:`location`)."""
        return self.root / "c.sqlite"

    @property
    def location(self) -> str:
        """Where the central store is: the SQLite file, or its PostgreSQL URL."""
        return self.central.location

    @property
    def keys_dir(self) -> Path:
        return self.root / "c.sqlite.keys"

    @property
    def store_args(self) -> list[str]:
        """STORE and ``--keys DIR`` for a ``hmip central`` command, on either backend."""
        return [self.location, "--keys", str(self.keys_dir)]

    def key(self, folder: str = "k") -> SigningKey:
        return load_key(self.root / folder)

    def dump(self) -> dict[str, list[tuple]]:
        return dump_store(self.central)

    def heads(self) -> dict[str, str]:
        with self.central.engine.connect() as conn:
            return dict(conn.execute(text("SELECT case_id, head_revision_id FROM case_reads")).all())


def dump_store(store: CentralStore) -> dict[str, list[tuple]]:
    """Every row of every table of a central store (rows sorted), for before/after checks.

    Goes through the store's own engine and SQLAlchemy's inspector, so it lists whatever
    tables exist (also ones a bug might create) on SQLite and PostgreSQL alike.
    """
    out: dict[str, list[tuple]] = {}
    with store.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted((tuple(row) for row in rows), key=repr)
    return out


@pytest.fixture
def world(exchange_template: Path, tmp_path: Path):
    """A private copy of the template world, with its central store opened."""
    root = tmp_path / "world"
    shutil.copytree(exchange_template, root)
    central = CentralStore.open(root / "c.sqlite")
    try:
        yield World(root, central)
    finally:
        central.engine.dispose()


# ---------------------------------------------------------------------------------------
# The same world on PostgreSQL
# ---------------------------------------------------------------------------------------


def copy_store_rows(src: CentralStore, dst: CentralStore) -> None:
    """Replace every row of ``dst`` (a freshly initialised store) by ``src``'s rows, table
    by table in dependency order, and move PostgreSQL's id sequences past them. ``dst``
    then IS the template store (same store id, recipient and signing key), so the
    template's keys folder and bundles work with it unchanged."""
    src_tables = set(inspect(src.engine).get_table_names()) - {"alembic_version"}
    known = {t.name for t in schema.metadata.sorted_tables}
    assert src_tables <= known, f"tables unknown to schema.py: {sorted(src_tables - known)}"
    with src.engine.connect() as s, dst.engine.begin() as d:
        for table in reversed(schema.metadata.sorted_tables):
            d.execute(table.delete())
        for table in schema.metadata.sorted_tables:
            if table.name not in src_tables:
                continue
            rows = [dict(r._mapping) for r in s.execute(table.select())]
            if rows:
                d.execute(table.insert(), rows)
        if d.dialect.name == "postgresql":
            for table in schema.metadata.sorted_tables:
                for column in table.primary_key.columns:
                    if column.autoincrement is True:
                        d.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                                       f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"))


@pytest.fixture(scope="session")
def pg_exchange_template(pg_server, exchange_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The name of a PostgreSQL database holding exactly the template's central store
    (built once; each test clones it with CREATE DATABASE ... TEMPLATE)."""
    scratch = tmp_path_factory.mktemp("pg-template")
    shutil.copy(exchange_template / "c.sqlite", scratch / "c.sqlite")
    name = pg_server.create_database()
    src = CentralStore.open(scratch / "c.sqlite", keys_dir=exchange_template / "c.sqlite.keys")
    dst = CentralStore.init(pg_server.url(name), keys_dir=scratch / "throwaway-keys")
    try:
        copy_store_rows(src, dst)
    finally:
        src.engine.dispose()
        dst.engine.dispose()
    return name


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    """Which backend :func:`backend_world` puts the central store on. A test module can
    narrow it per test with ``@pytest.mark.parametrize("backend", [...])``."""
    return request.param


@pytest.fixture
def backend_world(backend: str, request, exchange_template: Path, tmp_path: Path):
    """:func:`world` with its central store on ``backend``: on PostgreSQL, a fresh
    database cloned from :func:`pg_exchange_template` (the same rows, keys and bundles;
    the copied ``c.sqlite`` file is removed, so nothing can use it by mistake)."""
    if backend == "sqlite":
        yield request.getfixturevalue("world")
        return
    pg_server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_exchange_template")
    root = tmp_path / "world"
    shutil.copytree(exchange_template, root)
    (root / "c.sqlite").unlink()
    name = f"t_{uuid.uuid4().hex[:16]}"
    with pg_server.connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    central = CentralStore.open(pg_server.url(name), keys_dir=root / "c.sqlite.keys")
    assert central.engine.dialect.name == "postgresql"
    try:
        yield World(root, central, "postgresql")
    finally:
        central.engine.dispose()
        pg_server.drop_database(name)
