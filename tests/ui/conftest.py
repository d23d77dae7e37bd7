"""Fixtures for GUI tests: real widgets under Qt's offscreen platform, over a real demo store."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings

from hmip_desktop.core import demo
from hmip_desktop.core.field.store import FieldStore
from hmip_desktop.ui.app import make_app


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    demo.create_demo(path, seed=11)
    return path


@pytest.fixture
def demo_path(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def styled_app(qapp):
    """The application with the real style sheet (focus rings, sizes) applied."""
    return make_app()


class Harness:
    """Drives a MainWindow and waits for its worker thread the way a user would see it."""

    def __init__(self, qtbot, window):
        self.qtbot, self.window = qtbot, window

    def settle(self) -> None:
        """Wait until every queued core operation has run and its callback was delivered."""
        self.window.ops.wait()
        self.qtbot.waitUntil(lambda: self.window.ops.pending == 0, timeout=5000)

    def open(self, case_id: str):
        row = next(r for r in self.window.list_page.model.rows() if r["case_id"] == case_id)
        with self.qtbot.waitSignal(self.window.case_opened, timeout=5000):
            self.window.open_read(row["id"])
        return row

    def rows(self, status: str | None = None):
        return [r for r in self.window.list_page.model.rows() if status is None or r["status"] == status]

    def stored(self, path, case_id: str):
        """The case read as a fresh connection sees it on disk."""
        store = FieldStore.open(path)
        try:
            read_id = store.db.execute("SELECT id FROM case_reads WHERE case_id = ?", [case_id]).fetchone()[0]
            return store.read(read_id)
        finally:
            store.close()


@pytest.fixture
def make_window(qtbot, styled_app, settings):
    from hmip_desktop.ui.views.field.main_window import MainWindow

    made = []

    def _make(path, conf=None):
        window = MainWindow(path, conf or settings)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.inspection_loaded, timeout=10000):
            window.load()
        harness = Harness(qtbot, window)
        harness.settle()
        made.append(window)
        return harness

    yield _make
    for window in made:
        if window.isVisible():
            window.close()


@pytest.fixture
def ui(make_window, demo_path):
    return make_window(demo_path)
