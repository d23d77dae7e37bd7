"""Every window is usable at 1280×720 and 1366×768, in English and Welsh: nothing clipped
(a label's or button's text as wide as it needs, no table column narrower than its
contents) and nothing reachable only by scrolling sideways (hmip_desktop.ui.fit). Each
screen is saved as a picture too (docs/screenshots has them, from scripts/screenshots)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from hmip_desktop.ui.fit import problems
from hmip_desktop.ui.i18n import Translations

from .screens import open_central, settle

SIZES = ((1280, 720), (1366, 768))
LANGS = ("en", "cy")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    Translations().set_language("en")


def _check(window, name: str, lang: str, size, shots) -> list[str]:
    settle(window)
    window.grab().save(str(shots / f"{name}-{lang}-{size[0]}x{size[1]}.png"))
    return [f"{name} {lang} {size[0]}x{size[1]}: {p}" for p in problems(window, size)]


def test_the_laptop_window_fits(ui, tmp_path):
    window, found = ui.window, []
    read = ui.rows("in_progress")[0]
    for lang in LANGS:
        window.set_language(lang)
        for size in SIZES:
            window.resize(*size)
            window.show_list()
            found += _check(window, "case-list", lang, size, tmp_path)
            ui.open(read["case_id"])
            window.page.show_saved("23:59:59")
            found += _check(window, "case-read", lang, size, tmp_path)
            window.complete_or_reopen()
            ui.settle()
            found += _check(window, "missing", lang, size, tmp_path)
    assert found == [], "\n".join(found)


def test_the_central_window_fits(qtbot, styled_app, tmp_path):
    window = open_central(qtbot, tmp_path)
    window.central_actions.open_read(window.dashboard.model.rows()[0]["case_id"])
    _judged_on_evidence(window)
    found = []
    for lang in LANGS:
        window.set_language(lang)
        for size in SIZES:
            window.resize(*size)
            for tab, name in ((0, "dashboard"), (1, "moderation"), (2, "ratings"), (3, "evidence")):
                window.show_tab(tab)
                found += _check(window, f"central-{name}", lang, size, tmp_path)
    window.close()
    assert found == [], "\n".join(found)


def _judged_on_evidence(window) -> None:
    """A team judgement, a superseding one and the lead's band, so the Evidence tab has rows."""
    from hmip_desktop.core.central import evidence

    fw, store, inspection = window.fw, window.store, window.inspection_id
    standard = next(iter(fw.standards(case_based=False)))
    options = [i for i, _ in fw.judgement_options(standard)]
    kq = standard.key_questions[0].id
    evidence.record(store, fw, inspection, standard.id, kq, options[0], "Board minutes, the business plan and "
                    "interviews with the senior leadership team", "lead1", origin="dev-7f3a")
    evidence.record(store, fw, inspection, standard.id, kq, options[-1], "Moderated: the minutes do not show the "
                    "board acting on risk", "lead1")
    evidence.record(store, fw, inspection, standard.id, None, fw.rating.bands[-1].id, "Leadership strong", "lead1")
    window.refresh()
    settle(window)


def test_the_setup_wizard_fits(qtbot, styled_app, tmp_path):
    from hmip_desktop.ui.views.setup.wizard import SetupWizard

    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    found = []
    for lang in LANGS:
        wizard.set_language(lang)
        for size in SIZES:
            wizard.resize(*size)
            found += _check(wizard, "setup-start", lang, size, tmp_path)
    wizard.done(0)
    assert found == [], "\n".join(found)


def test_a_cut_off_placeholder_is_a_problem(qtbot, styled_app):
    from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    edit = QLineEdit(window)
    edit.setObjectName("search")
    edit.setClearButtonEnabled(True)
    edit.setPlaceholderText("Achos neu ddarllenydd")
    edit.setFixedWidth(120)
    QHBoxLayout(window).addWidget(edit)
    window.show()
    assert [p.split(":")[0] for p in problems(window)] == ["search 'Achos neu ddarllenydd'"]
    edit.setFixedWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 40)
    window.resize(window.minimumSizeHint())
    assert problems(window) == []


def test_narrow_headers_break_at_the_middle_space():
    from PySide6.QtCore import Qt

    from hmip_desktop.ui.models.central_tables import RowsModel, reader_columns, two_lines

    assert two_lines("Judgements moderated") == "Judgements\nmoderated"
    assert two_lines("Kappa (95% interval)") == "Kappa (95%\ninterval)"
    assert two_lines("Complete") == "Complete"
    model = RowsModel(reader_columns(), narrow_headers=True)
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Judgements\nmoderated"
    assert model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Judgements moderated"
