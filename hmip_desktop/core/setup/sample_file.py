"""``hmip sample``: from a caseload file to a sample file, in one call.

:func:`sample_csv` reads and validates the caseload (CSV or XLSX) against a framework's
case profile (adult probation by default), chooses the size (by hand, or from
:mod:`.size`'s defaults), draws the stratified sample with reserves and writes
``SAMPLE.csv``:

* the header is the caseload's columns in their order (less any column that looks like
  it holds names: those are never imported) plus ``selection`` and ``reserve_rank``;
* only sampled and reserve rows are written, in the caseload's order; ``selection`` is
  ``sample`` or ``reserve``; ``reserve_rank`` is empty for sampled rows and 1, 2, ... for
  reserves, ranked **within their stratum** (the combination of the stratification
  columns): a case that turns out unusable is replaced by the lowest-ranked unused
  reserve with the same gender, disposal type and risk level;
* values are written as they were in the caseload; UTF-8, comma-separated, written
  atomically (the complete file or none).

Before the draw the framework's eligibility and duplicate rules (:mod:`.eligibility`)
leave cases out, each with its line and reason: counted in the report, never written.

Bad rows raise :class:`CaseloadInvalid` with every problem as ``FILE:LINE: reason``;
a file that cannot be a caseload raises :class:`SampleFileError` (one line). Nothing is
written in either case.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..cells import csv_writer
from ..files import write_atomically

from ..frameworks import load_file
from ..frameworks.model import Framework
from ..messages import Joined, Msg, Refusal, render
from . import caseload as caseload_mod
from .eligibility import Screened, missing_allowed, screen
from .explain import explain
from .report import full_report, render_text
from .selection import Sample, draw_for_framework
from .size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN, SizeChoice, choose_size

OUTPUT_COLUMNS = ("selection", "reserve_rank")
DEFAULT_FRAMEWORK = "adult_probation.yaml"


class SampleFileError(Refusal, ValueError):
    """The caseload cannot be sampled as asked; ``str()`` is one line."""


class CaseloadInvalid(SampleFileError):
    """The caseload has bad rows: ``lines`` holds every problem as ``FILE:LINE: reason``
    (phrases: ``str()`` the English, ``in_lang(line, "cy")`` the Welsh)."""

    def __init__(self, lines: list[Msg | str]):
        self.lines = lines
        if len(lines) == 1:  # each line is the row's own problem, as the caseload check words it
            super().__init__(str(lines[0]))
            if isinstance(lines[0], Msg):
                self.keyed(lines[0].key, **lines[0].params)
        else:
            super().__init__(render("sample.problems", "en", {"count": len(lines), "first": lines[0]}))
            self.keyed("sample.problems", count=len(lines), first=lines[0])


@dataclass
class SampleFileResult:
    sample: Sample
    size: SizeChoice
    report: dict
    #: ``FILE:LINE: warning`` phrases (``str()`` the English).
    warnings: list[Msg]
    written: int
    screened: Screened | None = None

    @property
    def report_text(self) -> str:
        return render_text(self.report)

    def report_in(self, lang: str) -> str:
        """:attr:`report_text` in ``lang`` (``hmip --lang cy sample …``)."""
        return render_text(self.report, lang)

    @property
    def explain_text(self) -> str:
        return explain(self.sample, self.size, self.screened)

    def explain_in(self, lang: str) -> str:
        """:attr:`explain_text` with the reasons cases were left out in ``lang``."""
        return explain(self.sample, self.size, self.screened, lang)


def default_framework() -> Framework:
    from ..paths import forms_dir

    return load_file(forms_dir() / DEFAULT_FRAMEWORK)


def fraction(value: float) -> float:
    """A level or margin given as a fraction (0.95) or as a percentage (95)."""
    value = float(value)
    return value / 100 if value >= 1 else value


def sample_csv(
    caseload_path: Path,
    out_path: Path,
    *,
    seed: int,
    size: int | None = None,
    framework: Framework | None = None,
    minimum_per_group: int | None = None,
    confidence: float = DEFAULT_CONFIDENCE,
    margin: float = DEFAULT_MARGIN,
    progress: Callable[[int, int], None] | None = None,
    minimums: Mapping[str, Mapping[str, int]] | None = None,
    cap: int | None = None,
    as_of: dt.date | None = None,
) -> SampleFileResult:
    """Draw the sample of ``caseload_path`` and write it to ``out_path`` (see the module).

    ``minimums``: per-group minimums on top of the framework's; ``cap``: cases per case
    holder instead of the framework's; ``as_of``: the day eligibility is judged on
    (default today: a case starting later is not yet started)."""
    caseload_path, out_path = Path(caseload_path), Path(out_path)
    name = caseload_path.name
    if out_path.exists() and out_path.resolve() == caseload_path.resolve():
        raise SampleFileError.of("sample.out_is_caseload", path=out_path)
    fw = framework or default_framework()
    try:
        loaded = caseload_mod.read_caseload(
            caseload_path, fw, progress=progress, allow_missing=missing_allowed(fw.sample),
            allow_duplicate_ids=fw.sample.duplicates is not None,
        )
    except caseload_mod.CaseloadRefused as exc:
        raise SampleFileError.of("setup.caseload", path=f"{name}:{exc.line}" if exc.line else name, detail=exc.said) from None
    if loaded.errors:
        raise CaseloadInvalid([p.at(name) for p in loaded.errors])
    clash = [c for c in loaded.columns if c.casefold() in OUTPUT_COLUMNS]
    if clash:
        raise SampleFileError.of("sample.column_clash", name=name, column=clash[0])
    warnings = [p.at(name) for p in loaded.warnings]

    screened = screen(loaded.rows, fw.sample, list(loaded.field_columns), as_of=as_of or dt.date.today())
    if not screened.rows:
        raise SampleFileError.of("sample.none_eligible", name=name, left_out=_left_out(screened))
    cases = [row.values for row in screened.rows]
    try:
        choice = choose_size(len(cases), size, confidence=confidence, margin=margin)
        sample = draw_for_framework(
            cases, choice.size, fw, seed=seed, minimum_per_group=minimum_per_group, minimums=minimums,
            columns=loaded.field_columns, cap=cap,
        )
    except ValueError as exc:
        raise SampleFileError.of("setup.caseload", path=name, detail=exc) from None
    selections = sample.selections()
    kept = {row.line for row in screened.rows}

    buffer = io.StringIO(newline="")
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow([*loaded.columns, *OUTPUT_COLUMNS])
    written = 0
    for row in loaded.rows:
        status = selections.get(row.values["case_id"]) if row.line in kept else None
        if status is None or status[0] not in ("sample", "reserve"):
            continue
        writer.writerow([*row.source, status[0], "" if status[1] is None else status[1]])
        written += 1
    _write_atomically(out_path, buffer.getvalue().encode("utf-8"))
    report = full_report(sample, choice, screened, cases, fw.sample.representation)
    return SampleFileResult(sample, choice, report, warnings, written, screened)


def _left_out(screened: Screened) -> Joined | Msg:
    """How many cases were left out for each reason, as one phrase in either language."""
    return screened.left_out() or Msg.of("left_out.empty")


def summary_line(result: SampleFileResult, caseload_path: Path, out_path: Path) -> str:
    s, c = result.sample, result.size
    how = "set by hand" if c.method == "by hand" else f"±{c.margin * 100:.1f} points at {c.confidence * 100:g}% confidence"
    sampled = len(s.sampled_ids())
    reserves = result.written - sampled
    left_out = ""
    if result.screened is not None and (result.screened.excluded or result.screened.duplicates):
        left_out = (f" (eligible: {len(result.screened.excluded)} not eligible and "
                    f"{len(result.screened.duplicates)} duplicate(s) left out first)")
    short = f", {s.size - sampled} short of {s.size} (case holder cap)" if sampled < s.size else ""
    return (
        f"{Path(caseload_path).name}: sampled {sampled} of {s.caseload_size} cases{left_out} ({how}){short} "
        f"with {reserves} reserves across {len(s.strata)} strata, seed {s.seed}; wrote {out_path}"
    )


def _write_atomically(path: Path, data: bytes) -> None:
    """The complete file or none (see core/files.py); a failure says which file."""
    try:
        write_atomically(path, data)
    except OSError as exc:  # WriteFailed: "PATH: cannot be written (reason); nothing was written"
        raise SampleFileError.like(exc) from None
