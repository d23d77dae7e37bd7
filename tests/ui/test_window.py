"""The window as a whole: languages, crash recovery, remembered geometry, screenshots."""

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hmip_desktop.core.frameworks import load_file
from hmip_desktop.core.paths import forms_dir


def test_language_switch_changes_framework_and_interface_text(ui, qtbot):
    case = ui.rows("in_progress")[0]["case_id"]
    ui.open(case)
    page = ui.window.page
    kq = page.key_widgets[0]
    fw = load_file(forms_dir() / "adult_probation.yaml")
    assert kq.question.text.en in kq.title.text()
    ui.window.lang_actions["cy"].trigger()
    assert fw.question(kq.question.id).text.cy in kq.title.text()
    yes_button = kq.editor.buttons[0]
    assert yes_button.text() == "Ydy"
    assert page.complete_button.text() not in ("", "Mark complete")
    assert page.complete_button.text() == QCoreApplication.translate("CaseReadPage", "Mark complete")
    assert ui.window.menu_file.title() != "&File"
    header = ui.window.list_page.model.headerData(0, Qt.Orientation.Horizontal)
    assert header != "Case"
    # Qt's own standard buttons are Welsh too.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"
    ui.window.lang_actions["en"].trigger()
    assert kq.question.text.en in kq.title.text()
    assert page.complete_button.text() == "Mark complete"


def test_language_choice_is_remembered(make_window, demo_path, settings):
    ui = make_window(demo_path)
    ui.window.set_language("cy")
    ui.window.close()
    again = make_window(demo_path, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert again.window.lang == "cy"
    again.window.set_language("en")


def test_saved_work_survives_closing_and_reopens_on_the_same_case(make_window, demo_path, settings, qtbot):
    ui = make_window(demo_path)
    case = ui.rows("not_started")[0]["case_id"]
    ui.open(case)
    kq = next(w for w in ui.window.page.key_widgets if not w.isHidden())
    ui.window.page.step_question(1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    kq.note.setFocus()
    qtbot.keyClicks(kq.note, "Risk of harm not analysed")
    ui.window.close()  # the note is still waiting for its typing pause: closing must save it
    assert ui.stored(demo_path, case).answers[kq.question.id] == "no"
    assert ui.stored(demo_path, case).notes[kq.question.id] == "Risk of harm not analysed"

    conf = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    from hmip_desktop.ui.views.field.main_window import MainWindow

    window = MainWindow(demo_path, conf)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.case_opened, timeout=10000):
        window.load()
    assert window.page.read.case_id == case, "reopens on the case that was open"
    restored = window.page.questions[kq.question.id]
    assert restored.editor.value() == "no"
    assert restored.note.toPlainText() == "Risk of harm not analysed"
    window.close()


def test_window_geometry_is_remembered(make_window, demo_path, settings):
    ui = make_window(demo_path)
    ui.window.resize(701, 503)  # within the offscreen screen (800x600), so nothing is clamped
    ui.window.close()
    again = make_window(demo_path, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert (again.window.width(), again.window.height()) == (701, 503)


def test_screenshot_command_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HMIP_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "hmip_desktop.ui.app", "--screenshot", str(out)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 700
    assert (tmp_path / "data" / "demo.sqlite").exists(), "--demo data lives in the user data folder"


def test_long_work_shows_progress_and_can_be_cancelled(ui, qtbot, monkeypatch):
    from hmip_desktop.core.field import audit

    real = audit.verify
    gate = {"seen": 0}

    def slow_verify(db, progress=None, cancelled=None):
        # Stand in for a big store: report progress and honour cancel like the real one.
        import time

        for step in range(200):
            if cancelled and cancelled():
                raise audit.Cancelled("cancelled")
            if progress:
                progress(step, 200)
            gate["seen"] = step
            time.sleep(0.01)
        return real(db)

    monkeypatch.setattr(audit, "verify", slow_verify)
    dialog = ui.window.check_audit()
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: dialog.value() > 0 and dialog.maximum() == 200, timeout=5000)
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    ui.settle()
    assert gate["seen"] < 199, "cancelling stopped the work"
    assert "cancelled" in ui.window.statusBar().currentMessage().lower()


def test_audit_check_reports_an_intact_trail(ui, qtbot):
    ui.window.check_audit()
    ui.settle()
    qtbot.waitUntil(lambda: "intact" in ui.window.statusBar().currentMessage(), timeout=5000)


def test_export_bundle_from_the_window_then_import_its_receipt(make_window, tmp_path, monkeypatch, qtbot):
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "pw")
    from hmip_desktop.core import demo
    from hmip_desktop.core.central import importer
    from hmip_desktop.core.central.store import CentralStore

    laptop = tmp_path / "laptop.sqlite"  # one inspector's laptop, as hmip demo --central makes it
    demo.create_demo(laptop, seed=11, reader=demo.DEMO_READER)
    demo.connect_central(laptop, str(tmp_path / "c.sqlite"), tmp_path / "k", seed=11)
    ui = make_window(laptop)
    out = tmp_path / "from-window.bundle"
    dialog = ui.window.start_export(tmp_path / "k", out)
    from PySide6.QtWidgets import QPushButton

    assert dialog.findChild(QPushButton) is None, "an export cannot be cancelled half-way: no Cancel offered"
    ui.settle()
    qtbot.waitUntil(lambda: "Bundle written" in ui.window.statusBar().currentMessage(), timeout=10000)
    store = CentralStore.open(tmp_path / "c.sqlite")
    result = importer.import_file(store, out)
    assert result.outcomes == {"head": 48}
    receipt = tmp_path / "r.receipt"
    receipt.write_bytes(result.receipt)
    ui.window.start_receipt(tmp_path / "k", receipt)
    ui.settle()
    qtbot.waitUntil(lambda: "holds 48" in ui.window.statusBar().currentMessage(), timeout=10000)


def test_export_failure_is_shown_not_swallowed(ui, tmp_path, qtbot):
    ui.window.start_export(tmp_path / "no-key-here", tmp_path / "x.bundle")
    ui.settle()
    from PySide6.QtWidgets import QMessageBox

    qtbot.waitUntil(lambda: ui.window.findChild(QMessageBox, "exchange_error") is not None, timeout=5000)
    box = ui.window.findChild(QMessageBox, "exchange_error")
    assert "no-key-here" in box.text()
    assert not (tmp_path / "x.bundle").exists()
