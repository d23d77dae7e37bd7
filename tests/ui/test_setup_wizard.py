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


def test_in_welsh_a_bad_caseload_and_an_impossible_size_are_refused_in_welsh(qtbot, qapp, tmp_path, keys):
    """Issue 15: the sampler's refusals, and the bad rows a refusal lists, read in Welsh in
    the Welsh wizard (the framework's Welsh label for the field)."""
    from hmip_desktop.ui.i18n import Translations

    _files(tmp_path, keys)
    wizard = _past_first_page(qtbot, tmp_path)
    try:
        wizard.set_language("cy")
        for name, role in (("lead", "lead"), ("insp", "inspector"), ("la", "local_assessor")):
            wizard.store.enrol(name, role, (tmp_path / name / "public.key").read_text())
        wizard.currentPage().load(tmp_path / "team.csv")
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentId() == 2, timeout=10000)
        sample = wizard.currentPage()

        def refusal() -> str:
            qtbot.waitUntil(lambda: wizard.findChild(QMessageBox, "setup_error") is not None, timeout=10000)
            box = wizard.findChild(QMessageBox, "setup_error")
            text = box.text()
            box.setObjectName("")
            box.close()
            return text

        sample.caseload.setText(str(tmp_path / "caseload.csv"))
        sample.size.setValue(5000)  # more than the 200 cases
        sample.draw()
        assert refusal() == (f"{tmp_path / 'caseload.csv'}: mae maint y sampl, 5000, yn fwy na'r llwyth achosion "
                             "(200 achos)")
        bad = tmp_path / "bad.csv"
        bad.write_text("case_id,gender,disposal_type,risk_level\nA1,male,community_order,purple\n"
                       "A2,male,,low\n", encoding="utf-8")
        sample.caseload.setText(str(bad))
        sample.size.setValue(0)
        sample.draw()
        text = refusal()
        assert f"{bad}:2: risk_level: nid yw 'purple' yn werth dilys ar gyfer lefel risg o niwed difrifol: " in text
        assert f"{bad}:3: disposal_type: math o warediad ar goll" in text
        assert "is not" not in text and "missing" not in text
        assert not sample.isComplete()
        # Drawn: why cases were left out, in Welsh, and in English after a switch.
        with open(tmp_path / "caseload.csv", "a", encoding="utf-8") as fh:
            fh.write("CL-9998,,licence,low\nCL-0001,male,licence,low\n")
        sample.caseload.setText(str(tmp_path / "caseload.csv"))
        sample.draw()
        qtbot.waitUntil(sample.isComplete, timeout=20000)
        assert sample.left_out_label.text() == ("Wedi'u gadael allan cyn tynnu'r sampl: 1 rhywedd ar goll; "
                                                "1 yr un cyfeirnod achos")
        # The sample report in the window's language, and again after each switch.
        welsh = sample.report.toPlainText()
        assert welsh.startswith("Sampl o ") and "Yn ôl haen:" in welsh and "Anghymwys: 1 (1 rhywedd ar goll)." in welsh
        assert not any(english in welsh for english in ("Sample of", "By stratum", "Reserves:", "caseload", "sampled",
                                                        "Departures", "Not eligible", "Duplicates"))
        wizard.set_language("en")
        assert sample.left_out_label.text() == "Left out before the draw: 1 gender missing; 1 same case reference"
        assert sample.report.toPlainText() == sample.result.report_text
        assert sample.report.toPlainText().startswith("Sample of ") and "By stratum:" in sample.report.toPlainText()
        wizard.set_language("cy")
        assert sample.report.toPlainText() == welsh
        wizard.set_language("en")
    finally:
        Translations().set_language("en")


def test_in_welsh_a_team_file_that_cannot_be_read_is_said_in_welsh(qtbot, qapp, tmp_path, keys):
    """The team file is read in the window: its problem is said in the window's language,
    not as Python's English (``str(exc)``)."""
    from hmip_desktop.ui.i18n import Translations

    wizard = _past_first_page(qtbot, tmp_path)
    try:
        wizard.set_language("cy")
        latin1 = tmp_path / "team.csv"
        latin1.write_bytes("id,name,role,key_id\nlead1,Siân,lead,\n".encode("latin-1"))
        wizard.currentPage().load(latin1)
        box = wizard.findChild(QMessageBox, "setup_error")
        assert box.text() == f"{latin1}: nid yw'n destun UTF-8; cadwch y tîm fel CSV UTF-8"
        box.setObjectName("")
        wizard.currentPage().load(tmp_path / "folder")  # no such file
        text = wizard.findChild(QMessageBox, "setup_error").text()
        assert text.startswith(f"{tmp_path / 'folder'}: ni ellir darllen ffeil y tîm (")
    finally:
        Translations().set_language("en")


def test_the_providers_attributes_land_in_the_central_store(qtbot, qapp, tmp_path, monkeypatch):
    """Type, region, family and caseload size, typed and chosen on the first page, are
    the inspection's columns at the central store (what its results carry nationally);
    left alone, they are recorded as not known."""
    from PySide6.QtCore import Qt
    from sqlalchemy import select

    from hmip_desktop.core.central import schema
    from hmip_desktop.core.central.store import CentralStore

    def first_page(store: str, iid: str):
        wizard = SetupWizard()
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.currentPage()
        page.store_path.setText(store)
        for key, value in (("id", iid), ("provider", "Clearwater PDU"), ("title", "Clearwater")):
            qtbot.keyClicks(page.fields[key], value)
        return wizard, page

    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")  # the store's own key, made with it
    store = str(tmp_path / "c.sqlite")
    wizard, page = first_page(store, "cl-2026")
    assert page.provider_type.currentData() is None and page.caseload_size.text() == "Not recorded"
    page.provider_type.setFocus()
    qtbot.keyClick(page.provider_type, Qt.Key.Key_Down)  # the first type: probation delivery unit
    assert page.provider_type.currentData() == "pdu"
    qtbot.keyClicks(page.attributes["region"], "North West")
    qtbot.keyClicks(page.attributes["family"], "Mixed urban and rural")
    page.caseload_size.selectAll()
    qtbot.keyClicks(page.caseload_size, "1250")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=10000)
    wizard.done(0)
    wizard, page = first_page(store, "bare")  # nothing recorded about the provider
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=10000)
    wizard.done(0)

    central = CentralStore.open(store)
    try:
        ins = schema.inspections
        with central.engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(ins.c.id, ins.c.provider_type, ins.c.region, ins.c.family,
                                                         ins.c.caseload_size))}
    finally:
        central.engine.dispose()
    assert tuple(rows["cl-2026"])[1:] == ("pdu", "North West", "Mixed urban and rural", 1250)
    assert tuple(rows["bare"])[1:] == (None, None, None, None)


def test_provider_types_are_in_welsh_after_the_switch(qtbot, qapp):
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.currentPage()
    try:
        wizard.set_language("cy")
        names = [page.provider_type.itemText(i) for i in range(page.provider_type.count())]
        assert names[:3] == ["Heb ei gofnodi", "Uned cyflawni gwasanaethau prawf", "Rhanbarth prawf"]
        assert page.caseload_size.specialValueText() == "Heb ei gofnodi"
        assert page.attributes["family"].placeholderText().startswith("darparwyr tebyg")
    finally:
        wizard.set_language("en")
        wizard.done(0)
