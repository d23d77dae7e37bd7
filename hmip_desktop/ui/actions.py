"""One way for both windows to make a menu action: named, with window-wide shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def add_action(window: QWidget, name: str, shortcut, slot: Callable, *more) -> QAction:
    """A QAction on ``window`` (its object name ``name``) that calls ``slot``; ``shortcut``
    (a string, a QKeySequence or a standard key; None for none) and any ``more`` work
    anywhere in the window. The caller gives it its (translated) text."""
    action = QAction(window)
    action.setObjectName(name)
    keys = [QKeySequence(shortcut)] + [QKeySequence(k) for k in more] if shortcut is not None else []
    action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    window.addAction(action)
    return action
