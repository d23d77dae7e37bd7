"""The documents and data files of ``hmip`` (the work is in core/reports): the inspection
report, a case read's record, and ``hmip central export-data``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.words import LANGS
from .common import add_store_arguments, central_store


def report(args: argparse.Namespace) -> int:
    from ..core.reports import write_report

    path = write_report(central_store(args), args.inspection, Path(args.out), args.lang)
    print(f"{path}: inspection report for {args.inspection} ({args.lang})")
    if path.suffix.lower() == ".pdf":  # its accessible version, named on its cover, beside it
        print(f"{path.with_suffix('.html')}: its accessible version (HTML), named on the PDF's cover")
    return 0


def report_case(args: argparse.Namespace) -> int:
    from ..core.reports import write_case_record

    path = write_case_record(central_store(args), args.inspection, args.case, Path(args.out), args.lang)
    print(f"{path}: case read record of {args.case} ({args.lang}); it holds personal data, keep it safe")
    return 0


def export_data(args: argparse.Namespace) -> int:
    from ..core.reports import export_data as write_data_files

    files = write_data_files(central_store(args), args.inspection, Path(args.out), args.lang)
    print(f"{len(files)} data file(s) written: {', '.join(str(f) for f in files)}")
    return 0


def _report_arguments(parser: argparse.ArgumentParser, func) -> None:
    """STORE, --keys, --inspection and --lang: what every report and data file is made from."""
    add_store_arguments(parser)
    parser.add_argument("--inspection", required=True, metavar="ID")
    parser.add_argument("--lang", type=str.lower, choices=LANGS, default="en", help="the language of the text (en or cy, any case; default en)")
    parser.set_defaults(func=func)


def register(sub, central) -> None:
    """Add report and report-case to the ``hmip`` sub-command parser, and export-data to
    ``central``, the ``hmip central`` sub-parsers."""
    p = sub.add_parser("report", help="the inspection report: PDF or accessible HTML (by --out's extension)")
    _report_arguments(p, report)
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.html")
    p = sub.add_parser("report-case", help="one case read's record as PDF or accessible HTML (personal data)")
    _report_arguments(p, report_case)
    p.add_argument("--case", required=True, metavar="CASE_ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.html")
    p = central.add_parser("export-data", help="answers, moderation and ratings as XLSX or CSV files")
    _report_arguments(p, export_data)
    p.add_argument("--out", required=True, metavar="FILE.xlsx|DIR", help="a .xlsx workbook, or a folder for CSV files")
