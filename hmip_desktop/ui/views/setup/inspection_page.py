"""The set-up wizard's first page: the central store, the framework and the
inspection's details, with the provider's attributes that the national collation groups
and filters by (type, region, family, caseload size; each may be left unrecorded)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QLineEdit, QSpinBox, QWizardPage

from ....core.paths import forms_dir
from ...i18n import Translations
from ...text import fmt, parse_entry_date
from .common import _browse_row, _tr

#: The provider types offered (ids as ``hmip central inspection --provider-type`` takes
#: them; the demo's and the national store's), each with its label in the interface.
PROVIDER_TYPES = (
    ("pdu", lambda: _tr("Probation delivery unit")),
    ("region", lambda: _tr("Probation region")),
    ("yot", lambda: _tr("Youth justice service")),
    ("probation_area", lambda: _tr("Probation area (2003 method)")),
    ("other", lambda: _tr("Other")),
)
#: The largest caseload the wizard takes (a whole region's is in the tens of thousands).
MAX_CASELOAD = 1_000_000


class InspectionPage(QWizardPage):
    def __init__(self, wizard):
        """``wizard``: the SetupWizard (not imported here: it imports this page)."""
        super().__init__(wizard)
        self.w = wizard
        wizard.bind(self.setTitle, lambda: _tr("The inspection"))
        wizard.bind(self.setSubTitle, lambda: _tr("Choose the central store, the framework and the inspection's details."))
        form = QFormLayout(self)
        self.store_path = QLineEdit(self)
        self.store_path.setObjectName("store_path")
        wizard.bind(self.store_path.setAccessibleName, lambda: _tr("Central store"))
        form.addRow(wizard.label(lambda: _tr("Central store")), _browse_row(wizard, self, self.store_path, self._pick_store))
        self.keys_dir = QLineEdit(self)
        self.keys_dir.setObjectName("keys_dir")
        wizard.bind(self.keys_dir.setAccessibleName, lambda: _tr("Keys folder"))
        form.addRow(wizard.label(lambda: _tr("Keys folder")), self.keys_dir)
        # Under the field, wrapped: as a placeholder it was cut off at the field's width.
        form.addRow("", wizard.label(lambda: _tr("Needed for a postgresql:// store; a file keeps its keys beside it"), True))
        self.framework = QComboBox(self)
        self.framework.setObjectName("framework")
        wizard.bind(self.framework.setAccessibleName, lambda: _tr("Framework"))
        from ....core.frameworks import FrameworkInvalid, load_file

        self.frameworks = []
        for path in sorted(forms_dir().glob("*.yaml")):
            try:
                self.frameworks.append(load_file(path))
            except FrameworkInvalid:
                continue  # hmip forms check reports it; it cannot be used for an inspection
            self.framework.addItem("", str(path))
        form.addRow(wizard.label(lambda: _tr("Framework")), self.framework)
        self.fields = {}
        for key, label in (("id", lambda: _tr("Inspection id")), ("provider", lambda: _tr("Provider")),
                           ("title", lambda: _tr("Title")), ("start", lambda: _tr("Fieldwork starts")),
                           ("end", lambda: _tr("Fieldwork ends"))):
            edit = QLineEdit(self)
            edit.setObjectName(f"inspection_{key}")
            wizard.bind(edit.setAccessibleName, label)
            if key in ("start", "end"):  # typed as the case read form takes dates
                wizard.bind(edit.setPlaceholderText, lambda: _tr("dd/mm/yyyy"))
            edit.textChanged.connect(self.completeChanged)
            form.addRow(wizard.label(label), edit)
            self.fields[key] = edit
        self._provider_rows(wizard, form)
        self.store_path.textChanged.connect(self.completeChanged)
        self.keys_dir.textChanged.connect(self.completeChanged)

    def _provider_rows(self, wizard, form: QFormLayout) -> None:
        """The provider's attributes: type (a list), region and family (typed, as the
        inspectorate names them), caseload size (0 shown as "Not recorded")."""
        self.provider_type = QComboBox(self)
        self.provider_type.setObjectName("provider_type")
        wizard.bind(self.provider_type.setAccessibleName, lambda: _tr("Provider type"))
        for value in (None, *(v for v, _ in PROVIDER_TYPES)):
            self.provider_type.addItem("", value)
        form.addRow(wizard.label(lambda: _tr("Provider type")), self.provider_type)
        self.attributes = {}
        for key, label, example in (
                ("region", lambda: _tr("Region"), lambda: _tr("for example: Wales, North West")),
                ("family", lambda: _tr("Provider family"), lambda: _tr("like providers, for example: Rural"))):
            edit = QLineEdit(self)
            edit.setObjectName(f"provider_{key}")
            wizard.bind(edit.setAccessibleName, label)
            wizard.bind(edit.setPlaceholderText, example)
            form.addRow(wizard.label(label), edit)
            self.attributes[key] = edit
        self.caseload_size = QSpinBox(self)
        self.caseload_size.setObjectName("caseload_size")
        self.caseload_size.setRange(0, MAX_CASELOAD)
        self.caseload_size.setGroupSeparatorShown(True)
        wizard.bind(self.caseload_size.setAccessibleName, lambda: _tr("Caseload size"))
        wizard.bind(self.caseload_size.setSpecialValueText, lambda: _tr("Not recorded"))
        form.addRow(wizard.label(lambda: _tr("Caseload size")), self.caseload_size)

    def provider_attributes(self) -> dict:
        """What the page records about the provider (``packs.create_inspection``'s
        ``attributes``): None for anything left unrecorded."""
        return {"provider_type": self.provider_type.currentData(),
                "region": self.attributes["region"].text().strip() or None,
                "family": self.attributes["family"].text().strip() or None,
                "caseload_size": self.caseload_size.value() or None}

    def retranslate(self) -> None:
        for i, fw in enumerate(self.frameworks):
            self.framework.setItemText(i, f"{fw.title.get(Translations.lang)} ({fw.version})")
        self.provider_type.setItemText(0, _tr("Not recorded"))
        for i, (_, label) in enumerate(PROVIDER_TYPES, start=1):
            self.provider_type.setItemText(i, label())

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
        for key in ("start", "end"):
            try:
                values[key] = parse_entry_date(values[key] or "")
            except ValueError:
                self.w.show_error(fmt(_tr("%1 is not a date: type it as dd/mm/yyyy."), values[key]))
                self.fields[key].setFocus()
                return False
        framework = Path(self.framework.currentData())
        attributes = self.provider_attributes()

        def work():
            store = CentralStore.open_or_init(location, Path(keys_text) if keys_text else None)
            if values["id"] not in {row["id"] for row in queries.inspections(store)}:
                packs.create_inspection(store, values["id"], read_file(framework), values["provider"], values["title"],
                                        (values["start"], values["end"]), attributes)
            return store

        store = self.w.run(work)
        if store is None:
            return False
        self.w.store, self.w.inspection_id = store, values["id"]
        return True


