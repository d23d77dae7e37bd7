"""The field window's flows of issue 15: the guided export (every problem said before the
file dialog, the passphrase asked where no keyring has it, the key remembered), a
read-only store, File → Open with recent stores, no empty window after an open error, one
instance per store. Real widgets; the static file and input dialogs are monkeypatched."""

from __future__ import annotations

import logging
import os

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from hmip_desktop.core import demo
from hmip_desktop.core.exchange import keys as keys_module
from hmip_desktop.core.field.lock import StoreLock
from hmip_desktop.ui.views.field.store_menu import recent_stores


@pytest.fixture
def laptop(tmp_path, monkeypatch):
    """One inspector's laptop, as ``hmip demo --central`` makes it; key passphrase "pw",
    and afterwards no keyring and no HMIP_KEY_PASSPHRASE: the window must ask."""
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    path = tmp_path / "laptop.sqlite"
    demo.create_demo(path, seed=11, reader=demo.DEMO_READER)
    demo.connect_central(path, str(tmp_path / "c.sqlite"), tmp_path / "k", seed=11)
    monkeypatch.delenv("HMIP_KEY_PASSPHRASE")
    monkeypatch.setattr(keys_module, "_keyring", lambda: None)
    return path


class Dialogs:
    """Answers for the static dialogs, and what was asked, in order."""

    def __init__(self, monkeypatch, folder="", passphrases=(), save=""):
        self.asked: list[str] = []
        self.passphrases = list(passphrases)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: self._ask("folder", folder)))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (self._ask("save", save), "")))
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(self._text))

    def _ask(self, what, answer):
        self.asked.append(what)
        return str(answer)

    def _text(self, parent, title, label, *rest):
        self.asked.append(f"passphrase: {label}")
        answer = self.passphrases.pop(0) if self.passphrases else ""
        return answer, bool(answer)


def _box(window, qtbot, name):
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, name) is not None, timeout=5000)
    return window.findChild(QMessageBox, name)


def test_export_on_the_demo_store_says_first_that_a_pack_is_needed_and_offers_it(ui, qtbot, monkeypatch, caplog):
    dialogs = Dialogs(monkeypatch, folder="/nowhere")
    with caplog.at_level(logging.WARNING, logger="hmip.ui"):
        ui.window.act_export.trigger()
        box = _box(ui.window, qtbot, "export_not_ready")
    assert dialogs.asked == [], "nothing is asked (no key folder, no file) before the problem is said"
    assert "does not know its central store yet" in box.text() and "Import inspection pack" in box.text()
    assert any("Import inspection pack" in b.text() for b in box.buttons())
    assert "no central store yet" in caplog.text and "KeyError" not in caplog.text


def test_export_asks_the_key_folder_once_and_the_passphrase_until_right(make_window, laptop, tmp_path, qtbot,
                                                                         monkeypatch, settings):
    out = tmp_path / "out.bundle"
    dialogs = Dialogs(monkeypatch, folder=tmp_path / "k", passphrases=["wrong", "pw"], save=out)
    ui = make_window(laptop)
    ui.window.act_export.trigger()
    qtbot.waitUntil(lambda: "Bundle written" in ui.window.statusBar().currentMessage(), timeout=10000)
    assert out.exists()
    assert [a.split(":")[0] for a in dialogs.asked] == ["folder", "passphrase", "passphrase", "save"]
    assert "does not unlock" in dialogs.asked[2], "a wrong passphrase is said and asked again"
    assert settings.value("key_folder") == str(tmp_path / "k")
    # The second export asks nothing but where: the folder is remembered, the key unlocked.
    dialogs.asked.clear()
    ui.window.act_export.trigger()
    qtbot.waitUntil(lambda: dialogs.asked == ["save"], timeout=5000)


def test_a_folder_without_a_key_is_said_before_the_file_dialog(make_window, laptop, tmp_path, qtbot, monkeypatch,
                                                               settings):
    (tmp_path / "empty").mkdir()
    dialogs = Dialogs(monkeypatch, folder=tmp_path / "empty", save=tmp_path / "x.bundle")
    ui = make_window(laptop)
    ui.window.act_export.trigger()
    box = _box(ui.window, qtbot, "exchange_error")
    assert "cannot read the public key" in box.text()
    assert dialogs.asked == ["folder"] and not (tmp_path / "x.bundle").exists()
    assert settings.value("key_folder") is None, "a folder without a key is not remembered"


def test_a_read_only_store_is_named_and_cannot_be_edited(make_window, demo_path, qtbot):
    os.chmod(demo_path, 0o444)
    try:
        ui = make_window(demo_path)
        w = ui.window
        assert w.read_only and f"read-only: {demo_path.name}" in w.windowTitle()
        assert "Read-only" in w.saving_label.text() and "saved" not in w.saving_label.text()
        assert not w.act_undo.isEnabled() and not w.act_export.isEnabled()
        ui.open(ui.rows()[0]["case_id"])
        note = next(widget for widget in w.page.key_widgets if widget.isVisible()).note
        assert note.isReadOnly() and w.page.complete_button.isHidden()
        assert not (demo_path.parent / (demo_path.name + ".lock")).exists()
    finally:
        os.chmod(demo_path, 0o644)


def test_file_open_keeps_the_open_store_when_the_other_cannot_be_opened(ui, qtbot, tmp_path, monkeypatch, settings):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(folder), "")))
    before = ui.window.store
    ui.window.act_open.trigger()
    box = _box(ui.window, qtbot, "open_error")
    assert "is a folder, not a field store file" in box.text()
    assert ui.window.store is before and ui.window.list_page.model.rows()
    assert recent_stores(settings) == [ui.window.store_path.resolve()]


def test_file_open_and_recent_stores(ui, qtbot, tmp_path, demo_template, settings):
    import shutil

    other = tmp_path / "other.sqlite"
    shutil.copy(demo_template, other)
    with qtbot.waitSignal(ui.window.inspection_loaded, timeout=10000):
        ui.window.open_store(other)
    assert ui.window.store_path == other and other.name in ui.window.windowTitle()
    assert not (tmp_path / "demo.sqlite.lock").exists(), "the first store's lock is released"
    assert (tmp_path / "other.sqlite.lock").exists()
    gone = tmp_path / "gone.sqlite"
    settings.setValue("recent_stores", [str(other), str(gone), str(tmp_path / "demo.sqlite")])
    ui.window.menu_recent.aboutToShow.emit()
    assert [a.text().split(" ", 1)[1].split(" —")[0] for a in ui.window.menu_recent.actions()] == [
        "other.sqlite", "demo.sqlite"]
    assert str(gone) not in settings.value("recent_stores"), "missing stores are pruned"


def test_no_empty_window_after_an_open_error_but_the_error_with_open_and_recent(make_window, tmp_path, qtbot,
                                                                              styled_app, settings, demo_path):
    from hmip_desktop.ui.views.field.main_window import MainWindow

    settings.setValue("recent_stores", [str(demo_path)])
    folder = tmp_path / "not-a-store"
    folder.mkdir()
    window = MainWindow(folder, settings)
    qtbot.addWidget(window)
    window.show()
    window.load()
    qtbot.waitUntil(lambda: window.error_page is not None and window.stack.currentWidget() is window.error_page,
                    timeout=5000)
    assert "is a folder, not a field store file" in window.error_page.message.text()
    assert [b.text() for b in window.error_page.recent_buttons] == [demo_path.name]
    with qtbot.waitSignal(window.inspection_loaded, timeout=10000):
        window.error_page.recent_buttons[0].click()
    assert window.store_path == demo_path and window.stack.currentWidget() is window.list_page
    window.close()


def test_a_second_instance_on_the_same_store_is_refused_naming_the_first(styled_app, qtbot, demo_path, settings):
    from hmip_desktop.ui.views.field.main_window import MainWindow

    lock = StoreLock.acquire(demo_path)  # the "other instance" (this test's own process)
    try:
        failures = []
        window = MainWindow(demo_path, settings, on_load_failed=failures.append)
        qtbot.addWidget(window)
        window.load()
        qtbot.waitUntil(lambda: bool(failures), timeout=5000)
        assert f"is open in another hmip-desktop (process {os.getpid()}" in str(failures[0])
        assert window.store is None
        window.close()
    finally:
        lock.release()
