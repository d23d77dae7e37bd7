"""Cells that are safe to open in a spreadsheet: every CSV and XLSX file the project writes
goes through here (docs/decisions.md, "Spreadsheet cells").

* CSV (OWASP's CSV-injection rule): a text cell beginning with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return gets a single quote ``'`` in front, so that a
  spreadsheet shows it as text and never runs it as a formula. A number written as a
  number (``int``/``float``, a genuinely numeric cell) is left as it is: ``-2`` is data.
* XLSX: the text is kept exactly, stored as a text cell (openpyxl would store a ``str``
  beginning with ``=`` as a formula) and marked with Excel's quote prefix; control
  characters XLSX cannot hold (openpyxl's ``ILLEGAL_CHARACTERS_RE``, such as the ``\\x0b``
  of a line break pasted from Word) become spaces rather than fail the whole file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: The characters an XLSX cell cannot hold (the same set as openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def neutral(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would run as a formula, with ``'`` in front."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Writer:
    """A ``csv.writer`` whose every cell goes through :func:`neutral`."""

    def __init__(self, writer: Any):
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutral(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: Any, **options: Any) -> _Writer:
    """``csv.writer(stream, **options)`` that neutralises formula-like text (see above)."""
    return _Writer(csv.writer(stream, **options))


def xlsx_text(value: str) -> str:
    """Text an XLSX cell can hold: its illegal control characters replaced by spaces."""
    return _ILLEGAL.sub(" ", value)


def append_row(sheet: Any, row: Iterable[Any]) -> None:
    """Append ``row`` to an openpyxl worksheet safely: no illegal characters, and text that
    looks like a formula stays text (a text cell with the quote prefix), value unchanged."""
    sheet.append([xlsx_text(v) if isinstance(v, str) else v for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True
