"""The central store's faults, told apart from bad bundles, on SQLite and PostgreSQL:

- read-only commands (ratings, answers, report, export-data, consistency) need only STORE;
- a missing or foreign keys folder is named in one line, and never makes a valid bundle
  "not encrypted to this central store"; the inbox watcher leaves bundles in place then;
- a damaged store, an unreachable server, and a bug: one line each, never a traceback;
- two imports of one new bundle at once: the second says "already imported".
"""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.central import importer, inbox
from hmip_desktop.core.central.store import CentralError, CentralStore, is_url
from tests.core.central.test_exchange_cli import central, world  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "correct horse")


def keys_folder(world, c, keys) -> str:
    """Where ``hmip demo --central`` put the central store's keys (see test_exchange_cli)."""
    return keys[1] if keys else f"{c}.keys"


@pytest.fixture
def imported(world, central, capsys):
    """The demo exported and imported once, through the command line."""
    c, keys = central
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"]) == 0
    assert main(["central", "import", c, "b1.bundle", *keys]) == 0
    capsys.readouterr()
    return world


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("hmip: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


# -- read-only commands need only STORE --------------------------------------------------


def test_read_only_commands_need_no_keys_folder(imported, central, capsys):
    c, keys = central
    # Without the keys folder at all (moved away): reading needs none of it.
    shutil.move(keys_folder(imported, c, keys), imported / "elsewhere")
    assert main(["central", "ratings", c, "--inspection", "demo", "--json"]) == 0
    assert '"inspection": "demo"' in capsys.readouterr().out
    assert main(["central", "answers", c, "--inspection", "demo", "--csv"]) == 0
    assert capsys.readouterr().out.startswith("case_id,question_id,value,inspector,moderated")
    assert main(["central", "consistency", c, "--inspection", "demo", "--json"]) == 0
    assert main(["report", c, "--inspection", "demo", "--out", "r.html"]) == 0
    assert (imported / "r.html").stat().st_size > 1000
    assert main(["central", "export-data", c, "--inspection", "demo", "--out", "data"]) == 0
    assert (imported / "data").is_dir()


def test_a_command_that_needs_the_keys_says_so(imported, central, capsys):
    c, keys = central
    folder = keys_folder(imported, c, keys)
    shutil.move(folder, imported / "elsewhere")
    assert main(["central", "import", c, "b1.bundle", *keys]) == 1
    err = one_line_error(capsys)
    assert folder in err and "keys folder is missing" in err and "--keys" in err
    if is_url(c):  # no --keys at all for a PostgreSQL store: told to pass it
        assert main(["central", "import", c, "b1.bundle"]) == 1
        assert "pass --keys DIR" in one_line_error(capsys)


# -- the keys folder missing or foreign ------------------------------------------------------


def test_a_missing_keys_folder_is_named_not_blamed_on_the_bundle(world, central, capsys):
    c, keys = central
    folder = keys_folder(world, c, keys)
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"]) == 0
    shutil.move(folder, world / "elsewhere")
    assert main(["central", "import", c, "b1.bundle", *keys]) == 1
    err = one_line_error(capsys)
    assert f"{folder}: the central store's keys folder is missing" in err
    assert "not encrypted" not in err
    assert main(["verify", "b1.bundle", "--store", c, *keys]) == 1
    assert "keys folder is missing" in one_line_error(capsys)
    # Restored, the same bundle imports.
    shutil.move(world / "elsewhere", folder)
    assert main(["central", "import", c, "b1.bundle", *keys]) == 0


def test_another_stores_keys_are_named(world, central, tmp_path, capsys):
    c, keys = central
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"]) == 0
    other = CentralStore.init(str(tmp_path / "other.sqlite"))
    other.engine.dispose()
    assert main(["central", "import", c, "b1.bundle", "--keys", str(other.keys_dir)]) == 1
    err = one_line_error(capsys)
    assert "holds the keys of another central store" in err and str(other.keys_dir) in err


def test_the_watcher_leaves_bundles_in_the_inbox_when_the_keys_are_missing(world, central, capsys):
    c, keys = central
    folder = keys_folder(world, c, keys)
    box = world / "inbox"
    box.mkdir()
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", str(box / "b1.bundle")]) == 0
    (box / "junk.bundle").write_bytes(b"not a bundle")
    shutil.move(folder, world / "elsewhere")
    # --once stops at the local fault with one line; the valid bundle stays where it was.
    assert main(["central", "watch", c, str(box), "--once", *keys]) == 1
    assert "keys folder is missing" in one_line_error(capsys)
    assert (box / "b1.bundle").exists()
    assert not (box / "rejected" / "b1.bundle").exists()
    # A watcher that keeps running says so and carries on; a bad bundle is still rejected.
    store = CentralStore.open(c, keys[1] if keys else None)
    lines = inbox.watch(store, box, interval=0.01)
    seen = [next(lines), next(lines)]
    lines.close()
    store.engine.dispose()
    assert any(line.startswith("b1.bundle: left in the inbox, not imported:") and "keys folder is missing" in line
               for line in seen), seen
    assert any(line.startswith("junk.bundle: rejected:") for line in seen), seen
    assert (box / "b1.bundle").exists() and (box / "rejected" / "junk.bundle").exists()
    # Keys restored: the bundle is imported and filed away.
    shutil.move(world / "elsewhere", folder)
    assert main(["central", "watch", c, str(box), "--once", *keys]) == 0
    assert "imported into inspection demo" in capsys.readouterr().out
    assert (box / "processed" / "b1.bundle").exists()


# -- a damaged store, an unreachable server, a bug ---------------------------------------------


def test_a_damaged_sqlite_store_is_one_line(tmp_path, capsys):
    bad = tmp_path / "c.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    for argv in (["central", "ratings", str(bad), "--inspection", "demo", "--json"],
                 ["central", "import", str(bad), str(bad)],
                 ["report", str(bad), "--inspection", "demo", "--out", str(tmp_path / "r.pdf")]):
        assert main(argv) == 1
        err = one_line_error(capsys)
        assert f"{bad}: cannot read the central store" in err and "restore" in err


def test_an_unreachable_server_is_one_line(capsys):
    url = "postgresql://postgres:secret@127.0.0.1:1/nowhere"
    for argv in (["central", "ratings", url, "--inspection", "demo", "--json"],
                 ["central", "answers", url, "--inspection", "demo", "--csv"],
                 ["central", "import", url, "x.bundle", "--keys", "k"]):
        assert main(argv) == 1
        err = one_line_error(capsys)
        assert "cannot reach the central store" in err and "secret" not in err, "password never printed"


def test_a_bug_is_one_line_naming_the_log_with_the_traceback_in_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HMIP_DATA_DIR", str(tmp_path / "data"))
    from hmip_desktop.core.central import answers

    def broken(*_args, **_kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(answers, "rate_inspection", broken)
    CentralStore.init(str(tmp_path / "c.sqlite")).engine.dispose()
    assert main(["central", "ratings", str(tmp_path / "c.sqlite"), "--inspection", "demo"]) == 1
    err = one_line_error(capsys)
    log = tmp_path / "data" / "logs" / "hmip.log"
    assert f"internal error (KeyError); see the log {log}" in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "a bug" in text and "central ratings" in text


def test_plain_value_errors_are_no_longer_passed_off_as_user_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HMIP_DATA_DIR", str(tmp_path / "data"))
    from hmip_desktop.core.central import answers

    def broken(*_args, **_kwargs):
        int("x")

    monkeypatch.setattr(answers, "effective_rows", broken)
    CentralStore.init(str(tmp_path / "c.sqlite")).engine.dispose()
    assert main(["central", "answers", str(tmp_path / "c.sqlite"), "--inspection", "demo", "--csv"]) == 1
    assert "internal error (ValueError)" in one_line_error(capsys)


# -- two imports of one bundle at once (PostgreSQL) ---------------------------------------------


def test_two_concurrent_imports_of_one_bundle_the_second_is_already_imported(pg_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    keys = tmp_path / "k" / "central-store"
    assert main(["demo", "f.sqlite", "--central", pg_url, "--keys", "k"]) == 0
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b1.bundle"]) == 0
    data = (tmp_path / "b1.bundle").read_bytes()
    # The first to reach the case reads waits there, so that the other has checked the
    # bundle id (not yet imported) before either commits: the race, every time.
    apply, arrived = importer._apply, threading.Barrier(2, timeout=30)
    first = threading.Lock()

    def slow_apply(conn, opened, now):
        if first.acquire(blocking=False):
            time.sleep(1.0)
        return apply(conn, opened, now)

    monkeypatch.setattr(importer, "_apply", slow_apply)
    out: list = [None, None]

    def job(i):
        store = CentralStore.open(pg_url, keys)
        try:
            arrived.wait()
            out[i] = importer.import_bundle(store, data)
        except BaseException as exc:  # noqa: BLE001 - reported below
            out[i] = exc
        finally:
            store.engine.dispose()

    threads = [threading.Thread(target=job, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(isinstance(r, BaseException) for r in out), out
    assert sorted(r.newly_imported for r in out) == [False, True]
    again = next(r for r in out if not r.newly_imported)
    assert again.describe().endswith("was already imported: nothing changed") and again.receipt
