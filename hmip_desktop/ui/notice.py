"""A non-modal message box: work behind it carries on and nothing is blocked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def notice(parent: QWidget, title: str, text: str, name: str = "",
           icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
           retranslate: Callable[[], tuple[str, str]] | None = None) -> QMessageBox:
    """Show a non-modal box. ``retranslate`` gives its (title, text) again in the interface
    language: a language switch while it is open calls it (see :func:`retranslate_notices`)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, parent)
    if name:
        box.setObjectName(name)
    box.retranslate = retranslate
    box.setModal(False)
    box.show()
    return box


def retranslate_notices(parent: QWidget) -> None:
    """Say the open notices of ``parent`` again in the interface language (Qt's own buttons
    follow by themselves)."""
    for box in parent.findChildren(QMessageBox):
        again = getattr(box, "retranslate", None)
        if box.isVisible() and again is not None:
            title, text = again()
            box.setWindowTitle(title)
            box.setText(text)
