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

Reading the file (format, encoding, XLSX cells) is :mod:`.caseload_files`; recognising
names is :mod:`.caseload_names`. Their public names are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from ..frameworks.model import Framework, ProfileField
from ..messages import Bilingual, Joined, Msg
from .caseload_files import MAX_BYTES, MAX_COLUMNS, CaseloadRefused, Problem, Progress, file_records
from .caseload_names import looks_like_a_name, looks_like_name_header

__all__ = [
    "CASE_ID", "CASE_ID_ALIASES", "MAX_BYTES", "MAX_CASE_ID", "MAX_COLUMNS", "MAX_ROWS", "NAME_SCAN_ROWS",
    "CaseRow", "Caseload", "CaseloadRefused", "Problem", "Progress", "file_records", "looks_like_a_name",
    "looks_like_name_header", "read_caseload", "validate_records",
]

#: More rows than any provider's caseload: refuse rather than grind.
MAX_ROWS = 1_000_000
#: Rows examined for values that look like people's names.
NAME_SCAN_ROWS = 200
#: Longest case reference accepted.
MAX_CASE_ID = 64

CASE_ID = "case_id"
CASE_ID_ALIASES = (
    "case id", "case ref", "case reference", "case reference number", "case number", "case no",
    "reference", "crn", "cyfeirnod achos", "cyfeirnod",
)


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
    label: Bilingual
    kind: str
    required: bool
    index: int
    options: Mapping[str, str] = field(default_factory=dict)
    option_ids: tuple[str, ...] = ()

    def parse(self, raw: str) -> tuple[str | None, Msg | str]:
        """``(normalised value, "")`` or ``(None, reason)`` (a phrase with a message id)."""
        if self.kind == "case_id":
            if len(raw) > MAX_CASE_ID:
                return None, Msg.of("caseload.ref_too_long", limit=MAX_CASE_ID)
            if _CONTROL.search(raw):
                return None, Msg.of("caseload.ref_control")
            return raw, ""
        if self.kind == "single_choice":
            found = self.options.get(_norm(raw))
            if found is None:
                return None, Msg.of("caseload.not_an_option", value=_show(raw), label=self.label,
                                    ids=", ".join(self.option_ids))
            return found, ""
        if self.kind == "number":
            try:
                number = float(raw.replace(",", ""))
            except ValueError:
                return None, Msg.of("caseload.not_a_number", value=_show(raw))
            if number != number or number in (float("inf"), float("-inf")):
                return None, Msg.of("caseload.not_a_number", value=_show(raw))
            return (str(int(number)) if number.is_integer() else repr(number)), ""
        if self.kind == "boolean":
            key = _norm(raw)
            if key in _TRUE:
                return "yes", ""
            if key in _FALSE:
                return "no", ""
            return None, Msg.of("caseload.not_yes_no", value=_show(raw))
        if self.kind == "date":
            return _parse_date(raw)
        return raw, ""


def _parse_date(raw: str) -> tuple[str | None, Msg | str]:
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
    return None, Msg.of("caseload.not_a_date", value=_show(raw))


def _show(raw: str) -> str:
    """A value quoted for an error message, cut short (it may be personal data)."""
    return repr(raw if len(raw) <= 40 else raw[:37] + "...")


def _profile_field(fw: Framework, pf: ProfileField, index: int) -> _Field:
    label = Bilingual(pf.label.en.lower(), (pf.label.cy or "").lower() or None)
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


# -- the import -----------------------------------------------------------------------

def read_caseload(
    path: Path | str,
    framework: Framework,
    mapping: Mapping[str, str] | None = None,
    *,
    max_rows: int = MAX_ROWS,
    progress: Progress | None = None,
    **screening,
) -> Caseload:
    """Read and validate a caseload file (CSV, or XLSX recognised by its content).

    ``mapping``: ``{our field id: their column header}`` for fields whose header is not
    found automatically. Returns a :class:`Caseload` (check ``ok``); raises
    :class:`CaseloadRefused` for a file that cannot be a caseload and OSError if it
    cannot be read at all. ``progress(done, total)`` is called now and then.
    ``screening``: :func:`validate_records`'s ``allow_missing`` and ``allow_duplicate_ids``.
    """
    path = Path(path)
    warnings: list[Problem] = []
    records = file_records(path, progress, warnings)
    caseload = validate_records(records, framework, mapping, source=path.name, max_rows=max_rows, **screening)
    caseload.warnings[:0] = warnings
    return caseload


def _header_key(text: str) -> str:
    return _norm(text.lstrip("\ufeff"))


def _resolve_columns(
    header: list[str], header_line: int, framework: Framework, mapping: Mapping[str, str], names: set[int]
) -> list[_Field]:
    """Our fields, each with its column index; CaseloadRefused when a required one is missing."""
    profile = {pf.id: pf for pf in framework.case_profile}
    extra = {c.id: c for c in framework.sample.columns if c.id not in profile}
    unknown = [f for f in mapping if f != CASE_ID and f not in profile and f not in extra]
    if unknown:
        raise CaseloadRefused.of("caseload.mapping_unknown", line=header_line, fields=", ".join(sorted(unknown)),
                                 known=", ".join([CASE_ID, *profile, *extra]))
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
                raise CaseloadRefused.of("caseload.mapping_no_column", line=header_line, column=wanted, field=field_id)
            if index in names:
                raise CaseloadRefused.of("caseload.mapping_names", line=header_line, column=wanted, field=field_id)
            return index
        for candidate in candidates:
            index = by_key.get(_norm(candidate))
            if index is not None and index not in names and index not in taken:
                return index
        return None

    fields: list[_Field] = []
    missing: list[Msg | str] = []
    index = find(CASE_ID, (CASE_ID, *CASE_ID_ALIASES))
    if index is None:
        missing.append(Msg.of("caseload.case_id_column"))
    else:
        taken.add(index)
        fields.append(_Field(CASE_ID, Bilingual("case reference", "cyfeirnod achos"), "case_id", True, index))
    for pf in framework.case_profile:
        index = find(pf.id, (pf.id, pf.label.en, pf.label.cy or ""))
        if index is None:
            if pf.required:
                missing.append(pf.id)
            continue
        taken.add(index)
        fields.append(_profile_field(framework, pf, index))
    for col in extra.values():  # read for sampling only (start date, case holder ...): never required
        index = find(col.id, (col.id, col.label.en, col.label.cy or "", *col.aliases))
        if index is not None:
            taken.add(index)
            label = Bilingual(col.label.en.lower(), (col.label.cy or "").lower() or None)
            fields.append(_Field(col.id, label, col.type, False, index))
    if missing:
        shown = ", ".join(h for h in header if h)[:200] or Msg.of("caseload.none")
        raise CaseloadRefused.of("caseload.missing_columns", line=header_line, fields=Joined(tuple(missing), ", "),
                                 shown=shown)
    return fields


def validate_records(
    records: Iterable[tuple[int, list[str]]],
    framework: Framework,
    mapping: Mapping[str, str] | None = None,
    *,
    source: str = "<caseload>",
    max_rows: int = MAX_ROWS,
    allow_missing: Collection[str] = (),
    allow_duplicate_ids: bool = False,
) -> Caseload:
    """Validate ``(line, cells)`` records whose first non-blank one is the header.

    The engine behind :func:`read_caseload`, usable for any tabular source.
    ``allow_missing``: required fields whose empty value is not an error (the sampling
    eligibility rules exclude such cases, with a reason); ``allow_duplicate_ids``: a
    repeated case reference is not an error (the duplicate rule removes it, reported).
    """
    mapping = dict(mapping or {})
    it = iter(records)
    for header_line, header in it:
        if any(c.strip() for c in header):
            break
    else:
        raise CaseloadRefused.of("caseload.no_header", source=source)
    header = [c.strip().lstrip("\ufeff") for c in header]
    if len(header) > MAX_COLUMNS:
        raise CaseloadRefused.of("caseload.columns", line=header_line, limit=MAX_COLUMNS)
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if h and _header_key(h) in seen:
            raise CaseloadRefused.of("caseload.column_twice", line=header_line, column=h)
        seen[_header_key(h)] = i

    warnings: list[Problem] = []
    names = {i for i, h in enumerate(header) if h and looks_like_name_header(h)}
    fields = _resolve_columns(header, header_line, framework, mapping, names)
    holder_rule = framework.sample.case_holder
    staff = {holder_rule.field} if holder_rule else set()
    allow_missing = set(allow_missing)
    width = len(header)

    # Look at the first rows for columns of names (never mind their headers).
    first = list(islice(it, NAME_SCAN_ROWS))
    by_index = {f.index: f for f in fields}
    for i, h in enumerate(header):
        if i in names:
            continue
        values = [cells[i].strip() for _, cells in first if i < len(cells) and cells[i].strip()]
        spec = by_index.get(i)
        if spec is not None and spec.id in staff:
            continue  # practitioners' names or codes, needed to cap cases per case holder
        # Valid values of a choice, number or date field (such as "Very High") are not names.
        suspects = values if spec is None or spec.kind in ("case_id", "text") else [v for v in values if spec.parse(v)[0] is None]
        if len(values) >= 2 and sum(map(looks_like_a_name, suspects)) * 2 > len(values):
            if spec is not None and (spec.kind == "case_id" or spec.required):
                raise CaseloadRefused.of("caseload.names", line=header_line, column=h or i + 1, field=spec.id)
            names.add(i)
            if spec is not None:
                fields = [f for f in fields if f.index != i]
    for i in sorted(names):
        warnings.append(Problem.saying(header_line, Msg.of("caseload.names_dropped", column=header[i])))

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
            raise CaseloadRefused.of("caseload.rows", line=line, limit=f"{max_rows:,}")
        if len(cells) > width:
            if any(c.strip() for c in cells[width:]):
                errors.append(Problem.saying(line, Msg.of("caseload.row_width", count=len(cells), width=width)))
                continue
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        values: dict[str, str] = {}
        bad = False
        for spec in fields:
            raw = cells[spec.index].strip()
            if not raw:
                if spec.required and spec.id not in allow_missing:
                    errors.append(Problem.saying(line, Msg.of("caseload.row_missing", field=spec.id, label=spec.label)))
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
                errors.append(Problem.saying(line, Msg.of("caseload.row_bad", field=spec.id, reason=reason)))
                bad = True
                continue
            if spec.kind == "case_id" and not allow_duplicate_ids:
                key = value.casefold()
                if key in first_line:
                    errors.append(Problem.saying(line, Msg.of("caseload.ref_twice", value=_show(value), line=first_line[key])))
                    bad = True
                    continue
                first_line[key] = line
            values[spec.id] = value
        if not bad:
            rows.append(CaseRow(line, values, tuple(cells[i] for i in kept)))
    if count == 0:
        raise CaseloadRefused.of("caseload.no_cases", line=header_line, source=source)
    return caseload
