"""Figures for the desktop window (hmip_desktop.ui). Qt runs offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from .registry import Context, Measurement, benchmark
from .timing import Work, compare

BARE_WINDOW = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow()\n"
    "w.show()\n"
    "import os\n"
    "QTimer.singleShot(0, lambda: os._exit(0))\n"
    "app.exec()\n"
)


def _env(ctx: Context) -> dict:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", HMIP_DATA_DIR=str(ctx.workdir / "data"))


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from hmip_desktop.ui.app import make_app

    return make_app()


@benchmark(
    "cold_start",
    unit="ms",
    measures="launching hmip-desktop --demo in a new process until its main window has been shown (then it exits at once; the case list fills in from the worker thread after that)",
    baseline="launching python with a bare QApplication showing an empty QMainWindow (then it exits)",
)
def cold_start(ctx: Context) -> Measurement:
    env = _env(ctx)
    ours = [sys.executable, "-m", "hmip_desktop.ui.app", "--demo", "--exit-when-shown"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    subprocess.run(ours, env=env, check=True, capture_output=True)  # creates the demo once, untimed
    value, base = compare(
        Work(lambda: subprocess.run(ours, env=env, check=True, capture_output=True)),
        Work(lambda: subprocess.run(bare, env=env, check=True, capture_output=True)),
        ctx, repeats=9,
    )
    return Measurement(value * 1000, base * 1000)


def _largest_framework_read(ctx: Context):
    """A field store holding one case read of the largest framework, and that framework."""
    from hmip_desktop.core.field.db import open_db
    from hmip_desktop.core.field.inspections import create_inspection
    from hmip_desktop.core.field.store import FieldStore
    from hmip_desktop.core.frameworks import load_text
    from hmip_desktop.core.paths import forms_dir

    sizes = []
    for path in forms_dir().glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        fw = load_text(text, path.name)
        sizes.append((sum(1 + len(kq.prompts) for kq in fw.key_questions()), path.name, text, fw))
    _, _, text, fw = max(sizes)
    db = open_db(ctx.workdir / "largest.sqlite")
    create_inspection(db, inspection_id="bench", provider="P", title="T", framework_yaml=text,
                      team=[{"id": "insp1", "name": "I", "role": "inspector"}],
                      cases=[{"case_id": "B1", "profile": {}}], reads=[("B1", "insp1")])
    store = FieldStore(db, "insp1")
    return fw, store.read(1)


@benchmark(
    "open_case_read",
    unit="ms",
    measures="building and showing the case read form of the largest framework (every standard, key question, "
    "prompt and note) and loading a case read into it",
    baseline="building and showing the same number of bare widgets of the same classes in one layout",
)
def open_case_read(ctx: Context) -> Measurement:
    app = _app()
    from collections import Counter

    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from hmip_desktop.ui.views.field.case_read_page import CaseReadPage

    fw, read = _largest_framework_read(ctx)
    probe = CaseReadPage(fw)
    kinds = Counter(type(w) for w in probe.findChildren(QWidget))
    probe.deleteLater()
    app.processEvents()
    pages = []

    def ours():
        page = CaseReadPage(fw)
        page.load(read)
        page.resize(1280, 800)
        page.show()
        app.processEvents()
        pages.append(page)

    def bare():
        root = QWidget()
        layout = QVBoxLayout(root)
        for kind, count in kinds.items():
            for _ in range(count):
                try:
                    layout.addWidget(kind())
                except TypeError:  # classes that need arguments: count them as plain widgets
                    layout.addWidget(QWidget())
        root.resize(1280, 800)
        root.show()
        app.processEvents()
        pages.append(root)

    def clear():
        while pages:
            pages.pop().close()
        app.processEvents()

    value, base = compare(Work(ours, teardown=clear), Work(bare, teardown=clear), ctx, repeats=9)
    return Measurement(value * 1000, base * 1000)


def _max_gap_ms(app, duration_s: float, drive=None) -> float:
    """The longest the GUI thread went without serving its event loop, while ``drive``
    (a callable run from the event loop, returning False when done) does its work."""
    from PySide6.QtCore import QTimer

    gaps = [0.0]
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(tick)
    timer.start()
    deadline = time.perf_counter() + duration_s
    busy = True
    while busy or time.perf_counter() < deadline:
        if busy and drive is not None:
            busy = drive()
        elif drive is None:
            busy = False
        app.processEvents()
        tick()
    timer.stop()
    return max(gaps) * 1000


@benchmark(
    "gui_autosave_block_ms",
    unit="ms",
    measures="the longest the GUI thread is blocked while 200 answers are given as fast as possible in an open "
    "case read of the demo (each answer: local update, relevance, progress, save queued to the worker)",
    baseline="the longest gap of the same event-loop probe over an idle bare window for the same time",
)
def gui_autosave_block_ms(ctx: Context) -> Measurement:
    app = _app()
    import shutil

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMainWindow

    from hmip_desktop.core.demo import create_demo
    from hmip_desktop.ui.views.field.main_window import MainWindow

    template = ctx.workdir / "template.sqlite"
    create_demo(template)
    runs = ctx.repeats(5)
    ours, bare = [], []
    for i in range(runs):
        path = ctx.workdir / f"demo-{i}.sqlite"
        shutil.copy(template, path)
        window = MainWindow(path, QSettings(str(ctx.workdir / f"s{i}.ini"), QSettings.Format.IniFormat))
        window.show()
        window.load()
        window.ops.wait()
        app.processEvents()
        row = next(r for r in window.list_page.model.rows() if r["status"] != "complete")
        window.open_read(row["id"])
        window.ops.wait()
        for _ in range(3):  # deliver the open and paint the opened case: not part of the figure
            app.processEvents()
        page = window.page
        targets = [w for w in page.questions.values() if not w.isHidden()]
        given = [0]

        def answer_one() -> bool:
            n = given[0]
            if n >= 200:  # all given: keep probing until every save has come back
                return window.ops.pending > 0
            widget = targets[n % len(targets)]
            widget.editor.choose((n // len(targets)) % 2)
            given[0] += 1
            return True

        start = time.perf_counter()
        ours.append(_max_gap_ms(app, 0.0, answer_one))
        elapsed = time.perf_counter() - start
        window.close()
        app.processEvents()
        idle = QMainWindow()
        idle.show()
        bare.append(_max_gap_ms(app, elapsed))
        idle.close()
    import statistics

    return Measurement(statistics.median(ours), statistics.median(bare))
