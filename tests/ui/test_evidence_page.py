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
