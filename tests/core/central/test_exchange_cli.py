"""The exchange commands end to end, through the real files: keys, export, verify,
import (twice), receipts, purge, inbox, revocation."""

import sqlite3
import subprocess
import sys

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.central.store import is_url


@pytest.fixture
def central(tmp_path, central_location):
    """The central store on each backend (``central_location``) as the command line takes
    it: (STORE, [--keys DIR]). ``hmip demo`` puts a PostgreSQL store's keys in
    k/central-store; a SQLite file's keys sit beside it (no --keys needed)."""
    if is_url(central_location):
        return central_location, ["--keys", str(tmp_path / "k" / "central-store")]
    return central_location, []


@pytest.fixture
def world(tmp_path, monkeypatch, central):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "correct horse")
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "f.sqlite", "--central", central[0], "--keys", "k"]) == 0
    return tmp_path


def test_round_trip_with_receipt_and_purge(world, central, capsys):
    c, keys = central
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"]) == 0
    assert main(["verify", "b1.bundle", "--store", c, *keys]) == 0
    assert main(["central", "import", c, "b1.bundle", *keys]) == 0
    assert "48 case reads now current" in capsys.readouterr().out  # the demo laptop is insp1's: every read is theirs
    assert main(["central", "import", c, "b1.bundle", *keys]) == 0
    assert "already imported: nothing changed" in capsys.readouterr().out
    # Purging before the receipt is recorded is refused, and nothing is removed.
    assert main(["purge", "f.sqlite", "--inspection", "demo"]) == 1
    assert "no receipt" in capsys.readouterr().err
    assert main(["receipt", "f.sqlite", "b1.bundle.receipt", "--key", "k"]) == 0
    assert "holds 48 case read(s)" in capsys.readouterr().out
    case_id = sqlite3.connect(world / "f.sqlite").execute("SELECT case_id FROM cases LIMIT 1").fetchone()[0]
    assert main(["purge", "f.sqlite", "--inspection", "demo"]) == 0
    assert main(["audit", "verify", "f.sqlite"]) == 0
    raw = (world / "f.sqlite").read_bytes()
    assert case_id.encode() not in raw, "secure delete and vacuum leave no case reference in the file"
    assert b"Northmoor" not in raw


def test_changes_after_the_receipt_block_the_purge(world, central, capsys):
    c, keys = central
    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"])
    main(["central", "import", c, "b1.bundle", *keys])
    main(["receipt", "f.sqlite", "b1.bundle.receipt", "--key", "k"])
    from hmip_desktop.core.field.store import FieldStore

    store = FieldStore.open(world / "f.sqlite")
    row = next(r for r in store.case_reads("demo") if r["status"] == "in_progress" and r["reader_id"] == "insp1")
    store.set_note(row["id"], next(iter(store.framework("demo").key_questions())).id, "a late change")
    store.close()
    capsys.readouterr()
    assert main(["purge", "f.sqlite", "--inspection", "demo"]) == 1
    assert row["case_id"] in capsys.readouterr().err
    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b2.bundle"])
    main(["central", "import", c, "b2.bundle", *keys])
    assert "1 case read now current, 47 case reads already held" in capsys.readouterr().out
    main(["receipt", "f.sqlite", "b2.bundle.receipt", "--key", "k"])
    assert main(["purge", "f.sqlite", "--inspection", "demo"]) == 0


def test_revoked_key_is_refused_and_store_unchanged(world, central, capsys):
    c, keys = central
    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"])
    key_id = (world / "k" / "public.key").read_text()
    from hmip_desktop.core.exchange.keys import fingerprint, read_public

    fp = fingerprint(read_public(world / "k")[0])
    assert main(["central", "revoke", c, fp[:12], *keys]) == 0
    assert main(["central", "import", c, "b1.bundle", *keys]) == 1
    assert "revoked" in capsys.readouterr().err
    assert main(["verify", "b1.bundle", "--store", c, *keys]) == 1
    assert key_id


def test_unknown_key_and_wrong_passphrase(world, central, capsys, monkeypatch):
    c, keys = central
    assert main(["keys", "new", "--name", "Stranger", "--out", "k2"]) == 0
    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k2", "--out", "b.bundle"])
    assert main(["verify", "b.bundle", "--store", c, *keys]) == 1
    assert "unknown key" in capsys.readouterr().out
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "wrong")
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "c.bundle"]) == 1
    assert "wrong passphrase" in capsys.readouterr().err
    assert not (world / "c.bundle").exists()


def test_receipt_for_another_inspector_is_refused(world, central, capsys):
    c, keys = central
    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"])
    main(["central", "import", c, "b1.bundle", *keys])
    main(["keys", "new", "--name", "Other", "--out", "k2"])
    capsys.readouterr()
    assert main(["receipt", "f.sqlite", "b1.bundle.receipt", "--key", "k2"]) == 1
    assert "another inspector" in capsys.readouterr().err


def test_inbox_files_bundles_and_rejects(world, central, capsys):
    c, keys = central
    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"])
    inbox = world / "inbox"
    inbox.mkdir()
    (inbox / "b1.bundle").write_bytes((world / "b1.bundle").read_bytes())
    (inbox / "junk.bundle").write_bytes(b"not a bundle at all")
    (inbox / ".copying.bundle").write_bytes(b"partial")
    assert main(["central", "watch", c, "inbox", "--once", *keys]) == 0
    assert (inbox / "processed" / "b1.bundle").exists()
    assert (inbox / "processed" / "b1.bundle.receipt").exists()
    reason = (inbox / "rejected" / "junk.bundle.reason.txt").read_text()
    assert "bad magic number" in reason
    assert (inbox / ".copying.bundle").exists(), "partial copies are left alone"


def test_keys_new_prints_the_fingerprint(tmp_path, monkeypatch):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    out = subprocess.run([sys.executable, "-m", "hmip_desktop.cli", "keys", "new", "--name", "A", "--out",
                          str(tmp_path / "k")], capture_output=True, text=True)
    assert out.returncode == 0
    from hmip_desktop.core.exchange.keys import fingerprint, read_public

    assert out.stdout.strip() == fingerprint(read_public(tmp_path / "k")[0])
    again = subprocess.run([sys.executable, "-m", "hmip_desktop.cli", "keys", "new", "--name", "A", "--out",
                            str(tmp_path / "k")], capture_output=True, text=True)
    assert again.returncode == 1 and "already holds a key" in again.stderr


def test_no_keyring_and_no_passphrase_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("HMIP_KEY_PASSPHRASE", raising=False)
    import hmip_desktop.core.exchange.keys as keys

    monkeypatch.setattr(keys, "_keyring", lambda: None)
    with pytest.raises(keys.KeyError_, match="HMIP_KEY_PASSPHRASE"):
        keys.new_key(tmp_path / "k", "A")
    assert not (tmp_path / "k" / "private.pem").exists()


def test_a_new_revision_after_moderation_is_flagged_for_re_review(world, central, capsys):
    c, keys = central
    from sqlalchemy import select, update

    from hmip_desktop.core.central import schema
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.field.store import FieldStore

    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"])
    main(["central", "import", c, "b1.bundle", *keys])
    store = FieldStore.open(world / "f.sqlite")
    row = next(r for r in store.case_reads("demo") if r["status"] == "in_progress" and r["reader_id"] == "insp1")
    central_store = CentralStore.open(c, keys_dir=world / "k" / "central-store" if keys else None)
    cr = schema.case_reads
    with central_store.engine.begin() as conn:
        head = conn.execute(select(cr.c.head_revision_id).where(cr.c.case_id == row["case_id"])).scalar()
        conn.execute(update(cr).where(cr.c.case_id == row["case_id"]).values(moderated_revision_id=head))
    store.set_note(row["id"], next(iter(store.framework("demo").key_questions())).id, "changed after QA")
    store.close()
    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b2.bundle"])
    main(["central", "import", c, "b2.bundle", *keys])
    with central_store.engine.connect() as conn:
        flagged = {r.case_id for r in conn.execute(select(cr.c.case_id).where(cr.c.needs_rereview.is_(True)))}
    central_store.engine.dispose()
    assert flagged == {row["case_id"]}


def _first_judgement(world):
    from hmip_desktop.core.field.store import FieldStore

    store = FieldStore.open(world / "f.sqlite")
    try:
        qids = [q.id for q in store.framework("demo").key_questions()]
        for row in store.case_reads("demo"):
            read = store.read(row["id"])
            for qid in qids:
                if read.answers.get(qid) in ("yes", "no"):
                    return row["case_id"], qid, read.answers[qid]
    finally:
        store.close()
    raise AssertionError("no judgement in the demo")


def test_qa_actions_must_name_a_lead_of_the_team_and_consistency_needs_enough_judgements(world, central, capsys):
    """Issue 15: ``--by nobody`` is refused in one line (the core checks, so the window gets
    it too); one moderated judgement gives "too few judgements", not a kappa of 0.00."""
    c, keys = central
    main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"])
    main(["central", "import", c, "b1.bundle", *keys])
    case, qid, value = _first_judgement(world)
    capsys.readouterr()
    for command in (["moderate", "--case", case, "--question", qid, "--value", value],
                    ["outcome", "--case", case, "--outcome", "agreed"],
                    ["override", "--standard", "assessment", "--band", "good", "--reason", "r"]):
        assert main(["central", command[0], c, "--inspection", "demo", *command[1:], "--by", "nobody", *keys]) == 1
        err = capsys.readouterr().err.strip()
        assert err == "hmip: error: 'nobody' is not a lead inspector on the team of inspection 'demo' (its leads: lead1)"
    assert main(["central", "moderate", c, "--inspection", "demo", "--case", case, "--question", qid,
                 "--value", value, "--by", "lead1", *keys]) == 0
    capsys.readouterr()
    assert main(["central", "consistency", c, "--inspection", "demo", *keys]) == 0
    out = capsys.readouterr().out
    assert "too few judgements (1; at least 10 needed)" in out and "MORE QA" not in out and "kappa" not in out
