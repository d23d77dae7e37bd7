"""The lead inspector's set-up wizard: inspection → team → caseload and sample →
allocation and replacements → who records each standard judged on evidence
(assign_page.py) → inspection pack. Every step runs on the worker thread;
long steps show progress. The central store keeps each step's result, so the wizard can
be left and resumed with the command line (``hmip central ...``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
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

from ....core.messages import in_lang
from ...ops import Ops, run_with_progress
from ...i18n import LANGUAGES, Translations
from ...notice import notice
from ...text import error_text, fmt
from .assign_page import EvidenceAssignPage
from .common import _browse_row, _tr
from .inspection_page import InspectionPage


def _qt(text: str) -> str:
    """Qt's own words for the wizard's buttons (in qtbase_cy.ts; listed in ours too, so that
    ``set_language`` can set them again: QWizard sets them only once)."""
    return QCoreApplication.translate("QWizard", text)


def _button_texts(style: QWizard.WizardStyle) -> dict[QWizard.WizardButton, str]:
    """What QWizard itself calls its buttons in ``style``, in the interface language."""
    B, mac = QWizard.WizardButton, style == QWizard.WizardStyle.MacStyle
    return {
        B.BackButton: _qt("Go Back") if mac else _qt("< &Back"),
        B.NextButton: _qt("Continue") if mac else _qt("&Next") if style == QWizard.WizardStyle.AeroStyle else _qt("&Next >"),
        B.CommitButton: _qt("Commit"),
        B.FinishButton: _qt("Done") if mac else _qt("&Finish"),
        B.CancelButton: _qt("Cancel"),
    }


class SetupWizard(QWizard):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        #: (setter, text): every translated text on the wizard, set again when the language changes.
        self.texts: list[tuple[Callable[[object], object], Callable[[], object]]] = []
        self.bind(self.setWindowTitle, lambda: _tr("Set up an inspection"))
        self.ops = Ops(self)
        self.store = None
        self.inspection_id = ""
        for page in (InspectionPage(self), TeamPage(self), SamplePage(self), AllocationPage(self),
                     EvidenceAssignPage(self), PackPage(self)):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        # The other language, named in itself (as the windows' Language menus name them).
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.button(QWizard.WizardButton.CustomButton1).setObjectName("language_button")
        self.customButtonClicked.connect(lambda _: self.set_language("en" if Translations.lang == "cy" else "cy"))
        self.set_language(Translations.lang)
        self.resize(980, 720)

    def bind(self, setter: Callable[[object], object], text: Callable[[], object]) -> None:
        """Call ``setter(text())`` now and again after each language switch."""
        self.texts.append((setter, text))
        setter(text())

    def label(self, text: Callable[[], str], wrap: bool = False) -> QLabel:
        """A label whose text is ``text()`` in the interface language."""
        label = QLabel(self)
        label.setWordWrap(wrap)
        self.bind(label.setText, text)
        return label

    def set_language(self, lang: str) -> None:
        """Switch the interface language and say everything on the wizard again in it."""
        Translations().set_language(lang)
        for setter, text in self.texts:
            setter(text())
        for button, text in _button_texts(self.wizardStyle()).items():
            self.setButtonText(button, text)
        self.setButtonText(QWizard.WizardButton.CustomButton1, LANGUAGES["en" if lang == "cy" else "cy"])
        for page in (self.page(i) for i in self.pageIds()):
            if hasattr(page, "retranslate"):
                page.retranslate()

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
        notice(self, _tr("Not done"), error_text(error), "setup_error",
               retranslate=lambda: (_tr("Not done"), error_text(error)))

    def done(self, result) -> None:
        self.ops.wait()
        self.ops.shutdown()
        super().done(result)


class TeamPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.w = wizard
        wizard.bind(self.setTitle, lambda: _tr("The team"))
        wizard.bind(self.setSubTitle, lambda: _tr("Load the team from a CSV file with the columns id, name, role and key_id."))
        layout = QVBoxLayout(self)
        self.load_button = QPushButton(self)
        wizard.bind(self.load_button.setText, lambda: _tr("Load team CSV…"))
        self.load_button.clicked.connect(self._pick)
        layout.addWidget(self.load_button)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("team_table")
        wizard.bind(self.table.setAccessibleName, lambda: _tr("Team"))
        wizard.bind(self.table.setHorizontalHeaderLabels, lambda: [_tr("Id"), _tr("Name"), _tr("Role"), _tr("Key")])
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
        except UnicodeDecodeError:
            self.w.show_error(fmt(_tr("%1: is not UTF-8 text; save the team as CSV UTF-8"), path))
            return
        except OSError as exc:  # the system's reason as it words it (a file name, a permission)
            self.w.show_error(fmt(_tr("%1: cannot read the team file (%2)"), path, exc.strerror or type(exc).__name__))
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
        wizard.bind(self.setTitle, lambda: _tr("Caseload and sample"))
        wizard.bind(self.setSubTitle, lambda: _tr("Load the provider's caseload, check the size, and draw the sample."))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.caseload = QLineEdit(self)
        self.caseload.setObjectName("caseload_path")
        wizard.bind(self.caseload.setAccessibleName, lambda: _tr("Caseload file"))
        form.addRow(wizard.label(lambda: _tr("Caseload (CSV or XLSX)")), _browse_row(wizard, self, self.caseload, self._pick))
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(2026)
        wizard.bind(self.seed.setAccessibleName, lambda: _tr("Random seed"))
        form.addRow(wizard.label(lambda: _tr("Random seed")), self.seed)
        self.size = QSpinBox(self)
        self.size.setRange(0, 100_000)
        wizard.bind(self.size.setSpecialValueText, lambda: _tr("automatic"))
        wizard.bind(self.size.setAccessibleName, lambda: _tr("Sample size"))
        form.addRow(wizard.label(lambda: _tr("Sample size")), self.size)
        layout.addLayout(form)
        self.draw_button = QPushButton(self)
        wizard.bind(self.draw_button.setText, lambda: _tr("Draw the sample"))
        self.draw_button.setObjectName("draw_button")
        self.draw_button.clicked.connect(self.draw)
        layout.addWidget(self.draw_button)
        # Why cases were left out, and the sample report, in the interface language.
        self.left_out = None
        self.result = None
        self.left_out_label = wizard.label(self._left_out_text, wrap=True)
        self.left_out_label.setObjectName("left_out")
        layout.addWidget(self.left_out_label)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("sample_report")
        self.report.setReadOnly(True)
        wizard.bind(self.report.setAccessibleName, lambda: _tr("Sample report"))
        wizard.bind(self._show_report, lambda: Translations.lang)
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

    def _left_out_text(self) -> str:
        if self.left_out is None:
            return ""
        return fmt(_tr("Left out before the draw: %1"), in_lang(self.left_out, Translations.lang))

    def _show_report(self, lang: str) -> None:
        """The report of the last draw in ``lang`` (again after each language switch)."""
        if self.result is not None:
            self.report.setPlainText(self.result.report_in(lang))

    def _drawn(self, result) -> None:
        self.left_out = result.left_out
        self.result = result
        self.left_out_label.setText(self._left_out_text())
        self.left_out_label.setVisible(self.left_out is not None)
        self._show_report(Translations.lang)
        self.drawn = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.drawn


class AllocationPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.w = wizard
        wizard.bind(self.setTitle, lambda: _tr("Allocation and replacements"))
        wizard.bind(self.setSubTitle, lambda: _tr("Change a reader, or replace a case that cannot be read with the next reserve."))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("allocation_table")
        wizard.bind(self.table.setAccessibleName, lambda: _tr("Sample and readers"))
        wizard.bind(self.table.setHorizontalHeaderLabels, lambda: [_tr("Case"), _tr("Stratum"), _tr("Reader")])
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.replace_button = QPushButton(self)
        wizard.bind(self.replace_button.setText, lambda: _tr("Replace the selected case…"))
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
            combo.setProperty("case_id", r["case_id"])
            combo.currentTextChanged.connect(lambda member, case=r["case_id"]: self.reassign(case, member))
            self.table.setCellWidget(i, 2, combo)
        self.retranslate()

    def retranslate(self) -> None:
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 2)
            if combo is not None:
                combo.setAccessibleName(fmt(_tr("Reader of case %1"), combo.property("case_id")))

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
        wizard.bind(self.setTitle, lambda: _tr("The inspection pack"))
        wizard.bind(self.setSubTitle, lambda: _tr("Sign the pack with your lead inspector key and save it for the team."))
        form = QFormLayout(self)
        self.key = QLineEdit(self)
        self.key.setObjectName("pack_key")
        wizard.bind(self.key.setAccessibleName, lambda: _tr("Your key folder"))
        form.addRow(wizard.label(lambda: _tr("Your key folder")), _browse_row(wizard, self, self.key, self._pick_key))
        self.out = QLineEdit(self)
        self.out.setObjectName("pack_out")
        wizard.bind(self.out.setAccessibleName, lambda: _tr("Save the pack as"))
        form.addRow(wizard.label(lambda: _tr("Save the pack as")), _browse_row(wizard, self, self.out, self._pick_out))
        self.create_button = QPushButton(self)
        wizard.bind(self.create_button.setText, lambda: _tr("Create the pack"))
        self.create_button.setObjectName("create_pack")
        self.create_button.clicked.connect(self.create)
        form.addRow(self.create_button)
        self.result = QLabel(self)
        self.result.setObjectName("pack_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.result)
        self.made = False
        self.key_id = ""
        self._result_text = lambda: fmt(_tr(
            "Pack saved. Give the team this fingerprint to trust when they import it: %1"), self.key_id[:16]) \
            if self.key_id else ""
        wizard.bind(self.result.setText, self._result_text)

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
        self.key_id = key_id
        self.result.setText(self._result_text())
        self.made = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.made
