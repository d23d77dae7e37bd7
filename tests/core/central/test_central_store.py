"""The central store: migrations match the schema, refusals, escrow decryption."""

import sqlite3

import pyrage
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hmip_desktop.core.central import schema
from hmip_desktop.core.central.store import CentralError, CentralStore
from hmip_desktop.core.exchange import envelope


@pytest.fixture(autouse=True)
def passphrase(monkeypatch):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")


def test_migrations_create_exactly_the_schema(tmp_path):
    store = CentralStore.init(tmp_path / "c.sqlite")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_init_twice_is_refused(tmp_path):
    CentralStore.init(tmp_path / "c.sqlite")
    with pytest.raises(CentralError, match="already holds central store keys"):
        CentralStore.init(tmp_path / "c.sqlite")
    with pytest.raises(CentralError, match="already a central store"):
        CentralStore.init(tmp_path / "c.sqlite", keys_dir=tmp_path / "other-keys")


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    CentralStore.init(tmp_path / "c.sqlite")
    raw = sqlite3.connect(tmp_path / "c.sqlite")
    raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.commit()
    raw.close()
    with pytest.raises(CentralError, match="newer version"):
        CentralStore.open(tmp_path / "c.sqlite")


def test_missing_store_and_bad_urls(tmp_path):
    with pytest.raises(CentralError, match="no such central store"):
        CentralStore.open(tmp_path / "none.sqlite")
    with pytest.raises(CentralError, match="SQLite file path or a postgresql"):
        CentralStore.open("mysql://x/y")


def test_enrol_refuses_bad_roles_and_duplicates(tmp_path):
    from hmip_desktop.core.exchange.keys import new_key

    store = CentralStore.init(tmp_path / "c.sqlite")
    new_key(tmp_path / "k", "A")
    text = (tmp_path / "k" / "public.key").read_text()
    with pytest.raises(CentralError, match="role must be"):
        store.enrol("A", "boss", text)
    store.enrol("A", "inspector", text)
    with pytest.raises(CentralError, match="already enrolled"):
        store.enrol("A", "lead", text)
    with pytest.raises(ValueError, match="not an hmip public key"):
        store.enrol("B", "inspector", "ssh-rsa AAAA")


def test_escrow_holder_can_decrypt_a_bundle_with_age(tmp_path, monkeypatch):
    from hmip_desktop.core import demo
    from hmip_desktop.core.exchange.keys import load_key, new_key
    from hmip_desktop.core.field.db import open_db
    from hmip_desktop.core.field.export import export_bundle, trust_central

    escrow = pyrage.x25519.Identity.generate()
    store = CentralStore.init(tmp_path / "c.sqlite", escrow=[str(escrow.to_public())])
    demo.create_demo(tmp_path / "f.sqlite")
    new_key(tmp_path / "k", "A")
    db = open_db(tmp_path / "f.sqlite")
    trust_central(db, store_id=store.store_id, recipients=store.recipients(), public_key=store.meta("signing_key"))
    export_bundle(db, "demo", load_key(tmp_path / "k"), tmp_path / "b.bundle")
    data = (tmp_path / "b.bundle").read_bytes()
    size = int.from_bytes(data[8:12], "big")
    payload = data[12 + size + envelope.SIG_LEN:]
    plain = pyrage.decrypt(payload, [escrow])
    assert plain[:2] == b"PK", "the escrow holder gets the ZIP payload"


def test_bad_escrow_recipient_is_refused(tmp_path):
    with pytest.raises(CentralError, match="not an age public key"):
        CentralStore.init(tmp_path / "c.sqlite", escrow=["age1nonsense"])
    assert not (tmp_path / "c.sqlite.keys").exists()
