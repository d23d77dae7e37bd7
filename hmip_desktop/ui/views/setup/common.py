"""What the set-up wizard's pages share: the translation helper (context
"SetupWizard") and a field with a Browse button."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton

from ...text import fmt


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupWizard", text)


def _browse_row(wizard, parent, edit: QLineEdit, pick) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    button = QPushButton(parent)
    wizard.bind(button.setText, lambda: _tr("Browse…"))
    wizard.bind(button.setAccessibleName, lambda: fmt(_tr("Browse for %1"), edit.accessibleName()))
    button.clicked.connect(pick)
    row.addWidget(button)
    return row
