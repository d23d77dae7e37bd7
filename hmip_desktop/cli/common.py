"""What every area of the ``hmip`` command line shares: the one-line error, the progress
bar, opening a field store, a central store or a key folder, and the store arguments.

The area modules (field, exchange, central, setup, reports) import this module and the
core, never each other. The stores and keys report their own one-line errors
(``StoreError``, ``CentralError``, key errors), which ``main`` prints as ``hmip: error: …``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

class CliError(Exception):
    """A user-facing error: printed as one line, exit status 1."""


def progress_bar(label: str) -> Callable[[int, int], None]:
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


@contextmanager
def field_store(path: str | Path, *, create: bool = False) -> Iterator:
    """The field store at ``path``, closed afterwards; a missing one is an error unless ``create``.
    A damaged store (found on opening or while in use) is a one-line error naming it."""
    from ..core.field.db import explained, open_db

    with explained(path):
        db = open_db(Path(path), create=create)
        try:
            yield db
        finally:
            db.close()


def central_store(args: argparse.Namespace):
    """The central store named by ``args.store``, with its keys in ``args.keys`` (default STORE.keys)."""
    from ..core.central.store import CentralStore

    return CentralStore.open(args.store, keys_dir(args))


def keys_dir(args: argparse.Namespace) -> Path | None:
    """The ``--keys`` folder given, or None for the central store's default."""
    return Path(args.keys) if args.keys else None


def key(folder: str):
    """The signing key in a key folder (``--key DIR``)."""
    from ..core.exchange.keys import load_key

    return load_key(Path(folder))


def add_keys_argument(parser: argparse.ArgumentParser) -> None:
    """``--keys DIR``: where the central store's keys are, when not beside it."""
    parser.add_argument("--keys", metavar="DIR", help="the central store's keys folder (default STORE.keys)")


def add_store_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """STORE and ``--keys DIR``: the central store a command works on."""
    parser.add_argument("store", metavar="STORE", help="a SQLite path or a postgresql:// URL")
    add_keys_argument(parser)
    return parser
