"""``hmip-desktop``: the case-reading application.

    hmip-desktop [--store PATH] [--demo] [--screenshot FILE.png] [--lang en|cy]
    hmip-desktop --central STORE [--keys DIR] [--lang en|cy]

``--central`` opens the lead inspector's central mode (import, QA, moderation, ratings).

``--demo`` creates the demo inspection in the user data folder (once) and opens it.
``--screenshot`` renders the main window with a case read open to a PNG and exits
(use with QT_QPA_PLATFORM=offscreen on a machine without a display).
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from .. import __version__
from ..core import logs
from ..core.paths import data_dir
from ..core.words import LANGS
from .qapp import make_app

log = logging.getLogger("hmip.ui")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="hmip-desktop", description="Offline case reading for inspectors.")
    parser.add_argument("--version", action="version", version=f"hmip-desktop {__version__}")
    parser.add_argument("--store", metavar="PATH", help="the field store to open")
    parser.add_argument("--demo", action="store_true", help="open the demo inspection (created on first use)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window with a case read open and exit")
    parser.add_argument("--lang", type=str.lower, choices=LANGS, help="interface language: en or cy (any case)")
    parser.add_argument("--case", metavar="CASE_ID", help="with --screenshot: the case to show")
    parser.add_argument("--setup", action="store_true", help="the lead inspector's set-up wizard (central store)")
    parser.add_argument("--central", metavar="STORE", help="the lead inspector's central mode over a central store")
    parser.add_argument("--keys", metavar="DIR", help="with --central: the store's keys folder (default STORE.keys)")
    parser.add_argument("--self-test", action="store_true", help="check this installation works (offscreen) and exit")
    # For the cold_start benchmark: quit as soon as the window has been shown.
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def demo_store() -> Path:
    """The demo field store in the user data folder, created on first use."""
    path = data_dir() / "demo.sqlite"
    if not path.exists():
        from ..core import demo

        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name("demo.sqlite.creating")
        for leftover in path.parent.glob("demo.sqlite.creating*"):
            leftover.unlink()
        demo.create_demo(tmp)
        tmp.replace(path)
    return path


def settings():
    from PySide6.QtCore import QSettings

    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def install_excepthook() -> None:
    """Log unhandled exceptions (also inside Qt slots) and show them; never exit silently."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .text import error_text, fmt

    def hook(kind, value, tb):
        log.error("unhandled %s\n%s", kind.__name__, "".join(traceback.format_tb(tb)))
        if QApplication.instance() is not None:
            text = QCoreApplication.translate("App", "Something went wrong: %1\n\nDetails are in the log file.")
            QMessageBox.critical(None, "hmip-desktop", fmt(text, error_text(value)))

    sys.excepthook = hook


def cannot_open(app, path: Path):
    """What happens when the field store cannot be opened: the one-line message goes to
    stderr and the log (the reason only: no path, no personal data), a dialog shows it
    when someone can answer one (not on the offscreen or minimal platforms), and the
    application exits with status 1 rather than waiting on a dialog nobody sees."""

    def failed(error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ..core.field.db import store_error
        from .text import error_text

        error = store_error(path, error)
        reason = getattr(error, "reason", None) or str(error).replace(str(path), path.name)
        log.error("cannot open the field store: %s", reason)
        print(f"hmip-desktop: error: {error}", file=sys.stderr, flush=True)
        if app.platformName() not in ("offscreen", "minimal"):
            # In the interface language (the one-line English above is for logs and scripts).
            QMessageBox.critical(None, "hmip-desktop", error_text(error))
        app.exit(1)

    return failed


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:  # before any QApplication: the self-test runs on the offscreen platform
        from . import selftest

        return selftest.main()
    logs.setup()
    app = make_app()
    from PySide6.QtCore import QTimer

    from .views.field.main_window import MainWindow

    install_excepthook()
    if args.central:
        from .views.central.window import CentralWindow

        central = CentralWindow(args.central, Path(args.keys) if args.keys else None, settings())
        if args.lang:
            central.set_language(args.lang)
        central.show()
        QTimer.singleShot(0, central.load)
        return app.exec()
    if args.setup:
        from .i18n import Translations
        from .views.setup.wizard import SetupWizard

        if args.lang:
            Translations().set_language(args.lang)
        wizard = SetupWizard()
        wizard.show()
        return app.exec()
    if args.store:
        path = Path(args.store)
    elif args.demo or args.screenshot:
        path = demo_store()
    elif (data_dir() / "field.sqlite").exists():
        # A laptop's own field store (where `hmip pack import` puts it by default).
        path = data_dir() / "field.sqlite"
    else:
        # Nothing set up yet (a double-click on a fresh install): show the demo rather
        # than exit silently, which a windowed app cannot explain.
        path = demo_store()
    conf = settings()
    if args.lang:
        conf.setValue("language", args.lang)
    # A store named on the command line that cannot be opened: the one-line error and exit 1.
    # Otherwise the window says why and offers File → Open and the recent stores.
    named = bool(args.store or args.screenshot or args.exit_when_shown)
    window = MainWindow(path, conf, on_load_failed=cannot_open(app, path) if named else None)
    if args.screenshot:
        if args.case is None:
            conf.remove(window._last_key())
        return _screenshot(app, window, Path(args.screenshot), args.case)
    window.show()
    QTimer.singleShot(0, window.load)
    if args.exit_when_shown:
        import os

        # Leave at once, as the benchmark's bare window does: this measures launch to shown.
        QTimer.singleShot(0, lambda: os._exit(0))
    return app.exec()


def _screenshot(app, window, out: Path, case_id: str | None) -> int:
    """Open a case read (the given one, or the first in progress), grab the window, exit."""
    from PySide6.QtCore import QTimer

    result = {"code": 1}

    def loaded(_inspection):
        rows = window.list_page.model.rows()
        chosen = next((r for r in rows if r["case_id"] == case_id), None) if case_id else None
        chosen = chosen or next((r for r in rows if r["status"] == "in_progress"), rows[0])
        window.open_read(chosen["id"])

    def opened(_read_id):
        def grab():
            out.parent.mkdir(parents=True, exist_ok=True)
            result["code"] = 0 if window.grab().save(str(out)) else 1
            window.close()
            app.quit()

        QTimer.singleShot(200, grab)

    window.inspection_loaded.connect(loaded)
    window.case_opened.connect(opened)
    window.resize(1440, 900)
    window.show()
    QTimer.singleShot(0, window.load)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    return result["code"]


if __name__ == "__main__":
    sys.exit(main())
