"""The case list: the inspection's progress at a glance, filters, search and the table."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ....core.words import STATUS
from ...models.case_list import ROW_ROLE, CaseFilterProxy, CaseListModel
from ...text import fmt, status_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseListPage", text)


class CaseListPage(QWidget):
    open_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = CaseListModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("inspection_title")
        layout.addWidget(self.title)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("inspection_progress")
        self.progress.setTextVisible(True)
        self.counts = QLabel(self)
        self.counts.setObjectName("inspection_counts")
        progress_row.addWidget(self.progress, 2)
        progress_row.addWidget(self.counts, 3)
        layout.addLayout(progress_row)

        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("case_search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._open_found)
        self.search.installEventFilter(self)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("status_filter")
        self.status_filter.currentIndexChanged.connect(lambda _: self.proxy.set_status(self.status_filter.currentData()))
        self.reader_filter = QComboBox(self)
        self.reader_filter.setObjectName("reader_filter")
        for combo in (self.status_filter, self.reader_filter):  # re-fitted when the language changes
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reader_filter.currentIndexChanged.connect(lambda _: self.proxy.set_reader(self.reader_filter.currentData()))
        self.search_label, self.status_label, self.reader_label = QLabel(self), QLabel(self), QLabel(self)
        for label, widget in ((self.search_label, self.search), (self.status_label, self.status_filter), (self.reader_label, self.reader_filter)):
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.search else 0)
        layout.addLayout(filters)

        self.table = QTableView(self)
        self.table.setObjectName("case_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Sized to contents once per load, not on every change: ResizeToContents would
        # re-measure every row after each autosave.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        self._readers: list[tuple[str, str]] = []
        self._loaded = False  # until the store answers, no counts (not "0 complete · 0 …")
        self.set_language("en")

    def set_language(self, lang: str) -> None:
        self.model.set_language(lang)
        self.search_label.setText(_tr("&Find case"))
        self.search.setPlaceholderText(_tr("Case reference"))
        self.search.setAccessibleName(_tr("Find case by reference"))
        self.status_label.setText(_tr("&Status"))
        self.reader_label.setText(_tr("&Reader"))
        self.status_filter.setAccessibleName(_tr("Filter by status"))
        self.reader_filter.setAccessibleName(_tr("Filter by reader"))
        self.table.setAccessibleName(_tr("Case reads"))
        self._fill_filters()
        self._refresh_progress()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Size the columns to their contents in the language shown (once per load or switch)."""
        if self.model.rowCount():
            self.table.resizeColumnsToContents()

    def _fill_filters(self) -> None:
        status = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(_tr("All"), None)
        for key in STATUS:
            self.status_filter.addItem(status_text(key), key)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(status)))
        self.status_filter.blockSignals(False)
        reader = self.reader_filter.currentData()
        self.reader_filter.blockSignals(True)
        self.reader_filter.clear()
        self.reader_filter.addItem(_tr("Everyone"), None)
        for reader_id, name in self._readers:
            self.reader_filter.addItem(name, reader_id)
        self.reader_filter.setCurrentIndex(max(0, self.reader_filter.findData(reader)))
        self.reader_filter.blockSignals(False)

    def set_inspection(self, title: str, rows: list[dict], fw) -> None:
        self._loaded = True
        self.title.setText(title)
        self.model.set_rows(rows, fw)
        readers = {r["reader_id"]: r["reader_name"] for r in rows}
        self._readers = sorted(readers.items(), key=lambda kv: kv[1])
        self._fill_filters()
        self._refresh_progress()
        self.fit_columns()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def apply_changes(self, changes) -> None:
        """Connected to the ops layer's ``changes_applied``: the row and the inspection's progress."""
        self.model.apply_changes(changes)
        self._refresh_progress()

    def _refresh_progress(self) -> None:
        self.progress.setAccessibleName(_tr("Inspection progress"))
        if not self._loaded:
            self.progress.setRange(0, 0)  # busy, not "0 of 0"
            self.counts.setText(_tr("Loading…"))
            return
        rows = self.model.rows()
        states = Counter(r["status"] for r in rows)
        total = len(rows)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(states["complete"])
        self.progress.setFormat(_tr("%v of %m case reads complete"))
        self.counts.setText(
            fmt(_tr("%1 complete · %2 in progress · %3 not started"),
                states["complete"], states["in_progress"], states["not_started"])
        )

    # -- find case: Enter opens what was found, Down goes into the list -----------------

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        if self.proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)  # what Enter opens

    def _open_found(self) -> None:
        """Enter in Find case: the only match, or the selected row among several."""
        if self.proxy.rowCount() == 1:
            self._activated(self.proxy.index(0, 0))
            return
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self._activated(selected[0])

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.proxy.rowCount()):
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.open_requested.emit(row["id"])

    def visible_read_ids(self) -> list[int]:
        """Case read ids in the order the table shows them (for next/previous case)."""
        return [self.proxy.index(i, 0).data(ROW_ROLE)["id"] for i in range(self.proxy.rowCount())]

    def select_read(self, read_id: int) -> None:
        for i in range(self.proxy.rowCount()):
            if self.proxy.index(i, 0).data(ROW_ROLE)["id"] == read_id:
                self.table.selectRow(i)
                return
