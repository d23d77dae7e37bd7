"""Trusting a central store's key (``hmip national trust … --role central``): results it
signs import; once distrusted, its new results are refused with one line naming the file
(those imported before stay), while a lead's trusted key still imports."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from hmip_desktop.cli import main
from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import schema, synthetic
from hmip_desktop.core.national.store import NationalStore


def _key(tmp, name: str) -> tuple[SigningKey, str]:
    key = SigningKey(Ed25519PrivateKey.generate(), name)
    path = tmp / f"{name.replace(' ', '-')}.public.key"
    path.write_text(public_line(key.public, name) + "\n", encoding="utf-8")
    return key, str(path)


def test_central_store_key_trusted_then_distrusted(tmp_path, capsys):
    nat = str(tmp_path / "n.sqlite")
    assert main(["national", "init", nat]) == 0
    store = NationalStore.open(nat)
    recipient = store.recipient
    store.close()
    central, central_pub = _key(tmp_path, "Central store North")
    lead, lead_pub = _key(tmp_path, "Lead")
    files = []
    for i, signer in enumerate((central, central, lead, central)):
        f = tmp_path / f"{i}.results"
        f.write_bytes(synthetic.seal(synthetic.results(i, 20, 6, seed=9, standards=3), signer, recipient))
        files.append(str(f))
    capsys.readouterr()

    # not trusted yet: refused, one line naming the file and saying what to do
    assert main(["national", "import", nat, files[0]]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{files[0]}: not imported" in err[0] and "does not trust" in err[0]

    assert main(["national", "trust", nat, "--public-key", central_pub, "--name", "Central store North",
                 "--role", "central"]) == 0
    assert f"trusted central key {central.key_id}" in capsys.readouterr().out
    assert main(["national", "trust", nat, "--public-key", lead_pub, "--name", "Lead"]) == 0
    assert f"trusted lead key {lead.key_id}" in capsys.readouterr().out
    assert main(["national", "import", nat, files[0], files[1]]) == 0
    out = capsys.readouterr().out
    assert "syn0000 imported" in out and "syn0001 imported" in out

    # distrusted: its next results are refused with one line; the lead's still import
    assert main(["national", "distrust", nat, central.key_id[:12]]) == 0
    assert f"key {central.key_id} is no longer trusted" in capsys.readouterr().out
    assert main(["national", "import", nat, files[2], files[3]]) == 1
    captured = capsys.readouterr()
    assert "syn0002 imported" in captured.out
    err = captured.err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"hmip: error: {files[3]}: not imported")
    assert f"signed by key {central.key_id[:16]} (Central store North), no longer trusted since" in err[0]

    store = NationalStore.open(nat)
    try:
        with store.engine.connect() as conn:
            roles = dict(conn.execute(select(schema.trusted_keys.c.key_id, schema.trusted_keys.c.role)).all())
            revoked = dict(conn.execute(select(schema.trusted_keys.c.key_id, schema.trusted_keys.c.revoked_at)).all())
            imports = conn.execute(select(schema.imports.c.inspection_id, schema.imports.c.signer_key_id,
                                          schema.imports.c.current).order_by(schema.imports.c.id)).all()
    finally:
        store.close()
    assert roles == {central.key_id: "central", lead.key_id: "lead"}
    assert revoked[central.key_id] is not None and revoked[lead.key_id] is None
    # what the central key signed before it was distrusted stays, and stays current
    assert [tuple(r) for r in imports] == [("syn0000", central.key_id, True), ("syn0001", central.key_id, True),
                                           ("syn0002", lead.key_id, True)]
    assert main(["national", "tables", nat, "--json"]) == 0
    assert sorted(i["inspection"] for i in json.loads(capsys.readouterr().out)["inspections"]) == [
        "syn0000", "syn0001", "syn0002"]

    # trusted again (as the owner decides): the refused file imports
    assert main(["national", "trust", nat, "--public-key", central_pub, "--name", "Central store North",
                 "--role", "central"]) == 0
    assert main(["national", "import", nat, files[3]]) == 0
    assert "syn0003 imported" in capsys.readouterr().out
