"""The set-up wizard's page for standards judged on evidence: for each, the team member
who records the team's judgements of its key questions (issue 14: "recorded offline on a
laptop by the member the set-up assigns (often the lead)"). Each choice is written at
once (``core.central.assignments.assign`` on the worker thread); the pack made on the
next page carries them. Local assessors are not offered: the evidence is about their own
organisation's policy and provision. "Any team member" leaves the standard unassigned."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWizardPage

from ...i18n import Translations
from ...text import fmt
from .common import _tr


class EvidenceAssignPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__(wizard)
        self.w = wizard
        wizard.bind(self.setTitle, lambda: _tr("Judgements on evidence"))
        wizard.bind(self.setSubTitle, lambda: _tr(
            "Choose who records the team's judgements of each standard judged on evidence (often the lead). "
            "Local assessors are not offered: the evidence is about their own organisation."))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("assignment_table")
        wizard.bind(self.table.setAccessibleName, lambda: _tr("Standards judged on evidence and who records them"))
        wizard.bind(self.table.setHorizontalHeaderLabels, lambda: [_tr("Standard"), _tr("Recorded by")])
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        #: (standard id, Standard) in framework order
        self.standards: list[tuple[str, object]] = []

    def initializePage(self) -> None:
        self.refresh()

    def combo(self, standard_id: str) -> QComboBox | None:
        for row, (sid, _) in enumerate(self.standards):
            if sid == standard_id:
                return self.table.cellWidget(row, 1)
        return None

    def refresh(self) -> None:
        from ....core.central import assignments
        from ....core.central.answers import framework_for

        store, inspection = self.w.store, self.w.inspection_id
        loaded = self.w.run(lambda: ([(s.id, s) for s in framework_for(store, inspection).standards(case_based=False)],
                                     assignments.assigned(store, inspection)))
        if loaded is None:
            return
        self.standards, assigned = loaded
        members = [m["id"] for m in self.w.page(1).members if m.get("role") != "local_assessor"]
        self.table.setRowCount(len(self.standards))
        for row, (sid, _) in enumerate(self.standards):
            self.table.setItem(row, 0, QTableWidgetItem(""))
            combo = QComboBox(self.table)
            combo.addItem("", None)
            for member in members:
                combo.addItem(member, member)
            chosen = assigned.get(sid)
            combo.setCurrentIndex(members.index(chosen) + 1 if chosen in members else 0)
            combo.setProperty("standard_id", sid)
            combo.currentIndexChanged.connect(lambda _, sid=sid, c=combo: self.assign(sid, c.currentData()))
            self.table.setCellWidget(row, 1, combo)
        self.retranslate()

    def retranslate(self) -> None:
        lang = Translations.lang
        for row, (sid, standard) in enumerate(self.standards):
            label = standard.label(lang)
            item = self.table.item(row, 0)
            if item is not None:
                item.setText(label)
            combo = self.table.cellWidget(row, 1)
            if combo is not None:
                combo.setItemText(0, _tr("Any team member"))
                combo.setAccessibleName(fmt(_tr("Who records %1"), label))

    def assign(self, standard_id: str, member: str | None) -> bool:
        from ....core.central import assignments

        store, inspection = self.w.store, self.w.inspection_id
        done = self.w.run(lambda: assignments.assign(store, inspection, standard_id, member) or True)
        if done is None:
            self.refresh()  # refused: show the assignments as they are
        return done is not None
