"""The signed results bundle for the national store: only after sign-off, signed by a
lead, readable only by the national store's key, and carrying the signed ratings."""

import pyrage
import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.central import moderation
from hmip_desktop.core.central.answers import rate_inspection
from hmip_desktop.core.central.results import open_results
from hmip_desktop.core.central.store import CentralStore, is_url
from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.core.exchange.keys import load_key, new_key


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
    national = pyrage.x25519.Identity.generate()
    to = str(national.to_public())
    capsys.readouterr()
    assert main(["central", "results", c, "--inspection", "demo", "--key", "lead", "--to", to,
                 "--out", "r.results", *keys]) == 1
    assert "not signed off" in capsys.readouterr().err
    ratings = rate_inspection(store, "demo").as_json()
    moderation.sign_off(store, "demo", load_key(tmp_path / "lead"), ratings)
    assert main(["central", "results", c, "--inspection", "demo", "--key", "k", "--to", to,
                 "--out", "r.results", *keys]) == 1, "an inspector's key cannot sign results"
    assert main(["central", "results", c, "--inspection", "demo", "--key", "lead", "--to", to,
                 "--out", "r.results", *keys]) == 0
    data = (tmp_path / "r.results").read_bytes()
    results = open_results(data, lead.key_id[:16], national)
    assert results["ratings"] == ratings
    assert len(results["answers"]) > 100 and results["signoffs"][0]["action"] == "sign_off"
    assert results["events_head"]["seq"] >= 1
    with pytest.raises(Rejected, match="not by the trusted key"):
        open_results(data, "0" * 16, national)
    with pytest.raises(Rejected, match="not encrypted to this key"):
        open_results(data, lead.key_id[:16], pyrage.x25519.Identity.generate())
    tampered = bytearray(data)
    tampered[-10] ^= 1
    with pytest.raises(Rejected):
        open_results(bytes(tampered), lead.key_id[:16], national)
    store.engine.dispose()
