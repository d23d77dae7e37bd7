"""Fixtures shared by the exchange tests (tests/core/exchange).

Building a world (demo field store, central store, enrolled keys) takes about half a
second, so it is built ONCE per session (:func:`exchange_template`) and each test gets
its own copy of the folder (:func:`world`).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from hmip_desktop.core import demo
from hmip_desktop.core.central import importer, setup_flow
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

    @property
    def field_path(self) -> Path:
        return self.root / "f.sqlite"

    @property
    def central_path(self) -> Path:
        return self.root / "c.sqlite"

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
