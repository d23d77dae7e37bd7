"""A non-modal message box: work behind it carries on and nothing is blocked."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def notice(parent: QWidget, title: str, text: str, name: str = "",
           icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, parent)
    if name:
        box.setObjectName(name)
    box.setModal(False)
    box.show()
    return box


def error_text(exc: BaseException) -> str:
    """What to show for a core exception: its one-line message (in the interface language
    once the core's messages have a Welsh catalogue; for now ``str(exc)``)."""
    return str(exc) or type(exc).__name__
