"""The lead inspector's set-up wizard, driven page by page over a real central store."""

import csv
import random

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox

from hmip_desktop.core.exchange.keys import fingerprint, new_key, read_public
from hmip_desktop.ui.views.setup.wizard import SetupWizard


@pytest.fixture
def keys(tmp_path, monkeypatch):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    ids = {}
    for name in ("lead", "insp", "la"):
        new_key(tmp_path / name, name)
        ids[name] = fingerprint(read_public(tmp_path / name)[0])
    return ids


def _files(tmp_path, ids):
    with open(tmp_path / "team.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "role", "key_id"])
        w.writerows([["lead1", "Lead", "lead", ids["lead"]], ["insp1", "Inspector", "inspector", ids["insp"]],
                     ["la1", "Assessor", "local_assessor", ids["la"]]])
    rng = random.Random(1)
    with open(tmp_path / "caseload.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["case_id", "gender", "disposal_type", "risk_level"])
        for i in range(200):
            w.writerow([f"CL-{i:04d}", rng.choice(["male", "female"]), rng.choice(["community_order", "licence"]),
                        rng.choice(["low", "medium", "high"])])


def _past_first_page(qtbot, tmp_path) -> SetupWizard:
    """A wizard with a new SQLite central store and inspection, on the team page."""
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    first = wizard.currentPage()
    first.store_path.setText(str(tmp_path / "c.sqlite"))
    for key, value in (("id", "x"), ("provider", "P"), ("title", "T")):
        first.fields[key].setText(value)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=10000)
    return wizard


def test_wizard_sets_up_an_inspection_and_writes_a_pack(qtbot, qapp, tmp_path, keys):
    from hmip_desktop.core.central.store import CentralStore

    _files(tmp_path, keys)
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    first = wizard.currentPage()
    first.store_path.setText(str(tmp_path / "c.sqlite"))
    first.fields["id"].setText("cl-2026")
    first.fields["provider"].setText("Clearwater PDU")
    first.fields["title"].setText("Clearwater")
    assert first.isComplete()
    # The store is new: the wizard creates it, then the inspection. Enrol the team's keys
    # the way an administrator would, before the team page checks them.
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=10000)
    for name, role in (("lead", "lead"), ("insp", "inspector"), ("la", "local_assessor")):
        wizard.store.enrol(name, role, (tmp_path / name / "public.key").read_text())
    team = wizard.currentPage()
    assert not team.isComplete()
    team.load(tmp_path / "team.csv")
    assert team.table.rowCount() == 3
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 2, timeout=10000)
    sample = wizard.currentPage()
    sample.caseload.setText(str(tmp_path / "caseload.csv"))
    sample.seed.setValue(11)
    sample.draw()
    qtbot.waitUntil(sample.isComplete, timeout=20000)
    assert "Sample of" in sample.report.toPlainText()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 3, timeout=10000)
    alloc = wizard.currentPage()
    assert alloc.table.rowCount() > 40
    first_case = alloc.table.item(0, 0).text()
    new = alloc.replace_case(first_case, "in custody elsewhere")
    assert new and new != first_case
    assert first_case not in [alloc.table.item(i, 0).text() for i in range(alloc.table.rowCount())]
    # Moving a case to an inspector is allowed; the wizard writes it through.
    combo: QComboBox = alloc.table.cellWidget(1, 2)
    target = "insp1" if combo.currentText() != "insp1" else "la1"
    combo.setCurrentText(target)
    qtbot.waitUntil(lambda: wizard.ops.pending == 0, timeout=5000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 4, timeout=10000)
    # Who records each standard judged on evidence: the lead or an inspector, never a local assessor.
    assign = wizard.currentPage()
    assert assign.table.rowCount() == 4 and assign.table.item(0, 0).text() == "1.1 Leadership"
    leadership: QComboBox = assign.combo("leadership")
    offered = [leadership.itemData(i) for i in range(leadership.count())]
    assert offered == [None, "lead1", "insp1"] and leadership.itemText(0) == "Any team member"
    leadership.setCurrentIndex(1)
    assign.combo("staff").setCurrentIndex(2)
    assert not assign.assign("services", "la1")  # refused by the core (shown), nothing written
    qtbot.waitUntil(lambda: wizard.findChild(QMessageBox, "setup_error") is not None, timeout=10000)
    assert "la1 is a local assessor" in wizard.findChild(QMessageBox, "setup_error").text()
    wizard.findChild(QMessageBox, "setup_error").close()
    wizard.set_language("cy")
    assert assign.combo("leadership").itemText(0) != "Any team member"
    wizard.set_language("en")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 5, timeout=10000)
    pack = wizard.currentPage()
    pack.key.setText(str(tmp_path / "lead"))
    pack.out.setText(str(tmp_path / "cl.pack"))
    pack.create()
    qtbot.waitUntil(pack.isComplete, timeout=20000)
    assert keys["lead"][:16] in pack.result.text()
    assert (tmp_path / "cl.pack").stat().st_size > 1000
    store = CentralStore.open(tmp_path / "c.sqlite")
    with store.engine.connect() as conn:
        from sqlalchemy import text

        reason = conn.execute(text("SELECT replacement_reason FROM setup_cases WHERE case_id = :c"), {"c": first_case}).scalar()
    assert reason == "in custody elsewhere"
    from hmip_desktop.core.central import assignments

    assert assignments.assigned(store, "cl-2026") == {"leadership": "lead1", "staff": "insp1"}


def test_a_bad_caseload_is_shown_and_nothing_drawn(qtbot, qapp, tmp_path, keys):
    _files(tmp_path, keys)
    (tmp_path / "caseload.csv").write_text("case_id,gender,disposal_type,risk_level\nA1,male,community_order,purple\n")
    wizard = _past_first_page(qtbot, tmp_path)
    for name, role in (("lead", "lead"), ("insp", "inspector"), ("la", "local_assessor")):
        wizard.store.enrol(name, role, (tmp_path / name / "public.key").read_text())
    wizard.currentPage().load(tmp_path / "team.csv")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 2, timeout=10000)
    sample = wizard.currentPage()
    sample.caseload.setText(str(tmp_path / "caseload.csv"))
    sample.draw()
    qtbot.waitUntil(lambda: wizard.findChild(QMessageBox, "setup_error") is not None, timeout=10000)
    assert "caseload.csv:2:" in wizard.findChild(QMessageBox, "setup_error").text()
    assert not sample.isComplete()


def test_a_team_with_unenrolled_keys_is_refused(qtbot, qapp, tmp_path, keys):
    _files(tmp_path, keys)
    wizard = _past_first_page(qtbot, tmp_path)
    wizard.currentPage().load(tmp_path / "team.csv")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.findChild(QMessageBox, "setup_error") is not None, timeout=10000)
    assert "is not enrolled" in wizard.findChild(QMessageBox, "setup_error").text()
    assert wizard.currentId() == 1, "the wizard stays on the team page"


def test_wizard_on_a_postgresql_store_needs_a_keys_folder(qtbot, qapp, tmp_path, keys, pg_url):
    from hmip_desktop.core.central.store import CentralStore

    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    first = wizard.currentPage()
    first.store_path.setText(pg_url)
    for key, value in (("id", "pg-1"), ("provider", "P"), ("title", "T")):
        first.fields[key].setText(value)
    assert not first.isComplete(), "a PostgreSQL store needs a keys folder"
    first.keys_dir.setText(str(tmp_path / "pg-keys"))
    assert first.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=15000)
    store = CentralStore.open(pg_url, tmp_path / "pg-keys")
    with store.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT provider FROM inspections WHERE id = 'pg-1'")).scalar() == "P"
    store.engine.dispose()
    wizard.store.engine.dispose()
