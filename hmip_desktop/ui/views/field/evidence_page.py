"""Judgements on evidence on the laptop (Go → Judgements on evidence): the inspection's
standards judged once per inspection in a list; for the one chosen, a form with the
team's judgement of each key question (on the standard's scale, with a summary of the
evidence) and, where the standard has a band of its own, the band decided by the lead
inspector with the rationale.

Each "Record" is one core write (``core.field.evidence.record``) on the worker thread
(``ops.write``); the core checks the value against the pinned framework and who may
record it, and its refusal is shown under the form in the interface language. Records
are never changed: recording again supersedes the last one, which is shown beside each
item with whether the central store has confirmed it. A standard the set-up assigned
to another member (or, for a local assessor, any standard with no assignment) is shown
read-only, with a line naming who records it. No SQL here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget)

from ...ops import Ops
from ...text import date_time_text, error_text, fmt

BAND = ""  # the form item of the lead's band (question id None)


def _tr(text: str) -> str:
    return QCoreApplication.translate("EvidencePage", text)


class _Item:
    """One recordable item of the form: a key question's judgement, or the band."""

    def __init__(self, parent: QWidget, key: str):
        self.box = QGroupBox(parent)
        self.value = QComboBox(self.box)
        self.value.setObjectName(f"evidence_value_{key or 'band'}")
        self.text = QPlainTextEdit(self.box)
        self.text.setObjectName(f"evidence_text_{key or 'band'}")
        self.text.setFixedHeight(90)
        self.record = QPushButton(self.box)
        self.record.setObjectName(f"evidence_record_{key or 'band'}")
        self.latest = QLabel(self.box)
        self.latest.setObjectName(f"evidence_latest_{key or 'band'}")
        self.latest.setWordWrap(True)
        self.text_label = QLabel(self.box)
        self.text_label.setBuddy(self.text)
        layout = QVBoxLayout(self.box)
        row = QHBoxLayout()
        row.addWidget(self.value, 1)
        row.addWidget(self.record)
        layout.addLayout(row)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text)
        layout.addWidget(self.latest)


class EvidencePage(QWidget):
    """The page; ``open()`` gives it the store (used only on the worker), the inspection
    and its framework. ``recorded`` is emitted with each stored record."""

    back_requested = Signal()
    recorded = Signal(object)

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evidence_page")
        self.ops = ops
        self.store = self.fw = self.inspection_id = None
        self.lang = "en"
        self.read_only = False
        self.items: dict[str, _Item] = {}
        self.latest: dict[str, dict] = {}
        #: standard id -> None (the user records it), the assignee's id, or "" (a local assessor)
        self.access: dict[str, str | None] = {}
        self.title = QLabel(self)
        self.title.setObjectName("evidence_title")
        self.title.setWordWrap(True)
        self.back = QPushButton(self)
        self.back.clicked.connect(self.back_requested)
        self.standards = QListWidget(self)
        self.standards.setObjectName("evidence_standards")
        self.standards.currentRowChanged.connect(lambda _: self._build_form())
        self.form = QWidget(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.form)
        self.message = QLabel(self)
        self.message.setObjectName("evidence_message")
        self.message.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.standards)
        split.addWidget(self.scroll)
        split.setSizes([300, 900])
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

    # -- opening -------------------------------------------------------------------

    def open(self, store, inspection_id: str, fw, lang: str, read_only: bool = False) -> None:
        self.store, self.inspection_id, self.fw, self.lang, self.read_only = store, inspection_id, fw, lang, read_only
        current = self.standards.currentRow()
        self.standards.blockSignals(True)
        self.standards.clear()
        for standard in fw.standards(case_based=False):
            item = QListWidgetItem(standard.label(lang))
            item.setData(Qt.ItemDataRole.UserRole, standard.id)
            self.standards.addItem(item)
        self.standards.blockSignals(False)
        self.standards.setCurrentRow(max(0, min(current, self.standards.count() - 1)))
        self.message.clear()
        self._retranslate()
        self._build_form()
        self.refresh()

    def set_language(self, lang: str) -> None:
        if self.fw is not None:
            self.open(self.store, self.inspection_id, self.fw, lang, self.read_only)

    def _retranslate(self) -> None:
        self.back.setText(_tr("← Case list"))
        self.title.setText(_tr("Judgements on evidence: the team's judgement of each key question, with a summary of "
                               "the evidence, and the band decided by the lead inspector, with the rationale") if
                           self.standards.count() else
                           _tr("This inspection's framework has no standards judged on evidence."))

    def standard_id(self) -> str | None:
        item = self.standards.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # -- the form ------------------------------------------------------------------

    def _build_form(self) -> None:
        self.form = QWidget(self)
        self.form.setObjectName("evidence_form")
        self.items = {}
        layout = QVBoxLayout(self.form)
        self.assignee = QLabel(self.form)
        self.assignee.setObjectName("evidence_assignee")
        self.assignee.setWordWrap(True)
        layout.addWidget(self.assignee)
        sid = self.standard_id()
        if sid is not None:
            from ....core.frameworks.evidence_rules import NOT_RATED, has_band

            standard = self.fw.standard(sid)
            options = [(i, label.get(self.lang)) for i, label in self.fw.judgement_options(standard)]
            for kq in standard.key_questions:
                item = self._item(layout, kq.id, kq.text.get(self.lang), options, _tr("Summary of the evidence:"))
                item.record.setText(_tr("Record judgement"))
            if has_band(standard):
                bands = [(b.id, b.label.get(self.lang)) for b in self.fw.rating.bands] + [(NOT_RATED, _tr("Not rated"))]
                item = self._item(layout, BAND, _tr("The standard's band, decided by the lead inspector"), bands,
                                  _tr("Rationale:"))
                item.record.setText(_tr("Record band"))
        layout.addStretch(1)
        self.scroll.setWidget(self.form)  # the scroll area deletes the previous form
        self._show_latest()

    def _item(self, layout, key: str, title: str, options, text_label: str) -> _Item:
        item = _Item(self.form, key)
        item.box.setTitle(title)
        item.value.addItem(_tr("— choose —"), None)
        for option_id, label in options:
            item.value.addItem(label, option_id)
        item.text_label.setText(text_label)
        item.value.setAccessibleName(title)  # a screen reader names each control by its item
        item.text.setAccessibleName(f"{text_label} {title}")
        item.record.clicked.connect(lambda: self.record(key))
        item.record.setEnabled(not self.read_only)
        layout.addWidget(item.box)
        self.items[key] = item
        return item

    def refresh(self) -> None:
        """Load the latest record of every item from the store (worker thread)."""
        from ....core.field import evidence

        store, inspection_id = self.store, self.inspection_id
        standards = [s.id for s in self.fw.standards(case_based=False)]

        def load():
            return (evidence.latest(store.db, inspection_id),
                    {sid: evidence.may_record(store.db, inspection_id, sid) for sid in standards})

        self.ops.run(load, self._loaded, lambda error: self.message.setText(error_text(error)))

    def _loaded(self, loaded: tuple) -> None:
        self.latest, self.access = loaded
        self._show_latest()

    def _show_access(self) -> None:
        """Key questions of a standard the user may not judge: read-only, with who does."""
        who = self.access.get(self.standard_id() or "")
        self.assignee.setText("" if who is None else
                              fmt(_tr("Assigned to %1 at set-up: only they record its judgements here."), who) if who
                              else _tr("Local assessors do not judge the evidence about their own organisation."))
        self.assignee.setVisible(who is not None)
        for key, item in self.items.items():
            if key != BAND:
                for widget in (item.value, item.text, item.record):
                    widget.setEnabled(not self.read_only and who is None)

    def _show_latest(self) -> None:
        self._show_access()
        mine = self.latest.get(self.standard_id() or "", {})
        for key, item in self.items.items():
            j = mine.get(key)
            if j is None:
                item.latest.setText(_tr("Nothing recorded yet."))
                continue
            label = item.value.itemText(max(0, item.value.findData(j.value)))
            state = _tr("confirmed by the central store") if j.confirmed else _tr("not yet sent or confirmed")
            item.latest.setText(fmt(_tr("Recorded: %1, by %2, %3 (%4): %5"), label, j.by, date_time_text(j.at), state,
                                    j.text))

    # -- recording -----------------------------------------------------------------

    def record(self, key: str) -> None:
        """Record the item ``key`` (a key question id, or BAND) as the form has it."""
        from ....core.field import evidence

        item = self.items[key]
        value = item.value.currentData()
        if value is None:
            self.message.setText(_tr("Choose a judgement first."))
            return
        store, fw, inspection_id, sid = self.store, self.fw, self.inspection_id, self.standard_id()
        text = item.text.toPlainText()
        question = key or None
        self.message.setText(_tr("Saving…"))
        self.ops.write(lambda: evidence.record(store.db, fw, inspection_id, sid, question, value, text),
                       self._recorded, self._refused, changes_of=lambda _: None)

    def _recorded(self, judgement) -> None:
        item = self.items.get(judgement.question_id or BAND)
        if item is not None and judgement.standard_id == self.standard_id():
            item.text.clear()
            item.value.setCurrentIndex(0)
        self.latest.setdefault(judgement.standard_id, {})[judgement.question_id or BAND] = judgement
        self._show_latest()
        self.message.setText(_tr("Recorded. The next export sends it to the central store."))
        self.recorded.emit(judgement)

    def _refused(self, error: BaseException) -> None:
        self.message.setText(fmt(_tr("Not recorded: %1"), error_text(error)))
