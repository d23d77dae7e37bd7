"""``hmip-desktop --self-test``: prove that an installed (or frozen) application works.

Each step does real work in a temporary folder, the way an inspector's laptop and the
central store would, and reports one line: ``ok: <step>`` or ``FAILED: <step>: <reason>``.
The run stops at the first failure, so the exit code is 0 only if every step passed.

The steps load every framework, make a field store with the demo inspection, save and
undo an answer, make keys, initialise a central store (its Alembic migrations are read
from files, the classic thing a frozen build forgets), enrol, export a signed and
encrypted bundle, verify and import it, load the PostgreSQL driver, render the PDF
report (in Welsh, with the shipped fonts), load the interface translations, and open
and close the main window on Qt's offscreen platform. Nothing outside the temporary
folder is touched: key passphrases come from ``HMIP_KEY_PASSPHRASE`` (a random one is
set for the run if there is none), never from the OS keyring.

Threading: call from the main thread, before or after a QApplication exists.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

PASSPHRASE_ENV = "HMIP_KEY_PASSPHRASE"
WINDOW_TIMEOUT_MS = 60_000


# -- the steps: each takes the shared context and raises on failure ------------------------


def load_frameworks(ctx) -> str:
    from ..core.frameworks import check_dir, load_file
    from ..core.paths import forms_dir

    files, errors = check_dir(forms_dir())
    if errors:
        raise RuntimeError("; ".join(str(e) for e in errors[:3]))
    ctx.frameworks = [load_file(path) for path in files]
    return f"{len(files)} framework(s) in {forms_dir()}"


def create_field_store(ctx) -> str:
    from ..core import demo

    ctx.field_path = ctx.tmp / "field.sqlite"
    summary = demo.create_demo(ctx.field_path, reader=demo.DEMO_READER)  # one inspector's laptop
    return f"demo inspection, {summary['reads']} case reads"


def save_and_undo(ctx) -> str:
    from ..core.field.store import FieldStore

    store = FieldStore.open(ctx.field_path, actor="insp1", create=False)
    try:
        rows = store.case_reads("demo")
        read = store.read(next(r["id"] for r in rows if r["status"] == "in_progress"))
        fw = store.framework(read.inspection_id)
        qid = next(kq.id for kq in fw.key_questions() if read.answers.get(kq.id) in ("yes", "no"))
        before = read.answers[qid]
        after = "no" if before == "yes" else "yes"
        store.set_answer(read.id, qid, after)
        if store.read(read.id).answers.get(qid) != after:
            raise RuntimeError(f"case {read.case_id}, {qid}: the saved answer did not read back")
        if store.undo() is None or store.read(read.id).answers.get(qid) != before:
            raise RuntimeError(f"case {read.case_id}, {qid}: undo did not restore '{before}'")
    finally:
        store.close()
    return f"case {read.case_id}, {qid}: {before} -> {after} -> {before}"


def make_keys(ctx) -> str:
    from ..core.exchange.keys import new_key

    if not os.environ.get(PASSPHRASE_ENV):  # a build machine has no keyring; never use the user's
        os.environ[PASSPHRASE_ENV] = secrets.token_urlsafe(24)
        ctx.set_passphrase = True
    ctx.key_dir = ctx.tmp / "inspector-key"
    ctx.key = new_key(ctx.key_dir, "Self-test inspector")
    return f"inspector key {ctx.key.key_id[:16]}"


def init_central(ctx) -> str:
    from ..core.central.store import CentralStore

    ctx.central = CentralStore.init(ctx.tmp / "central.sqlite")
    return f"central store {ctx.central.store_id[:16]}, its Alembic migrations applied"


def enrol_and_trust(ctx) -> str:
    from ..core import demo
    from ..core.field.db import open_db
    from ..core.field.export import set_user, trust_central

    key_id = ctx.central.enrol("Self-test inspector", "inspector", (ctx.key_dir / "public.key").read_text(encoding="utf-8"))
    db = open_db(ctx.field_path, create=False)
    try:
        reader = demo.set_up_central(ctx.central, db, key_id)  # the lead's set-up: inspection, team, sample
        trust_central(db, store_id=ctx.central.store_id, recipients=ctx.central.recipients(),
                      public_key=ctx.central.meta("signing_key"))
        set_user(db, reader)
    finally:
        db.close()
    return f"enrolled {key_id[:16]} as {reader}; the inspection is set up; the field store trusts the central store"


def export_bundle(ctx) -> str:
    from ..core.field.db import open_db
    from ..core.field.export import export_bundle as export

    ctx.bundle = ctx.tmp / "demo.bundle"
    db = open_db(ctx.field_path, create=False)
    try:
        summary = export(db, "demo", ctx.key, ctx.bundle)
    finally:
        db.close()
    return f"{summary['reads']} case reads, {summary['bytes']} bytes"


def verify_and_import(ctx) -> str:
    from ..core.central import importer

    importer.verify_bundle(ctx.central, ctx.bundle.read_bytes())  # raises Rejected if invalid
    result = importer.import_file(ctx.central, ctx.bundle)
    if not result.newly_imported or not result.outcomes:
        raise RuntimeError(f"the import changed nothing: {result.describe()}")
    return f"valid; {result.describe()}"


def load_postgres_driver(ctx) -> str:
    """The multi-user deployment's driver is shipped (no server is contacted)."""
    from ..core.central.store import postgres_driver

    return postgres_driver()


def _check_report_fonts() -> str:
    """The report's own fonts (DejaVu Sans, for Welsh ŵ and ŷ) are shipped and used, not
    a copy that happens to be installed on the build machine."""
    from ..core.reports import style

    used = style.font_path(style.FONT)
    if used is None or used.parent != style.FONT_DIR:
        raise RuntimeError(f"the report fonts are not shipped in {style.FONT_DIR} (found: {used})")
    return used.name


def render_pdf(ctx) -> str:
    from ..core.reports.pdf_report import write_report_pdf

    font = _check_report_fonts()
    out = write_report_pdf(ctx.central, "demo", ctx.tmp / "report.pdf", lang="cy")  # Welsh: the harder case
    data = out.read_bytes()
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
        raise RuntimeError(f"{out.name} is not a complete PDF ({len(data)} bytes)")
    if b"+DejaVuSans" not in data:  # a subset of the TrueType font, as /BaseFont /ABCDEF+DejaVuSans
        raise RuntimeError("the report does not embed DejaVu Sans: Welsh ŵ and ŷ would be lost")
    return f"Welsh, {font} embedded, {len(data)} bytes"


def _app():
    """The QApplication, made on Qt's offscreen platform if there is none yet."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported: no display needed
    from .qapp import make_app

    return make_app()


def load_translations(ctx) -> str:
    from .i18n import LANGUAGES, Translations, translations_dir

    _app()
    from PySide6.QtCore import QLocale

    translations, before, locale = Translations(), Translations.lang, QLocale()
    try:
        for lang in LANGUAGES:  # raises if a compiled catalogue is missing or unreadable
            translations.set_language(lang)
    finally:  # leave the application as it was (the self-test also runs inside the tests)
        translations.set_language(before)
        QLocale.setDefault(locale)
    return f"{', '.join(LANGUAGES)} from {translations_dir()}"


def open_main_window(ctx) -> str:
    app = _app()
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, QTimer

    from .views.field.main_window import MainWindow

    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def loaded(inspection_id):
        outcome["loaded"] = inspection_id
        loop.quit()

    def load_failed(error):  # instead of the window's modal message box, which would wait for a click
        outcome["error"] = error
        loop.quit()

    settings = QSettings(str(ctx.tmp / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx.field_path, settings, on_load_failed=load_failed)
    window.inspection_loaded.connect(loaded)
    window.show()
    QTimer.singleShot(0, window.load)
    QTimer.singleShot(WINDOW_TIMEOUT_MS, loop.quit)
    loop.exec()
    rows = window.list_page.model.rowCount() if "loaded" in outcome else 0
    closed = window.close()
    # Destroy the window now, not at some later event loop: a closed but living window
    # would still be restyled and repainted by whoever uses this QApplication next.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    app.processEvents()
    del window
    if "error" in outcome:
        raise RuntimeError(f"the window could not open the field store: {outcome['error']}")
    if "loaded" not in outcome:
        raise RuntimeError(f"the inspection did not load within {WINDOW_TIMEOUT_MS // 1000} s")
    if not closed:
        raise RuntimeError("the window refused to close")
    return f"platform {app.platformName()}, inspection {outcome['loaded']}, {rows} case reads listed"


#: (name, step). Order matters: each step builds on the ones before it.
STEPS: list[tuple[str, Callable]] = [
    ("load every framework", load_frameworks),
    ("create a field store with the demo inspection", create_field_store),
    ("save and undo an answer", save_and_undo),
    ("make an inspector key", make_keys),
    ("initialise a central store", init_central),
    ("enrol the inspector, set the inspection up and trust the central store", enrol_and_trust),
    ("export a bundle", export_bundle),
    ("verify and import the bundle", verify_and_import),
    ("load the PostgreSQL driver", load_postgres_driver),
    ("render the PDF report", render_pdf),
    ("load the interface translations", load_translations),
    ("open and close the main window", open_main_window),
]


def run(report: Callable[[str], object] = print) -> int:
    """Run every step in a temporary folder; return 0 if all passed, else 1 after the
    first failure (whose line names the step and the reason)."""
    from .. import __version__

    report(f"hmip-desktop {__version__} self-test ({'frozen' if getattr(sys, 'frozen', False) else 'from source'})")
    tmp = Path(tempfile.mkdtemp(prefix="hmip-selftest-"))
    ctx = SimpleNamespace(tmp=tmp, set_passphrase=False, central=None)
    try:
        for name, step in STEPS:
            try:
                detail = step(ctx)
            except Exception as exc:  # noqa: BLE001 - every failure is reported, with its step
                reason = (str(exc).strip().splitlines() or [""])[0]
                report(f"FAILED: {name}: {type(exc).__name__}: {reason}" if reason else f"FAILED: {name}: {type(exc).__name__}")
                report("".join(traceback.format_exception(exc)).rstrip())
                return 1
            report(f"ok: {name}" + (f" ({detail})" if detail else ""))
        report(f"self-test passed: {len(STEPS)} steps")
        return 0
    finally:
        if ctx.central is not None:
            ctx.central.engine.dispose()
        if ctx.set_passphrase:
            os.environ.pop(PASSPHRASE_ENV, None)
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    """The ``--self-test`` entry point. A windowed Windows build has no console
    (sys.stdout is None): the report then goes to ``self-test.txt`` in the log folder."""
    if sys.stdout is not None:
        return run(lambda line: print(line, flush=True))
    from ..core.paths import log_dir

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "self-test.txt", "w", encoding="utf-8") as fh:
        return run(lambda line: print(line, file=fh, flush=True))
