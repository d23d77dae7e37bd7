"""The main window: the case list and the case read form over one field store.

All core calls go through ``self.ops`` (one worker thread). The form keeps a local
copy of the open case read for instant feedback; the store stays the truth. Every
write goes through ``ops.write``, and the case list, the form and the window's saved
display refresh from its one ``changes_applied`` signal. A save that fails is kept in
``self.unsaved`` and sent again with the next change.

Opening (``load``, File → Open…, Open recent): the store is locked for this instance
(``core.field.lock``: a second instance is refused, naming the first); a file this user
may not write opens read-only (said in the title and the status bar, editors read-only,
no autosave). When the first store cannot be opened the window shows why, with Open… and
the recent stores (``store_menu.OpenErrorPage``), or, for a store named on the command
line, ``on_load_failed`` says it and the application exits; when another store cannot be
opened the one already open stays open.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QStackedWidget

from ...actions import add_action
from ...i18n import Translations, language_actions
from ...ops import Ops, run_with_progress
from ...text import error_text, fmt, time_text
from .case_list_page import CaseListPage
from .exchange_actions import ExchangeActions
from .sync_panel import SyncPanel
from .store_menu import OpenErrorPage, StoreOpening, fill_recent_menu, remember_store
from ...notice import retranslate_notices
from .shortcuts_dialog import ShortcutsDialog, shortcut_rows

if TYPE_CHECKING:  # built lazily, after the window shows
    from ....core.field.edits import Target
    from ....core.field.store import Changes
    from .case_read_page import CaseReadPage

# The core (pydantic, sqlite-utils, the framework loader) is imported on the worker
# thread while the window is already on screen: that halves the time to first window.

log = logging.getLogger("hmip.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(ExchangeActions, StoreOpening, QMainWindow):
    #: Emitted (on the GUI thread) when a case read has been loaded into the form.
    case_opened = Signal(int)
    #: Emitted when the store and inspection are loaded and the case list is filled.
    inspection_loaded = Signal(str)
    #: Emitted after each autosave returns (True) or fails (False).
    save_finished = Signal(bool)

    def __init__(self, store_path: Path, settings: QSettings, translations: Translations | None = None,
                 on_load_failed: Callable[[BaseException], object] | None = None):
        """``on_load_failed``: called with the error when the store cannot be opened, instead
        of the modal message box (the self-test, which nobody is there to click through)."""
        super().__init__()
        self.setObjectName("main_window")
        self.store_path = Path(store_path)
        self.settings = settings
        self.translations = translations or Translations()
        self.on_load_failed = on_load_failed
        self.ops = Ops(self)
        self.store = None  # a FieldStore, used only on the worker thread
        self.inspection_id: str | None = None
        self.fw = None
        self.page: CaseReadPage | None = None
        #: The open store may not be written (opened read-only): nothing can be edited.
        self.read_only = False
        self.lock = None  # the open store's StoreLock
        self.error_page: OpenErrorPage | None = None
        self.evidence_page = None  # made when first shown (evidence_page.EvidencePage)
        #: Saves that failed and will be sent again with the next change: (read, target) -> value.
        self.unsaved: dict[tuple[int, Target], object] = {}
        self._latest: dict[tuple[int, Target], int] = {}
        self._sent = 0

        self.stack = QStackedWidget(self)
        self.list_page = CaseListPage(self)
        self.list_page.open_requested.connect(self.open_read)
        self.ops.changes_applied.connect(self.list_page.apply_changes)
        self.stack.addWidget(self.list_page)
        self.setCentralWidget(self.stack)
        self.saving_label = QLabel(self)
        self.saving_label.setObjectName("saving_label")
        self.statusBar().addPermanentWidget(self.saving_label)
        self.ops.busy_changed.connect(self._busy_changed)
        self._build_actions()
        self.set_language(str(settings.value("language", "en")))
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)

    # -- actions and menus ----------------------------------------------------------

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_undo = add_action(self, "undo", K.Undo, self.undo)
        self.act_redo = add_action(self, "redo", QKeySequence("Ctrl+Shift+Z"), self.redo, QKeySequence("Ctrl+Y"))
        self.act_list = add_action(self, "case_list", QKeySequence("Ctrl+L"), self.show_list)
        self.act_find = add_action(self, "find", K.Find, self._focus_search)
        self.act_next_q = add_action(self, "next_question", QKeySequence("Ctrl+Down"), lambda: self._page_call("step_question", 1))
        self.act_prev_q = add_action(self, "previous_question", QKeySequence("Ctrl+Up"), lambda: self._page_call("step_question", -1))
        self.act_next_s = add_action(self, "next_standard", QKeySequence("Ctrl+PgDown"), lambda: self._page_call("step_standard", 1))
        self.act_prev_s = add_action(self, "previous_standard", QKeySequence("Ctrl+PgUp"), lambda: self._page_call("step_standard", -1))
        self.act_next_case = add_action(self, "next_case", QKeySequence("Alt+Right"), lambda: self.step_case(1))
        self.act_prev_case = add_action(self, "previous_case", QKeySequence("Alt+Left"), lambda: self.step_case(-1))
        self.act_evidence = add_action(self, "evidence", QKeySequence("Ctrl+J"), self.show_evidence)
        self.act_complete = add_action(self, "mark_complete", QKeySequence("Ctrl+Return"), self.complete_or_reopen, QKeySequence("Ctrl+Enter"))
        self.act_quit = add_action(self, "quit", K.Quit, self.close)
        self.act_check = add_action(self, "check_audit", None, self.check_audit)
        self.act_export = add_action(self, "export_bundle", QKeySequence("Ctrl+E"), self.export_bundle)
        self.act_receipt = add_action(self, "import_receipt", None, self.import_receipt)
        self.act_open = add_action(self, "open_store", K.Open, self.open_dialog)
        self.act_pack = add_action(self, "import_pack", None, self.import_pack)
        self.act_shortcuts = add_action(self, "shortcuts", QKeySequence("F1"), self._show_shortcuts)
        self.lang_group, self.lang_actions = language_actions(self, self.set_language)
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_open)
        self.menu_recent = QMenu(self.menu_file)
        self.menu_recent.setObjectName("recent_menu")
        self.menu_recent.aboutToShow.connect(lambda: fill_recent_menu(self.menu_recent, self.settings, self.open_store))
        fill_recent_menu(self.menu_recent, self.settings, self.open_store)
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addSeparator()
        self.sync_panel = SyncPanel(self)
        self.menu_file.addActions([self.act_pack, self.act_export, self.act_receipt, self.act_check])
        self.menu_file.addActions([self.sync_panel.act_sync, self.sync_panel.act_outbox, self.sync_panel.act_settings])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addActions([self.act_undo, self.act_redo])
        self.menu_go = bar.addMenu("")
        self.menu_go.addActions([self.act_list, self.act_find, self.act_next_q, self.act_prev_q, self.act_next_s,
                                 self.act_prev_s, self.act_next_case, self.act_prev_case, self.act_complete, self.act_evidence])
        self.menu_lang = bar.addMenu("")
        self.menu_lang.addActions(list(self.lang_actions.values()))
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_shortcuts)

    def _retranslate(self) -> None:
        name = fmt(_tr("read-only: %1"), self.store_path.name) if self.read_only else self.store_path.name
        self.setWindowTitle(_tr("hmip-desktop: case reading") + f" — {name}")
        self.menu_file.setTitle(_tr("&File"))
        self.menu_recent.setTitle(_tr("Open &recent"))
        self.sync_panel.retranslate()
        if self.error_page is not None:
            self.error_page.retranslate()
        self.menu_edit.setTitle(_tr("&Edit"))
        self.menu_go.setTitle(_tr("&Go"))
        self.menu_lang.setTitle(_tr("&Language"))
        self.menu_help.setTitle(_tr("&Help"))
        texts = {
            self.act_undo: _tr("&Undo"), self.act_redo: _tr("&Redo"), self.act_list: _tr("&Case list"),
            self.act_find: _tr("&Find case"), self.act_next_q: _tr("Next &question"),
            self.act_prev_q: _tr("&Previous question"), self.act_next_s: _tr("Next &standard"),
            self.act_prev_s: _tr("P&revious standard"), self.act_next_case: _tr("&Next case"),
            self.act_prev_case: _tr("Pre&vious case"), self.act_complete: _tr("&Mark complete or reopen"),
            self.act_quit: _tr("&Quit"), self.act_shortcuts: _tr("&Keyboard shortcuts"),
            self.act_check: _tr("&Check audit trail…"), self.act_export: _tr("&Export bundle…"),
            self.act_receipt: _tr("Import &receipt…"), self.act_open: _tr("&Open field store…"),
            self.act_pack: _tr("Import inspection &pack…"), self.act_evidence: _tr("&Judgements on evidence"),
        }
        for action, text in texts.items():
            action.setText(text)
        self._busy_changed(self.ops.pending)

    def set_language(self, lang: str) -> None:
        self.translations.set_language(lang)
        self.lang = lang
        self.settings.setValue("language", lang)
        self.lang_actions[lang].setChecked(True)
        self._retranslate()
        self.list_page.set_language(lang)
        if self.page is not None:
            self.page.set_language(lang)
        if self.evidence_page is not None:
            self.evidence_page.set_language(lang)
        retranslate_notices(self)
        shown = getattr(self, "shortcuts_dialog", None)
        if shown is not None and shown.isVisible():  # said again, in the new language, where it was
            where = shown.pos()
            shown.close()
            self._show_shortcuts().move(where)

    # -- opening ---------------------------------------------------------------------

    def load(self) -> None:
        """Open the store and its inspection on the worker thread, then fill the list."""
        self._open(self.store_path, create=True)

    def _loaded(self, result) -> None:
        path, lock, store, inspection, self.fw, rows = result
        if store is not self.store:
            self._close_store()
            self.store, self.lock = store, lock
        self.store_path = path
        self.read_only = store.read_only
        self.inspection_id = inspection["id"]
        remember_store(self.settings, path)
        self.list_page.set_inspection(inspection["title"], rows, self.fw)
        from .case_read_page import CaseReadPage

        if self.page is not None:  # another store (or the same after a pack import): a new form
            self.ops.changes_applied.disconnect(self.page.apply_changes)
            self.ops.changes_applied.disconnect(self._changes_applied)
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
            gc.unfreeze()  # the old form's objects may be collected again
        self.page = CaseReadPage(self.fw, self)
        self.page.set_language(self.lang)
        self.page.edit_requested.connect(self.save)
        self.page.complete_requested.connect(self.complete_or_reopen)
        self.page.reopen_requested.connect(self.complete_or_reopen)
        self.page.back_requested.connect(self.show_list)
        self.ops.changes_applied.connect(self.page.apply_changes)
        self.ops.changes_applied.connect(self._changes_applied)  # after the page's: it may open another read
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.list_page)
        if self.evidence_page is not None:  # another store: opened afresh when next shown
            self.stack.removeWidget(self.evidence_page)
            self.evidence_page.deleteLater()
            self.evidence_page = None
        for action in (self.act_undo, self.act_redo, self.act_complete, self.act_export, self.act_receipt,
                       self.sync_panel.act_sync):
            action.setEnabled(not self.read_only)
        if not self.read_only:
            self.sync_panel.store_opened()
        self._retranslate()
        if self.read_only:
            self.statusBar().showMessage(fmt(_tr("read-only: %1 (this file may not be written; nothing can be changed)"),
                                             path.name))
        self.inspection_loaded.emit(self.inspection_id)
        # What lives as long as this store is open (the form's widgets, the framework, the
        # list) is set aside from the cyclic collector: otherwise a full collection, which
        # comes round while answers are given, traverses all of it on the GUI thread (the
        # longest block while autosaving, gui_autosave_block_ms).
        gc.freeze()
        last = self.settings.value(self._last_key())
        if last is not None and int(last) in {r["id"] for r in rows}:
            self.open_read(int(last), resume=True)  # after a crash or a close: where the inspector was
        else:
            self.list_page.table.setFocus()

    def _last_key(self) -> str:
        return f"last_case_read/{self.store_path.resolve()}"

    def _may_discard_unsaved(self) -> bool:
        """True if nothing is unsaved, or the inspector agrees to lose it."""
        if not self.unsaved:
            return True
        answer = QMessageBox.warning(
            self, _tr("Changes not saved"),
            fmt(_tr("%1 change(s) could not be saved. Close anyway and lose them?"), len(self.unsaved)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return False
        self.unsaved.clear()
        return True

    def open_read(self, read_id: int, resume: bool = False) -> None:
        """Open a case read at its first missing item; with ``resume``, at what was edited last."""
        if self.store is None or self.page is None:
            return
        self.page.flush()
        store = self.store
        self.ops.run(lambda: (store.read(read_id), store.last_edited(read_id) if resume else None),
                     lambda result: self._show_read(*result))

    def _show_read(self, read, at: Target | None = None) -> None:
        self.page.load(read)
        if self.read_only:  # nothing can be saved: nothing can be typed
            self.page.profile.set_read_only(True)
            for widget in self.page.key_widgets:
                widget.set_read_only(True)
            self.page.complete_button.setVisible(False)
        self.stack.setCurrentWidget(self.page)
        self.list_page.select_read(read.id)
        self.settings.setValue(self._last_key(), read.id)
        self.settings.sync()  # written now, so a crash still reopens on this case
        if read.status == "complete":
            self.page.complete_button.setFocus()
        elif at is None or not self.page.go_to_target(at):
            self.page.go_to_first_missing()
        self.case_opened.emit(read.id)

    def show_evidence(self) -> None:
        """The inspection's judgements on evidence (evidence_page.py)."""
        if self.store is None or self.fw is None:
            return
        if self.evidence_page is None:
            from .evidence_page import EvidencePage

            self.evidence_page = EvidencePage(self.ops, self)
            self.evidence_page.back_requested.connect(self.show_list)
            self.stack.addWidget(self.evidence_page)
        self.evidence_page.open(self.store, self.inspection_id, self.fw, self.lang, self.read_only)
        self.stack.setCurrentWidget(self.evidence_page)

    def show_list(self) -> None:
        if self.page is not None:
            self.page.flush()
        self.stack.setCurrentWidget(self.list_page)
        self.settings.remove(self._last_key())
        self.list_page.table.setFocus()

    def step_case(self, delta: int) -> None:
        ids = self.list_page.visible_read_ids()
        if not ids:
            return
        current = self.page.read.id if self.page is not None and self.page.read is not None and self.stack.currentWidget() is self.page else None
        index = ids.index(current) + delta if current in ids else 0
        self.open_read(ids[max(0, min(len(ids) - 1, index))])

    # -- saving ----------------------------------------------------------------------

    def save(self, target: Target, value: object) -> None:
        """Autosave one change (called by the form for every edit)."""
        if self.read_only:
            return
        read_id = self.page.read.id
        # Saves that failed earlier go again first (in order), then this one.
        for (rid, tgt), val in list(self.unsaved.items()):
            if (rid, tgt) != (read_id, target):
                self._send(rid, tgt, val)
        self.unsaved.pop((read_id, target), None)
        self._send(read_id, target, value)

    def _send(self, read_id: int, target: Target, value: object) -> None:
        store = self.store
        self._sent += 1
        ticket = self._latest[(read_id, target)] = self._sent
        self.ops.write(
            lambda: store.set(read_id, target, value),
            lambda changes: self._saved(read_id, target, value),
            lambda error: self._save_failed(read_id, target, value, ticket, error),
        )

    def _saved(self, read_id: int, target: Target, value: object) -> None:
        if self.unsaved.get((read_id, target), object()) == value:
            del self.unsaved[(read_id, target)]
        self._busy_changed(self.ops.pending)
        self.save_finished.emit(True)

    def _save_failed(self, read_id: int, target: Target, value: object, ticket: int, error: BaseException) -> None:
        from ....core.field.store import ReadLocked
        from ....core.field.values import InvalidValue

        log.warning("save failed for case read %s, %s: %s", read_id, target.kind, type(error).__name__)
        newest = self._latest.get((read_id, target)) == ticket
        if newest and not isinstance(error, (InvalidValue, ReadLocked, KeyError)):
            # Worth trying again (a full disk, a locked file): keep it and resend with the next change.
            self.unsaved[(read_id, target)] = value
        if self.page is not None:
            self.page.show_save_error(error)
        self._busy_changed(self.ops.pending)
        self.save_finished.emit(False)

    def _busy_changed(self, pending: int) -> None:
        if self.read_only or self.store is None:
            self.saving_label.setText(_tr("Read-only: nothing can be changed") if self.read_only else "")
            return
        self.saving_label.setText(_tr("Saving…") if pending else (_tr("Changes not saved") if self.unsaved else _tr("All changes saved")))

    # -- undo, completion -------------------------------------------------------------

    def _page_call(self, name: str, *args) -> None:
        if self.page is not None and self.stack.currentWidget() is self.page:
            getattr(self.page, name)(*args)

    def _changes_applied(self, changes: Changes) -> None:
        """Connected to ``ops.changes_applied``: the saved display; undo and redo show what they changed."""
        if changes.action in ("undo", "redo"):
            if self.stack.currentWidget() is not self.page or self.page.read is None or self.page.read.id != changes.case_read_id:
                self._show_read(changes.read)
            if changes.targets:
                self.page.go_to_target(changes.targets[0])
        if self.page.read is not None and self.page.read.id == changes.case_read_id and not self.unsaved:
            self.page.show_saved(time_text(changes.saved_at, seconds=True))

    def _nothing_to_undo(self, changes: Changes | None) -> None:
        if changes is None:
            self.statusBar().showMessage(_tr("Nothing to undo or redo"), 3000)

    def undo(self) -> None:
        if self.store is None:
            return
        if self.page is not None:
            self.page.flush()
        store = self.store
        self.ops.write(store.undo, self._nothing_to_undo, self._undo_failed)

    def redo(self) -> None:
        if self.store is None:
            return
        store = self.store
        self.ops.write(store.redo, self._nothing_to_undo, self._undo_failed)

    def _undo_failed(self, error: BaseException) -> None:
        self.statusBar().showMessage(error_text(error), 15000)

    def complete_or_reopen(self) -> None:
        if self.read_only or self.page is None or self.page.read is None or self.stack.currentWidget() is not self.page:
            return
        self.page.flush()
        store, read_id = self.store, self.page.read.id
        if self.page.read.status == "complete":
            if self.confirm_reopen():
                self.ops.write(lambda: store.reopen(read_id))
        else:
            self.ops.write(lambda: store.complete(read_id), self._completion, changes_of=lambda result: result.changes)

    def confirm_reopen(self) -> bool:
        """Ask before a complete read is reopened (No is the default, Escape answers No)."""
        box = QMessageBox(QMessageBox.Icon.Question, _tr("Reopen case read"),
                          fmt(_tr("Case %1 is marked complete. Reopen it for changes?"), self.page.read.case_id),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("reopen_question")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _completion(self, result) -> None:
        self.page.show_missing([] if result.completed else result.missing)

    # -- long work ----------------------------------------------------------------------

    def check_audit(self):
        """Recompute the audit trail's hash chain, with progress; safe to cancel (read only)."""
        if self.store is None:
            return None
        from ....core.field import audit

        store = self.store
        return run_with_progress(
            self.ops, self, _tr("Checking the audit trail…"),
            lambda progress: audit.verify(store.db, progress.update, progress.cancelled),
            self._audit_checked, self._audit_failed,
        )

    def _audit_checked(self, report) -> None:
        if report.ok:
            text = fmt(_tr("Audit trail intact: %1 events."), report.events)
        else:
            text = fmt(_tr("Audit trail broken at event %1."), report.bad_seq)
        self.statusBar().showMessage(text, 10000)

    def _audit_failed(self, error: BaseException) -> None:
        from ....core.field.audit import Cancelled

        self.statusBar().showMessage(_tr("Audit check cancelled.") if isinstance(error, Cancelled) else error_text(error), 10000)

    # -- shortcuts help, closing -------------------------------------------------------

    def _focus_search(self) -> None:
        self.show_list()
        self.list_page.search.setFocus()
        self.list_page.search.selectAll()

    def _show_shortcuts(self) -> ShortcutsDialog:
        """Every shortcut of this window (from its actions), then the keys of the form's controls."""
        rows = shortcut_rows(self.actions())
        rows.append((_tr("Answer a judgement"), _tr("Y, N, A or 1–9")))
        rows.append((_tr("Clear an answer"), _tr("Delete")))
        rows.append((_tr("Open the case found"), _tr("Enter in Find case")))
        self.shortcuts_dialog = ShortcutsDialog(self, rows)
        self.shortcuts_dialog.show()
        return self.shortcuts_dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.page is not None:
            self.page.flush()
        self.ops.wait()
        QCoreApplication.processEvents()
        if not self._may_discard_unsaved():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.sync()
        self._close_store()
        self.ops.shutdown()
        gc.unfreeze()
        super().closeEvent(event)
