"""Results format 3 (pseudonymised at the central store under the national store's key)
and format 2 (case references, pseudonymised on import) give the same national store;
a bundle pseudonymised under another key is refused with one line."""

from __future__ import annotations

import json
import os
import shutil

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from hmip_desktop.cli import main
from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import schema, synthetic
from hmip_desktop.core.national.store import NationalStore


def _store(tmp, lead):
    path = tmp / "empty.sqlite"
    nat = NationalStore.init(path)
    nat.trust(public_line(lead.public, "Lead"), "Lead")
    secret = bytes.fromhex((tmp / "empty.sqlite.keys" / "pseudonym.key").read_text().strip())
    recipient = nat.recipient
    nat.close()
    return path, secret, recipient


def _copy(path, name):
    shutil.copy(path, path.with_name(name))
    shutil.copytree(f"{path}.keys", path.with_name(f"{name}.keys"))
    return path.with_name(name)


def _rows(path) -> dict[str, list]:
    store = NationalStore.open(path)
    try:
        with store.engine.connect() as conn:
            return {t.name: sorted(map(tuple, conn.execute(select(*[c for c in t.c if c.name != "id"])).all()),
                                   key=repr)
                    for t in (schema.cases, schema.judgements, schema.moderations, schema.inspections)}
    finally:
        store.close()


def test_format_2_and_3_give_the_same_tables(tmp_path, capsys):
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    empty, secret, recipient = _store(tmp_path, lead)
    old, new = _copy(empty, "old.sqlite"), _copy(empty, "new.sqlite")
    for i in range(4):
        v2 = synthetic.results(i, 30, 9, seed=5, standards=3)
        v3 = synthetic.results(i, 30, 9, seed=5, standards=3, pseudonym_key=secret)
        assert v2["format"] == 2 and v3["format"] == 3
        raw = json.dumps(v3)
        assert not any(c["case_id"] in raw for c in v2["cases"])
        assert not {c["reader"] for c in v2["cases"]} & {c["reader"] for c in v3["cases"]}
        (tmp_path / f"{i}.v2").write_bytes(synthetic.seal(v2, lead, recipient))
        (tmp_path / f"{i}.v3").write_bytes(synthetic.seal(v3, lead, recipient))
    assert main(["national", "import", str(old), *(str(tmp_path / f"{i}.v2") for i in range(4))]) == 0
    assert main(["national", "import", str(new), *(str(tmp_path / f"{i}.v3") for i in range(4))]) == 0
    assert capsys.readouterr().out.count(" imported: 30 case reads") == 8
    assert _rows(old) == _rows(new)
    outputs = []
    for path in (old, new):
        for command in (["tables", "--json"], ["subgroups", "--json"], ["consistency", "--json"]):
            assert main(["national", command[0], str(path), *command[1:]]) == 0
            outputs.append(capsys.readouterr().out)
    assert outputs[:3] == outputs[3:]


def test_bundle_pseudonymised_under_another_key_is_refused(tmp_path, capsys):
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    nat, secret, recipient = _store(tmp_path, lead)
    stray = tmp_path / "stray.results"
    stray.write_bytes(synthetic.seal(synthetic.results(0, 5, 3, seed=1, standards=1, pseudonym_key=os.urandom(32)),
                                     lead, recipient))
    capsys.readouterr()
    assert main(["national", "import", str(nat), str(stray)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "stray.results: not imported" in err[0] and "pseudonymised under key" in err[0]
    # a bundle naming this store's key but carrying a case reference instead of a pseudonym: invalid
    bad = synthetic.results(1, 5, 3, seed=1, standards=1, pseudonym_key=secret)
    bad["cases"][0]["pseudonym"] = "SY0001-00000"
    stray.write_bytes(synthetic.seal(bad, lead, recipient))
    assert main(["national", "import", str(nat), str(stray)]) == 1
    assert "the results are not valid (cases.0.pseudonym" in capsys.readouterr().err
    store = NationalStore.open(nat)
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.imports.c.id)).first() is None
    store.close()
