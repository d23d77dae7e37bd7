"""Which field store the window has open: File → Open…, File → Open recent, and the page
the window shows when no store could be opened (the error, Open…, the recent stores).

The recent stores are a QSettings list (``recent_stores``), newest first, at most
``MAX_RECENT``; stores that no longer exist are pruned whenever the list is read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from ...notice import notice
from ...text import error_text
from ...text import fmt

MAX_RECENT = 8
log = logging.getLogger("hmip.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("StoreMenu", text)


def recent_stores(settings: QSettings) -> list[Path]:
    """The remembered stores that still exist, newest first (the list is pruned)."""
    raw = settings.value("recent_stores", []) or []
    paths = [Path(p) for p in ([raw] if isinstance(raw, str) else raw)]
    kept = [p for p in paths if p.is_file()][:MAX_RECENT]
    if len(kept) != len(paths):
        settings.setValue("recent_stores", [str(p) for p in kept])
    return kept


def remember_store(settings: QSettings, path: Path) -> None:
    path = Path(path).resolve()
    kept = [p for p in recent_stores(settings) if p.resolve() != path]
    settings.setValue("recent_stores", [str(p) for p in [path, *kept][:MAX_RECENT]])


def choose_store(parent: QWidget, settings: QSettings) -> Path | None:
    recent = recent_stores(settings)
    start = str(recent[0].parent) if recent else str(Path.home())
    name, _ = QFileDialog.getOpenFileName(parent, _tr("Open a field store"), start,
                                          _tr("Field stores (*.sqlite *.db);;All files (*)"))
    return Path(name) if name else None


def fill_recent_menu(menu: QMenu, settings: QSettings, open_store: Callable[[Path], object]) -> None:
    """(Re)fill File → Open recent: one action per remembered store."""
    menu.clear()
    recent = recent_stores(settings)
    for i, path in enumerate(recent, 1):
        action = menu.addAction(f"&{i} {path.name} — {path.parent}")
        action.triggered.connect(lambda _=False, p=path: open_store(p))
    menu.setEnabled(bool(recent))


class OpenErrorPage(QWidget):
    """What the window shows when no store is open: why, Open…, and the recent stores."""

    def __init__(self, open_dialog: Callable[[], object], open_store: Callable[[Path], object], parent=None):
        super().__init__(parent)
        self.setObjectName("open_error_page")
        self._open_store = open_store
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel(self)
        self.heading.setObjectName("side_heading")
        self.message = QLabel(self)
        self.message.setObjectName("open_error")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(480)
        self.message.setMaximumWidth(720)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("open_store_button")
        self.open_button.clicked.connect(open_dialog)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.open_button)
        self.recent_buttons: list[QPushButton] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_tr("No field store is open"))
        self.open_button.setText(_tr("&Open a field store…"))

    def show_error(self, text: str, recent: list[Path]) -> None:
        self.message.setText(text)
        for button in self.recent_buttons:
            button.deleteLater()
        self.recent_buttons = []
        for path in recent:
            button = QPushButton(path.name, self)
            button.setToolTip(str(path))
            button.setAccessibleName(_tr("Open recent store") + f" {path.name}")
            button.clicked.connect(lambda _=False, p=path: self._open_store(p))
            self.layout().addWidget(button)
            self.recent_buttons.append(button)


class StoreOpening:
    """Mixed into MainWindow (which provides ops, store, store_path, settings, stack, page,
    on_load_failed, error_page, lock, _loaded and _may_discard_unsaved): opening a store."""

    def open_dialog(self) -> None:
        """File → Open…: choose a field store and open it."""
        path = choose_store(self, self.settings)
        if path is not None:
            self.open_store(path)

    def open_store(self, path: Path, force: bool = False) -> None:
        """Open another field store (the one open stays open if this one cannot be);
        ``force``: open it again even if it is the one open (after a pack import)."""
        path = Path(path)
        if self.store is not None and path.resolve() == self.store_path.resolve() and not force:
            return
        if self.store is not None and not self._may_discard_unsaved():
            return
        if self.page is not None:
            self.page.flush()
        self._open(path, create=False, same=self.store is not None and path.resolve() == self.store_path.resolve())

    def _open(self, path: Path, create: bool, same: bool = False) -> None:
        """Lock and open the store at ``path`` on the worker (``same``: it is the open one,
        already locked and open: only read it again)."""
        current = self.store if same else None

        def work():
            from ....core.field.lock import StoreLock
            from ....core.field.store import FieldStore

            lock = None
            if current is None:
                from ....core.field.db import is_read_only

                if not (path.exists() and is_read_only(path)):
                    lock = StoreLock.acquire(path)  # a read-only store is never written: no lock needed
            try:
                store = current or FieldStore.open(path, create=create)
                try:
                    inspections = store.inspections()
                    if not inspections:
                        raise ValueError(f"{path}: holds no inspection yet")
                    inspection = inspections[0]
                    fw = store.framework(inspection["id"])
                    return path, lock, store, inspection, fw, store.case_reads(inspection["id"])
                except BaseException:
                    if current is None:
                        store.close()
                    raise
            except BaseException:
                if lock is not None:
                    lock.release()
                raise

        self.ops.run(work, self._loaded, lambda error: self._fatal(error, path))

    def _fatal(self, error: BaseException, path: Path | None = None) -> None:
        from ....core.field.db import store_error

        error = store_error(path or self.store_path, error)
        log.warning("cannot open the field store: %s", getattr(error, "reason", None) or type(error).__name__)
        if self.store is not None:  # File → Open: the store already open stays open
            notice(self, _tr("Cannot open the field store"), error_text(error), "open_error")
            return
        if self.on_load_failed is not None:
            self.on_load_failed(error)
            return
        if self.error_page is None:
            self.error_page = OpenErrorPage(self.open_dialog, self.open_store, self.stack)
            self.stack.addWidget(self.error_page)
        self.error_page.show_error(fmt(_tr("Cannot open the field store: %1"), error_text(error)),
                                   recent_stores(self.settings))
        self.stack.setCurrentWidget(self.error_page)
        self.error_page.open_button.setFocus()

    def _close_store(self) -> None:
        """Close the open store (on the worker) and release its lock."""
        if self.store is not None:
            store, lock = self.store, self.lock
            self.store, self.lock = None, None
            self.ops.run(store.close)
            if lock is not None:
                self.ops.run(lock.release)
