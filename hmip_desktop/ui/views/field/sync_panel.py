"""Network sync in the field window (docs/sync.md): File → Sync now, File → Outbox…, a
status-bar label with the outbox's state, and automatic sync whenever the server can be
reached.

An object owned by the window (not mixed into it). The sync itself runs on the window's
operations thread (ui/ops.py), like every core call; the label follows a transfer through
a thread-safe ``Progress`` polled by a timer. Automatic sync: a single-shot QTimer; after a
sync that reached the server the next comes after ``INTERVAL``; after one that did not
(offline, connection lost) after the core's ``outbox.backoff`` (exponential, with jitter).
A timer never asks for a passphrase: it uses the key unlocked in this session or, if
none is, the remembered key folder's key when its passphrase is in the OS keyring (or
``HMIP_KEY_PASSPHRASE``), unlocked without asking; otherwise the label says how many
bundles wait for the key to be unlocked. Only when a server has been given (QSettings
``sync_server``, with ``sync_ca`` for a private certificate authority).

Coming back online: while the server cannot be reached, a cheap probe (one GET of the
identity endpoint, no key, no export) runs after ``PROBE_FIRST`` s, then doubling to at
most ``PROBE_MAX`` s, and a sync starts as soon as it answers; when Qt's
QNetworkInformation has a backend (NetworkManager, glib or connman on Linux; the native
ones on Windows and macOS), the probes pause while the system says there is no network
and a sync starts ``ON_NETWORK`` s after it reports a network again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkInformation, QNetworkReply, QNetworkRequest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QFileDialog, QInputDialog, QLabel, QMessageBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from ...actions import add_action
from ...notice import notice
from ...ops import Progress
from ...text import error_text, fmt

log = logging.getLogger("hmip.ui")
#: Seconds between automatic syncs while the server answers.
INTERVAL = 300
#: The first automatic try after the window opens a store.
FIRST_TRY = 5
#: While the server cannot be reached: the first probe after this many seconds ...
PROBE_FIRST = 10
#: ... then twice as long each time, up to this.
PROBE_MAX = 120
#: A probe waits this long for an answer (milliseconds).
PROBE_TIMEOUT = 5000
#: After the system reports a network again, sync after this many seconds.
ON_NETWORK = 2


def _network_information() -> QNetworkInformation | None:
    """The system's reachability reports, if a backend loads (None otherwise)."""
    try:
        if QNetworkInformation.instance() is None:
            QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability)
        info = QNetworkInformation.instance()
        if info is not None and info.supports(QNetworkInformation.Feature.Reachability):
            return info
    except Exception:  # noqa: BLE001 - no backend: the probes alone
        log.info("no network information backend: probing only", exc_info=True)
    return None


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncPanel", text)


def state_word(state: str) -> str:
    return {"waiting": _tr("waiting"), "sent": _tr("sent"), "receipt_received": _tr("receipt received"),
            "refused": _tr("refused")}.get(state, state)


class SyncPanel(QObject):
    """Sync now, the outbox and automatic sync for one field window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.act_sync = add_action(window, "sync_now", QKeySequence("Ctrl+Shift+S"), self.sync_now)
        self.act_outbox = add_action(window, "show_outbox", None, self.show_outbox)
        self.act_settings = add_action(window, "sync_settings", None, self.ask_settings)
        self.label = QLabel(window)
        self.label.setObjectName("sync_state")
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._auto)
        self.poll = QTimer(self, interval=200)
        self.poll.timeout.connect(self._show_progress)
        self.progress = Progress()
        self.failures = 0
        self.running = False
        self.locked_waiting: int | None = None  # bundles waiting for the key to be unlocked
        self.unlocking = False  # an automatic sync is unlocking the key without asking
        self.probe_timer = QTimer(self, singleShot=True)
        self.probe_timer.timeout.connect(self._probe)
        self.probe_delay = PROBE_FIRST
        self.probes = 0
        self.nam = QNetworkAccessManager(self)
        self.network = _network_information()
        self.reach = self.network.reachability() if self.network is not None else None
        if self.network is not None:
            self.network.reachabilityChanged.connect(self._reachability)
        self.last = None  # the last SyncResult
        self.purged: str | None = None  # the last inspection removed from this laptop
        self.dialog: QDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.act_sync.setText(_tr("&Sync now"))
        self.act_outbox.setText(_tr("O&utbox…"))
        self.act_settings.setText(_tr("Sync se&ttings…"))
        self._show_result()

    # -- starting a sync ---------------------------------------------------------------

    def server(self) -> str:
        return str(self.window.settings.value("sync_server", "") or "")

    def store_opened(self) -> None:
        """The window opened a store: sync soon if a server is known."""
        if self.server():
            self.timer.start(FIRST_TRY * 1000)

    def sync_now(self) -> None:
        """File → Sync now: asks for the server the first time, then the key (once a session)."""
        if self.window.store is None or self.running:
            return
        if not self.server() and not self.ask_settings():
            return
        self.window.with_key(lambda key: self.start(key, manual=True))

    def ask_settings(self) -> bool:
        """File → Sync settings…: the service's address, then (optional) the certificate
        of a private certificate authority. False if cancelled."""
        url, ok = QInputDialog.getText(self.window, _tr("Sync settings"),
                                       _tr("The address of your central store's sync service (https://…):"),
                                       text=self.server())
        if not ok or not url.strip():
            return False
        self.window.settings.setValue("sync_server", url.strip())
        ca, _ = QFileDialog.getOpenFileName(
            self.window, _tr("Your organisation's certificate authority (Cancel if IT gave you none)"),
            str(self.window.settings.value("sync_ca", "") or ""), _tr("Certificates (*.pem *.crt);;All files (*)"))
        self.window.settings.setValue("sync_ca", ca)
        self.failures = 0
        self.timer.start(FIRST_TRY * 1000)
        return True

    def _auto(self) -> None:
        if self.window.store is None or self.running or not self.server() or self.window.read_only:
            self.timer.start(INTERVAL * 1000)
            return
        if not hasattr(self.window, "_unlocked"):
            self.window._unlocked = {}
        unlocked = self.window._unlocked
        if unlocked:
            self.start(next(iter(unlocked.values())), manual=False)
            return
        self._unlock_quietly()

    def _unlock_quietly(self) -> None:
        """The remembered key, if it can be unlocked without asking (keyring or
        environment); otherwise say how many bundles wait for it."""
        from ....core.exchange.keys import load_key, passphrase_known
        from ....core.field import outbox

        folder = str(self.window.settings.value("key_folder", "") or "")
        store = self.window.store

        def work():
            if folder and (Path(folder) / "public.key").is_file() and passphrase_known(Path(folder)):
                return load_key(Path(folder)), 0
            return None, outbox.pending(store.db)

        def unlocked(found) -> None:
            self.unlocking = False
            key, waiting = found
            if self.running:  # Sync now started meanwhile
                return
            if key is None:
                self._locked(waiting)
                return
            self.window._unlocked[folder] = key
            self.start(key, manual=False)

        def failed(error: BaseException) -> None:
            log.warning("key not unlocked for an automatic sync: %s", type(error).__name__)
            self.unlocking = False
            self.window.ops.run(lambda: outbox.pending(store.db), self._locked, lambda e: self._locked(0))

        if self.unlocking:
            return
        self.unlocking = True
        self.window.ops.run(work, unlocked, failed)

    def _locked(self, waiting: int) -> None:
        if self.running:
            return
        self.locked_waiting = waiting
        self.timer.start(INTERVAL * 1000)
        self._show_result()

    # -- coming back online --------------------------------------------------------------

    def _network_down(self) -> bool:
        return self.reach == QNetworkInformation.Reachability.Disconnected  # as last reported

    def _reachability(self, reachability) -> None:
        """The system reports a change: none → stop probing; a network again after none, or
        while the server could not be reached → sync soon. (Other changes, such as the
        backend's first report after loading, leave the schedule alone.)"""
        before, self.reach = self.reach, reachability
        R = QNetworkInformation.Reachability
        if reachability == R.Disconnected:
            self.probe_timer.stop()
            return
        waiting_for_it = before == R.Disconnected or self.probe_timer.isActive() or \
            (self.last is not None and self.last.offline)
        if reachability != R.Unknown and waiting_for_it and self.server() and not self.running \
                and self.window.store is not None:
            self.probe_delay = PROBE_FIRST
            self.timer.start(ON_NETWORK * 1000)

    def _start_probing(self) -> None:
        self.probe_delay = PROBE_FIRST
        self.probe_timer.start(self.probe_delay * 1000)

    def _probe(self) -> None:
        """One GET of the identity endpoint (no key, no export): any HTTP answer, or a TLS
        handshake (even one the sync will refuse), means the server can be reached."""
        from ....core.exchange.sync_protocol import IDENTITY_PATH

        if self.running or not self.server() or self.window.store is None or self._network_down():
            return  # a sync under way, or the system's report will start one
        request = QNetworkRequest(QUrl(self.server().rstrip("/") + IDENTITY_PATH + "?challenge=" + "0" * 32))
        request.setTransferTimeout(PROBE_TIMEOUT)
        self.probes += 1
        reply = self.nam.get(request)
        reply.sslErrors.connect(lambda _errors: None)  # untrusted still means reachable; the sync refuses it
        reply.finished.connect(lambda: self._probed(reply))

    def _probed(self, reply: QNetworkReply) -> None:
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        reachable = status is not None or reply.error() == QNetworkReply.NetworkError.SslHandshakeFailedError
        reply.deleteLater()
        if self.running or self.window.store is None:
            return
        if reachable:
            log.info("sync server reachable again")
            self.timer.stop()
            self._auto()
            return
        self.probe_delay = min(self.probe_delay * 2, PROBE_MAX)
        self.probe_timer.start(self.probe_delay * 1000)

    def start(self, key, manual: bool = True):
        """Run one sync with ``key`` on the operations thread; returns its Future."""
        from ....core.field.sync_client import sync

        if self.running:  # one sync at a time (Sync now and an automatic one may meet)
            return None
        if self.window.page is not None:
            self.window.page.flush()
        store, path, server = self.window.store, self.window.store_path, self.server()
        ca = str(self.window.settings.value("sync_ca", "") or "") or None
        self.running, self.progress = True, Progress()
        self.locked_waiting = None
        progress = self.progress
        self.timer.stop()
        self.probe_timer.stop()
        self.poll.start()
        self.label.setText(_tr("Syncing…"))
        return self.window.ops.run(
            lambda: sync(store.db, path, key, server, ca=Path(ca) if ca else None, progress=progress.update),
            self._done, lambda error: self._failed(error, manual))

    # -- results -----------------------------------------------------------------------

    def _show_progress(self) -> None:
        done, total = self.progress.snapshot()
        if total:
            self.label.setText(fmt(_tr("Sending… %1%"), done * 100 // total))

    def _done(self, result) -> None:
        from ....core.field.outbox import backoff

        self.running, self.last = False, result
        self.poll.stop()
        reached = not result.offline and not result.interrupted
        self.failures = 0 if reached else self.failures + 1
        self.timer.start(int((INTERVAL if reached else backoff(self.failures)) * 1000))
        if result.offline:
            self._start_probing()
        self._show_result()
        self.window.statusBar().showMessage(self.label.text(), 15000)
        for bundle_id, reason in result.refused.items():
            log.warning("sync: %s refused", "inbox" if bundle_id == "inbox" else "a bundle")
            notice(self.window, _tr("Refused by the central store"), fmt(_tr("%1: %2"), bundle_id[:8], reason),
                   "sync_refused")
        if result.purgeable:
            here = self.window.inspection_id
            self.offer_purge(here if here in result.purgeable else result.purgeable[0])
        if result.packs:
            self.window.open_store(self.window.store_path, force=True)
        if self.dialog is not None and self.dialog.isVisible():
            self.show_outbox()

    def _show_result(self) -> None:
        result = self.last
        if self.locked_waiting is not None:
            self.label.setText(fmt(_tr("%1 bundle(s) waiting: unlock your key to send (File → Sync now)"),
                                   self.locked_waiting) if self.locked_waiting else "")
        elif result is None:
            self.label.setText("")
        elif result.offline:
            self.label.setText(fmt(_tr("Offline, %1 waiting"), result.waiting))
        else:
            text = fmt(_tr("Synced: %1 sent, %2 receipt(s) recorded, %3 waiting"), len(result.sent), result.receipts,
                       result.waiting)
            if result.interrupted:
                text = fmt(_tr("Sync stopped midway, %1 waiting: will try again"), result.waiting)
            self.label.setText(text)

    def _failed(self, error: BaseException, manual: bool) -> None:
        self.running = False
        self.poll.stop()
        self.failures += 1
        from ....core.field.outbox import backoff

        self.timer.start(int(backoff(self.failures) * 1000))
        self.label.setText(_tr("Not synced"))
        log.warning("sync not done: %s", type(error).__name__)
        if manual:
            notice(self.window, _tr("Not synced"), error_text(error), "sync_error",
                   retranslate=lambda: (_tr("Not synced"), error_text(error)))

    # -- purge, once the central store holds everything ---------------------------------

    def offer_purge(self, inspection_id: str) -> QMessageBox:
        """Offer to remove ``inspection_id``'s personal data from this laptop (the core's
        purge, the same as ``hmip purge``, which refuses again unless a receipt confirms
        every read). Non-modal: syncing and reading carry on behind it; No by default."""
        old = self.window.findChild(QMessageBox, "purge_offer")
        if old is not None:
            old.close()
            old.deleteLater()

        def text() -> tuple[str, str]:
            return _tr("Remove the inspection from this laptop?"), fmt(_tr(
                "The central store holds every case read of inspection %1 as it is on this laptop. Remove its cases, "
                "case reads and notes from this laptop now? This cannot be undone."), inspection_id)

        title, body = text()
        box = QMessageBox(QMessageBox.Icon.Question, title, body,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.setObjectName("purge_offer")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_tr("&Remove from this laptop"))
        box.button(QMessageBox.StandardButton.No).setText(_tr("&Keep for now"))
        box.retranslate = text
        box.setModal(False)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda _: box.clickedButton() is yes and self.purge(inspection_id))
        box.show()
        return box

    def purge(self, inspection_id: str):
        """Run the core's purge on the operations thread; returns its Future."""
        from ....core.field.receipts import purge

        store = self.window.store
        if store is None:
            return None
        if self.window.page is not None:
            self.window.page.flush()

        def work():
            actor = store.setting("user_id") or "inspector"
            return purge(store.db, inspection_id, actor=actor), bool(store.inspections())

        return self.window.ops.run(work, lambda done: self._purged(inspection_id, *done), self._purge_failed)

    def _purged(self, inspection_id: str, counts: dict, others: bool) -> None:
        log.info("purged an inspection: %s cases", counts.get("cases"))
        self.purged = inspection_id
        self.window.statusBar().showMessage(fmt(_tr("Inspection %1 removed from this laptop: %2 cases."),
                                                inspection_id, counts.get("cases", 0)), 30000)
        if inspection_id == self.window.inspection_id:
            if others:
                self.window.open_store(self.window.store_path, force=True)
            else:
                self.window.show_list()
                self.window.list_page.set_inspection(_tr("No inspection on this laptop"), [], self.window.fw)

    def _purge_failed(self, error: BaseException) -> None:
        log.warning("purge not done: %s", type(error).__name__)
        notice(self.window, _tr("Not removed"), error_text(error), "purge_error",
               retranslate=lambda: (_tr("Not removed"), error_text(error)))

    # -- the outbox --------------------------------------------------------------------

    def show_outbox(self) -> None:
        """File → Outbox…: every bundle exported for sending and its state."""
        from ....core.field import outbox

        if self.window.store is None:
            return
        store = self.window.store
        self.window.ops.run(lambda: outbox.entries(store.db), self._fill_outbox)

    def _fill_outbox(self, entries) -> None:
        if self.dialog is None:
            self.dialog = QDialog(self.window)
            self.dialog.setObjectName("outbox_dialog")
            self.table = QTableWidget(0, 5, self.dialog)
            self.table.setObjectName("outbox_table")
            QVBoxLayout(self.dialog).addWidget(self.table)
            self.dialog.resize(760, 320)
        self.dialog.setWindowTitle(_tr("Outbox"))
        self.table.setHorizontalHeaderLabels([_tr("Bundle"), _tr("Inspection"), _tr("Exported"), _tr("State"),
                                              _tr("Last problem")])
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            for col, value in enumerate((e.bundle_id[:8], e.inspection_id, e.created_at[:16].replace("T", " "),
                                         state_word(e.state), e.last_error or "")):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.dialog.show()
