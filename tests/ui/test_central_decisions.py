"""The lead's decisions through the central window: keeping one version of a read in
conflict, a professional-judgement override beside the computed rating, signing off
(which locks moderation) and reopening."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from sqlalchemy import select

from hmip_desktop.core.central import events, moderation, schema
from hmip_desktop.core.central.answers import effective_rows, framework_for
from tests.ui.test_central_window import (  # noqa: F401 - fixtures
    PASS,
    _a_read_with,
    _ratings_json,
    central,
    conflict_template,
    imported,
    imported_template,
)


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_resolving_a_conflict_through_the_view(central, conflict_template, qtbot):
    ui = central(conflict_template)
    w = ui.window
    case = (ui.folder / "case").read_text()
    page = ui.open(case)
    page.tabs.setCurrentIndex(1)
    view = page.conflict_view
    other = page.detail["conflicts"][0]
    engage = "assess_engage"

    # No reason: said inline, nothing recorded.
    qtbot.mouseClick(view.keep_buttons["other"], Qt.MouseButton.LeftButton)
    ui.settle()
    assert view.message.isVisible() and "why" in view.message.text().lower() and view.reason.hasFocus()
    assert ui.counts()["conflicts"] == 1

    qtbot.keyClicks(view.reason, "The second visit's record is the complete one")
    with qtbot.waitSignal(w.decision_recorded, timeout=10000):
        qtbot.mouseClick(view.keep_buttons["other"], Qt.MouseButton.LeftButton)
    ui.settle()
    assert ui.counts()["conflicts"] == 0
    assert page.detail["revision_id"] == other["revision_id"] and page.detail["conflicts"] == []
    assert not page.tabs.isTabEnabled(1) and page.tabs.currentIndex() == 0
    store = ui.store()
    value = next(r["value"] for r in effective_rows(store, "demo") if r["case_id"] == case and r["question_id"] == engage)
    assert value == "no", "the effective answer follows the version kept"
    assert w.ratings.as_json() == _ratings_json(ui)
    with store.engine.connect() as conn:
        last = events.for_inspection(conn, "demo")[-1]
        assert conn.execute(select(schema.conflicts.c.resolved_at)).scalar() is not None
    assert (last["action"], last["actor"], last["target"]) == ("conflict:resolve", "lead1", case)
    assert json.loads(last["after"])["reason"] == "The second visit's record is the complete one"


def test_an_override_is_shown_beside_the_computed_rating(imported, qtbot):
    w = imported.window
    w.show_tab(2)
    qtbot.mouseClick(w.ratings_page.decision_buttons["override"], Qt.MouseButton.LeftButton)
    dialog = w.decisions.decision_dialog
    fw = framework_for(imported.store(), "demo")
    index = next(i for i, s in enumerate(w.ratings.standards) if s.kind == "case")  # after domain one
    standard = w.ratings.standards[index]
    band = next(b for b in fw.rating.bands if b.id != standard.rating)
    dialog.standard.setCurrentIndex(dialog.standard.findData(standard.id))
    dialog.band.setCurrentIndex(dialog.band.findData(band.id))
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.message.isVisible(), "a reason is required"
    qtbot.keyClicks(dialog.reason, "Strong partnership work not captured by the case sample")
    with qtbot.waitSignal(w.decision_recorded, timeout=10000):
        _ok(qtbot, dialog)
    imported.settle()
    assert moderation.overrides_for(imported.store(), "demo") == {
        standard.id: (band.id, "Strong partnership work not captured by the case sample")}
    heading = w.ratings_page.blocks[index].heading.text()
    computed = next(b for b in fw.rating.bands if b.id == standard.rating).label.en
    assert band.label.en in heading and f"professional judgement; computed: {computed}" in heading
    assert w.ratings.as_json() == _ratings_json(imported)


def test_sign_off_locks_moderation_and_reopen_unlocks_it(imported, qtbot, tmp_path, monkeypatch):
    from hmip_desktop.core.exchange.keys import new_key

    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", PASS)
    new_key(tmp_path / "lead", "Lead")
    imported.store().enrol("Lead", "lead", (tmp_path / "lead" / "public.key").read_text())
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "lead")))
    w = imported.window
    page_r = w.ratings_page
    assert page_r.decision_buttons["sign_off"].isEnabled() and not page_r.decision_buttons["reopen"].isEnabled()
    expected = _ratings_json(imported)

    with qtbot.waitSignal(w.decision_recorded, timeout=20000):
        qtbot.mouseClick(page_r.decision_buttons["sign_off"], Qt.MouseButton.LeftButton)
    imported.settle()
    store = imported.store()
    assert moderation.is_signed_off(store, "demo")
    with store.engine.connect() as conn:
        signed = conn.execute(select(schema.signoffs)).one()
    assert signed.action == "sign_off"
    body = json.dumps(expected, sort_keys=True, separators=(",", ":")).encode()
    assert signed.ratings_sha256 == hashlib.sha256(body).hexdigest(), "the ratings shown are the ones signed"
    assert not page_r.decision_buttons["override"].isEnabled() and page_r.decision_buttons["reopen"].isEnabled()
    assert "Signed off" in page_r.state.text()

    # Moderation is locked: the view says so and the core refuses with a clear message.
    case, kq = _a_read_with(imported, "yes")
    page = imported.open(case)
    assert "signed off" in page.notice.text() and not page.cards[kq].change_button.isEnabled()
    with qtbot.waitSignal(w.action_failed, timeout=10000) as failed:
        w.central_actions.moderate(kq, "no", "Engagement not evidenced")
    imported.settle()
    assert "signed off" in failed.args[0] and "reopen" in failed.args[0]

    # Reopen: a reason is required, then the key folder.
    w.show_tab(2)
    qtbot.mouseClick(page_r.decision_buttons["reopen"], Qt.MouseButton.LeftButton)
    dialog = w.decisions.decision_dialog
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.message.isVisible()
    qtbot.keyClicks(dialog.reason, "Late evidence on partnership work")
    with qtbot.waitSignal(w.decision_recorded, timeout=20000):
        _ok(qtbot, dialog)
    imported.settle()
    assert not moderation.is_signed_off(imported.store(), "demo")
    assert page_r.decision_buttons["sign_off"].isEnabled() and "Not signed off" in page_r.state.text()
    assert page.cards[kq].change_button.isEnabled() and "signed off" not in page.notice.text()
    with qtbot.waitSignal(w.ratings_loaded, timeout=10000):
        w.central_actions.moderate(kq, "no", "Engagement not evidenced")
    imported.settle()
    with imported.store().engine.connect() as conn:
        actions = [e["action"] for e in events.for_inspection(conn, "demo")]
    assert actions == ["sign_off", "reopen", "moderate:changed"]
