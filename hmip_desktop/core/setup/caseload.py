"""Importing a provider's caseload from CSV or XLSX, validated against a framework.

Contract of :func:`read_caseload`:

* **Columns.** A mapping ``{our field: their column header}`` says where each field is;
  fields it leaves out are found by header (the field id, its English or Welsh label,
  case-insensitively; for the case reference also ``case reference``, ``case ref``,
  ``CRN`` ...). Our fields are ``case_id`` (the provider's case reference, always
  required) and the framework's case profile fields (required where the framework says
  so). A required field with no column refuses the file.
* **Every bad row is reported**, each problem as a :class:`Problem` with the line number
  in the file (the spreadsheet row for XLSX; the first physical line of the record for
  CSV): a missing required value, a value not in the framework's scale for that field
  (option ids and English or Welsh labels are accepted case-insensitively and normalised
  to ids), a malformed number, date or yes/no, a duplicate case reference (naming the
  first line), too many cells. Valid rows are returned even when other rows are bad:
  callers decide (the CLI refuses to sample from a caseload with any error).
* **Names are never imported.** A column whose header looks like a name (name, forename,
  surname, first/last/full name, Welsh enw/cyfenw ...) or whose values mostly look like
  "Firstname Lastname" (judged on the first :data:`NAME_SCAN_ROWS` data rows) is dropped
  and reported in ``warnings``; its values are kept nowhere. A case reference column
  that looks like names refuses the file.
* **Absurd input is refused** with :class:`CaseloadRefused` (one line, naming the line
  where it can): an empty file, no header, more than :data:`MAX_ROWS` rows or
  :data:`MAX_COLUMNS` columns, binary content, an unreadable workbook.

Blank rows are skipped. No Qt, no logging of values (they are personal data).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from ..frameworks.model import Framework, ProfileField

#: More rows than any provider's caseload: refuse rather than grind.
MAX_ROWS = 1_000_000
MAX_COLUMNS = 1_000
#: A CSV larger than this is refused before reading (1 million rows of 500 bytes).
MAX_BYTES = 512 * 1024 * 1024
#: Rows examined for values that look like people's names.
NAME_SCAN_ROWS = 200
#: Longest case reference accepted.
MAX_CASE_ID = 64

CASE_ID = "case_id"
CASE_ID_ALIASES = (
    "case id", "case ref", "case reference", "case reference number", "case number", "case no",
    "reference", "crn", "cyfeirnod achos", "cyfeirnod",
)

Progress = Callable[[int, int], None]


class CaseloadRefused(ValueError):
    """The file as a whole cannot be read as a caseload. ``str()`` is one line."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        self.reason = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True)
class Problem:
    """One problem (error or warning) at a line of the file (0: the file as a whole)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One valid row: ``values`` maps our field ids to normalised values (option ids,
    ISO dates, ``yes``/``no``; empty optional values are absent); ``source`` holds the
    row's raw cells for :attr:`Caseload.columns`, in order (names never included)."""

    line: int
    values: dict[str, str]
    source: tuple[str, ...]


@dataclass
class Caseload:
    """What an import found. ``ok`` only when no row had an error."""

    source: str
    #: The file's column headers that were kept (name columns removed), in file order.
    columns: list[str]
    #: Our field id -> the header it was read from.
    field_columns: dict[str, str]
    rows: list[CaseRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: Headers of the columns that were dropped because they look like names.
    dropped_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def cases(self) -> list[dict[str, str]]:
        """The valid rows' values (``case_id`` plus profile fields), for selection."""
        return [row.values for row in self.rows]


# -- values ---------------------------------------------------------------------------

_SEPARATORS = str.maketrans({"_": " ", "-": " ", "\u2013": " ", "\u2014": " "})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _norm(text: str) -> str:
    """Case-, space-, underscore- and dash-insensitive form used to match ids and labels."""
    return " ".join(text.casefold().translate(_SEPARATORS).split())


_TRUE = {"yes", "y", "true", "1", "ie", "ydy", "oes"}
_FALSE = {"no", "n", "false", "0", "nac ydy", "nac oes", "nage"}
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class _Field:
    """How to read one of our fields from its column."""

    id: str
    label: str
    kind: str
    required: bool
    index: int
    options: Mapping[str, str] = field(default_factory=dict)
    option_ids: tuple[str, ...] = ()

    def parse(self, raw: str) -> tuple[str | None, str]:
        """``(normalised value, "")`` or ``(None, reason)``."""
        if self.kind == "case_id":
            if len(raw) > MAX_CASE_ID:
                return None, f"case reference is longer than {MAX_CASE_ID} characters"
            if _CONTROL.search(raw):
                return None, "case reference contains control characters"
            return raw, ""
        if self.kind == "single_choice":
            found = self.options.get(_norm(raw))
            if found is None:
                return None, f"{_show(raw)} is not a valid {self.label}: expected one of {', '.join(self.option_ids)} (or their English or Welsh labels)"
            return found, ""
        if self.kind == "number":
            try:
                number = float(raw.replace(",", ""))
            except ValueError:
                return None, f"{_show(raw)} is not a number"
            if number != number or number in (float("inf"), float("-inf")):
                return None, f"{_show(raw)} is not a number"
            return (str(int(number)) if number.is_integer() else repr(number)), ""
        if self.kind == "boolean":
            key = _norm(raw)
            if key in _TRUE:
                return "yes", ""
            if key in _FALSE:
                return "no", ""
            return None, f"{_show(raw)} is not yes or no"
        if self.kind == "date":
            return _parse_date(raw)
        return raw, ""


def _parse_date(raw: str) -> tuple[str | None, str]:
    text = raw.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat(), ""
    except ValueError:
        pass
    m = _UK_DATE.match(text)
    if m:
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat(), ""
        except ValueError:
            pass
    return None, f"{_show(raw)} is not a date (YYYY-MM-DD or DD/MM/YYYY)"


def _show(raw: str) -> str:
    """A value quoted for an error message, cut short (it may be personal data)."""
    return repr(raw if len(raw) <= 40 else raw[:37] + "...")


def _profile_field(fw: Framework, pf: ProfileField, index: int) -> _Field:
    label = pf.label.en.lower()
    if pf.type == "single_choice" and pf.scale:
        options: dict[str, str] = {}
        ids = []
        scale_options = fw.scale(pf.scale).options
        for opt in scale_options:  # ids first, so that an id always wins over a label
            options.setdefault(_norm(opt.id), opt.id)
            ids.append(opt.id)
        for opt in scale_options:
            for text in (opt.label.en, opt.label.cy):
                if text:
                    options.setdefault(_norm(text), opt.id)
        return _Field(pf.id, label, "single_choice", pf.required, index, options, tuple(ids))
    kind = pf.type if pf.type != "single_choice" else "text"
    return _Field(pf.id, label, kind, pf.required, index)


# -- names ----------------------------------------------------------------------------

_NAME_WORDS = {
    "name", "names", "forename", "forenames", "surname", "surnames", "firstname", "firstnames",
    "lastname", "fullname", "givenname", "givennames", "familyname", "middlename", "middlenames",
    "maidenname", "nickname", "alias", "aliases", "enw", "enwau", "cyfenw", "cyfenwau",
}
#: Words before "name" that make it an organisation's or a thing's name, not a person's.
_NOT_PERSON = {
    "team", "office", "unit", "pdu", "area", "region", "provider", "court", "service", "file",
    "sheet", "framework", "scale", "disposal", "sentence", "order", "programme", "intervention",
    "prison", "establishment", "hostel", "authority", "yot", "tim", "swyddfa", "uned", "ardal",
}


def looks_like_name_header(header: str) -> bool:
    """Whether a column header suggests it holds people's names."""
    tokens = re.findall(r"[^\W\d_]+", header.casefold())
    for i, token in enumerate(tokens):
        if token in ("name", "names", "enw", "enwau"):
            if i > 0 and tokens[i - 1] in _NOT_PERSON or i + 1 < len(tokens) and tokens[i + 1] in _NOT_PERSON:
                continue
            return True
        if token in _NAME_WORDS:
            return True
        if (token.endswith("name") or token.endswith("names")) and not any(token.startswith(w) for w in _NOT_PERSON):
            if token not in ("rename", "renames"):
                return True
    return False


_NAME_PART = re.compile(r"^[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?$")


def _name_words(text: str, low: int, high: int) -> bool:
    parts = text.split()
    return low <= len(parts) <= high and all(_NAME_PART.match(p) and p[0].isupper() for p in parts)


def looks_like_a_name(value: str) -> bool:
    """``Firstname Lastname`` (two to four capitalised words) or ``SURNAME, Forename``."""
    text = value.strip()
    if "," in text:
        left, _, right = text.partition(",")
        return _name_words(left, 1, 3) and _name_words(right, 1, 3)
    return _name_words(text, 2, 4)


# -- reading files --------------------------------------------------------------------

def _sniff_encoding(path: Path) -> tuple[str, bool]:
    """``(encoding, fell back)`` for a CSV file; CaseloadRefused for binary content."""
    size = path.stat().st_size
    if size == 0:
        raise CaseloadRefused(f"{path.name} is empty")
    if size > MAX_BYTES:
        raise CaseloadRefused(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB: not a caseload")
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
                raise CaseloadRefused("binary content (a NUL byte): not a CSV text file", line)
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
                raise CaseloadRefused(
                    "binary content: neither UTF-8 nor Windows-1252 text (save the caseload as CSV UTF-8)",
                    line + chunk[: exc.start].count(b"\n"),
                ) from None
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
                raise CaseloadRefused(f"not readable as CSV ({exc})", previous + 1) from None
            except UnicodeDecodeError:
                raise CaseloadRefused("not valid text in this encoding (save the caseload as CSV UTF-8)", previous + 1) from None
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
        raise CaseloadRefused(f"{path.name} is not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        if not wb.worksheets:
            raise CaseloadRefused(f"{path.name} has no worksheet")
        ws = wb.worksheets[0]
        if len(wb.worksheets) > 1:
            warnings.append(Problem(0, f"the workbook has {len(wb.worksheets)} sheets: only the first, '{ws.title}', was read"))
        total = ws.max_row or 0
        # Some writers record wrong dimensions; read-only mode would trust them.
        ws.reset_dimensions()
        try:
            for line, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                if len(values) > MAX_COLUMNS:
                    raise CaseloadRefused(f"more than {MAX_COLUMNS} columns", line)
                if progress and line % 5000 == 0:
                    progress(min(line, total), max(total, line))
                yield line, [_cell(v) for v in values]
        except CaseloadRefused:
            raise
        except Exception as exc:
            raise CaseloadRefused(f"{path.name}: the workbook is damaged ({type(exc).__name__})") from None
        if progress:
            progress(1, 1)
    finally:
        wb.close()
        handle.close()


# -- the import -----------------------------------------------------------------------

def read_caseload(
    path: Path | str,
    framework: Framework,
    mapping: Mapping[str, str] | None = None,
    *,
    max_rows: int = MAX_ROWS,
    progress: Progress | None = None,
) -> Caseload:
    """Read and validate a caseload file (CSV, or XLSX recognised by its content).

    ``mapping``: ``{our field id: their column header}`` for fields whose header is not
    found automatically. Returns a :class:`Caseload` (check ``ok``); raises
    :class:`CaseloadRefused` for a file that cannot be a caseload and OSError if it
    cannot be read at all. ``progress(done, total)`` is called now and then.
    """
    path = Path(path)
    if path.is_dir():
        raise CaseloadRefused(f"{path} is a folder, not a caseload file")
    with path.open("rb") as f:
        magic = f.read(8)
    warnings: list[Problem] = []
    if magic.startswith(b"PK\x03\x04"):
        records: Iterable[tuple[int, list[str]]] = _xlsx_records(path, progress, warnings)
    elif magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise CaseloadRefused(f"{path.name} is an old Excel .xls workbook: save it as .xlsx or CSV UTF-8")
    else:
        encoding, fell_back = _sniff_encoding(path)
        if fell_back:
            warnings.append(Problem(0, "the file is not UTF-8: read as Windows-1252 (Excel's plain CSV)"))
        records = _csv_records(path, encoding, progress)
    caseload = validate_records(records, framework, mapping, source=path.name, max_rows=max_rows)
    caseload.warnings[:0] = warnings
    return caseload


def _header_key(text: str) -> str:
    return _norm(text.lstrip("\ufeff"))


def _resolve_columns(
    header: list[str], header_line: int, framework: Framework, mapping: Mapping[str, str], names: set[int]
) -> list[_Field]:
    """Our fields, each with its column index; CaseloadRefused when a required one is missing."""
    profile = {pf.id: pf for pf in framework.case_profile}
    unknown = [f for f in mapping if f != CASE_ID and f not in profile]
    if unknown:
        raise CaseloadRefused(
            f"mapping names unknown field(s) {', '.join(sorted(unknown))}; known: {', '.join([CASE_ID, *profile])}", header_line
        )
    by_key: dict[str, int] = {}
    for i, h in enumerate(header):
        if h:
            by_key.setdefault(_header_key(h), i)
    taken: set[int] = set()

    def find(field_id: str, candidates: Iterable[str]) -> int | None:
        if field_id in mapping:
            wanted = mapping[field_id]
            index = by_key.get(_header_key(wanted))
            if index is None:
                raise CaseloadRefused(f"mapping: no column '{wanted}' for {field_id}", header_line)
            if index in names:
                raise CaseloadRefused(f"mapping: column '{wanted}' for {field_id} looks like it holds names, which are never imported", header_line)
            return index
        for candidate in candidates:
            index = by_key.get(_norm(candidate))
            if index is not None and index not in names and index not in taken:
                return index
        return None

    fields: list[_Field] = []
    missing: list[str] = []
    index = find(CASE_ID, (CASE_ID, *CASE_ID_ALIASES))
    if index is None:
        missing.append(f"{CASE_ID} (the case reference)")
    else:
        taken.add(index)
        fields.append(_Field(CASE_ID, "case reference", "case_id", True, index))
    for pf in framework.case_profile:
        index = find(pf.id, (pf.id, pf.label.en, pf.label.cy or ""))
        if index is None:
            if pf.required:
                missing.append(pf.id)
            continue
        taken.add(index)
        fields.append(_profile_field(framework, pf, index))
    if missing:
        shown = ", ".join(h for h in header if h)[:200] or "none"
        raise CaseloadRefused(f"no column for {', '.join(missing)} (required); columns found: {shown}", header_line)
    return fields


def validate_records(
    records: Iterable[tuple[int, list[str]]],
    framework: Framework,
    mapping: Mapping[str, str] | None = None,
    *,
    source: str = "<caseload>",
    max_rows: int = MAX_ROWS,
) -> Caseload:
    """Validate ``(line, cells)`` records whose first non-blank one is the header.

    The engine behind :func:`read_caseload`, usable for any tabular source.
    """
    mapping = dict(mapping or {})
    it = iter(records)
    for header_line, header in it:
        if any(c.strip() for c in header):
            break
    else:
        raise CaseloadRefused(f"{source} is empty: no header row and no cases")
    header = [c.strip().lstrip("\ufeff") for c in header]
    if len(header) > MAX_COLUMNS:
        raise CaseloadRefused(f"more than {MAX_COLUMNS} columns", header_line)
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if h and _header_key(h) in seen:
            raise CaseloadRefused(f"column '{h}' appears twice in the header", header_line)
        seen[_header_key(h)] = i

    warnings: list[Problem] = []
    names = {i for i, h in enumerate(header) if h and looks_like_name_header(h)}
    fields = _resolve_columns(header, header_line, framework, mapping, names)
    width = len(header)

    # Look at the first rows for columns of names (never mind their headers).
    first = list(islice(it, NAME_SCAN_ROWS))
    by_index = {f.index: f for f in fields}
    for i, h in enumerate(header):
        if i in names:
            continue
        values = [cells[i].strip() for _, cells in first if i < len(cells) and cells[i].strip()]
        spec = by_index.get(i)
        # Valid values of a choice, number or date field (such as "Very High") are not names.
        suspects = values if spec is None or spec.kind in ("case_id", "text") else [v for v in values if spec.parse(v)[0] is None]
        if len(values) >= 2 and sum(map(looks_like_a_name, suspects)) * 2 > len(values):
            if spec is not None and (spec.kind == "case_id" or spec.required):
                raise CaseloadRefused(
                    f"column '{h or i + 1}' for {spec.id} looks like it holds people's names, which are never imported", header_line
                )
            names.add(i)
            if spec is not None:
                fields = [f for f in fields if f.index != i]
    for i in sorted(names):
        warnings.append(Problem(header_line, f"column '{header[i]}' looks like it holds names: not imported"))

    kept = [i for i in range(width) if i not in names]
    caseload = Caseload(
        source=source,
        columns=[header[i] for i in kept],
        field_columns={f.id: header[f.index] for f in fields},
        warnings=warnings,
        dropped_columns=[header[i] for i in sorted(names)],
    )
    errors, rows = caseload.errors, caseload.rows
    first_line: dict[str, int] = {}
    memos: dict[int, dict[str, tuple[str | None, str]]] = {f.index: {} for f in fields}
    count = 0
    for line, cells in chain(first, it):
        if not "".join(cells).strip():
            continue
        count += 1
        if count > max_rows:
            raise CaseloadRefused(f"more than {max_rows:,} rows: not a caseload", line)
        if len(cells) > width:
            if any(c.strip() for c in cells[width:]):
                errors.append(Problem(line, f"{len(cells)} values but the header has {width} columns"))
                continue
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        values: dict[str, str] = {}
        bad = False
        for spec in fields:
            raw = cells[spec.index].strip()
            if not raw:
                if spec.required:
                    errors.append(Problem(line, f"{spec.id}: missing {spec.label}"))
                    bad = True
                continue
            if spec.kind == "case_id":
                value, reason = spec.parse(raw)
            else:
                # A column holds few distinct values: parse each once.
                memo = memos[spec.index]
                parsed = memo.get(raw)
                if parsed is None:
                    parsed = spec.parse(raw)
                    if len(memo) < 10_000:
                        memo[raw] = parsed
                value, reason = parsed
            if value is None:
                errors.append(Problem(line, f"{spec.id}: {reason}"))
                bad = True
                continue
            if spec.kind == "case_id":
                key = value.casefold()
                if key in first_line:
                    errors.append(Problem(line, f"case_id: case reference {_show(value)} is already on line {first_line[key]}"))
                    bad = True
                    continue
                first_line[key] = line
            values[spec.id] = value
        if not bad:
            rows.append(CaseRow(line, values, tuple(cells[i] for i in kept)))
    if count == 0:
        raise CaseloadRefused(f"{source} has a header but no cases", header_line)
    return caseload
