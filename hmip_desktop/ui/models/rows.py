"""The common part of the table models: a thin, read-only adapter over plain dict rows.

Subclasses say what their columns are (``column_keys``), how a header reads
(``header``) and what a cell shows (``data``); the rows come from the core as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class PlainRowsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def column_keys(self) -> Sequence:  # pragma: no cover - overridden
        raise NotImplementedError

    def header(self, section: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[dict]:
        return list(self._rows)

    def retranslate(self) -> None:
        """Headers and cells are worded per language: tell the views to read them again."""
        last = len(self.column_keys()) - 1
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, last))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.column_keys())

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.column_keys()):
            return None
        return self.header(section)
