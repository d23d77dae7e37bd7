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


def test_invalid_results_are_refused_with_one_line(tmp_path, capsys):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from hmip_desktop.cli import main
    from hmip_desktop.core.exchange.keys import SigningKey, public_line
    from hmip_desktop.core.national import synthetic

    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    nat = NationalStore.init(tmp_path / "n.sqlite")
    nat.trust(public_line(lead.public, "Lead"), "Lead")
    old = synthetic.results(0, 5, 3, seed=1, standards=1)
    old["format"] = 1
    unknown = synthetic.results(1, 5, 3, seed=1, standards=1)
    unknown["cases"][2]["judgements"]["not_a_question"] = "yes"
    named = synthetic.results(2, 5, 3, seed=1, standards=1)
    named["cases"][0]["profile"]["name"] = "A Person"  # a field the format does not have
    files = []
    for i, content in enumerate((old, unknown, named)):
        path = tmp_path / f"{i}.results"
        path.write_bytes(synthetic.seal(content, lead, nat.recipient))
        files.append(str(path))
    nat.close()
    capsys.readouterr()
    assert main(["national", "import", str(tmp_path / "n.sqlite"), *files]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert "0.results: not imported: the results are not valid (format" in err[0]
    assert "1.results: not imported: case read 3: a judgement of 'not_a_question'" in err[1]
    assert "2.results: not imported: the results are not valid (cases.0.profile.name" in err[2]
    store = NationalStore.open(str(tmp_path / "n.sqlite"))
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM imports")).scalar() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM cases")).scalar() == 0
    store.close()


def test_provider_attributes_are_recorded_at_set_up(tmp_path, monkeypatch, capsys):
    from hmip_desktop.cli import main
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.paths import forms_dir

    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    c = str(tmp_path / "c.sqlite")
    assert main(["central", "init", c]) == 0
    fw = str(forms_dir() / "adult_probation.yaml")
    assert main(["central", "inspection", c, "--id", "i1", "--framework", fw, "--provider", "P", "--title", "T",
                 "--provider-type", "pdu", "--region", "Wales", "--family", "Rural", "--caseload-size", "812"]) == 0
    assert main(["central", "inspection", c, "--id", "i2", "--framework", fw, "--provider", "P", "--title", "T",
                 "--caseload-size", "-3"]) == 1
    assert "caseload size must be a whole number" in capsys.readouterr().err
    store = CentralStore.open(c)
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT provider_type, region, family, caseload_size FROM inspections")).one()
    store.engine.dispose()
    assert tuple(row) == ("pdu", "Wales", "Rural", 812)
