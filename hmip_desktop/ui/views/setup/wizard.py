"""The lead inspector's set-up wizard: inspection → team → caseload and sample →
allocation and replacements → inspection pack. Every step runs on the worker thread;
long steps show progress. The central store keeps each step's result, so the wizard can
be left and resumed with the command line (``hmip central ...``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ....core.paths import forms_dir
from ...ops import Ops, run_with_progress
from ...notice import notice
from ...text import fmt


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupWizard", text)


def _browse_row(parent, edit: QLineEdit, pick) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    button = QPushButton(_tr("Browse…"), parent)
    button.setAccessibleName(fmt(_tr("Browse for %1"), edit.accessibleName()))
    button.clicked.connect(pick)
    row.addWidget(button)
    return row


class SetupWizard(QWizard):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self.setWindowTitle(_tr("Set up an inspection"))
        self.ops = Ops(self)
        self.store = None
        self.inspection_id = ""
        for page in (InspectionPage(self), TeamPage(self), SamplePage(self), AllocationPage(self), PackPage(self)):
            self.addPage(page)
        self.resize(980, 720)

    def run(self, fn):
        """Run ``fn`` on the worker and wait for it with the GUI still responsive;
        return its result, or show its error and return None."""
        loop, box = QEventLoop(), {}
        self.ops.run(fn, lambda r: (box.update(result=r), loop.quit()), lambda e: (box.update(error=e), loop.quit()))
        loop.exec()
        if "error" in box:
            self.show_error(box["error"])
            return None
        return box["result"]

    def show_error(self, error) -> None:
        notice(self, _tr("Not done"), str(error), "setup_error")

    def done(self, result) -> None:
        self.ops.wait()
        self.ops.shutdown()
        super().done(result)


class InspectionPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(_tr("The inspection"))
        self.setSubTitle(_tr("Choose the central store, the framework and the inspection's details."))
        form = QFormLayout(self)
        self.store_path = QLineEdit(self)
        self.store_path.setObjectName("store_path")
        self.store_path.setAccessibleName(_tr("Central store"))
        form.addRow(_tr("Central store"), _browse_row(self, self.store_path, self._pick_store))
        self.keys_dir = QLineEdit(self)
        self.keys_dir.setObjectName("keys_dir")
        self.keys_dir.setAccessibleName(_tr("Keys folder"))
        self.keys_dir.setPlaceholderText(_tr("Needed for a postgresql:// store; a file keeps its keys beside it"))
        form.addRow(_tr("Keys folder"), self.keys_dir)
        self.framework = QComboBox(self)
        self.framework.setObjectName("framework")
        self.framework.setAccessibleName(_tr("Framework"))
        from ....core.frameworks import FrameworkInvalid, load_file
        from ...i18n import Translations

        for path in sorted(forms_dir().glob("*.yaml")):
            try:
                fw = load_file(path)
                label = f"{fw.title.get(Translations.lang)} ({fw.version})"
            except FrameworkInvalid:
                continue  # hmip forms check reports it; it cannot be used for an inspection
            self.framework.addItem(label, str(path))
        form.addRow(_tr("Framework"), self.framework)
        self.fields = {}
        for key, label in (("id", _tr("Inspection id")), ("provider", _tr("Provider")), ("title", _tr("Title")),
                           ("start", _tr("Fieldwork starts (YYYY-MM-DD)")), ("end", _tr("Fieldwork ends (YYYY-MM-DD)"))):
            edit = QLineEdit(self)
            edit.setObjectName(f"inspection_{key}")
            edit.setAccessibleName(label)
            edit.textChanged.connect(self.completeChanged)
            form.addRow(label, edit)
            self.fields[key] = edit
        self.store_path.textChanged.connect(self.completeChanged)
        self.keys_dir.textChanged.connect(self.completeChanged)

    def _pick_store(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Central store"), "", _tr("Central store (*.sqlite)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.store_path.setText(path)

    def isComplete(self) -> bool:
        location = self.store_path.text().strip()
        if "://" in location and not self.keys_dir.text().strip():
            return False  # a PostgreSQL store keeps its keys in a folder of its own
        return all(self.fields[k].text().strip() for k in ("id", "provider", "title")) and bool(location)

    def validatePage(self) -> bool:
        from ....core.central import packs, queries
        from ....core.central.store import CentralStore
        from ....core.frameworks.loader import read_file

        location = self.store_path.text().strip()
        keys_text = self.keys_dir.text().strip()
        values = {k: e.text().strip() or None for k, e in self.fields.items()}
        framework = Path(self.framework.currentData())

        def work():
            store = CentralStore.open_or_init(location, Path(keys_text) if keys_text else None)
            if values["id"] not in {row["id"] for row in queries.inspections(store)}:
                packs.create_inspection(store, values["id"], read_file(framework), values["provider"], values["title"],
                                        (values["start"], values["end"]))
            return store

        store = self.w.run(work)
        if store is None:
            return False
        self.w.store, self.w.inspection_id = store, values["id"]
        return True


class TeamPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(_tr("The team"))
        self.setSubTitle(_tr("Load the team from a CSV file with the columns id, name, role and key_id."))
        layout = QVBoxLayout(self)
        self.load_button = QPushButton(_tr("Load team CSV…"), self)
        self.load_button.clicked.connect(self._pick)
        layout.addWidget(self.load_button)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("team_table")
        self.table.setAccessibleName(_tr("Team"))
        self.table.setHorizontalHeaderLabels([_tr("Id"), _tr("Name"), _tr("Role"), _tr("Key")])
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.members: list[dict] = []

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("Team"), "", _tr("CSV files (*.csv)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        import csv

        try:
            with open(path, newline="", encoding="utf-8-sig") as fh:
                members = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]
        except (OSError, UnicodeDecodeError) as exc:
            self.w.show_error(f"{path}: {exc}")
            return
        for m in members:
            m["key_id"] = m.get("key_id") or None
        self.members = members
        self.table.setRowCount(len(members))
        for row, m in enumerate(members):
            for col, key in enumerate(("id", "name", "role", "key_id")):
                self.table.setItem(row, col, QTableWidgetItem((m.get(key) or "")[:16]))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.members)

    def validatePage(self) -> bool:
        from ....core.central import packs

        store, inspection, members = self.w.store, self.w.inspection_id, self.members
        return self.w.run(lambda: packs.set_team(store, inspection, members) or True) is not None


class SamplePage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(_tr("Caseload and sample"))
        self.setSubTitle(_tr("Load the provider's caseload, check the size, and draw the sample."))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.caseload = QLineEdit(self)
        self.caseload.setObjectName("caseload_path")
        self.caseload.setAccessibleName(_tr("Caseload file"))
        form.addRow(_tr("Caseload (CSV or XLSX)"), _browse_row(self, self.caseload, self._pick))
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(2026)
        self.seed.setAccessibleName(_tr("Random seed"))
        form.addRow(_tr("Random seed"), self.seed)
        self.size = QSpinBox(self)
        self.size.setRange(0, 100_000)
        self.size.setSpecialValueText(_tr("automatic"))
        self.size.setAccessibleName(_tr("Sample size"))
        form.addRow(_tr("Sample size"), self.size)
        layout.addLayout(form)
        self.draw_button = QPushButton(_tr("Draw the sample"), self)
        self.draw_button.setObjectName("draw_button")
        self.draw_button.clicked.connect(self.draw)
        layout.addWidget(self.draw_button)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("sample_report")
        self.report.setReadOnly(True)
        self.report.setAccessibleName(_tr("Sample report"))
        layout.addWidget(self.report, 1)
        self.drawn = False

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("Caseload"), "", _tr("Caseloads (*.csv *.xlsx)"))
        if path:
            self.caseload.setText(path)

    def draw(self):
        from ....core.central import setup_flow

        store, inspection = self.w.store, self.w.inspection_id
        path, seed, size = Path(self.caseload.text()), self.seed.value(), self.size.value() or None

        def work(progress):
            return setup_flow.draw(store, inspection, path, seed=seed, sample_size=size, progress=progress.update)

        return run_with_progress(self.w.ops, self, _tr("Drawing the sample…"), work, self._drawn, self.w.show_error,
                                 cancellable=False)

    def _drawn(self, result) -> None:
        self.report.setPlainText(result.report_text)
        self.drawn = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.drawn


class AllocationPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(_tr("Allocation and replacements"))
        self.setSubTitle(_tr("Change a reader, or replace a case that cannot be read with the next reserve."))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("allocation_table")
        self.table.setAccessibleName(_tr("Sample and readers"))
        self.table.setHorizontalHeaderLabels([_tr("Case"), _tr("Stratum"), _tr("Reader")])
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.replace_button = QPushButton(_tr("Replace the selected case…"), self)
        self.replace_button.setObjectName("replace_button")
        self.replace_button.clicked.connect(self._replace_selected)
        layout.addWidget(self.replace_button)
        self.readers: list[str] = []

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        from ....core.central import setup_flow

        store, inspection = self.w.store, self.w.inspection_id
        rows = self.w.run(lambda: [r for r in setup_flow.sample_rows(store, inspection) if r["selection"] == "sample"])
        team = self.w.page(1).members
        self.readers = [m["id"] for m in team if m["role"] != "lead"]
        self.table.setRowCount(len(rows or []))
        for i, r in enumerate(rows or []):
            self.table.setItem(i, 0, QTableWidgetItem(r["case_id"]))
            self.table.setItem(i, 1, QTableWidgetItem(r["stratum"]))
            combo = QComboBox(self.table)
            combo.addItems(self.readers)
            combo.setCurrentText(r["reader_id"] or "")
            combo.setAccessibleName(fmt(_tr("Reader of case %1"), r["case_id"]))
            combo.currentTextChanged.connect(lambda member, case=r["case_id"]: self.reassign(case, member))
            self.table.setCellWidget(i, 2, combo)

    def reassign(self, case_id: str, member: str) -> bool:
        from ....core.central import setup_flow

        store, inspection = self.w.store, self.w.inspection_id
        done = self.w.run(lambda: setup_flow.reassign(store, inspection, case_id, member) or True)
        if done is None:
            self.refresh()  # refused: show the allocation as it is
        return done is not None

    def replace_case(self, case_id: str, reason: str) -> str | None:
        from ....core.central import setup_flow

        store, inspection = self.w.store, self.w.inspection_id
        new = self.w.run(lambda: setup_flow.replace(store, inspection, case_id, reason))
        self.refresh()
        return new

    def _replace_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        case_id = self.table.item(row, 0).text()
        reason, ok = QInputDialog.getText(self, _tr("Replace a case"),
                                          fmt(_tr("Why can case %1 not be read?"), case_id))
        if ok and reason.strip():
            self.replace_case(case_id, reason.strip())


class PackPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(_tr("The inspection pack"))
        self.setSubTitle(_tr("Sign the pack with your lead inspector key and save it for the team."))
        form = QFormLayout(self)
        self.key = QLineEdit(self)
        self.key.setObjectName("pack_key")
        self.key.setAccessibleName(_tr("Your key folder"))
        form.addRow(_tr("Your key folder"), _browse_row(self, self.key, self._pick_key))
        self.out = QLineEdit(self)
        self.out.setObjectName("pack_out")
        self.out.setAccessibleName(_tr("Save the pack as"))
        form.addRow(_tr("Save the pack as"), _browse_row(self, self.out, self._pick_out))
        self.create_button = QPushButton(_tr("Create the pack"), self)
        self.create_button.setObjectName("create_pack")
        self.create_button.clicked.connect(self.create)
        form.addRow(self.create_button)
        self.result = QLabel(self)
        self.result.setObjectName("pack_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.result)
        self.made = False

    def _pick_key(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Your key folder"))
        if folder:
            self.key.setText(folder)

    def _pick_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Save the pack as"), f"{self.w.inspection_id}.pack",
                                              _tr("Inspection packs (*.pack)"))
        if path:
            self.out.setText(path)

    def create(self):
        from ....core.central import packs
        from ....core.exchange.envelope import write_atomically
        from ....core.exchange.keys import load_key

        store, inspection = self.w.store, self.w.inspection_id
        key_dir, out = Path(self.key.text()), Path(self.out.text())

        def work(progress):
            key = load_key(key_dir)
            write_atomically(out, packs.create_pack(store, inspection, key))
            return key.key_id

        return run_with_progress(self.w.ops, self, _tr("Creating the pack…"), work, self._made, self.w.show_error,
                                 cancellable=False)

    def _made(self, key_id: str) -> None:
        self.result.setText(fmt(_tr("Pack saved. Give the team this fingerprint to trust when they import it: %1"),
                                key_id[:16]))
        self.made = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.made
