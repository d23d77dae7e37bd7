"""The field window syncs through a real ``hmip serve`` over TLS: File → Sync now sends
the outbox and records the receipt, the outbox shows each bundle's state, and the
automatic sync backs off when the server cannot be reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QTableWidget

from hmip_desktop.ui.views.field import sync_panel
from tests.server.conftest import _key_passphrase, sync_template, sync_world, tls  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow  # a server process


@pytest.fixture
def central_location(tmp_path: Path) -> str:
    """The desktop needs one backend: the server's are proven in tests/server."""
    return str(tmp_path / "c.sqlite")


def test_sync_now_from_the_window_then_the_outbox_and_automatic_backoff(sync_world, make_window, settings, qtbot,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    laptop = sync_world.laptop()
    server = sync_world.server()
    settings.setValue("key_folder", str(sync_world.root / "k"))
    ui = make_window(laptop)
    panel = ui.window.sync_panel
    assert not panel.timer.isActive(), "no server known: nothing scheduled"
    menu_actions = [a.objectName() for a in ui.window.menu_file.actions()]
    assert {"sync_now", "show_outbox", "sync_settings"} <= set(menu_actions)
    # File → Sync settings…: the address, then the private CA's certificate
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (server.url, True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sync_world.tls["ca"]), ""))
    panel.act_settings.trigger()
    assert settings.value("sync_server") == server.url and settings.value("sync_ca") == str(sync_world.tls["ca"])
    assert panel.timer.isActive(), "a server known: an automatic sync is scheduled"

    panel.act_sync.trigger()
    qtbot.waitUntil(lambda: panel.last is not None, timeout=60000)
    assert panel.label.text() == "Synced: 1 sent, 1 receipt(s) recorded, 0 waiting"
    assert sync_world.count("SELECT count(*) FROM bundles") == 1
    assert panel.failures == 0 and panel.timer.remainingTime() > (sync_panel.INTERVAL - 5) * 1000

    panel.act_outbox.trigger()
    qtbot.waitUntil(lambda: ui.window.findChild(QDialog, "outbox_dialog") is not None, timeout=10000)
    table = ui.window.findChild(QTableWidget, "outbox_table")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    assert table.item(0, 3).text() == "receipt received"

    # The server goes away: the automatic sync (with the key unlocked this session) finds it
    # offline, which is a state, and tries again after a backoff with jitter.
    server.stop()
    panel.last = None
    panel._auto()
    qtbot.waitUntil(lambda: panel.last is not None, timeout=60000)
    assert panel.label.text() == "Offline, 0 waiting"
    assert panel.failures == 1 and 14000 <= panel.timer.remainingTime() <= 30000
    assert ui.window.findChild(QDialog, "sync_error") is None, "offline is not an error"
