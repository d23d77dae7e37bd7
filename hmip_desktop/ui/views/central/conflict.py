"""The versions of a case read in conflict, side by side, read-only (central mode).

:func:`conflict_rows` lists every profile field and question that either version
answered, with both versions' values and evidence and whether they differ (marked ≠);
:class:`ConflictView` shows them, with "Keep this version" for each side and a reason
box (required): it emits ``resolve_requested`` and the window resolves the conflict on its
worker (``moderation.resolve_conflict``). Both versions stay on record either way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ....core.frameworks import Framework
from ....core.frameworks.model import KeyQuestion
from ...models.central_tables import Column, RowsModel
from ...text import date_time_text, fmt
from .question import _plain_label, value_text


def _tr(text: str) -> str:
    # The same context as the moderation module: these strings were translated there.
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
    """The current version and a conflicting one, side by side; the lead keeps one."""

    #: conflict id, the revision id to keep, the reason.
    resolve_requested = Signal(int, str, str)

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
        row = QHBoxLayout()
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("conflict_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(56)
        row.addWidget(self.reason, 1)
        self.keep_buttons: dict[str, QPushButton] = {}
        for side in ("current", "other"):
            button = QPushButton(self)
            button.setObjectName(f"keep_{side}")
            button.clicked.connect(lambda _=False, s=side: self._keep(s))
            row.addWidget(button)
            self.keep_buttons[side] = button
        layout.addLayout(row)
        self.message = _plain_label(self, "missing_message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self._shown = None
        self._locked = False

    def set_locked(self, locked: bool) -> None:
        """A signed-off inspection: nothing can be chosen until it is reopened."""
        self._locked = locked
        self._enable()

    def _enable(self) -> None:
        can = not self._locked and self._shown is not None and self._shown[2] is not None
        for button in self.keep_buttons.values():
            button.setEnabled(can)
        self.reason.setEnabled(can)

    def _keep(self, side: str) -> None:
        if self._shown is None or self._shown[2] is None:
            return
        _, current, other = self._shown
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.set_message(_tr("Write why you keep this version before choosing it."))
            self.reason.setFocus()
            return
        self.set_message("")
        kept = current if side == "current" else other
        self.resolve_requested.emit(int(other["conflict_id"]), kept["revision_id"], reason)

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_versions(self, fw: Framework, current: dict, other: dict | None, lang: str) -> None:
        previous = self._shown[2] if self._shown else None
        self._shown = (fw, current, other)
        if other is None or previous is None or previous.get("conflict_id") != other.get("conflict_id"):
            self.reason.setPlainText("")
            self.set_message("")
        self.table.setAccessibleName(_tr("Versions in conflict"))
        self.reason.setAccessibleName(_tr("Reason for the version kept"))
        self.reason.setPlaceholderText(_tr("Why this version is kept (needed; recorded with the choice)"))
        self.keep_buttons["current"].setText(_tr("Keep this version (current)"))
        self.keep_buttons["other"].setText(_tr("Keep this version (conflicting)"))
        self.keep_buttons["current"].setAccessibleName(_tr("Keep this version: the current one"))
        self.keep_buttons["other"].setAccessibleName(_tr("Keep this version: the conflicting one"))
        self._enable()
        if other is None:
            self.intro.setText(_tr("This case read has no versions in conflict."))
            self.model.set_rows([])
            self.next_step.setText("")
            return

        def who(v):
            return fmt(_tr("%1, device %2, sequence %3, edited %4"), v["reader_name"], v["device_id"][:8],
                       v["sequence"], date_time_text(v["updated_at"]))

        self.intro.setText(fmt(_tr("Current version: %1.\nConflicting version: %2.\nRows marked ≠ differ."),
                               who(current), who(other)))
        self.model.set_rows(conflict_rows(fw, current, other, lang))
        self.next_step.setText(_tr("Write why, then keep one version: it becomes current and the conflict is "
                                   "resolved. Both versions stay on record."))
