"""The window's exchange actions (File menu): export a bundle, import a receipt, import an
inspection pack.

Export is one guided flow, every problem found and said BEFORE the file dialog, in the
window's language:

1. the laptop must know its central store (an inspection pack imported); if not, the
   window says so and offers File → Import inspection pack…;
2. the key folder is chosen once and remembered (QSettings ``key_folder``); a folder
   without a usable public key is said at once (and forgotten);
3. the key is unlocked: with the keyring's or ``HMIP_KEY_PASSPHRASE``'s passphrase, else
   the window asks for it (a password box) until it is right or the inspector cancels;
   the unlocked key is kept for the session;
4. only then the save dialog, and the export on the worker with a progress dialog (no
   Cancel: an export is one transaction, written atomically).

The log names each refusal's reason (no paths, no personal data).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from ...notice import notice
from ...ops import run_with_progress
from ...text import error_text, fmt

log = logging.getLogger("hmip.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExchangeActions", text)


def _reason(error: BaseException, *paths: object) -> str:
    """The error's reason for the log: its message with the paths left out."""
    text = error_text(error)
    for path in paths:
        text = text.replace(str(path), "…")
    return text


class ExchangeActions:
    """Mixed into MainWindow (which provides ops, store, settings, inspection_id, page,
    open_store and reload_store)."""

    _unlocked: dict[str, object]  # key folder -> SigningKey, for this session

    # -- the key: chosen once, unlocked once -------------------------------------------------

    def _choose_key_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Your key folder"), str(self.settings.value("key_folder", "")))
        if folder:
            self.settings.setValue("key_folder", folder)
        return folder or None

    def _key_folder(self) -> str | None:
        """The remembered key folder if it still holds a key, else the one chosen now."""
        known = str(self.settings.value("key_folder", "") or "")
        if known and (Path(known) / "public.key").is_file():
            return known
        return self._choose_key_folder()

    def with_key(self, then: Callable[[object], None]) -> None:
        """Find and unlock the inspector's key (asking only what is not known), then call
        ``then(key)`` on the GUI thread; a problem is said and ``then`` is not called."""
        folder = self._key_folder()
        if not folder:
            return
        if not hasattr(self, "_unlocked"):
            self._unlocked = {}
        if folder in self._unlocked:
            then(self._unlocked[folder])
            return
        from ....core.exchange.keys import passphrase_known

        def checked(known: bool) -> None:
            self._unlock(folder, None if known else "", then)

        self.ops.run(lambda: passphrase_known(Path(folder)), checked, lambda e: self._key_refused(folder, e))

    def _unlock(self, folder: str, passphrase: str | None, then, again: bool = False) -> None:
        """``passphrase`` None: from the keyring or the environment; "": ask for it."""
        if passphrase == "":
            label = _tr("The passphrase of your key (it is not in this computer's keyring):")
            if again:
                label = _tr("That passphrase does not unlock your key. Type it again:")
            typed, ok = QInputDialog.getText(self, _tr("Unlock your key"), label, QLineEdit.EchoMode.Password)
            if not ok or not typed:
                return
            passphrase = typed
        from ....core.exchange.keys import WrongPassphrase, load_key

        def unlocked(key) -> None:
            self._unlocked[folder] = key
            then(key)

        def failed(error: BaseException) -> None:
            if isinstance(error, WrongPassphrase):
                log.warning("key not unlocked: wrong passphrase")
                if passphrase is not None:  # typed: ask again
                    self._unlock(folder, "", then, again=True)
                    return
            self._key_refused(folder, error)

        self.ops.run(lambda: load_key(Path(folder), passphrase), unlocked, failed)

    def _key_refused(self, folder: str, error: BaseException) -> None:
        log.warning("key not usable: %s", _reason(error, Path(folder) / "public.key", Path(folder) / "private.pem", folder))
        self.settings.remove("key_folder")  # choose again next time
        notice(self, _tr("Your key cannot be used"),
               fmt(_tr("%1\n\nChoose the folder that holds your key (public.key and private.pem) next time."),
                   error_text(error)), "exchange_error")

    # -- export ------------------------------------------------------------------------------

    def export_bundle(self) -> None:
        """The guided export (see the module docstring)."""
        if self.store is None:
            return
        if self.page is not None:
            self.page.flush()
        from ....core.field.export import check_ready

        store, inspection_id = self.store, self.inspection_id
        self.ops.run(lambda: check_ready(store.db, inspection_id), lambda _: self.with_key(self._ask_where),
                     self._not_ready)

    def _not_ready(self, error: BaseException) -> None:
        from ....core.field.export import NoCentralStore

        if not isinstance(error, NoCentralStore):
            log.warning("export not possible: %s", _reason(error))
            notice(self, _tr("Cannot export"), error_text(error), "exchange_error")
            return
        log.warning("export not possible: this laptop has no central store yet (no inspection pack imported)")
        box = QMessageBox(QMessageBox.Icon.Information, _tr("Cannot export yet"), _tr(
            "This laptop does not know its central store yet, so there is nowhere to send case reads to. "
            "Import the inspection pack your lead inspector sent you first (File → Import inspection pack…). "
            "The demo inspection is for practice and cannot be exported."), QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("export_not_ready")
        pack = box.addButton(_tr("Import inspection pack…"), QMessageBox.ButtonRole.AcceptRole)
        pack.clicked.connect(self.import_pack)
        box.setModal(False)
        box.show()

    def _ask_where(self, key) -> None:
        default = Path(str(self.settings.value("bundle_folder", Path.home()))) / \
            f"{self.inspection_id}-{date.today().isoformat()}.bundle"
        out, _ = QFileDialog.getSaveFileName(self, _tr("Export bundle"), str(default), _tr("Bundles (*.bundle)"))
        if out:
            self.settings.setValue("bundle_folder", str(Path(out).parent))
            self.start_export(key, Path(out))

    def start_export(self, key, out: Path):
        """Export to ``out`` signed with ``key`` (a SigningKey, or a key folder unlocked on the
        worker); returns the progress dialog."""
        from ....core.exchange.keys import load_key
        from ....core.field.export import export_bundle

        if self.page is not None:
            self.page.flush()
        store, inspection_id = self.store, self.inspection_id

        def work(progress):
            signing = load_key(Path(key)) if isinstance(key, (str, Path)) else key
            return export_bundle(store.db, inspection_id, signing, out, progress=progress.update)

        return run_with_progress(self.ops, self, _tr("Exporting the bundle…"), work,
                                 lambda summary: self._exported(out, summary), self._exchange_failed, cancellable=False)

    def _exported(self, out: Path, summary: dict) -> None:
        text = fmt(_tr("Bundle written to %1: %2 case reads, %3 changed since the last export."),
                   out, summary["reads"], summary["changed"])
        if summary.get("evidence"):
            text += " " + fmt(_tr("It also carries %1 judgement(s) on evidence."), summary["evidence"])
        self.statusBar().showMessage(text, 15000)
        left_out = summary.get("left_out") or []
        if left_out:  # reads of re-allocated cases: kept here, not sent (core/field/reallocation.py)
            from ...i18n import Translations

            def words() -> tuple[str, str]:
                return (_tr("Some case reads were not sent"),
                        "\n".join(line.text(Translations.lang) for line in left_out))

            notice(self, *words(), "reallocated_left_out", QMessageBox.Icon.Information, retranslate=words)

    # -- receipts ----------------------------------------------------------------------------

    def import_receipt(self) -> None:
        if self.store is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, _tr("Import receipt"), str(Path.home()), _tr("Receipts (*.receipt)"))
        if path:
            self.with_key(lambda key: self.start_receipt(key, Path(path)))

    def start_receipt(self, key, path: Path):
        """Record the receipt at ``path`` (``key``: a SigningKey or a key folder)."""
        from ....core.exchange.envelope import read_bounded
        from ....core.exchange.keys import load_key
        from ....core.field.receipts import MAX_RECEIPT, import_receipt

        store = self.store

        def work(progress):
            signing = load_key(Path(key)) if isinstance(key, (str, Path)) else key
            return import_receipt(store.db, read_bounded(path, MAX_RECEIPT), signing)

        return run_with_progress(self.ops, self, _tr("Importing the receipt…"), work, self._receipt_imported,
                                 self._exchange_failed, cancellable=False)

    def _receipt_imported(self, result: dict) -> None:
        if result["new"]:
            text = fmt(_tr("Receipt recorded: the central store holds %1 case read(s) as you sent them."),
                       result["held"])
            if result.get("evidence"):
                text += " " + fmt(_tr("It confirms %1 judgement(s) on evidence."), result["evidence"])
            if getattr(self, "evidence_page", None) is not None:
                self.evidence_page.refresh()  # now shown as confirmed
        else:
            text = _tr("This receipt was recorded before: nothing changed.")
        self.statusBar().showMessage(text, 15000)

    # -- inspection packs --------------------------------------------------------------------

    def import_pack(self) -> None:
        """Import an inspection pack into this laptop's own field store (created if needed;
        where ``hmip-desktop`` opens by default), then open it."""
        path, _ = QFileDialog.getOpenFileName(self, _tr("Import inspection pack"), str(Path.home()),
                                              _tr("Inspection packs (*.pack);;All files (*)"))
        if not path:
            return
        trust, ok = QInputDialog.getText(self, _tr("Import inspection pack"), _tr(
            "The fingerprint of your lead inspector's key, as they gave it to you (at least 16 characters):"))
        if ok and trust.strip():
            self.with_key(lambda key: self.start_pack_import(key, Path(path), trust.strip()))

    def start_pack_import(self, key, path: Path, trust: str, target: Path | None = None):
        """Import the pack at ``path`` into ``target`` (default: the laptop's field store),
        then open that store; returns the progress dialog."""
        from ....core.exchange.envelope import read_bounded
        from ....core.field.pack_import import MAX_PACK, import_pack
        from ....core.field.store import FieldStore
        from ....core.paths import data_dir

        target = Path(target or data_dir() / "field.sqlite")
        current = self.store if self.store is not None and target.resolve() == self.store_path.resolve() else None

        def work(progress):
            store = current or FieldStore.open(target)
            try:
                return import_pack(store.db, read_bounded(path, MAX_PACK), key, trust)
            finally:
                if current is None:
                    store.close()

        def done(result: dict) -> None:
            self.statusBar().showMessage(fmt(_tr("Inspection %1 is ready on this laptop: %2 case reads."),
                                             result["inspection"], result["reads"]), 15000)
            self.open_store(target, force=True)

        return run_with_progress(self.ops, self, _tr("Importing the inspection pack…"), work, done,
                                 self._exchange_failed, cancellable=False)

    def _exchange_failed(self, error: BaseException) -> None:
        log.warning("exchange not done: %s", _reason(error, Path.home()))
        notice(self, _tr("Not done"), error_text(error), "exchange_error",
               retranslate=lambda: (_tr("Not done"), error_text(error)))
