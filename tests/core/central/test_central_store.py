"""The central store: migrations match the schema, refusals, escrow decryption.

Every test that opens a store runs on both backends (``central_location``: a SQLite file
and a fresh PostgreSQL database). A SQLite store keeps its keys beside the file (the
default, STORE.keys); a PostgreSQL store has no file, so its keys go in an explicit folder.
SQLite-file specifics (the alembic_version edited with sqlite3, a missing file) stay
SQLite-only, each next to its equivalent on both backends.
"""

import sqlite3
from pathlib import Path

import pyrage
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from hmip_desktop.core.central import schema
from hmip_desktop.core.central.store import CentralError, CentralStore, is_url
from hmip_desktop.core.exchange import envelope


@pytest.fixture(autouse=True)
def passphrase(monkeypatch):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")


def _keys(location: str, tmp_path: Path) -> Path | None:
    """The keys folder to pass: explicit for PostgreSQL, the default (None) for SQLite."""
    return tmp_path / "central-keys" if is_url(location) else None


def test_migrations_create_exactly_the_schema(central_location, tmp_path):
    store = CentralStore.init(central_location, keys_dir=_keys(central_location, tmp_path))
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    store.engine.dispose()
    assert diff == []


def test_init_twice_is_refused(central_location, tmp_path):
    keys = _keys(central_location, tmp_path)
    CentralStore.init(central_location, keys_dir=keys).engine.dispose()
    with pytest.raises(CentralError, match="already holds central store keys"):
        CentralStore.init(central_location, keys_dir=keys)
    with pytest.raises(CentralError, match="already a central store"):
        CentralStore.init(central_location, keys_dir=tmp_path / "other-keys")


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    """SQLite-only: the version is edited in the file with sqlite3, outside the app."""
    CentralStore.init(tmp_path / "c.sqlite")
    raw = sqlite3.connect(tmp_path / "c.sqlite")
    raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.commit()
    raw.close()
    with pytest.raises(CentralError, match="newer version"):
        CentralStore.open(tmp_path / "c.sqlite")


def test_a_store_from_a_newer_version_is_refused_on_both_backends(central_location, tmp_path):
    """The same refusal, the version edited through the store's own engine."""
    keys = _keys(central_location, tmp_path)
    store = CentralStore.init(central_location, keys_dir=keys)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.engine.dispose()
    with pytest.raises(CentralError, match="newer version"):
        CentralStore.open(central_location, keys_dir=keys)


def test_missing_store_and_bad_urls(tmp_path):
    """SQLite-only (a missing file); the PostgreSQL equivalent is the next test."""
    with pytest.raises(CentralError, match="no such central store"):
        CentralStore.open(tmp_path / "none.sqlite")
    with pytest.raises(CentralError, match="SQLite file path or a postgresql"):
        CentralStore.open("mysql://x/y")


def test_an_empty_postgresql_database_is_not_a_central_store(pg_url, tmp_path):
    with pytest.raises(CentralError, match="is not a central store"):
        CentralStore.open(pg_url, keys_dir=tmp_path / "central-keys")


def test_enrol_refuses_bad_roles_and_duplicates(central_location, tmp_path):
    from hmip_desktop.core.exchange.keys import new_key

    store = CentralStore.init(central_location, keys_dir=_keys(central_location, tmp_path))
    new_key(tmp_path / "k", "A")
    text_ = (tmp_path / "k" / "public.key").read_text()
    try:
        with pytest.raises(CentralError, match="role must be"):
            store.enrol("A", "boss", text_)
        store.enrol("A", "inspector", text_)
        with pytest.raises(CentralError, match="already enrolled"):
            store.enrol("A", "lead", text_)
        with pytest.raises(ValueError, match="not an hmip public key"):
            store.enrol("B", "inspector", "ssh-rsa AAAA")
    finally:
        store.engine.dispose()


def test_escrow_holder_can_decrypt_a_bundle_with_age(central_location, tmp_path, monkeypatch):
    from hmip_desktop.core import demo
    from hmip_desktop.core.exchange.keys import load_key, new_key
    from hmip_desktop.core.field.db import open_db
    from hmip_desktop.core.field.export import export_bundle, trust_central

    escrow = pyrage.x25519.Identity.generate()
    store = CentralStore.init(central_location, keys_dir=_keys(central_location, tmp_path),
                              escrow=[str(escrow.to_public())])
    demo.create_demo(tmp_path / "f.sqlite")
    new_key(tmp_path / "k", "A")
    db = open_db(tmp_path / "f.sqlite")
    trust_central(db, store_id=store.store_id, recipients=store.recipients(), public_key=store.meta("signing_key"))
    export_bundle(db, "demo", load_key(tmp_path / "k"), tmp_path / "b.bundle")
    db.close()
    store.engine.dispose()
    data = (tmp_path / "b.bundle").read_bytes()
    size = int.from_bytes(data[8:12], "big")
    payload = data[12 + size + envelope.SIG_LEN:]
    plain = pyrage.decrypt(payload, [escrow])
    assert plain[:2] == b"PK", "the escrow holder gets the ZIP payload"


def test_bad_escrow_recipient_is_refused(central_location, tmp_path):
    keys = _keys(central_location, tmp_path)
    with pytest.raises(CentralError, match="not an age public key"):
        CentralStore.init(central_location, keys_dir=keys, escrow=["age1nonsense"])
    assert not (keys if keys else tmp_path / "c.sqlite.keys").exists()
    # Nor was a store created.
    with pytest.raises(CentralError, match="no such central store|is not a central store"):
        CentralStore.open(central_location, keys_dir=keys)
