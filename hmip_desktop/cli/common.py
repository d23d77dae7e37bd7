"""What every area of the ``hmip`` command line shares: the one-line error, the progress
bar, opening a field store, a central store or a key folder, and the store arguments.

The area modules (field, exchange, central, setup, reports) import this module and the
core, never each other. The stores and keys report their own one-line errors
(``StoreError``, ``CentralError``, key errors), which ``main`` prints as ``hmip: error: …``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

class CliError(Exception):
    """A user-facing error: printed as one line, exit status 1."""


def message_lang(args: argparse.Namespace | None) -> str:
    """The language refusals are printed in: ``hmip --lang cy COMMAND …``, else a report
    command's own ``--lang``, else English."""
    words = vars(args) if args is not None else {}
    return words.get("message_lang") or words.get("lang") or "en"


def refusal_text(exc: BaseException, args: argparse.Namespace | None) -> str:
    """A core refusal's text in the language asked for (its message id's template;
    ``str()`` for an error without one)."""
    from ..core.messages import text_of

    return text_of(exc, message_lang(args))


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


# -- sampling options (``hmip sample`` and ``hmip central draw``) -----------------------

_MIN = re.compile(r"^([a-z][a-z0-9_]*)=([^:=]+):(\d+)$")


def min_group(text: str) -> tuple[str, str, int]:
    """``gender=female:10`` -> ("gender", "female", 10) (an argparse type)."""
    m = _MIN.match(text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"'{text}' is not FIELD=VALUE:N (such as gender=female:10)")
    return m[1], m[2].strip(), int(m[3])


def minimums(given: list[tuple[str, str, int]] | None) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for attribute, value, n in given or ():
        out.setdefault(attribute, {})[value] = n
    return out


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return int(text)


def add_sampling_options(p) -> None:
    """The options ``hmip sample`` and ``hmip central draw`` share."""
    p.add_argument("--min", action="append", type=min_group, metavar="FIELD=VALUE:N",
                   help="at least N cases of a group, e.g. gender=female:10 (repeatable)")
    p.add_argument("--cap", type=_positive, metavar="N",
                   help="most cases from one case holder (default: the framework's, 6), when the caseload has that column")
    p.add_argument("--as-of", type=_date, metavar="DATE",
                   help="the day eligibility is judged on: later start dates are not yet started (default: today)")
