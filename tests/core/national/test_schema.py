"""The national store's Alembic migrations make exactly the tables of schema.py, on
SQLite and PostgreSQL; an unknown (newer) schema is refused; keys are private."""

from __future__ import annotations

import os
import stat

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from hmip_desktop.core.national import schema
from hmip_desktop.core.national.store import NationalError, NationalStore


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "n.sqlite")
    return request.getfixturevalue("pg_url")


def test_migrations_make_the_schema(location, tmp_path):
    store = NationalStore.init(location, tmp_path / "keys")
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"version_table": "national_version"}),
                                    schema.metadata)
        assert diff == []
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE national_version SET version_num = '9999_future'"))
    finally:
        store.close()
    with pytest.raises(NationalError, match="newer version of hmip"):
        NationalStore.open(location, tmp_path / "keys")
    if os.name == "posix":
        for name in ("identity.age", "pseudonym.key"):
            assert stat.S_IMODE((tmp_path / "keys" / name).stat().st_mode) == 0o600


def test_pseudonyms_are_keyed(tmp_path):
    a = NationalStore.init(tmp_path / "a.sqlite")
    b = NationalStore.init(tmp_path / "b.sqlite")
    pa, pb = a.pseudonymiser(), b.pseudonymiser()
    assert pa("case:NM24-00001") == pa("case:NM24-00001") != pb("case:NM24-00001")
    assert len(pa("case:x")) == 64 and "NM24" not in pa("case:NM24-00001")
    a.close()
    b.close()
    # the keys of one store cannot be used with another
    other = NationalStore.open(str(tmp_path / "a.sqlite"), tmp_path / "b.sqlite.keys")
    with pytest.raises(NationalError, match="another national store"):
        other.pseudonymiser()
    other.close()
