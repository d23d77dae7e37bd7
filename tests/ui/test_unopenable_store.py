"""hmip-desktop on a field store it cannot open: the one-line message on stderr and in
the log (its reason, no path), exit status 1, never a dialog left waiting (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys

from hmip_desktop.core import demo
from tests.core.exchange.test_damaged_field_store import damage


def test_a_damaged_store_exits_with_the_message_instead_of_waiting(tmp_path):
    store = tmp_path / "f.sqlite"
    demo.create_demo(store)
    damage(store)
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HMIP_DATA_DIR=str(data))
    done = subprocess.run([sys.executable, "-m", "hmip_desktop.ui.app", "--store", str(store)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("hmip-desktop: error:")]
    assert errors == [f"hmip-desktop: error: {store}: the field store is damaged (database disk image is malformed);"
                      " keep the file as it is and send it to your lead inspector or IT support"
                      " (case reads you have exported are safe in the central store)"]
    log = (data / "logs" / "hmip.log").read_text(encoding="utf-8")
    assert "cannot open the field store: the field store is damaged (database disk image is malformed)" in log
    assert str(tmp_path) not in log


def test_the_dialog_says_why_in_the_interface_language(qapp, tmp_path, monkeypatch):
    """Where someone can answer a dialog, it says why in the window's language (issue 15),
    while stderr and the log keep the English."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    from hmip_desktop.ui.app import cannot_open
    from hmip_desktop.ui.i18n import Translations

    class Desktop:  # an application on a real display: the dialog is shown
        codes: list[int] = []

        def platformName(self):
            return "xcb"

        def exit(self, code):
            self.codes.append(code)

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append(text)))
    store = tmp_path / "f.sqlite"
    damaged = sqlite3.DatabaseError("database disk image is malformed")
    damaged.sqlite_errorname = "SQLITE_CORRUPT"
    Translations().set_language("cy")
    try:
        cannot_open(Desktop(), store)(damaged)
    finally:
        Translations().set_language("en")
    assert Desktop.codes == [1]
    assert shown == [f"{store}: mae'r storfa maes wedi'i difrodi (database disk image is malformed); cadwch y ffeil"
                     " fel y mae a'i hanfon at eich arolygydd arweiniol neu'r gwasanaeth TG (mae'r darlleniadau achos"
                     " a allforiwyd gennych yn ddiogel yn y storfa ganolog)"]
