"""Migration 0002 on a store whose moderations were imported before it (no revision): the
latest record of each (import, case, question) is marked, on SQLite and PostgreSQL, and
``hmip national consistency`` then counts each such judgement once."""

from __future__ import annotations

import pytest
from alembic import command
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import importer, synthetic
from hmip_desktop.core.national.outcomes import consistency
from hmip_desktop.core.national.store import NationalStore, _config


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "n.sqlite")
    return request.getfixturevalue("pg_url")


def test_rows_imported_before_0002_keep_their_latest(location, tmp_path):
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    keys = tmp_path / "keys"
    nat = NationalStore.init(location, keys)
    nat.trust(public_line(lead.public, "Lead"), "Lead")
    c = synthetic.results(0, 40, 6, seed=9, standards=2)
    mods = c["moderations"]
    for m in list(mods[:3]):  # moderated again, the other way
        flipped = {'"yes"': '"no"', '"no"': '"yes"', '"na"': '"yes"'}[m["moderated_value"]]
        mods.append({**m, "id": len(mods) + 1, "moderated_value": flipped})
    distinct = len({(m["case_id"], m["question_id"]) for m in mods})
    assert len(mods) == distinct + 3
    path = tmp_path / "0.results"
    path.write_bytes(synthetic.seal(c, lead, nat.recipient))
    importer.import_file(nat, path)
    want = consistency(nat)
    assert sum(r["moderated"] for r in want["readers"]) == distinct
    # back to the schema before 0002 (the rows stay, without revision and latest) ...
    with nat.engine.begin() as conn:
        command.downgrade(_config(conn), "0001_national")
    nat.close()
    # ... and opened again: migrated, the latest of each (import, case, question) marked
    nat = NationalStore.open(location, keys)
    try:
        with nat.engine.connect() as conn:
            rows = conn.execute(text("SELECT revision, latest FROM moderations")).all()
        assert len(rows) == len(mods) and all(r is None for r, _ in rows)
        assert sum(bool(latest) for _, latest in rows) == distinct
        assert consistency(nat) == want
    finally:
        nat.close()
