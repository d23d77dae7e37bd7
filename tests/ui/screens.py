"""What the language and layout tests share: the windows over demo stores, settled; every
text a window shows; and the .ts catalogue as patterns of English and Welsh."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QTabWidget,
    QTextBrowser,
    QWidget,
    QWizard,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "hmip_cy.ts"
PASS = "pw"
_PLACEHOLDER = re.compile(r"%(?:L?\d+|[vm])")


def build_central(folder: Path) -> Path:
    """demo field store + central store + inspector key, one bundle imported; the central store's path."""
    import os

    from hmip_desktop.cli import main as cli

    os.environ.setdefault("HMIP_KEY_PASSPHRASE", PASS)
    f, c, k = folder / "f.sqlite", folder / "c.sqlite", folder / "k"
    assert cli(["demo", str(f), "--central", str(c), "--keys", str(k)]) == 0
    assert cli(["export", str(f), "--inspection", "demo", "--key", str(k), "--out", str(folder / "b.bundle")]) == 0
    assert cli(["central", "import", str(c), str(folder / "b.bundle")]) == 0
    return c


def open_central(qtbot, folder: Path):
    """The central window over a fresh demo central store in ``folder``, loaded and settled."""
    from PySide6.QtCore import QSettings

    from hmip_desktop.ui.views.central.window import CentralWindow

    window = CentralWindow(build_central(folder), None, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.inspection_loaded, timeout=20000):
        window.load()
    settle(window)
    return window


def settle(window) -> None:
    for _ in range(6):  # a callback may queue the next operation (write → reload)
        window.ops.wait()
        QApplication.processEvents()


# -- the catalogue --------------------------------------------------------------------------


def _pattern(text: str) -> re.Pattern | None:
    """A full-match pattern for a catalogue text (placeholders match anything; & ignored), or
    None when too little of it is words to recognise."""
    plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    if len(_PLACEHOLDER.sub("", plain).strip(" .:…-—·()")) < 3:
        return None
    parts = _PLACEHOLDER.split(plain)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.DOTALL)


def catalogue() -> tuple[dict[str, re.Pattern], dict[str, re.Pattern]]:
    """(English, Welsh): the texts of every translated message whose Welsh differs from its
    English, as patterns; a text that is also a text of the other language is left out."""
    pairs = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr.get("type") in ("vanished", "obsolete", "unfinished") or not tr.text:
                continue
            pairs.append((msg.findtext("source"), tr.text))
    english = {s for s, t in pairs if s != t}
    welsh = {t for s, t in pairs if s != t}
    return ({s: p for s in english - welsh if (p := _pattern(s))},
            {t: p for t in welsh - english if (p := _pattern(t))})


# -- what a window shows --------------------------------------------------------------------


def _columns(model, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model's columnCount is private to Python
        return 1


def _model_texts(view: QAbstractItemView):
    model = view.model()
    if model is None:
        return
    for section in range(_columns(model, QModelIndex())):
        yield "header", model.headerData(section, Qt.Orientation.Horizontal)
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
    todo = [QModelIndex()]
    while todo:
        parent = todo.pop()
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    yield "item", index.data(role)
            todo.append(model.index(row, 0, parent))


def texts(window: QWidget):
    """(where, text) of everything ``window`` and its open dialogs show or tell a screen reader."""
    tops = [window] + [w for w in QApplication.topLevelWidgets()
                       if w is not window and w.isVisible() and w.parentWidget() is window]
    for top in tops:
        yield f"{type(top).__name__} title", top.windowTitle()
        if isinstance(top, QMainWindow):
            for action in top.menuBar().actions():
                yield "menu", action.text()
                for item in action.menu().actions() if action.menu() else []:
                    yield "menu item", item.text()
                    yield "menu item tip", item.toolTip() if item.toolTip() != item.text().replace("&", "") else ""
        if isinstance(top, QWizard):
            for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                          QWizard.WizardButton.CancelButton, QWizard.WizardButton.CustomButton1):
                button = top.button(which)
                if button.isVisible():
                    yield "wizard button", button.text()
            page = top.currentPage()
            yield "page title", page.title()
            yield "page subtitle", page.subTitle()
        for widget in [top] + top.findChildren(QWidget):
            if not widget.isVisible():
                continue
            where = f"{type(widget).__name__} {widget.objectName()}"
            yield f"{where} tooltip", widget.toolTip()
            yield f"{where} accessible name", widget.accessibleName()
            if isinstance(widget, (QLabel, QAbstractButton)):
                yield f"{where} text", widget.text()
            elif isinstance(widget, QLineEdit):
                yield f"{where} placeholder", widget.placeholderText()
            elif isinstance(widget, QGroupBox):
                yield f"{where} title", widget.title()
            elif isinstance(widget, QComboBox):
                for i in range(widget.count()):
                    yield f"{where} item", widget.itemText(i)
            elif isinstance(widget, QTabWidget):
                for i in range(widget.count()):
                    yield f"{where} tab", widget.tabText(i)
            elif isinstance(widget, QProgressBar):
                yield f"{where} text", widget.text()
            elif isinstance(widget, QTextBrowser):
                yield f"{where} text", widget.toPlainText()
            if isinstance(widget, QAbstractItemView):
                for kind, value in _model_texts(widget):
                    if isinstance(value, str):
                        yield f"{where} {kind}", value


def leftovers(window: QWidget, patterns: dict[str, re.Pattern], extra: set[str] = frozenset()) -> list[str]:
    """Texts ``window`` shows that are one of ``patterns`` (whole) or one of ``extra`` (in part)."""
    found = set()
    for where, text in texts(window):
        if not text:
            continue
        for line in {text, *text.split("\n")}:
            plain = line.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
            hit = next((s for s, p in patterns.items() if p.fullmatch(plain)), None)
            hit = hit or next((s for s in extra if s in line), None)
            if hit is not None:
                found.add(f"{where}: {line[:80]!r} (catalogue: {hit[:60]!r})")
    return sorted(found)


def framework_texts(fw) -> tuple[set[str], set[str]]:
    """(English, Welsh) of a framework's standard titles, questions and guidance that differ."""
    english, welsh = set(), set()
    for standard in fw.standards():
        items = [standard.title]
        for kq in standard.key_questions:
            items += [kq.text] + ([kq.guidance] if kq.guidance else []) + [p.text for p in kq.prompts]
        for text in items:
            if text.en != text.get("cy"):
                english.add(text.en)
                welsh.add(text.get("cy"))
    return english - welsh, welsh - english
