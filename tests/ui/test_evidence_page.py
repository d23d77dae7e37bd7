"""Judgements on evidence recorded through the field window (issue 14): Go → Judgements
on evidence lists the inspection's evidence standards; recording a key question's
judgement through the form lands one row in the field store (through the worker
thread); a band from an inspector is refused with the core's one line, in Welsh too."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hmip_desktop.core.field import evidence
from hmip_desktop.core.field.db import open_db
from hmip_desktop.core.field.export import set_user


def test_record_a_judgement_through_the_window_and_see_a_refusal(make_window, demo_path, qtbot):
    db = open_db(demo_path)
    set_user(db, "insp1")
    db.close()
    ui = make_window(demo_path)
    ui.window.act_evidence.trigger()
    page = ui.window.evidence_page
    ui.settle()
    assert ui.window.stack.currentWidget() is page
    labels = [page.standards.item(i).text() for i in range(page.standards.count())]
    assert labels[0] == "1.1 Leadership" and len(labels) == 4
    item = page.items["leadership_vision"]
    item.value.setCurrentIndex(item.value.findData("good"))
    qtbot.keyClicks(item.text, "Business plan and board minutes")
    with qtbot.waitSignal(page.recorded, timeout=5000):
        qtbot.mouseClick(item.record, Qt.MouseButton.LeftButton)
    ui.settle()
    assert "Good" in item.latest.text() and "insp1" in item.latest.text() and "not yet sent" in item.latest.text()
    page.grab().save(str(demo_path.parent / "evidence.png"))
    db = open_db(demo_path)
    try:
        rows = evidence.judgements(db, "demo")
    finally:
        db.close()
    assert [(r.standard_id, r.question_id, r.value, r.text, r.by) for r in rows] == [
        ("leadership", "leadership_vision", "good", "Business plan and board minutes", "insp1")]
    # The band is the lead's: refused by the core, said under the form, nothing written.
    band = page.items[""]
    band.value.setCurrentIndex(band.value.findData("requires_improvement"))
    qtbot.keyClicks(band.text, "Vision clear")
    qtbot.mouseClick(band.record, Qt.MouseButton.LeftButton)
    ui.settle()
    assert "only a lead inspector decides the band" in page.message.text()
    ui.window.set_language("cy")
    assert page.standards.item(0).text() == "1.1 Arweinyddiaeth" and page.back.text() == "← Rhestr achosion"
    band = page.items[""]  # the form is made again in Welsh
    assert band.record.text() == "Cofnodi'r band"
    qtbot.mouseClick(band.record, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Dewiswch farn yn gyntaf."
    band.value.setCurrentIndex(band.value.findData("good"))
    qtbot.keyClicks(band.text, "Rhesymeg")
    qtbot.mouseClick(band.record, Qt.MouseButton.LeftButton)
    ui.settle()
    assert page.message.text().startswith("Heb ei gofnodi: ") and "arolygydd arweiniol" in page.message.text()
    db = open_db(demo_path)
    try:
        assert len(evidence.judgements(db, "demo")) == 1
    finally:
        db.close()


def test_a_laptop_judgement_shows_in_the_central_window_as_a_central_one(tmp_path, qtbot, styled_app, monkeypatch):
    """Store A gets the team judgement from the laptop (bundle), store B the same record
    made at the central store: ratings JSON, the central window's figures and heading
    are the same; the lead's band, recorded centrally, rates the standard in both."""
    import shutil

    from PySide6.QtCore import QSettings

    from hmip_desktop.cli import main as cli
    from hmip_desktop.core.central import evidence as central_evidence
    from hmip_desktop.core.central.answers import framework_for, rate_inspection
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.frameworks import load_text
    from hmip_desktop.ui.views.central.window import CentralWindow

    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    assert cli(["demo", str(a / "f.sqlite"), "--central", str(a / "c.sqlite"), "--keys", str(a / "k")]) == 0
    shutil.copytree(a, b)
    db = open_db(a / "f.sqlite")
    try:
        fw = load_text(db.execute("SELECT framework_yaml FROM inspections").fetchone()[0])
        j = evidence.record(db, fw, "demo", "leadership", "leadership_vision", "good", "Board minutes and interviews")
    finally:
        db.close()
    assert cli(["export", str(a / "f.sqlite"), "--inspection", "demo", "--key", str(a / "k"), "--out",
                str(a / "b.bundle")]) == 0
    assert cli(["central", "import", str(a / "c.sqlite"), str(a / "b.bundle")]) == 0
    assert cli(["export", str(b / "f.sqlite"), "--inspection", "demo", "--key", str(b / "k"), "--out",
                str(b / "b.bundle")]) == 0
    assert cli(["central", "import", str(b / "c.sqlite"), str(b / "b.bundle")]) == 0
    ratings = {}
    for folder in (a, b):
        store = CentralStore.open(folder / "c.sqlite")
        try:
            cfw = framework_for(store, "demo")
            if folder is b:
                central_evidence.record(store, cfw, "demo", "leadership", "leadership_vision", "good",
                                        "Board minutes and interviews", "insp1", at=j.at)
            central_evidence.record(store, cfw, "demo", "leadership", None, "requires_improvement", "Oversight weak",
                                    "lead1", record_id="band1", at="2026-11-28T09:00:00.000000+00:00")
            ratings[folder.name] = rate_inspection(store, "demo").as_json()
            origins = {r["origin"] for r in central_evidence.history(store, "demo", "leadership")
                       if r["question_id"]}
        finally:
            store.engine.dispose()
        assert origins == ({"central"} if folder is b else {j.origin})
    assert ratings["a"] == ratings["b"]
    conf = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    conf.setValue("language", "en")  # the interface language an earlier test left is not this test's
    window = CentralWindow(a / "c.sqlite", None, conf)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.store_loaded, timeout=10000):
        window.load()
    for _ in range(3):
        window.ops.wait()
        qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=10000)
    assert window.ratings.as_json() == ratings["a"]
    index = [s["id"] for s in ratings["a"]["standards"]].index("leadership")
    block = window.ratings_page.blocks[index]
    assert "Requires improvement" in block.heading.text()
    assert block.model.index(0, 1).data() == "On evidence" and block.model.index(0, 4).data() == "Good"
    assert block.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Board minutes and interviews"
    window.close()


def test_a_standard_assigned_to_another_member_is_read_only_naming_them(make_window, demo_path, qtbot):
    from hmip_desktop.core.field.db import write_transaction

    db = open_db(demo_path)
    set_user(db, "insp1")
    with write_transaction(db):  # as a pack with an assignment leaves it (core/field/pack_import.py)
        db.execute("INSERT INTO evidence_assignments VALUES ('demo', 'leadership', 'lead1')")
    db.close()
    ui = make_window(demo_path)
    ui.window.act_evidence.trigger()
    page = ui.window.evidence_page
    ui.settle()
    assert page.standards.currentRow() == 0
    assert "Assigned to lead1 at set-up" in page.assignee.text() and not page.assignee.isHidden()
    assert not page.items["leadership_vision"].record.isEnabled() and not page.items["leadership_vision"].text.isEnabled()
    page.standards.setCurrentRow(1)  # staff: assigned to nobody, so this inspector records it
    ui.settle()
    assert page.assignee.isHidden() and page.items["staff_workload"].record.isEnabled()
    ui.window.set_language("cy")
    page.standards.setCurrentRow(0)
    ui.settle()
    assert "lead1" in page.assignee.text() and "Neilltuwyd" in page.assignee.text()
    ui.window.set_language("en")  # the interface language is process-wide: leave it as found
