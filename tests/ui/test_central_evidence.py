"""Judgements on evidence through the central window (issue 14): every record of a
standard shown (who, when, where), a team judgement and the lead's band recorded through
the window (as ``hmip central ratings --json`` then shows), a superseding judgement
keeping the earlier one listed, and a refusal after sign-off."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json

from PySide6.QtCore import Qt

from hmip_desktop.cli import main as cli
from hmip_desktop.core.central import moderation
from hmip_desktop.core.central.answers import framework_for
from tests.ui.test_central_window import (  # noqa: F401 - fixtures
    PASS,
    _ratings_json,
    central,
    imported,
    imported_template,
)


def _choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _record(ui, qtbot, key, value, text) -> None:
    page = ui.window.evidence_page
    _choose(page.item, key)
    _choose(page.value, value)
    page.text.setPlainText(text)
    with qtbot.waitSignal(ui.window.decision_recorded, timeout=10000):
        qtbot.mouseClick(page.record, Qt.MouseButton.LeftButton)
    ui.settle()


def _printed(ui, capsys) -> dict:
    capsys.readouterr()
    assert cli(["central", "ratings", str(ui.folder / "c.sqlite"), "--inspection", "demo", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_record_moderate_and_refuse_after_sign_off(imported, qtbot, capsys, tmp_path):
    w = imported.window
    page = w.evidence_page
    w.show_tab(3)
    assert w.tabs.currentIndex() == 3
    fw = framework_for(imported.store(), "demo")
    standard = next(iter(fw.standards(case_based=False)))
    kq = standard.key_questions[0].id
    assert page.standard_id() == standard.id and page.record.isEnabled()
    options = [i for i, _ in fw.judgement_options(standard)]

    # Nothing chosen: said in the window, nothing recorded.
    _choose(page.item, kq)
    qtbot.mouseClick(page.record, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Choose a judgement first." and page.table.rowCount() == 0

    _record(imported, qtbot, kq, options[0], "Governance papers and the board minutes")
    _record(imported, qtbot, "", fw.rating.bands[1].id, "Strong leadership, some gaps in staffing")
    printed = _printed(imported, capsys)
    shown = next(s for s in printed["standards"] if s["id"] == standard.id)
    assert shown["key_questions"][0]["judgement"] == options[0] and shown["key_questions"][0]["by"] == "lead1"
    assert shown["key_questions"][0]["summary"] == "Governance papers and the board minutes"
    assert shown["decision"]["band"] == fw.rating.bands[1].id and shown["rating"] == fw.rating.bands[1].id
    assert shown["decision"]["rationale"] == "Strong leadership, some gaps in staffing" and shown["decision"]["by"] == "lead1"
    assert printed == w.ratings.as_json()

    # Moderating: a superseding judgement with the reason; the earlier record stays listed.
    _record(imported, qtbot, kq, options[-1], "Moderated: the minutes do not show the board acting on risk")
    assert page.table.rowCount() == 3
    cells = [[page.table.item(r, c).text() for c in range(4)] for r in range(3)]
    assert "(superseded)" in cells[0][1] and "(current)" in cells[2][1]
    assert cells[0][2] == "Governance papers and the board minutes" and cells[2][3].split("\n")[0] == "lead1"
    assert cells[0][0] == "Key question 1" and page.table.item(0, 0).toolTip() == standard.key_questions[0].text.en
    by, when, where = cells[2][3].split("\n")
    assert where == "central store" and when
    printed = _printed(imported, capsys)
    shown = next(s for s in printed["standards"] if s["id"] == standard.id)
    assert shown["key_questions"][0]["judgement"] == options[-1]

    # After sign-off: the form is disabled and the core's refusal is said in one line.
    from hmip_desktop.core.exchange.keys import new_key

    store = imported.store()
    lead = new_key(tmp_path / "lead", "Lead")
    store.enrol("Lead", "lead", (tmp_path / "lead" / "public.key").read_text())
    moderation.sign_off(store, "demo", lead, _ratings_json(imported))
    w.refresh()
    imported.settle()
    assert not page.record.isEnabled() and "Signed off" in page.state.text()
    with qtbot.waitSignal(w.action_failed, timeout=10000) as failed:
        w.evidence.record(standard.id, kq, options[0], "Late evidence")
    imported.settle()
    assert failed.args[0].startswith("Not recorded:") and "signed off" in failed.args[0]
    assert "\n" not in failed.args[0] and page.message.text() == failed.args[0]
    assert page.table.rowCount() == 3


def test_the_evidence_tab_in_welsh(imported, qtbot):
    w = imported.window
    w.set_language("cy")
    imported.settle()
    assert w.tabs.tabText(3) == "Tystiolaeth"
    assert w.evidence_page.record.text() != "&Record"
    w.set_language("en")
