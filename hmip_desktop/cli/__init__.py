"""The ``hmip`` command line. The commands and their output are a stable contract
(see docs/cli.md); scripts and checks depend on them.

Every command prints a clear one-line error and exits non-zero on bad input.

The commands live by area, each module adding its own with ``register``:

- ``field``: forms check, demo, audit verify (a laptop's framework files and field store)
- ``exchange``: keys, export, verify, receipt, purge, pack create/import (between laptop and centre)
- ``central``: ``hmip central …`` (the central store: keys, import, set-up, QA, ratings, results)
- ``setup``: sample (a stratified sample from a caseload file, no store needed)
- ``reports``: report, report-case, ``hmip central export-data`` (documents and data files)

They share ``common`` (the one-line error, the progress bar, opening stores and keys) and
never import each other. The order of the ``register`` calls is the order of ``hmip --help``.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from .. import __version__
from . import central, exchange, field, reports, setup
from .common import CliError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hmip", description="Case reading for probation and youth justice inspection.")
    parser.add_argument("--version", action="version", version=f"hmip {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    field.register(sub)
    exchange.register(sub)
    central_actions = central.register(sub)
    setup.register(sub)
    reports.register(sub, central_actions)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    from ..core.field.db import StoreError
    from ..core.frameworks import FrameworkInvalid

    try:
        return func(args)
    except (CliError, StoreError, FrameworkInvalid, ValueError, KeyError, OSError) as exc:
        # ValueError covers Rejected, CentralError, ExportError, PurgeRefused and key errors.
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"hmip: error: {message}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        # Field stores are explained where they are opened (FILE: damaged …); this is the
        # last resort for any other SQLite file, so that no command ends in a traceback.
        print(f"hmip: error: a store cannot be used ({exc})", file=sys.stderr)
        return 1
