"""The field window syncs through a real ``hmip serve`` over TLS: File → Sync now sends
the outbox and records the receipt, the outbox shows each bundle's state, and the
automatic sync backs off when the server cannot be reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
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


def test_after_the_receipt_the_window_offers_the_purge_and_runs_it(sync_world, make_window, settings, qtbot):
    """Once a receipt confirms every read, the window asks (in Welsh here) whether to
    remove the inspection from the laptop; No keeps it, Yes runs the core's purge."""
    from PySide6.QtWidgets import QMessageBox

    laptop = sync_world.laptop()
    server = sync_world.server()
    settings.setValue("key_folder", str(sync_world.root / "k"))
    settings.setValue("sync_server", server.url)
    settings.setValue("sync_ca", str(sync_world.tls["ca"]))
    ui = make_window(laptop)
    ui.window.set_language("cy")
    panel = ui.window.sync_panel
    panel.act_sync.trigger()
    qtbot.waitUntil(lambda: panel.last is not None, timeout=60000)
    assert panel.last.purgeable == ["demo"], panel.last.describe()
    box = ui.window.findChild(QMessageBox, "purge_offer")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Tynnu'r arolygiad oddi ar y gliniadur hwn?"
    assert "demo" in box.text() and "ni ellir dadwneud" in box.text().lower()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    # Keep for now: nothing removed.
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert panel.purged is None
    assert ui.window.store.db.execute("SELECT count(*) FROM cases").fetchone()[0] > 0
    # Offered again (as after the next receipt), and accepted: the core's purge runs on the worker.
    box = panel.offer_purge("demo")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.purged == "demo", timeout=30000)
    db = ui.window.store.db
    assert db.execute("SELECT count(*) FROM inspections").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    assert db.execute("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[0] == "purge"
    assert ui.window.findChild(QMessageBox, "purge_error") is None


def test_waiting_bundles_go_on_their_own_when_the_server_comes_back(sync_world, make_window, settings, qtbot,
                                                                    monkeypatch):
    """No user action: with the key locked the label says what waits for it; with the key's
    passphrase known (keyring or environment) the automatic sync unlocks it, finds the
    server unreachable ("offline"), probes it, and sends as soon as it is started."""
    from hmip_desktop.core.exchange.keys import PASSPHRASE_ENV
    from tests.server.conftest import Server, free_port

    monkeypatch.setattr(sync_panel, "FIRST_TRY", 0)
    monkeypatch.setattr(sync_panel, "PROBE_FIRST", 1)
    monkeypatch.setattr(sync_panel, "PROBE_MAX", 2)
    laptop = sync_world.laptop()
    port = free_port()  # nothing listens there yet
    settings.setValue("key_folder", str(sync_world.root / "k"))
    settings.setValue("sync_server", f"https://127.0.0.1:{port}")
    settings.setValue("sync_ca", str(sync_world.tls["ca"]))
    # The key is locked: its passphrase is in no keyring (none here) nor in the environment.
    monkeypatch.delenv(PASSPHRASE_ENV)
    ui = make_window(laptop)
    panel = ui.window.sync_panel
    qtbot.waitUntil(lambda: panel.locked_waiting is not None, timeout=30000)
    assert panel.label.text() == "1 bundle(s) waiting: unlock your key to send (File → Sync now)"
    assert panel.last is None and ui.window.findChild(QDialog, "sync_error") is None

    # Its passphrase known (as from the OS keyring): the next automatic sync needs nobody.
    monkeypatch.setenv(PASSPHRASE_ENV, "test")
    panel._auto()  # the timer's next tick
    qtbot.waitUntil(lambda: panel.last is not None, timeout=30000)
    assert panel.label.text() == "Offline, 1 waiting"
    assert panel.probe_timer.isActive(), "unreachable: probing"

    server = Server(sync_world.location, sync_world.keys, sync_world.tls, port, ["--workers", "1"],
                    log=sync_world.root / "serve-late.log")
    sync_world.servers.append(server)
    server.start()
    qtbot.waitUntil(lambda: panel.label.text().startswith("Synced: 1 sent"), timeout=30000)
    assert panel.label.text() == "Synced: 1 sent, 1 receipt(s) recorded, 0 waiting"
    assert panel.probes >= 1 and not panel.probe_timer.isActive()
    assert sync_world.count("SELECT count(*) FROM bundles") == 1


def test_progress_is_shown_during_a_long_transfer_and_cleared_after(sync_world, make_window, settings, qtbot):
    """Through a slow uplink (a throttling proxy) the label says "Sending… N%" while the
    bundle goes, and the result replaces it once the receipt is in."""
    import re

    from tests.server.proxy import BreakingProxy

    laptop = sync_world.laptop()
    server = sync_world.server()
    proxy = BreakingProxy(server.port, "throttle", limit=1024, delay=0.05)  # about 20 KiB/s up
    settings.setValue("key_folder", str(sync_world.root / "k"))
    settings.setValue("sync_server", proxy.url)
    settings.setValue("sync_ca", str(sync_world.tls["ca"]))
    ui = make_window(laptop)
    panel = ui.window.sync_panel
    seen: list[str] = []
    try:
        panel.act_sync.trigger()
        qtbot.waitUntil(lambda: seen.append(panel.label.text()) or panel.last is not None, timeout=120000)
    finally:
        proxy.close()
    sending = [t for t in seen if t.startswith("Sending")]
    assert sending and all(re.fullmatch(r"Sending… \d{1,3}%", t) for t in sending), seen
    assert panel.label.text() == "Synced: 1 sent, 1 receipt(s) recorded, 0 waiting"
    assert not panel.poll.isActive()


def test_the_systems_network_report_pauses_probes_and_starts_a_sync(sync_world, make_window, settings, qtbot):
    """QNetworkInformation (a backend loads on Linux: glib, NetworkManager or connman):
    no network → no probes; a network again → a sync in ON_NETWORK s; its other reports
    (such as the first one after loading) leave the schedule alone."""
    from PySide6.QtNetwork import QNetworkInformation

    R = QNetworkInformation.Reachability
    settings.setValue("sync_server", "https://127.0.0.1:9")
    ui = make_window(sync_world.laptop())
    panel = ui.window.sync_panel
    assert panel.network is not None, "a reachability backend loads here"
    panel.timer.start(sync_panel.INTERVAL * 1000)
    panel._reachability(R.Online)  # nothing was waiting for it
    assert panel.timer.remainingTime() > (sync_panel.INTERVAL - 5) * 1000
    panel.probe_timer.start(60000)  # offline, probing
    panel._reachability(R.Disconnected)
    assert not panel.probe_timer.isActive(), "no network: no probes"
    panel._probe()
    assert panel.probes == 0 and not panel.probe_timer.isActive()
    panel._reachability(R.Online)
    assert panel.timer.isActive() and panel.timer.interval() == sync_panel.ON_NETWORK * 1000
