"""A language switch retranslates everything on screen, in every window and open dialog.

Each window is switched to Welsh and every text it shows (labels, buttons, menus, tab
titles, tool tips, accessible names, table cells and headers, combo items, open message
boxes, the guidance panel) is checked against the catalogue: no English text of
hmip_cy.ts whose Welsh differs may remain (and none of the framework's English where it
has Welsh); then back to English, and no Welsh may remain."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QMessageBox

from hmip_desktop.core.exchange.envelope import Rejected
from hmip_desktop.ui.i18n import Translations

from .screens import catalogue, framework_texts, leftovers, open_central, settle

ENGLISH, WELSH = catalogue()


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    Translations().set_language("en")


def _both_ways(window, switch, fw=None, check=lambda lang: None):
    fw_en, fw_cy = framework_texts(fw) if fw is not None else (set(), set())
    assert leftovers(window, ENGLISH, fw_en), "the check sees the English window's texts"
    switch("cy")
    settle(window)
    assert leftovers(window, ENGLISH, fw_en) == []
    check("cy")
    switch("en")
    settle(window)
    assert leftovers(window, WELSH, fw_cy) == []
    check("en")


def test_the_laptop_window_and_its_open_dialogs_switch_language(ui, qtbot):
    window = ui.window
    row = ui.rows("in_progress")[0]
    ui.open(row["case_id"])
    page = window.page
    page.go_to("answer", page.key_widgets[1].question.id)  # the guidance panel shows its question
    page.show_saved("10:15:00")
    window._show_shortcuts()
    error = Rejected.of("envelope.signature")
    window._exchange_failed(error)
    boxes = {b.objectName(): b for b in window.findChildren(QMessageBox) if b.isVisible()}

    def check(lang):
        assert boxes["exchange_error"].text() == error.text(lang)
        assert page.saved_label.text() == ("Cadwyd am 10:15:00" if lang == "cy" else "Saved at 10:15:00")
        question = page.key_widgets[1].question
        assert question.text.get(lang) in page.guidance.toPlainText()

    _both_ways(window, window.set_language, window.fw, check)
    window.show_list()
    _both_ways(window, window.set_language)


def test_a_save_refusal_is_shown_in_the_interface_language(ui):
    window = ui.window
    ui.open(ui.rows("in_progress")[0]["case_id"])
    window.set_language("cy")
    window.page.profile.date.line.setText("2026-02-31")  # parses as no date: the editor refuses it itself
    from hmip_desktop.core.field.edits import Target

    window.save(Target("interview", "date"), "31/02/2026")  # what the core refuses
    ui.settle()
    banner = window.page.error_banner.text()
    assert "nid yw '31/02/2026' yn ddyddiad" in banner and banner.startswith("Heb ei gadw")
    window.set_language("en")
    assert "'31/02/2026' is not a date" in window.page.error_banner.text()


def test_the_central_window_switches_language_on_every_tab(qtbot, styled_app, tmp_path):
    window = open_central(qtbot, tmp_path)
    case = window.dashboard.model.rows()[0]["case_id"]
    window.central_actions.open_read(case)
    settle(window)
    for tab in (0, 1, 2):
        window.show_tab(tab)
        _both_ways(window, window.set_language, window.fw)
    window.close()


def test_the_setup_wizard_switches_language(qtbot, styled_app):
    from hmip_desktop.ui.views.setup.wizard import SetupWizard

    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    _both_ways(wizard, wizard.set_language)
    wizard.done(0)


def test_the_central_import_results_are_said_again_in_the_language_switched_to(qtbot, styled_app, tmp_path):
    """A refused bundle's line under the dashboard follows a language switch, refusal and all."""
    from hmip_desktop.ui.views.central.actions import _import_files

    window = open_central(qtbot, tmp_path)
    junk = tmp_path / "junk.bundle"
    junk.write_bytes(b"not a bundle at all")

    class Progress:
        def update(self, done, total):
            pass

        def cancelled(self):
            return False

    window.central_actions._imported(_import_files(window.current.store, [junk], Progress()))
    lines = window.dashboard.results
    assert lines.item(0).text() == "junk.bundle: refused: not an hmip file (bad magic number)"
    window.set_language("cy")
    assert lines.item(0).text() == "junk.bundle: gwrthodwyd: nid yw'n ffeil hmip (rhif hud anghywir)"
    window.set_language("en")
    assert lines.item(0).text() == "junk.bundle: refused: not an hmip file (bad magic number)"
    window.close()
