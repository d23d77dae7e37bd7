"""The window's exchange actions: export a bundle, import a receipt (File menu).

Both run on the worker thread with a progress dialog; neither can be cancelled half-way
(an export is one transaction, written atomically), so the dialog offers no Cancel.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from ...ops import run_with_progress
from ...notice import notice
from ...text import error_text, fmt


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExchangeActions", text)


class ExchangeActions:
    """Mixed into MainWindow (which provides ops, store, settings, inspection_id, page)."""

    def _key_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Your key folder"), str(self.settings.value("key_folder", "")))
        if folder:
            self.settings.setValue("key_folder", folder)
        return folder or None

    def export_bundle(self) -> None:
        if self.store is None:
            return
        key = self._key_folder()
        if not key:
            return
        default = Path.home() / f"{self.inspection_id}-{date.today().isoformat()}.bundle"
        out, _ = QFileDialog.getSaveFileName(self, _tr("Export bundle"), str(default), _tr("Bundles (*.bundle)"))
        if out:
            self.start_export(Path(key), Path(out))

    def start_export(self, key_dir: Path, out: Path):
        """Export to ``out`` signed with the key in ``key_dir``; returns the progress dialog."""
        from ....core.exchange.keys import load_key
        from ....core.field.export import export_bundle

        if self.page is not None:
            self.page.flush()
        store, inspection_id = self.store, self.inspection_id

        def work(progress):
            return export_bundle(store.db, inspection_id, load_key(key_dir), out, progress=progress.update)

        return run_with_progress(self.ops, self, _tr("Exporting the bundle…"), work,
                                 lambda summary: self._exported(out, summary), self._exchange_failed, cancellable=False)

    def _exported(self, out: Path, summary: dict) -> None:
        self.statusBar().showMessage(
            fmt(_tr("Bundle written to %1: %2 case reads, %3 changed since the last export."),
                out, summary["reads"], summary["changed"]), 15000)

    def import_receipt(self) -> None:
        if self.store is None:
            return
        key = self._key_folder()
        if not key:
            return
        path, _ = QFileDialog.getOpenFileName(self, _tr("Import receipt"), str(Path.home()), _tr("Receipts (*.receipt)"))
        if path:
            self.start_receipt(Path(key), Path(path))

    def start_receipt(self, key_dir: Path, path: Path):
        from ....core.exchange.envelope import read_bounded
        from ....core.exchange.keys import load_key
        from ....core.field.receipts import MAX_RECEIPT, import_receipt

        store = self.store

        def work(progress):
            return import_receipt(store.db, read_bounded(path, MAX_RECEIPT), load_key(key_dir))

        return run_with_progress(self.ops, self, _tr("Importing the receipt…"), work, self._receipt_imported,
                                 self._exchange_failed, cancellable=False)

    def _receipt_imported(self, result: dict) -> None:
        if result["new"]:
            text = fmt(_tr("Receipt recorded: the central store holds %1 case read(s) as you sent them."),
                       result["held"])
        else:
            text = _tr("This receipt was recorded before: nothing changed.")
        self.statusBar().showMessage(text, 15000)

    def _exchange_failed(self, error: BaseException) -> None:
        notice(self, _tr("Not done"), error_text(error), "exchange_error",
               retranslate=lambda: (_tr("Not done"), error_text(error)))
