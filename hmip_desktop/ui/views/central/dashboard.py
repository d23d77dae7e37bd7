"""The dashboard of one inspection (central mode): what has arrived from whom,
completion, QA coverage, conflicts and re-reviews waiting; the readers' consistency;
the case reads (filterable) with the QA actions; and the results of the last import.

The page asks, the window does: it emits ``import_requested``, ``sample_requested``,
``add_requested`` and ``open_requested`` and is refreshed with ``set_summary``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.central_reads import FILTERS, CentralReadsFilter, CentralReadsModel, filter_labels
from ...models.central_reads import ROW_ROLE as READ_ROW
from ...models.central_tables import RowsModel, reader_columns
from ...text import date_time_text, fmt


def _tr(text: str) -> str:
    return QCoreApplication.translate("CentralDashboard", text)


#: Local additions to resources/style.qss (same palette: WCAG 2.2 AA on white).
STYLE = """
QFrame#count_tile { background: #ffffff; border: 1px solid #b1b4b6; border-radius: 4px; }
QFrame#count_tile[flagged="true"] { border: 3px solid #aa2a16; }
QLabel#count_value { font-size: 20pt; font-weight: 600; }
QLabel#count_name { color: #505a5f; }
QLabel#arrivals_label { color: #0b0c0c; padding: 4px 0; }
QListWidget#import_results { border: 2px solid #505a5f; background: #ffffff; }
"""


#: The figures shown at the top, in order: key → label.
def count_labels() -> dict[str, str]:
    return {"reads": _tr("Case reads arrived"), "complete": _tr("Complete"), "qa_selected": _tr("Selected for QA"),
            "qa_moderated": _tr("QA finished"), "conflicts": _tr("Conflicts"), "rereviews": _tr("Re-reviews waiting")}


class DashboardPage(QWidget):
    import_requested = Signal()
    sample_requested = Signal(int)
    add_requested = Signal(str)
    open_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary: dict | None = None
        self.inspection: dict | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)

        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("inspection_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("status_label")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_bundles")
        self.import_button.clicked.connect(self.import_requested)
        top.addWidget(self.title)
        top.addWidget(self.state_label)
        top.addStretch(1)
        top.addWidget(self.import_button)
        outer.addLayout(top)

        self.error_banner = QLabel(self)
        self.error_banner.setObjectName("error_banner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setVisible(False)
        outer.addWidget(self.error_banner)

        # The figures: one tile per count, each read as "label: value" by a screen reader.
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(10)
        self.count_values: dict[str, QLabel] = {}
        self.count_names: dict[str, QLabel] = {}
        for column, key in enumerate(count_labels()):
            tile = QFrame(self)
            tile.setObjectName("count_tile")
            tile_layout = QVBoxLayout(tile)
            tile_layout.setContentsMargins(10, 6, 10, 6)
            value = QLabel("–", tile)
            value.setObjectName("count_value")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft)
            name = QLabel(tile)
            name.setObjectName("count_name")
            name.setWordWrap(True)
            tile_layout.addWidget(value)
            tile_layout.addWidget(name)
            tiles.addWidget(tile, 0, column)
            self.count_values[key], self.count_names[key] = value, name
        outer.addLayout(tiles)
        self.arrivals = QLabel(self)
        self.arrivals.setObjectName("arrivals_label")
        self.arrivals.setWordWrap(True)
        self.arrivals.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.arrivals)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.readers_model = RowsModel(reader_columns(), self, narrow_headers=True)
        self.readers = QTableView(splitter)
        self.readers.setObjectName("readers_table")
        self.readers.setModel(self.readers_model)
        self._table_habits(self.readers)
        # Every column as wide as its figures and its header's longer line (headers on two
        # lines), the last one stretched: eight columns fit 1280 px in English and Welsh.
        self.readers.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        reads_box = QWidget(splitter)
        reads_layout = QVBoxLayout(reads_box)
        reads_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.search = QLineEdit(reads_box)
        self.search.setObjectName("reads_search")
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel(reads_box)
        self.search_label.setBuddy(self.search)
        self.filter = QComboBox(reads_box)
        self.filter.setObjectName("reads_filter")
        # As wide as its longest item in the language shown (re-fitted after a switch).
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_label = QLabel(reads_box)
        self.filter_label.setBuddy(self.filter)
        for key in FILTERS:
            self.filter.addItem("", key)
        self.open_button = QPushButton(reads_box)
        self.open_button.setObjectName("open_read")
        self.open_button.clicked.connect(self._open_selected)
        self.add_button = QPushButton(reads_box)
        self.add_button.setObjectName("add_to_qa")
        self.add_button.clicked.connect(self._add_selected)
        self.seed_label = QLabel(reads_box)
        self.seed = QSpinBox(reads_box)
        self.seed.setObjectName("qa_seed")
        self.seed.setRange(0, 999_999)
        self.seed.setValue(1)
        self.seed_label.setBuddy(self.seed)
        self.sample_button = QPushButton(reads_box)
        self.sample_button.setObjectName("qa_sample")
        self.sample_button.clicked.connect(lambda: self.sample_requested.emit(self.seed.value()))
        # Two rows: finding and acting on one case read; choosing the QA sample of all of them
        # (one row would not fit 1280 px in Welsh with the search box's placeholder whole).
        for w in (self.search_label, self.search, self.filter_label, self.filter):
            tools.addWidget(w)
        tools.addStretch(1)
        for w in (self.open_button, self.add_button):
            tools.addWidget(w)
        sample = QHBoxLayout()
        for w in (self.seed_label, self.seed, self.sample_button):
            sample.addWidget(w)
        sample.addStretch(1)
        reads_layout.addLayout(tools)
        reads_layout.addLayout(sample)

        self.model = CentralReadsModel(self)
        self.proxy = CentralReadsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(reads_box)
        self.table.setObjectName("case_reads_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._table_habits(self.table)
        self.table.activated.connect(lambda index: self.open_requested.emit(index.data(READ_ROW)["case_id"]))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        reads_layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self.proxy.set_search)
        self.filter.currentIndexChanged.connect(lambda _: self.proxy.set_filter(self.filter.currentData()))

        self.results = QListWidget(splitter)
        self.results.setObjectName("import_results")
        self.results.setWordWrap(True)
        self.results.setVisible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        outer.addWidget(splitter, 1)
        self.setStyleSheet(STYLE)
        self.set_language("en")
        self._selection_changed()

    @staticmethod
    def _table_habits(table: QTableView) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    # -- language -------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.import_button.setText(_tr("Import bundles…"))
        self.import_button.setToolTip(_tr("Import bundles from inspectors' laptops (Ctrl+I)"))
        for key, label in count_labels().items():
            self.count_names[key].setText(label)
        self.readers.setAccessibleName(_tr("Readers"))
        self.table.setAccessibleName(_tr("Case reads"))
        self.search_label.setText(_tr("&Search:"))
        self.search.setAccessibleName(_tr("Search case reads by case or reader"))
        self.search.setPlaceholderText(_tr("Case or reader"))
        # Wide enough for the placeholder whole, with the frame and the clear button.
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 40)
        self.filter_label.setText(_tr("Sh&ow:"))
        self.filter.setAccessibleName(_tr("Which case reads to show"))
        for i, label in enumerate(filter_labels().values()):
            self.filter.setItemText(i, label)
        self.open_button.setText(_tr("Moderate"))
        self.open_button.setAccessibleName(_tr("Moderate the selected case read"))
        self.add_button.setText(_tr("Add to QA"))
        self.add_button.setAccessibleName(_tr("Add the selected case read to the QA sample"))
        self.seed_label.setText(_tr("S&eed:"))
        self.seed.setAccessibleName(_tr("Seed of the QA sample"))
        self.seed.setToolTip(_tr("The same seed always chooses the same case reads"))
        self.sample_button.setText(_tr("Choose QA sample"))
        self.sample_button.setAccessibleName(_tr("Choose the QA sample with this seed"))
        self.results.setAccessibleName(_tr("Import results"))
        self.model.retranslate()
        self.readers_model.retranslate()
        if getattr(self, "_import_results", None):
            self.show_import_results(*self._import_results)
        self._show()

    # -- showing ----------------------------------------------------------------------------

    def set_summary(self, inspection: dict, summary: dict) -> None:
        """Show an inspection's summary (``core.central.queries.dashboard``); keeps the selected read."""
        keep = self.selected_case()
        same = self.inspection is not None and self.inspection["id"] == inspection["id"]
        self.inspection, self.summary = inspection, summary
        self.model.set_rows(summary["reads"])
        self.readers_model.set_rows(summary["readers"])
        if not same:  # the import results stay: they are about files, not one inspection
            self.error_banner.setVisible(False)
        if keep is not None:
            self.select_case(keep)
        self._show()
        self._selection_changed()

    def show_empty(self) -> None:
        """A store that holds no inspection yet: only importing makes sense."""
        self.inspection = self.summary = None
        self.model.set_rows([])
        self.readers_model.set_rows([])
        self._show()

    def _show(self) -> None:
        if self.inspection is None or self.summary is None:
            self.title.setText(_tr("No inspection yet: import a bundle"))
            self.state_label.setVisible(False)
            self.arrivals.setText(_tr("No bundles imported yet."))
            for value in self.count_values.values():
                value.setText("–")
            return
        i, s = self.inspection, self.summary
        self.title.setText(i["title"] or i["id"])
        self.state_label.setText(_tr("Signed off") if s["signed_off"] else _tr("Open for moderation"))
        self.state_label.setVisible(True)
        for key, value in s["counts"].items():
            if key in self.count_values:
                self.count_values[key].setText(str(value))
                tile = self.count_values[key].parentWidget()
                tile.setAccessibleName(f"{count_labels()[key]}: {value}")
                flagged = key in ("conflicts", "rereviews") and value > 0
                tile.setProperty("flagged", flagged)
                tile.style().unpolish(tile)
                tile.style().polish(tile)
        counts = s["counts"]
        qa = self.count_values["qa_moderated"]
        qa.setText(f"{counts['qa_moderated']} / {counts['qa_selected']}")
        senders: dict[str, int] = {}
        for b in s["bundles"]:
            senders[b["sender"]] = senders.get(b["sender"], 0) + 1
        if s["bundles"]:
            who = ", ".join(f"{name} ({n})" for name, n in sorted(senders.items()))
            self.arrivals.setText(
                fmt(_tr("%1 bundle(s) from %2; last imported %3. Framework %4 %5."), len(s["bundles"]), who,
                    date_time_text(s["bundles"][-1]["imported_at"]), i["framework_id"], i["framework_version"]))
        else:
            self.arrivals.setText(_tr("No bundles imported yet."))

    def show_error(self, text: str) -> None:
        self.error_banner.setText(text)
        self.error_banner.setVisible(bool(text))

    def show_import_results(self, results: list[dict], describe: Callable[[dict], str] | None = None) -> None:
        """One line per file, refused ones marked; stays until the next import (non-modal).
        ``describe(result)`` says a line again after a language switch (else ``result["text"]``)."""
        self._import_results = (results, describe)
        self.results.clear()
        for r in results:
            item = QListWidgetItem(describe(r) if describe is not None else r["text"])
            if not r["ok"]:
                item.setForeground(QColor("#aa2a16"))
            self.results.addItem(item)
        self.results.setVisible(bool(results))

    # -- selection --------------------------------------------------------------------------

    def selected_case(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = index.data(READ_ROW)
        return row["case_id"] if row else None

    def select_case(self, case_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(READ_ROW)["case_id"] == case_id:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def _selection_changed(self) -> None:
        case = self.selected_case()
        self.open_button.setEnabled(case is not None)
        row = next((r for r in self.model.rows() if r["case_id"] == case), None)
        self.add_button.setEnabled(row is not None and row["qa"] is None)

    def _open_selected(self) -> None:
        case = self.selected_case()
        if case is not None:
            self.open_requested.emit(case)

    def _add_selected(self) -> None:
        case = self.selected_case()
        if case is not None:
            self.add_requested.emit(case)
