"""--lang in any case, one date entry convention in every window, the wizard's first page."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard

from hmip_desktop.ui.app import parse_args
from hmip_desktop.ui.text import parse_entry_date


@pytest.mark.parametrize("given", ["cy", "CY", "Cy"])
def test_lang_is_accepted_in_any_case(given):
    assert parse_args(["--lang", given]).lang == "cy"


def test_the_command_line_takes_lang_in_any_case(tmp_path, capsys):
    from hmip_desktop.cli import main as cli

    cli(["report", str(tmp_path / "none.sqlite"), "--inspection", "demo", "--out", str(tmp_path / "r.pdf"), "--lang", "CY"])
    assert "invalid choice" not in capsys.readouterr().err


def test_dates_are_typed_as_the_form_shows_them():
    assert parse_entry_date("03/11/2026") == parse_entry_date("2026-11-03") == "2026-11-03"
    assert parse_entry_date("  ") is None
    with pytest.raises(ValueError):
        parse_entry_date("11/31/2026")


def _first_page(wizard, tmp_path, start, end):
    first = wizard.currentPage()
    first.store_path.setText(str(tmp_path / "c.sqlite"))
    for key, value in (("id", "x"), ("provider", "P"), ("title", "T"), ("start", start), ("end", end)):
        first.fields[key].setText(value)
    return first


def test_the_wizard_takes_dates_as_the_form_does(qtbot, qapp, tmp_path, monkeypatch):
    from hmip_desktop.ui.views.setup.wizard import SetupWizard

    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()  # nothing to go back to
    assert wizard.currentPage().fields["start"].placeholderText() == "dd/mm/yyyy"
    _first_page(wizard, tmp_path, "2026-13-01", "20/11/2026")
    wizard.next()
    qtbot.waitUntil(lambda: any(b.isVisible() for b in wizard.findChildren(QMessageBox)), timeout=5000)
    assert wizard.currentId() == 0
    box = next(b for b in wizard.findChildren(QMessageBox) if b.isVisible())
    assert "2026-13-01" in box.text() and "dd/mm/yyyy" in box.text()
    box.close()
    _first_page(wizard, tmp_path, "02/11/2026", "2026-11-20")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=10000)
    from hmip_desktop.core.central.queries.rows import inspection

    with wizard.store.engine.connect() as conn:
        row = inspection(conn, "x")
    assert (row.fieldwork_start, row.fieldwork_end) == ("2026-11-02", "2026-11-20")
    wizard.done(0)
