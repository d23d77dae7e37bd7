"""The versions of a case read in conflict, side by side, read-only (central mode).

:func:`conflict_rows` lists every profile field and question that either version
answered, with both versions' values and evidence and whether they differ (marked ≠);
:class:`ConflictView` shows them. Both versions are kept: nothing here chooses one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.frameworks import Framework
from ...core.frameworks.model import KeyQuestion
from ..models.central_tables import Column, RowsModel
from .central_question import _plain_label, local_time, value_text


def _tr(text: str) -> str:
    # The same context as central_moderation: these strings were translated there.
    return QCoreApplication.translate("CentralModeration", text)


def conflict_rows(fw: Framework, current: dict, other: dict, lang: str) -> list[dict]:
    """Rows for the side-by-side view: every profile field and question that either
    version answered, with both versions' values and evidence, and whether they differ."""
    rows = []
    for f in fw.case_profile:
        a, b = current["profile"].get(f.id), other["profile"].get(f.id)
        if a is None and b is None:
            continue

        def label(v, f=f):
            if v is None:
                return ""
            if f.scale:
                for option in fw.scale(f.scale).options:
                    if option.id == v:
                        return option.label.get(lang)
            return str(v)

        rows.append({"item": f.label.get(lang), "current": label(a), "other": label(b), "differs": a != b})
    for q in fw.questions():
        a, b = current["answers"].get(q.id), other["answers"].get(q.id)
        if a is None and b is None:
            continue

        def text(answer, q=q):
            if answer is None:
                return _tr("Not answered")
            note = answer.get("note") or ""
            value = value_text(fw, q, answer.get("value"), lang)
            return f"{value} — {note}" if note else value

        item = q.text.get(lang) if isinstance(q, KeyQuestion) else f"↳ {q.text.get(lang)}"  # a prompt
        rows.append({"item": item, "current": text(a), "other": text(b), "differs": a != b})
    return rows


def conflict_columns() -> list[Column]:
    return [
        Column("item", lambda: _tr("Question or profile field"), lambda r: ("≠ " if r["differs"] else "") + r["item"]),
        Column("current", lambda: _tr("Current version"), lambda r: r["current"]),
        Column("other", lambda: _tr("Conflicting version"), lambda r: r["other"]),
    ]


class ConflictView(QWidget):
    """The current version and a conflicting one, side by side, read-only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = _plain_label(self, "conflict_intro")
        layout.addWidget(self.intro)
        self.model = RowsModel(conflict_columns(), self)
        self.table = QTableView(self)
        self.table.setObjectName("conflict_table")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        # Rows grow with their wrapped text, also when the columns are resized.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.next_step = _plain_label(self, "hint_label")
        layout.addWidget(self.next_step)
        self._shown = None

    def show_versions(self, fw: Framework, current: dict, other: dict | None, lang: str) -> None:
        self._shown = (fw, current, other)
        self.table.setAccessibleName(_tr("Versions in conflict"))
        if other is None:
            self.intro.setText(_tr("This case read has no versions in conflict."))
            self.model.set_rows([])
            self.next_step.setText("")
            return

        def who(v):
            return _tr("%1, device %2, sequence %3, edited %4").replace("%1", v["reader_name"]) \
                .replace("%2", v["device_id"][:8]).replace("%3", str(v["sequence"])).replace("%4", local_time(v["updated_at"]))

        self.intro.setText(_tr("Current version: %1.\nConflicting version: %2.\nRows marked ≠ differ.")
                           .replace("%1", who(current)).replace("%2", who(other)))
        self.model.set_rows(conflict_rows(fw, current, other, lang))
        self.next_step.setText(_tr("Both versions are kept. Choosing one here is not available yet: ask the reader "
                                   "to bring their read up to date and send a new bundle, which becomes current."))
