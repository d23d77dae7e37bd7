"""The ``hmip`` command line. The commands and their output are a stable contract
(see docs/cli.md); scripts and checks depend on them.

Every command prints a clear one-line error and exits non-zero on bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__


class CliError(Exception):
    """A user-facing error: printed as one line, exit status 1."""


def _forms_check(args: argparse.Namespace) -> int:
    from .core.frameworks import check_dir
    from .core.paths import forms_dir

    directory = Path(args.dir) if args.dir else forms_dir()
    if not directory.is_dir():
        raise CliError(f"{directory}: no such folder of framework files")
    files, errors = check_dir(directory)
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} error(s) in {len(files)} framework file(s)", file=sys.stderr)
        return 1
    print(f"{len(files)} framework file(s) OK: {', '.join(f.name for f in files)}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .core import demo

    if bool(args.central) != bool(args.keys):
        raise CliError("--central and --keys go together")
    path = Path(args.field_db)
    summary = demo.create_demo(path, seed=args.seed, progress=_progress_bar("Creating the demo inspection"))
    print(demo.describe(path, summary))
    if args.central:
        key_id = demo.connect_central(path, args.central, Path(args.keys))
        print(f"Central store initialised in {args.central}; demo inspector key {key_id} written to {args.keys}")
        print(f"Export with: hmip export {path} --inspection demo --key {args.keys} --out demo.bundle")
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from .core.field import audit
    from .core.field.db import open_db

    path = Path(args.field_db)
    db = open_db(path, create=False)
    try:
        report = audit.verify(db)
    finally:
        db.close()
    if report.ok:
        print(f"{path}: audit trail OK, {report.events} events, head {report.head[:16]}")
        return 0
    print(f"{path}: audit trail BROKEN at event {report.bad_seq}: {report.reason}")
    return 1


def _progress_bar(label: str) -> Callable[[int, int], None]:
    """A rich progress bar as a ``progress(done, total)`` callback (silent when not a terminal)."""
    from rich.progress import Progress

    state: dict[str, object] = {}

    def update(done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if "bar" not in state:
            bar = Progress(transient=True)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task(label, total=total)
        bar = state["bar"]
        bar.update(state["task"], completed=done, total=total)
        if done >= total:
            bar.stop()

    return update


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hmip", description="Case reading for probation and youth justice inspection.")
    parser.add_argument("--version", action="version", version=f"hmip {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    forms = sub.add_parser("forms", help="framework files").add_subparsers(dest="forms_command", metavar="ACTION")
    check = forms.add_parser("check", help="check framework files; print FILE:LINE: reason for every error")
    check.add_argument("dir", nargs="?", metavar="DIR", help="folder of framework files (default: the shipped forms/)")
    check.set_defaults(func=_forms_check)

    demo = sub.add_parser("demo", help="create the demo inspection (id 'demo') in a field store")
    demo.add_argument("field_db", metavar="FIELD_DB")
    demo.add_argument("--seed", type=int, default=2003, help="random seed (same seed, same demo)")
    demo.add_argument("--central", metavar="STORE", help="also initialise a central store and enrol a demo inspector")
    demo.add_argument("--keys", metavar="DIR", help="where to write the demo inspector's key (with --central)")
    demo.set_defaults(func=_demo)

    aud = sub.add_parser("audit", help="the field store's audit trail").add_subparsers(dest="audit_command", metavar="ACTION")
    verify = aud.add_parser("verify", help="check that no audit event was edited, removed or reordered")
    verify.add_argument("field_db", metavar="FIELD_DB")
    verify.set_defaults(func=_audit_verify)

    from .cli_exchange import register

    register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    from .core.field.db import StoreError
    from .core.frameworks import FrameworkInvalid

    try:
        return func(args)
    except (CliError, StoreError, FrameworkInvalid, ValueError, KeyError, OSError) as exc:
        # ValueError covers Rejected, CentralError, ExportError, PurgeRefused and key errors.
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"hmip: error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
