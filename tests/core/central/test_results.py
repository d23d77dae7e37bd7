"""The signed results bundle for the national store: only after sign-off, signed by a
lead, readable only by the national store's key, carrying the signed ratings, and each
case read under its pseudonym (the national store's key, lent to the central store),
never its reference."""

import hashlib
import hmac

import pyrage
import pytest
from sqlalchemy import select

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation
from hmip_desktop.core.central.answers import rate_inspection
from hmip_desktop.core.central import schema
from hmip_desktop.core.central.results import MAX_RESULTS, MEMBER, open_results
from hmip_desktop.core.central.store import CentralStore, is_url
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.exchange import archive, envelope
from hmip_desktop.core.exchange.keys import load_key, new_key
from hmip_desktop.core.national.store import NationalStore


def _member(data: bytes, public, identity) -> bytes:
    """The bundle's results.json as bytes, opened here independently of open_results."""
    env = envelope.open_envelope(data, lambda header: public, max_payload=MAX_RESULTS, expect_kind="results")
    return archive.read(pyrage.decrypt(env.payload, [identity]), {MEMBER}, {MEMBER})[MEMBER]


def test_results_round_trip(tmp_path, monkeypatch, capsys, central_location):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    monkeypatch.chdir(tmp_path)
    c = central_location
    # hmip demo puts a PostgreSQL store's keys in k/central-store; a SQLite file's sit beside it.
    central_keys = tmp_path / "k" / "central-store" if is_url(c) else None
    keys = ["--keys", str(central_keys)] if central_keys else []
    assert main(["demo", "f.sqlite", "--central", c, "--keys", "k"]) == 0
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b.bundle"]) == 0
    assert main(["central", "import", c, "b.bundle", *keys]) == 0
    lead = new_key(tmp_path / "lead", "Lead")
    store = CentralStore.open(c, keys_dir=central_keys)
    store.enrol("Lead", "lead", (tmp_path / "lead" / "public.key").read_text())
    nat = NationalStore.init(tmp_path / "n.sqlite")
    national, to = nat.identity(), nat.recipient
    secret = bytes.fromhex((tmp_path / "n.sqlite.keys" / "pseudonym.key").read_text().strip())
    nat.close()
    capsys.readouterr()
    assert main(["central", "results", c, "--inspection", "demo", "--key", "lead", "--to", to,
                 "--out", "r.results", *keys]) == 1
    assert "not signed off" in capsys.readouterr().err
    ratings = rate_inspection(store, "demo").as_json()
    moderation.sign_off(store, "demo", load_key(tmp_path / "lead"), ratings)
    # without the national store's pseudonymisation key installed: refused, one line
    assert main(["central", "results", c, "--inspection", "demo", "--key", "lead", "--to", to,
                 "--out", "r.results", *keys]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no national pseudonymisation key is installed" in err[0]
    assert not (tmp_path / "r.results").exists()
    # the owner lends it to this central store only (a file encrypted to its recipient)
    assert main(["national", "issue-key", str(tmp_path / "n.sqlite"), "--to", "age1nope", "--name", "c",
                 "--out", "k.age"]) == 1
    assert "is not an age public key" in capsys.readouterr().err
    assert main(["national", "issue-key", str(tmp_path / "n.sqlite"), "--to", store.meta("recipient"),
                 "--name", "central", "--out", "k.age"]) == 0
    assert secret.hex() not in (tmp_path / "k.age").read_bytes().decode("latin-1")
    assert main(["central", "national-key", c, "k.age", *keys]) == 0
    assert "installed" in capsys.readouterr().out
    assert main(["central", "national-key", c, "k.age", *keys]) == 0
    assert "already installed" in capsys.readouterr().out
    other = NationalStore.init(tmp_path / "other.sqlite")
    (tmp_path / "other.age").write_bytes(other.issue_key(store.meta("recipient"), "central"))
    other.close()
    assert main(["central", "national-key", c, "other.age", *keys]) == 1
    assert "another national key" in capsys.readouterr().err
    elsewhere = pyrage.x25519.Identity.generate().to_public()
    (tmp_path / "stray.age").write_bytes(NationalStore.open(tmp_path / "n.sqlite").issue_key(str(elsewhere), "x"))
    assert main(["central", "national-key", c, "stray.age", *keys]) == 1
    assert "not encrypted to this central store" in capsys.readouterr().err
    assert main(["central", "results", c, "--inspection", "demo", "--key", "k", "--to", to,
                 "--out", "r.results", *keys]) == 1, "an inspector's key cannot sign results"
    assert main(["central", "results", c, "--inspection", "demo", "--key", "lead", "--to", to,
                 "--out", "r.results", *keys]) == 0
    data = (tmp_path / "r.results").read_bytes()
    results = open_results(data, lead.key_id[:16], national)
    assert results["ratings"] == ratings
    assert len(results["answers"]) > 100 and results["signoffs"][0]["action"] == "sign_off"
    assert results["events_head"]["seq"] >= 1
    # no case reference anywhere in the decrypted results: every one of the inspection's
    with store.engine.connect() as conn:
        refs = set(conn.execute(select(schema.case_reads.c.case_id).where(schema.case_reads.c.inspection_id == "demo"))
                   .scalars()) | set(conn.execute(select(schema.setup_cases.c.case_id).where(
                       schema.setup_cases.c.inspection_id == "demo")).scalars())
        # the readers' keys (a lead's key id stays on its sign-off: the signer is named anyway)
        readers = set(conn.execute(select(schema.keys.c.key_id).where(schema.keys.c.role != "lead")).scalars())
    raw = _member(data, lead.public, national)
    assert len(refs) >= 10 and readers and results["format"] == 3
    assert [r for r in refs if r.encode() in raw] == []
    assert [k for k in readers if k.encode() in raw] == [], "readers travel under pseudonyms too"
    # each pseudonym is HMAC-SHA256 under the national store's key, computed here
    def mac(text):
        return hmac.new(secret, text.encode(), hashlib.sha256).hexdigest()
    with store.engine.connect() as conn:
        read = set(conn.execute(select(schema.case_reads.c.case_id).where(
            schema.case_reads.c.inspection_id == "demo")).scalars())
    assert {c["pseudonym"] for c in results["cases"]} == {mac("case:" + r) for r in read}
    assert {c["reader"] for c in results["cases"]} <= {mac("reader:" + k) for k in readers}
    assert {a["pseudonym"] for a in results["answers"]} <= {mac("case:" + r) for r in read}
    assert results["pseudonym_key"]["id"] == NationalStore.open(tmp_path / "n.sqlite").pseudonym_key_id()
    with pytest.raises(Rejected, match="not by the trusted key"):
        open_results(data, "0" * 16, national)
    with pytest.raises(Rejected, match="not encrypted to this key"):
        open_results(data, lead.key_id[:16], pyrage.x25519.Identity.generate())
    tampered = bytearray(data)
    tampered[-10] ^= 1
    with pytest.raises(Rejected):
        open_results(bytes(tampered), lead.key_id[:16], national)
    store.engine.dispose()
