"""The Welsh interface: every string of the sources translated, the .qm files current, and
Qt's own standard buttons and menus in Welsh too (English and Welsh are treated equally)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
CATALOGUES = ("hmip_cy", "qtbase_cy")
PLACEHOLDER = re.compile(r"%(?:L?\d+|[vm])")


def _messages(name: str):
    """(context, source, translation) of every message still in use in ``name``.ts."""
    root = ET.parse(TS_DIR / f"{name}.ts").getroot()
    for ctx in root.iter("context"):
        context = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr.get("type") in ("vanished", "obsolete"):
                continue
            yield context, msg.findtext("source"), tr.text or "", tr.get("type")


def _accelerators(text: str) -> list[str]:
    return re.findall(r"(?<!&)&([^&])", text.replace("&&", ""))


def test_build_translations_check_passes():
    """Every message of the sources is in hmip_cy.ts and translated, and each committed .qm
    is byte for byte what lrelease builds now from its .ts."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_translations"), "--check"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, f"scripts/build_translations --check failed:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_message_is_translated_with_its_placeholders(name):
    messages = list(_messages(name))
    assert len(messages) > 30
    problems = []
    for context, source, translation, kind in messages:
        if kind == "unfinished" or not translation:
            problems.append(f"{context}: {source!r} is not translated")
            continue
        missing = Counter(PLACEHOLDER.findall(source)) - Counter(PLACEHOLDER.findall(translation))
        if missing:
            problems.append(f"{context}: {source!r} -> {translation!r} lacks {sorted(missing)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", CATALOGUES)
def test_accelerators_are_kept_once_on_a_letter(name):
    problems = []
    for context, source, translation, _ in _messages(name):
        if _accelerators(source):
            keys = _accelerators(translation)
            if len(keys) != 1 or not keys[0].isalpha():
                problems.append(f"{context}: {source!r} -> {translation!r}")
    assert not problems, "needs exactly one & before a letter:\n" + "\n".join(problems)


def test_menu_accelerators_do_not_clash_in_welsh():
    tr = {(c, s): t for c, s, t, _ in _messages("hmip_cy")}
    menus = {
        "menu bar": ["&File", "&Edit", "&Go", "&Language", "&Help"],
        "Edit": ["&Undo", "&Redo"],
        "Go": ["&Case list", "&Find case", "Next &question", "&Previous question", "Next &standard",
               "P&revious standard", "&Next case", "Pre&vious case", "&Mark complete or reopen"],
    }
    for menu, items in menus.items():
        keys = [_accelerators(tr[("MainWindow", item)])[0].lower() for item in items]
        assert len(set(keys)) == len(keys), f"{menu}: {keys}"


@pytest.fixture
def welsh(qapp):
    """hmip_cy.qm and qtbase_cy.qm installed (removed again afterwards)."""
    translators = []
    for name in CATALOGUES:
        translator = QTranslator()
        assert translator.load(str(TS_DIR / f"{name}.qm")), f"{name}.qm does not load"
        assert not translator.isEmpty()
        qapp.installTranslator(translator)
        translators.append(translator)
    yield qapp
    for translator in translators:
        qapp.removeTranslator(translator)


def test_welsh_catalogue_translates_the_interface(welsh):
    tr = QCoreApplication.translate
    assert tr("MainWindow", "&File") == "&Ffeil"
    assert tr("MainWindow", "&Undo") == "&Dadwneud"
    assert tr("CaseReadPage", "Saved at %1") == "Cadwyd am %1"
    assert tr("CaseReadPage", "Mark complete") == "Marcio'n gyflawn"
    assert tr("QuestionWidget", "Evidence note (required)") == "Nodyn tystiolaeth (gofynnol)"
    assert tr("ProfilePanel", "Case holder interview") == "Cyfweliad â deiliad yr achos"
    for context, source, translation, _ in _messages("hmip_cy"):
        assert tr(context, source) == translation, (context, source)


def test_qt_standard_buttons_and_menus_are_welsh(welsh):
    sb = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "t", "x", sb.Yes | sb.No | sb.Cancel | sb.Close | sb.Discard | sb.Ok)
    texts = {box.standardButton(b): b.text() for b in box.buttons()}
    assert texts == {sb.Yes: "&Ie", sb.No: "&Na", sb.Cancel: "Canslo", sb.Close: "Cau", sb.Discard: "Gwaredu", sb.Ok: "Iawn"}

    box.setDetailedText("details")
    assert "Dangos y manylion..." in [b.text() for b in box.buttons()]

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in buttons.buttons()) == ["Canslo", "Iawn"]

    line = QLineEdit()
    menu = line.createStandardContextMenu()
    items = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert items[:3] == ["&Dadwneud", "&Ailwneud", "&Torri"]
    assert {"&Copïo", "&Gludo", "Dileu", "Dewis y cyfan"} <= set(items)


def test_switching_the_application_language(qapp):
    """What the window does: Translations.set_language installs both catalogues and removes them."""
    from hmip_desktop.ui.i18n import Translations

    translations = Translations()
    try:
        translations.set_language("cy")
        assert QCoreApplication.translate("MainWindow", "&Help") == "&Help"
        assert QCoreApplication.translate("MainWindow", "&Language") == "&Iaith"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Canslo"
    finally:
        translations.set_language("en")
    assert QCoreApplication.translate("MainWindow", "&Language") == "&Language"
    box = QMessageBox(QMessageBox.Icon.Warning, "t", "x", QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"
    assert QLocale().language() == QLocale.Language.English
