"""Judgements on evidence in the laptop's field store (issue 14): the framework's rule
(the same as the central store's), who may record what (any team member a key
question's judgement, a lead the band), append-only rows, one audit event each, and
refusals in one line with Welsh."""

from __future__ import annotations

import sqlite3

import pytest

from hmip_desktop.cli import main
from hmip_desktop.core import demo
from hmip_desktop.core.field import audit, evidence
from hmip_desktop.core.field.db import open_db, write_transaction
from hmip_desktop.core.field.export import set_user
from hmip_desktop.core.frameworks import load_text


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("ev") / "f.sqlite"
    demo.create_demo(path)
    return path


@pytest.fixture
def db(template, tmp_path):
    path = tmp_path / "f.sqlite"
    path.write_bytes(template.read_bytes())
    d = open_db(path)
    set_user(d, "insp1")
    yield d
    d.close()


def fw(db):
    return load_text(db.execute("SELECT framework_yaml FROM inspections WHERE id = 'demo'").fetchone()[0])


def test_a_judgement_and_a_band_are_recorded_audited_and_append_only(db):
    seq, _ = audit.head(db)
    j = evidence.record(db, fw(db), "demo", "staff", "staff_skills", "requires_improvement", "Training records")
    band = evidence.record(db, fw(db), "demo", "staff", None, "not_rated", "No staff survey returned", by="lead1")
    assert len(j.id) == 32 and int(j.id, 16) >= 0 and j.origin == db.execute(
        "SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    assert [x.id for x in evidence.judgements(db, "demo", "staff")] == [j.id, band.id]
    assert evidence.latest(db, "demo")["staff"][""].value == "not_rated"
    events = list(db.query("SELECT actor, action, target FROM audit_log WHERE seq > ? ORDER BY seq", [seq]))
    assert events == [{"actor": "insp1", "action": "evidence:judgement", "target": "staff:staff_skills"},
                      {"actor": "lead1", "action": "evidence:band", "target": "staff"}]
    assert audit.verify(db).ok
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with write_transaction(db):
            db.execute("UPDATE evidence_judgements SET value = 'good' WHERE id = ?", [j.id])
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with write_transaction(db):
            db.execute("DELETE FROM evidence_judgements WHERE id = ?", [j.id])
    # only the bookkeeping moves
    with write_transaction(db):
        evidence.mark_exported(db, [j.id], "b1")
    assert evidence.unsent(db, "demo") == [
        {k: getattr(j, k) for k in evidence.FIELDS}]  # the band is lead1's, not this laptop user's


@pytest.mark.parametrize("args,english,welsh", [
    (("leadership", "leadership_vision", "splendid", "x", None), "leadership_vision: 'splendid' is not one of",
     "nid yw 'splendid' yn un o"),
    (("assessment", "assess_engage", "yes", "x", None), "standard 'assessment' is case-based", "seiliedig ar achosion"),
    (("leadership", None, "good", "", "lead1"), "the lead's band needs a recorded rationale", "rhesymeg"),
    (("leadership", "leadership_vision", "good", "x" * 20_001, None), "longer than 20000 characters", "20000 nod"),
    (("leadership", None, "good", "why", None), "only a lead inspector decides the band, and insp1 is on the team "
     "as inspector", "arolygydd arweiniol"),
    (("leadership", "leadership_vision", "good", "x", "nobody"), "nobody is not on the team of inspection 'demo'",
     "nid yw nobody ar dîm"),
])
def test_refusals_are_one_line_in_english_and_welsh_and_write_nothing(db, args, english, welsh):
    standard, question, value, text, by = args
    seq = audit.head(db)
    with pytest.raises(evidence.EvidenceRefused) as caught:
        evidence.record(db, fw(db), "demo", standard, question, value, text, by=by)
    assert english in str(caught.value) and "\n" not in str(caught.value)
    assert welsh in caught.value.text("cy")
    assert evidence.judgements(db, "demo") == [] and audit.head(db) == seq


def test_the_command_records_lists_and_refuses_in_one_line(db, capsys):
    path = db.execute("PRAGMA database_list").fetchone()[2]
    db.close()
    assert main(["evidence", path, "--inspection", "demo", "--standard", "leadership", "--question",
                 "leadership_vision", "--value", "good", "--text", "Board minutes"]) == 0
    assert "Recorded key question leadership_vision: good for standard leadership by insp1" in capsys.readouterr().out
    assert main(["evidence", path, "--inspection", "demo", "--standard", "leadership", "--value", "good",
                 "--text", "why"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "only a lead inspector decides the band" in err
    assert main(["evidence", path, "--inspection", "demo", "--standard", "leadership", "--value", "good"]) == 1
    assert "give --value and --text" in capsys.readouterr().err
    assert main(["evidence", path, "--inspection", "demo", "--question", "leadership_vision", "--value", "good",
                 "--text", "x"]) == 1
    assert "say which standard (--standard S)" in capsys.readouterr().err
    assert main(["evidence", path, "--inspection", "nope"]) == 1
    assert "no inspection 'nope' in this field store" in capsys.readouterr().err
    assert main(["evidence", path, "--inspection", "demo"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and "leadership_vision = good  by insp1  (not yet confirmed" in out[0]
