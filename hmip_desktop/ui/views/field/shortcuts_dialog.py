"""The keyboard shortcuts of a window, as a two-column table built from its actions.

Built from the window's own actions each time it is shown, so the list cannot drift
from what the keys do: an action with a shortcut is listed under its (translated) menu
text. Keys that belong to one kind of control rather than to an action (answering a
judgement with Y, N, A) are passed in as extra rows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShortcutsDialog", text)


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what it does, its keys) for every action with at least one shortcut, in order;
    alternative keys are joined with " or "."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")
            rows.append((name, _tr(" or ").join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    """A non-modal dialog: the table sizes itself to its content (no cut words in Welsh)."""

    def __init__(self, parent: QWidget, rows: list[tuple[str, str]]):
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(_tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels([_tr("Action"), _tr("Keys")])
        self.table.setAccessibleName(_tr("Keyboard shortcuts"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for r, (name, keys) in enumerate(rows):
            for c, text in enumerate((name, keys)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self._fit()

    def _fit(self) -> None:
        """As wide and tall as the table's content, within the screen."""
        width = self.table.horizontalHeader().length() + 2 * self.table.frameWidth() + 4
        height = self.table.verticalHeader().length() + self.table.horizontalHeader().height() + 2 * self.table.frameWidth() + 4
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            width, height = min(width, screen.width() - 80), min(height, screen.height() - 160)
        self.table.setMinimumSize(width, height)
        self.adjustSize()
