"""The QApplication, named and styled as the application's own (a leaf module: the
application and the self-test both make theirs here)."""

from __future__ import annotations

import sys

from .. import __version__
from ..core.paths import resources_dir


def make_app(argv=None):
    """The running QApplication (made if there is none yet), with the application's name,
    version and style sheet."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("hmip-desktop")
    app.setApplicationVersion(__version__)
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app
