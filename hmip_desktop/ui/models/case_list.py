"""The case list: a thin table model over the plain rows of ``FieldStore.case_reads``,
and a proxy that filters by status and reader and searches by case reference."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from typing import TYPE_CHECKING

from ..text import date_time_text, reallocated_text, status_text

if TYPE_CHECKING:  # pydantic is imported on the worker thread, after the window shows
    from ...core.frameworks import Framework

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("CaseListModel", text)


class CaseListModel(QAbstractTableModel):
    COLUMNS = ("case", "profile", "reader", "status", "percent", "updated")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._fw: "Framework | None" = None
        self._lang = "en"

    # -- feeding it ------------------------------------------------------------------

    def set_rows(self, rows: list[dict], fw: "Framework | None" = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if fw is not None:
            self._fw = fw
        self.endResetModel()

    def apply_changes(self, changes) -> None:
        """Refresh the row of the read a write changed, from the write's ``Changes``."""
        for i, row in enumerate(self._rows):
            if row["id"] == changes.case_read_id:
                done, total = changes.progress
                self._rows[i] = {**row, "status": changes.status, "done": done, "total": total,
                                 "percent": changes.progress.percent, "profile": dict(changes.read.profile),
                                 "updated_at": changes.saved_at}
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                return

    def set_language(self, lang: str) -> None:
        self._lang = lang
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def rows(self) -> list[dict]:
        return list(self._rows)

    # -- the model -------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return [_tr("Case"), _tr("Profile"), _tr("Reader"), _tr("Status"), _tr("Complete"), _tr("Last edited")][section]

    def _option_label(self, field: str, value: object) -> str:
        if self._fw is None or value is None:
            return "" if value is None else str(value)
        try:
            scale = self._fw.scale(self._fw.profile_field(field).scale or "")
        except KeyError:
            return str(value)
        for option in scale.options:
            if option.id == value:
                return option.label.get(self._lang)
        return str(value)

    def profile_summary(self, row: dict) -> str:
        p = row.get("profile", {})
        parts = [self._option_label(f, p.get(f)) for f in ("gender", "age_band", "disposal_type", "risk_level")]
        return " · ".join(x for x in parts if x)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return {"percent": row["percent"], "updated": row["updated_at"] or ""}.get(column, self.data(index))
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "case":
                return row["case_id"]
            if column == "profile":
                return self.profile_summary(row)
            if column == "reader":
                return row["reader_name"]
            if column == "status":
                return reallocated_text() if row.get("reallocated") else status_text(row["status"])
            if column == "percent":
                return f"{row['percent']}%"
            if column == "updated":
                return date_time_text(row["updated_at"]) if row["status"] != "not_started" else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "percent":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row['case_id']}: {self.data(index.siblingAtColumn(3))}, {row['percent']}%"
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters by status and reader id, and searches case references (case-insensitive)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._status: str | None = None
        self._reader: str | None = None
        self._search = ""
        self.setSortRole(SORT_ROLE)

    def _refilter(self, name: str, value: object) -> None:
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str | None) -> None:
        self._refilter("_status", status or None)

    def set_reader(self, reader_id: str | None) -> None:
        self._refilter("_reader", reader_id or None)

    def set_search(self, text: str) -> None:
        self._refilter("_search", text.strip().lower())

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        if row is None:
            return False
        if self._status and row["status"] != self._status:
            return False
        if self._reader and row["reader_id"] != self._reader:
            return False
        return not self._search or self._search in row["case_id"].lower()
