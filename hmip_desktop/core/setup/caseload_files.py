"""Reading a caseload file into ``(line, cells)`` records, before any validation.

Contract of :func:`file_records` (the reading half of :func:`.caseload.read_caseload`):

* **Format** is recognised by content, not by name: an XLSX workbook (a zip) is read
  from its first worksheet (a warning names the sheets left out); an old ``.xls``
  workbook is refused; anything else is CSV, its delimiter (comma, semicolon or tab)
  taken from the first line.
* **Encoding** of a CSV: UTF-16 with a byte order mark, else UTF-8 (a BOM is dropped),
  else Windows-1252 (Excel's plain CSV), with a warning. Content that is none of these
  (a NUL byte, bytes undefined in Windows-1252) is binary and refused.
* **Line numbers**: the spreadsheet row for XLSX; the first physical line of the record
  for CSV. XLSX cells become text (whole numbers without ``.0``, dates ISO, booleans
  ``yes``/``no``).
* **Absurd input is refused** with :class:`CaseloadRefused` (one line, naming the line
  where it can): a folder, an empty file, a CSV over :data:`MAX_BYTES`, more than
  :data:`MAX_COLUMNS` columns in a workbook row, binary content, an unreadable workbook.

Records are produced lazily (an XLSX workbook is opened on the first one); ``progress(done,
total)`` is called now and then. No Qt, no logging of values (they are personal data).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import Msg, Refusal, in_lang, render

MAX_COLUMNS = 1_000
#: A CSV larger than this is refused before reading (1 million rows of 500 bytes).
MAX_BYTES = 512 * 1024 * 1024

Progress = Callable[[int, int], None]


class CaseloadRefused(Refusal, ValueError):
    """The file as a whole cannot be read as a caseload. ``str()`` is one line; ``reason``
    the English without the line, ``said`` the same as a translatable phrase."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        self.reason = message
        self.said: Msg | str = message
        super().__init__(f"line {line}: {message}" if line else message)

    @classmethod
    def of(cls, key: str, /, line: int | None = None, **params) -> CaseloadRefused:
        """The refusal with message ``key``, at ``line`` of the file if given."""
        made = cls(render(key, "en", params), line)
        made.said = Msg.of(key, **params)
        return made.keyed("caseload.at_line", line=line, reason=made.said) if line else made.keyed(key, **params)


@dataclass(frozen=True)
class Problem:
    """One problem (error or warning) at a line of the file (0: the file as a whole).
    ``message`` is the English; ``said`` the same as a phrase with a message id, which
    reads in Welsh too (see :meth:`text`)."""

    line: int
    message: str
    said: Msg | None = field(default=None, compare=False)

    @classmethod
    def saying(cls, line: int, said: Msg) -> Problem:
        """The problem ``said`` (a phrase with a message id) at ``line``."""
        return cls(line, str(said), said)

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message

    def text(self, lang: str = "en") -> str:
        """The problem, without its line, in ``lang``."""
        return in_lang(self.message if self.said is None else self.said, lang)

    def at(self, path: object) -> Msg:
        """The problem as ``PATH:LINE: problem`` (``PATH: problem`` for the file as a whole)."""
        if self.line:
            return Msg.of("caseload.file_line", path=path, line=self.line, problem=self.said or self.message)
        return Msg.of("caseload.file", path=path, problem=self.said or self.message)


def file_records(path: Path, progress: Progress | None, warnings: list[Problem]) -> Iterable[tuple[int, list[str]]]:
    """The records of a CSV or XLSX file (recognised by its content); adds warnings about
    how it was read to ``warnings``. CaseloadRefused for a file that cannot be a caseload."""
    if path.is_dir():
        raise CaseloadRefused.of("caseload.folder", path=path)
    with path.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(b"PK\x03\x04"):
        return _xlsx_records(path, progress, warnings)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise CaseloadRefused.of("caseload.xls", name=path.name)
    encoding, fell_back = _sniff_encoding(path)
    if fell_back:
        warnings.append(Problem.saying(0, Msg.of("caseload.cp1252")))
    return _csv_records(path, encoding, progress)


def _sniff_encoding(path: Path) -> tuple[str, bool]:
    """``(encoding, fell back)`` for a CSV file; CaseloadRefused for binary content."""
    size = path.stat().st_size
    if size == 0:
        raise CaseloadRefused.of("caseload.empty_file", name=path.name)
    if size > MAX_BYTES:
        raise CaseloadRefused.of("caseload.too_big", name=path.name, mb=MAX_BYTES // (1024 * 1024))
    with path.open("rb") as f:
        head = f.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", False
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        ok, line = True, 1
        while chunk := f.read(1 << 20):
            if b"\x00" in chunk:
                line += chunk[: chunk.index(b"\x00")].count(b"\n")
                raise CaseloadRefused.of("caseload.nul", line=line)
            if ok:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    ok = False
            line += chunk.count(b"\n")
        if ok:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                ok = False
        if ok:
            return "utf-8-sig", False
        # Excel's plain "CSV" is Windows-1252; five byte values are undefined there,
        # so binary content still fails this check.
        f.seek(0)
        line = 1
        while chunk := f.read(1 << 20):
            try:
                chunk.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise CaseloadRefused.of("caseload.binary", line=line + chunk[: exc.start].count(b"\n")) from None
            line += chunk.count(b"\n")
        return "cp1252", True


def _csv_records(path: Path, encoding: str, progress: Progress | None) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for every record, ``line`` being the record's first physical line."""
    total = path.stat().st_size
    raw = path.open("rb", buffering=0)
    try:
        first = raw.read(65536).split(b"\n", 1)[0]
        raw.seek(0)
        text = io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, newline="")
        counts = {d: first.count(d.encode("ascii")) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: (counts[d], d == ","))
        reader = csv.reader(text, delimiter=delimiter)
        previous = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise CaseloadRefused.of("caseload.csv", line=previous + 1, detail=exc) from None
            except UnicodeDecodeError:
                raise CaseloadRefused.of("caseload.encoding", line=previous + 1) from None
            line, previous = previous + 1, reader.line_num
            if progress and line % 5000 == 0:
                progress(raw.tell(), total)
            yield line, cells
        if progress:
            progress(total, total)
    finally:
        raw.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _xlsx_records(path: Path, progress: Progress | None, warnings: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """``(spreadsheet row number, cells)`` for every row of the first worksheet."""
    from openpyxl import load_workbook

    # A file object, not the path: openpyxl refuses names that do not end in .xlsx.
    handle = path.open("rb")
    try:
        wb = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        handle.close()
        raise CaseloadRefused.of("caseload.xlsx", name=path.name, kind=type(exc).__name__) from None
    try:
        if not wb.worksheets:
            raise CaseloadRefused.of("caseload.no_sheet", name=path.name)
        ws = wb.worksheets[0]
        if len(wb.worksheets) > 1:
            warnings.append(Problem.saying(0, Msg.of("caseload.sheets", count=len(wb.worksheets), title=ws.title)))
        total = ws.max_row or 0
        # Some writers record wrong dimensions; read-only mode would trust them.
        ws.reset_dimensions()
        try:
            for line, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                if len(values) > MAX_COLUMNS:
                    raise CaseloadRefused.of("caseload.columns", line=line, limit=MAX_COLUMNS)
                if progress and line % 5000 == 0:
                    progress(min(line, total), max(total, line))
                yield line, [_cell(v) for v in values]
        except CaseloadRefused:
            raise
        except Exception as exc:
            raise CaseloadRefused.of("caseload.damaged", name=path.name, kind=type(exc).__name__) from None
        if progress:
            progress(1, 1)
    finally:
        wb.close()
        handle.close()

