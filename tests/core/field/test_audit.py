"""The audit trail: append-only, hash-chained, and any edit, removal or reordering detected."""

import sqlite3

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core.field import audit
from hmip_desktop.core.field.db import open_db, write_transaction


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "f.sqlite"
    db = open_db(path)
    for i in range(6):
        with write_transaction(db):
            audit.append(db, actor="insp1", action="set", case_read_id=1, target=f"answer:q{i}", before=None, after="yes")
    db.close()
    return path


def tamper(path, *sql):
    """What someone with the file and an SQLite tool could do: drop the guards, edit."""
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("DROP TRIGGER audit_log_no_delete")
    for statement in sql:
        raw.execute(statement)
    raw.commit()
    raw.close()


def verify(path):
    db = open_db(path)
    try:
        return audit.verify(db)
    finally:
        db.close()


def test_intact_chain_verifies(store):
    report = verify(store)
    assert report.ok and report.events == 6 and report.head != audit.GENESIS


def test_update_and_delete_are_refused_by_triggers(store):
    raw = sqlite3.connect(store)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("UPDATE audit_log SET after = '\"no\"' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("DELETE FROM audit_log WHERE seq = 2")


def test_edited_event_is_detected(store):
    tamper(store, "UPDATE audit_log SET after = '\"no\"' WHERE seq = 3")
    report = verify(store)
    assert not report.ok and report.bad_seq == 3 and "altered" in report.reason


def test_edited_event_with_recomputed_hash_breaks_the_next_link(store):
    db = open_db(store)
    row = dict(zip([c[0] for c in db.execute("SELECT * FROM audit_log LIMIT 0").description],
                   db.execute("SELECT * FROM audit_log WHERE seq = 3").fetchone()))
    db.close()
    row["after"] = '"no"'
    new_hash = audit.event_hash(row)
    tamper(store, f"UPDATE audit_log SET after = '\"no\"', hash = '{new_hash}' WHERE seq = 3")
    report = verify(store)
    assert not report.ok and report.bad_seq == 4


def test_removed_event_is_detected(store):
    tamper(store, "DELETE FROM audit_log WHERE seq = 4")
    report = verify(store)
    assert not report.ok and report.bad_seq == 4 and "missing" in report.reason


def test_reordered_events_are_detected(store):
    tamper(
        store,
        "UPDATE audit_log SET seq = 100 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 100",
    )
    report = verify(store)
    assert not report.ok and report.bad_seq == 2


def test_cli_audit_verify(store, capsys):
    assert main(["audit", "verify", str(store)]) == 0
    assert "audit trail OK, 6 events" in capsys.readouterr().out
    tamper(store, "DELETE FROM audit_log WHERE seq = 2")
    assert main(["audit", "verify", str(store)]) == 1
    assert "BROKEN at event 2" in capsys.readouterr().out


def test_cli_audit_verify_missing_file(tmp_path, capsys):
    assert main(["audit", "verify", str(tmp_path / "none.sqlite")]) == 1
    assert "no such field store" in capsys.readouterr().err
