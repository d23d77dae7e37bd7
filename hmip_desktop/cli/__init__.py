"""The ``hmip`` command line. The commands and their output are a stable contract
(see docs/cli.md); scripts and checks depend on them.

Every command prints a clear one-line error and exits non-zero on bad input.

The commands live by area, each module adding its own with ``register``:

- ``field``: forms check, demo, audit verify (a laptop's framework files and field store)
- ``exchange``: keys, export, verify, receipt, purge, pack create/import (between laptop and centre)
- ``central``: ``hmip central …`` (the central store: keys, import, set-up, QA, ratings, results)
- ``setup``: sample (a stratified sample from a caseload file, no store needed)
- ``reports``: report, report-case, ``hmip central export-data`` (documents and data files)
- ``national``: ``hmip national …`` (the national store: results across inspections)
- ``sync``: serve (the sync service), sync (a laptop's network sync); docs/sync.md

They share ``common`` (the one-line error, the progress bar, opening stores and keys) and
never import each other. The order of the ``register`` calls is the order of ``hmip --help``.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from .. import __version__
from . import central, exchange, field, national, reports, setup, sync
from ..core.words import LANGS
from .common import CliError, refusal_text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hmip", description="Case reading for probation and youth justice inspection.")
    parser.add_argument("--version", action="version", version=f"hmip {__version__}")
    parser.add_argument("--lang", dest="message_lang", type=str.lower, choices=LANGS,
                        help="the language of refusals and error lines: en (default) or cy, any case")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    field.register(sub)
    exchange.register(sub)
    central_actions = central.register(sub)
    setup.register(sub)
    reports.register(sub, central_actions)
    national.register(sub)
    sync.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args)
    except Exception as exc:  # noqa: BLE001 - every failure ends as one line; bugs are logged in full
        print(f"hmip: error: {error_line(exc, args)}", file=sys.stderr)
        return 1


def error_line(exc: Exception, args: argparse.Namespace | None = None) -> str:
    """The one line ``hmip`` prints for a failure.

    A refusal the user can act on is printed as it is: CliError, the field store's
    StoreError, and hmip's own ValueError subclasses (CentralError, Rejected, key,
    export, set-up and framework errors: each says what is wrong and what to do);
    any other refusal with a message id (a file that cannot be written, WriteFailed, an
    OSError naming its file in the words of core/messages.py); an OSError naming its file;
    the central store's database becoming unreachable.
    Anything else (a plain ValueError or KeyError, a library's error) is a bug: the
    traceback goes to the log file, and the line says where.
    """
    from ..core.field.db import StoreError
    from ..core.messages import Refusal

    if isinstance(exc, (CliError, StoreError)) or (isinstance(exc, Refusal) and exc.key is not None) or (
            isinstance(exc, ValueError) and type(exc) is not ValueError
            and type(exc).__module__.startswith("hmip_desktop.")):
        return refusal_text(exc, args)
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    if isinstance(exc, sqlite3.DatabaseError):
        # Field stores are explained where they are opened (FILE: damaged …); this is the
        # last resort for any other SQLite file, so that no command ends in a traceback.
        return f"a store cannot be used ({exc})"
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError):
        from ..core.central.store import redact

        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        store = getattr(args, "store", None) if args is not None else None
        return (f"{redact(store) + ': ' if store else ''}the central store's database is unavailable ({reason}); "
                "check that it is running and try again")
    import logging

    from ..core import logs

    try:
        path = logs.setup()
    except OSError:
        path = None
    words = vars(args) if args is not None else {}
    command = " ".join([words.get("command") or ""] + [v for k, v in words.items() if k.endswith("_command") and v])
    logging.getLogger("hmip.cli").error("internal error in 'hmip %s'", command, exc_info=exc)
    where = f"see the log {path}" if path else "the log could not be written"
    return f"internal error ({type(exc).__name__}); {where}, and please report it"
