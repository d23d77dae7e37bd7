"""The central window's actions: import, QA, moderation and the report.

:class:`CentralActions` is built by :class:`.window.CentralWindow` with everything it uses
(see its constructor) and reads nothing else of the window. As there: every core call
runs on ``ops`` (one worker thread) and never touches a widget; after every write the
window reloads what it shows from the store (``reload``), so the store stays the truth.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from ...ops import run_with_progress
from ...text import error_text, fmt
from .part import CentralPart

if TYPE_CHECKING:
    from .dashboard import DashboardPage

log = logging.getLogger("hmip.ui.central")


def _tr(text: str) -> str:
    # The same context as central_window: these strings were translated there.
    return QCoreApplication.translate("CentralWindow", text)


def outcome_labels() -> dict[str, str]:
    """What happened to each case read of an imported bundle (ImportResult.outcomes keys)."""
    return {"head": _tr("%1 now current"), "conflict": _tr("%1 in conflict"), "ancestor": _tr("%1 older than held"),
            "known": _tr("%1 already held")}


def describe_import(result: dict) -> str:
    """One translated line for one file's import (``_import_files`` result)."""
    name = Path(result["path"]).name
    if not result["ok"]:
        return fmt(_tr("%1: refused: %2"), name, error_text(result.get("refusal") or result["error"]))
    if not result["newly_imported"]:
        return fmt(_tr("%1: already imported; nothing changed"), name)
    labels = outcome_labels()
    parts = [fmt(labels.get(k, "%1 " + k), n) for k, n in sorted(result["outcomes"].items())]
    return fmt(_tr("%1: imported into inspection %2: %3"), name, result["inspection_id"],
               ", ".join(parts) or _tr("no case reads"))


def _import_files(store, paths: list[Path], progress) -> list[dict]:
    """Import each file in turn (each import is all or nothing); write each receipt beside
    its bundle, as ``hmip central import`` does. Runs on the worker; stops between files
    when cancelled. Returns one plain dict per file."""
    from ....core.central import importer
    from ....core.exchange.envelope import write_atomically

    results = []
    for i, path in enumerate(paths):
        progress.update(i, len(paths))
        if progress.cancelled():
            break
        try:
            result = importer.import_file(store, path)
        except (ValueError, OSError) as exc:  # Rejected and CentralError are ValueErrors
            log.info("bundle refused: %s", type(exc).__name__)
            # The refusal itself too: the line is said again in the language switched to.
            results.append({"path": str(path), "ok": False, "error": error_text(exc), "refusal": exc})
            continue
        receipt = None
        try:
            receipt = path.with_name(f"{path.name}.receipt")
            write_atomically(receipt, result.receipt)
        except OSError:
            receipt = None
        results.append({"path": str(path), "ok": True, "bundle_id": result.bundle_id,
                        "inspection_id": result.inspection_id, "newly_imported": result.newly_imported,
                        "outcomes": dict(result.outcomes), "receipt": str(receipt) if receipt else None})
    progress.update(len(results), len(paths))
    return results


class CentralActions(CentralPart):
    """The window's slots that call the core: a case read, QA, import, the report."""

    #: Emitted with the path when a report has been written.
    report_written = Signal(str)
    #: An import finished: one dict per file (see ``_import_files``).
    imported = Signal(list)

    def __init__(self, dashboard: DashboardPage, show_read: Callable[[dict], None], reload: Callable[[], None],
                 fatal: Callable[[BaseException], None], **shared):
        """``shared``: as for every :class:`.part.CentralPart` (``current``: ``open_read``
        sets its case read, an import its inspection if none was open); ``dashboard``: where
        QA and import results are shown; ``show_read``: show a loaded case read's
        detail in the moderation view; ``reload``: reload the open
        inspection after a write; ``fatal``: show a failed report."""
        super().__init__(**shared)
        self.dashboard = dashboard
        self._show_read = show_read
        self._reload = reload
        self._fatal = fatal

    # -- the report ----------------------------------------------------------------------------

    def write_report(self) -> None:
        """Ask where to save the inspection report (PDF or HTML), then write it."""
        if self.current.store is None or self.current.inspection_id is None:
            return
        default = Path.home() / f"{self.current.inspection_id}-report-{self.current.lang}.pdf"
        out, _ = QFileDialog.getSaveFileName(self.parent_widget, _tr("Inspection report"), str(default),
                                             _tr("PDF report (*.pdf);;Accessible web page (*.html)"))
        if out:
            self.start_report(Path(out))

    def start_report(self, out: Path, open_when_done: bool = True):
        """Write the report on the worker with progress; open it with the system viewer."""
        from ....core.reports import write_report

        store, inspection, lang = self.current.store, self.current.inspection_id, self.current.lang

        def work(progress):
            progress.update(0, 1)
            path = write_report(store, inspection, out, lang)
            progress.update(1, 1)
            return path

        def done(path: Path) -> None:
            self.statusBar().showMessage(fmt(_tr("Report written to %1"), path), 15000)
            self.report_written.emit(str(path))
            if open_when_done:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        return run_with_progress(self.ops, self.parent_widget, _tr("Writing the report…"), work, done, self._fatal, cancellable=False)

    # -- a case read -----------------------------------------------------------------------

    def open_read(self, case_id: str) -> None:
        """Load a case read into the moderation view and show it."""
        if self.current.store is None or self.current.inspection_id is None:
            return
        from ....core.central import queries

        self.current.case_id = case_id
        store, inspection_id = self.current.store, self.current.inspection_id

        def shown(detail):
            if inspection_id == self.current.inspection_id and detail["case_id"] == self.current.case_id:
                self._show_read(detail)

        self.ops.run(lambda: queries.read_detail(store, inspection_id, case_id), shown, self._failed)

    def moderate(self, question_id: str, value: object, rationale: str) -> None:
        """Agree with or change one judgement of the open read (the core decides which,
        and refuses a change without a rationale or on a signed-off inspection)."""
        who = self._moderator()
        if who is None or self.current.case_id is None:
            return
        from ....core.central import moderation

        store, inspection_id, case_id, fw = self.current.store, self.current.inspection_id, self.current.case_id, self.current.fw

        def done(outcome):
            text = _tr("Judgement agreed.") if outcome == "agreed" else _tr("Judgement changed; the ratings are updated.")
            self.statusBar().showMessage(text, 8000)
            self._reload()

        def refused(error):
            text = error_text(error)
            if self.moderation is not None:
                self.moderation.show_error(text, question_id)
            self.action_failed.emit(text)

        self.ops.run(lambda: moderation.moderate(store, inspection_id, case_id, question_id, value, rationale, who, fw),
                     done, refused)

    def record_outcome(self, outcome: str, comments: str) -> None:
        who = self._moderator()
        if who is None or self.current.case_id is None:
            return
        from ....core.central import moderation

        store, inspection_id, case_id = self.current.store, self.current.inspection_id, self.current.case_id

        def done(_):
            self.statusBar().showMessage(fmt(_tr("Outcome recorded for case %1."), case_id), 8000)
            self._reload()

        def refused(error):
            text = error_text(error)
            if self.moderation is not None:
                self.moderation.set_outcome_message(text)
            self.action_failed.emit(text)

        self.ops.run(lambda: moderation.finish_read(store, inspection_id, case_id, outcome, comments, who), done, refused)

    # -- QA ------------------------------------------------------------------------------------

    def choose_qa_sample(self, seed: int) -> None:
        if self.current.store is None or self.current.inspection_id is None:
            return
        from ....core.central import moderation

        store, inspection_id = self.current.store, self.current.inspection_id

        def done(chosen):
            self.dashboard.show_error("")
            self.statusBar().showMessage(
                fmt(_tr("%1 case reads chosen for QA with seed %2."), len(chosen), seed), 10000)
            self._reload()

        self.ops.run(lambda: moderation.qa_sample(store, inspection_id, seed=seed), done, self._failed)

    def add_to_qa(self, case_id: str) -> None:
        who = self._moderator()
        if who is None or self.current.store is None or self.current.inspection_id is None:
            return
        from ....core.central import moderation

        store, inspection_id = self.current.store, self.current.inspection_id

        def done(_):
            self.dashboard.show_error("")
            self.statusBar().showMessage(fmt(_tr("Case %1 added to the QA sample."), case_id), 8000)
            self._reload()

        self.ops.run(lambda: moderation.qa_add(store, inspection_id, case_id, who), done, self._failed)

    # -- import --------------------------------------------------------------------------------

    def import_bundles(self) -> None:
        if self.current.store is None:
            return
        start = str(self.prefs.value("bundle_folder", str(Path.home())))
        names, _ = QFileDialog.getOpenFileNames(self.parent_widget, _tr("Import bundles"), start,
                                                _tr("Bundles (*.bundle);;All files (*)"))
        if names:
            self.prefs.remember("bundle_folder", str(Path(names[0]).parent))
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]):
        """Import ``paths`` with progress (cancellable between files); returns the dialog."""
        store = self.current.store
        paths = [Path(p) for p in paths]
        return run_with_progress(self.ops, self.parent_widget, _tr("Importing bundles…"),
                                 lambda progress: _import_files(store, paths, progress), self._imported, self._failed)

    def _imported(self, results: list[dict]) -> None:
        for r in results:
            r["text"] = describe_import(r)
        self.dashboard.show_import_results(results, describe_import)
        ok = sum(r["ok"] for r in results)
        self.statusBar().showMessage(fmt(_tr("%1 of %2 bundle(s) imported."), ok, len(results)), 10000)
        newly = next((r["inspection_id"] for r in results if r["ok"]), None)
        if self.current.inspection_id is None and newly:
            self.current.inspection_id = newly
        self.imported.emit(results)
        self._refresh()
