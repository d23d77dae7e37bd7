"""Judgements on evidence in the central window (the "Evidence" tab): the inspection's
standards judged once per inspection in a list; for the one chosen, every record of it,
oldest first (the team's judgement of each key question with its summary of the
evidence, the lead's band with its rationale; who, when, and where it was recorded: the
central store or a laptop, by its device id), the latest of each item marked current;
below, a form to record a new team judgement or decide the band.

Records are never changed: moderating is the lead recording a superseding judgement with
the reason as its summary, the earlier records staying listed. Each "Record" is one core
write (``core.central.evidence.record``) on the window's worker, by the moderator chosen
in the toolbar; the core refuses it after sign-off (or when invalid) and the refusal is
shown under the form in the interface language. After a record the window reloads
everything (the ratings show the new judgement). No SQL here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...text import date_time_text, error_text, fmt
from .part import CentralPart

BAND = ""  # the item of the lead's band (question id None)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CentralEvidence", text)


class CentralEvidencePage(QWidget):
    """The tab; ``record_requested(standard id, question id or "" for the band, value,
    text)`` asks the window to record."""

    record_requested = Signal(str, str, str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("central_evidence_page")
        self.fw, self.lang, self.signed_off = None, "en", False
        self.records: list[dict] = []
        self.standards = QListWidget(self)
        self.standards.setObjectName("central_evidence_standards")
        self.standards.setWordWrap(True)  # a long title wraps: nothing only reachable sideways
        self.standards.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.standards.setMinimumWidth(180)
        self.standards.currentRowChanged.connect(lambda _: self._standard_chosen())
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("central_evidence_records")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # wrapped rows
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the summary takes the width and wraps
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.item = QComboBox(self)
        self.item.setObjectName("central_evidence_item")
        self.item.currentIndexChanged.connect(lambda _: self._fill_values())
        self.value = QComboBox(self)
        self.value.setObjectName("central_evidence_value")
        self.question = QLabel(self)  # the chosen item's whole text (the box has a short name)
        self.question.setObjectName("central_evidence_question")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        for combo in (self.item, self.value):  # a key question's whole text would widen the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.record = QPushButton(self)
        self.record.setObjectName("central_evidence_record")
        self.record.clicked.connect(self._record)
        self.text_label = QLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("central_evidence_text")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(60)
        self.text_label.setBuddy(self.text)
        self.state = QLabel(self)
        self.state.setObjectName("central_evidence_state")
        self.state.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("central_evidence_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.state)
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.item, 2)
        row.addWidget(self.value, 1)
        row.addWidget(self.record)
        column.addLayout(row)
        column.addWidget(self.question)
        column.addWidget(self.text_label)
        column.addWidget(self.text)
        column.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.standards)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.set_language("en")

    # -- what is shown -------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.table.setHorizontalHeaderLabels([_tr("Item"), _tr("Judgement"), _tr("Summary or rationale"),
                                              _tr("Recorded by, when, where")])
        self.table.setAccessibleName(_tr("Every record of the standard, oldest first"))
        self.standards.setAccessibleName(_tr("Standards judged on evidence"))
        self.item.setAccessibleName(_tr("What is recorded"))
        self.value.setAccessibleName(_tr("Judgement"))
        self.record.setText(_tr("&Record"))
        self.text_label.setText(_tr("Summary of the evidence, or the rationale (to supersede a record, say why):"))
        self.text.setAccessibleName(self.text_label.text())
        if self.fw is not None:
            self.set_framework(self.fw, self.signed_off)

    def set_framework(self, fw, signed_off: bool) -> None:
        """The inspection's framework (its standards judged on evidence) and whether it is signed off."""
        self.fw, self.signed_off = fw, signed_off
        current = self.standard_id()
        self.standards.blockSignals(True)
        self.standards.clear()
        for standard in fw.standards(case_based=False):
            item = QListWidgetItem(standard.label(self.lang))
            item.setData(Qt.ItemDataRole.UserRole, standard.id)
            self.standards.addItem(item)
            if standard.id == current:
                self.standards.setCurrentItem(item)
        if self.standards.currentRow() < 0 and self.standards.count():
            self.standards.setCurrentRow(0)
        self.standards.blockSignals(False)
        self._standard_chosen()

    def set_records(self, records: list[dict]) -> None:
        """Every record of the inspection's standards judged on evidence, oldest first."""
        self.records = records
        self._fill_table()

    def standard_id(self) -> str | None:
        item = self.standards.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def _standard_chosen(self) -> None:
        from ....core.frameworks.evidence_rules import has_band

        self.item.blockSignals(True)
        self.item.clear()
        sid = self.standard_id()
        if sid is not None:
            standard = self.fw.standard(sid)
            for n, kq in enumerate(standard.key_questions, 1):
                self.item.addItem(fmt(_tr("Team judgement: key question %1"), n), kq.id)
                self.item.setItemData(n - 1, kq.text.get(self.lang), Qt.ItemDataRole.ToolTipRole)
            if has_band(standard):
                self.item.addItem(_tr("Band (lead inspector)"), BAND)
                self.item.setItemData(self.item.count() - 1, _tr("The standard's band, decided by the lead inspector"),
                                      Qt.ItemDataRole.ToolTipRole)
        self.item.blockSignals(False)
        self._fill_values()
        self._fill_table()
        none = self.standards.count() == 0
        self.state.setText(_tr("This inspection's framework has no standards judged on evidence.") if none else
                           _tr("Signed off: nothing can be recorded until the inspection is reopened.")
                           if self.signed_off else
                           _tr("Records are never changed: a new record supersedes the latest of its item, "
                               "and every earlier record stays listed."))
        for widget in (self.item, self.value, self.text, self.record):
            widget.setEnabled(not none and not self.signed_off)

    def _options(self, key: str) -> list[tuple[str, str]]:
        from ....core.frameworks.evidence_rules import NOT_RATED

        if key == BAND:
            return [(b.id, b.label.get(self.lang)) for b in self.fw.rating.bands] + [(NOT_RATED, _tr("Not rated"))]
        standard = self.fw.standard(self.standard_id())
        return [(i, label.get(self.lang)) for i, label in self.fw.judgement_options(standard)]

    def _fill_values(self) -> None:
        self.value.clear()
        self.question.setText(self.item.itemData(self.item.currentIndex(), Qt.ItemDataRole.ToolTipRole) or "")
        key = self.item.currentData()
        if key is None or self.standard_id() is None:
            return
        self.value.addItem(_tr("— choose —"), None)
        for option_id, label in self._options(key):
            self.value.addItem(label, option_id)

    def _fill_table(self) -> None:
        sid = self.standard_id()
        rows = [r for r in self.records if r["standard_id"] == sid]
        latest = {(r["question_id"] or BAND): r["id"] for r in rows}  # oldest first: the last wins
        self.table.setRowCount(len(rows))
        standard = self.fw.standard(sid) if sid is not None else None
        for i, r in enumerate(rows):
            key = r["question_id"] or BAND
            if key == BAND:
                what, full = _tr("Band (lead inspector)"), _tr("The standard's band, decided by the lead inspector")
            else:  # short in the table; the question's whole text as its tooltip and below the form's box
                n = next((n for n, k in enumerate(standard.key_questions, 1) if k.id == key), None)
                what = fmt(_tr("Key question %1"), n) if n else key
                full = standard.key_questions[n - 1].text.get(self.lang) if n else key
            label = dict(self._options(key)).get(r["value"], r["value"])
            mark = _tr("current") if latest[key] == r["id"] else _tr("superseded")
            where = _tr("central store") if r["origin"] == "central" else fmt(_tr("laptop %1"), r["origin"])
            cells = [what, f"{label}\n({mark})", r["text"], "\n".join((r["by"], date_time_text(r["at"]), where))]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(full if c == 0 else text)
                self.table.setItem(i, c, cell)

    def _record(self) -> None:
        value = self.value.currentData()
        if value is None:
            self.message.setText(_tr("Choose a judgement first."))
            self.value.setFocus()
            return
        self.message.setText(_tr("Saving…"))
        self.record_requested.emit(self.standard_id(), self.item.currentData(), value, self.text.toPlainText())

    def recorded(self) -> None:
        self.text.clear()
        self.value.setCurrentIndex(0)
        self.message.setText(_tr("Recorded; the ratings are updated."))


class CentralEvidence(CentralPart):
    """The window's slots for judgements on evidence: load every record, record one."""

    #: A record was stored: the message shown.
    evidence_recorded = Signal(str)

    def __init__(self, page: CentralEvidencePage, **shared):
        super().__init__(**shared)
        self.page = page
        page.record_requested.connect(self.record)

    def load(self, fw, signed_off: bool) -> None:
        """Show ``fw``'s standards judged on evidence, then every record of them (worker)."""
        from ....core.central import evidence

        self.page.set_framework(fw, signed_off)
        store, inspection_id = self.current.store, self.current.inspection_id
        ids = [s.id for s in fw.standards(case_based=False)]

        def work():
            return inspection_id, [r for sid in ids for r in evidence.history(store, inspection_id, sid)]

        def shown(result):
            if result[0] == self.current.inspection_id:
                self.page.set_records(result[1])

        self.ops.run(work, shown, self._failed)

    def record(self, standard_id: str, key: str, value: str, text: str) -> None:
        """Record a team judgement (``key`` a key question id) or the band (``key`` "")."""
        who = self._moderator()
        if who is None or self.current.store is None or self.current.inspection_id is None:
            self.page.show_message("")
            return
        from ....core.central import evidence

        store, inspection_id, fw = self.current.store, self.current.inspection_id, self.current.fw

        def done(_):
            self.page.recorded()
            text_done = _tr("Judgement on evidence recorded; the ratings are updated.")
            self.statusBar().showMessage(text_done, 8000)
            self.evidence_recorded.emit(text_done)
            self._refresh()

        def refused(error):
            text_refused = fmt(_tr("Not recorded: %1"), error_text(error))
            self.page.show_message(text_refused)
            self.action_failed.emit(text_refused)

        self.ops.run(lambda: evidence.record(store, fw, inspection_id, standard_id, key or None, value, text, who),
                     done, refused)
