"""The central store's case reads of one inspection: a thin table model over the plain
rows of ``core.central.queries.dashboard()["reads"]``, and a proxy that filters them (what to show,
and a search over case reference and reader)."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from ..text import fmt, outcome_text, qa_text, status_text
from .rows import PlainRowsModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

#: The filter choices of the case reads table (ids; their labels are in ``filter_labels``).
FILTERS = ("all", "to_moderate", "qa", "rereview", "conflict", "complete", "incomplete")

FLAG_COLOUR = QColor("#aa2a16")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CentralReadsModel", text)


def filter_labels() -> dict[str, str]:
    return {"all": _tr("All case reads"), "to_moderate": _tr("QA still to finish"), "qa": _tr("Selected for QA"),
            "rereview": _tr("Needs re-review"), "conflict": _tr("In conflict"), "complete": _tr("Complete"),
            "incomplete": _tr("Not complete")}


def matches(row: dict, what: str) -> bool:
    """Whether a read row is shown under the filter ``what`` (one of FILTERS)."""
    if what == "to_moderate":
        return row["qa"] is not None and (row["outcome"] is None or row["needs_rereview"])
    if what == "qa":
        return row["qa"] is not None
    if what == "rereview":
        return bool(row["needs_rereview"])
    if what == "conflict":
        return row["conflicts"] > 0
    if what == "complete":
        return row["status"] == "complete"
    if what == "incomplete":
        return row["status"] != "complete"
    return True


class CentralReadsModel(PlainRowsModel):
    COLUMNS = ("case", "reader", "status", "qa", "moderated", "rereview", "conflict")

    def column_keys(self):
        return self.COLUMNS

    def header(self, section: int) -> str:
        return [_tr("Case"), _tr("Reader"), _tr("Status"), _tr("QA"), _tr("Moderation"), _tr("Re-review"),
                _tr("Conflict")][section]

    def text(self, row: dict, column: str) -> str:
        if column == "case":
            return row["case_id"]
        if column == "reader":
            return row["reader_name"]
        if column == "status":
            return status_text(row["status"])
        if column == "qa":
            return qa_text(row["qa"])
        if column == "moderated":
            if row["outcome"]:
                return outcome_text(row["outcome"])
            return fmt(_tr("%1 judgement(s)"), row["moderated"]) if row["moderated"] else ""
        if column == "rereview":
            return _tr("Needs re-review") if row["needs_rereview"] else ""
        if column == "conflict":
            return _tr("In conflict") if row["conflicts"] else ""
        return ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == SORT_ROLE:
            return {"moderated": (row["outcome"] or "", row["moderated"]), "rereview": int(row["needs_rereview"]),
                    "conflict": row["conflicts"], "qa": row["qa"] or ""}.get(column, self.text(row, column))
        if role == Qt.ItemDataRole.ForegroundRole and column in ("rereview", "conflict"):
            return FLAG_COLOUR
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [self.text(row, c) for c in self.COLUMNS]
            return ", ".join(p for p in parts if p)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CentralReadsFilter(QSortFilterProxyModel):
    """Shows the reads matching a filter (one of FILTERS) and a search text (case
    reference or reader, case-insensitive)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._what = "all"
        self._search = ""
        self.setSortRole(SORT_ROLE)

    def _refilter(self, name: str, value: object) -> None:
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_filter(self, what: str) -> None:
        if what not in FILTERS:
            raise ValueError(f"unknown filter '{what}'")
        self._refilter("_what", what)

    def set_search(self, text: str) -> None:
        self._refilter("_search", text.strip().lower())

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        if row is None or not matches(row, self._what):
            return False
        s = self._search
        return not s or s in row["case_id"].lower() or s in row["reader_name"].lower() or s in row["reader_id"].lower()
