"""Reports and data files from the central store: the inspection report (PDF or
accessible HTML, English or Welsh), a case read's record (PDF or HTML), the data files (CSV
or XLSX), and the charts (reportlab Drawings, PNG for the dashboard).

Modules: ``data`` reads the store (the one place that does), ``content`` writes the
report as ``blocks``, ``pdf_base``/``pdf_report``/``pdf_case`` lay PDFs out,
``html_report`` writes HTML, ``charts`` (and ``raster``) draw, ``tables`` writes data
files, ``text`` holds every string in both languages and ``style`` the fonts and
colours. No Qt here; reportlab and openpyxl are imported only when used.
"""

from __future__ import annotations

from pathlib import Path

REPORT_SUFFIXES = (".pdf", ".html", ".htm", ".xhtml")


def write_report(store, inspection_id: str, out: Path, lang: str = "en") -> Path:
    """The inspection report to ``out``: PDF for ``.pdf``, HTML for ``.html``/``.htm``."""
    from ..central.store import CentralError
    from .text import check_lang

    check_lang(lang)
    suffix = Path(out).suffix.lower()
    if suffix == ".pdf":
        from .pdf_report import write_report_pdf

        return write_report_pdf(store, inspection_id, Path(out), lang)
    if suffix in REPORT_SUFFIXES:
        from .html_report import write_report_html

        return write_report_html(store, inspection_id, Path(out), lang)
    raise CentralError.of("report.suffix", out=out)


def write_case_record(store, inspection_id: str, case_id: str, out: Path, lang: str = "en") -> Path:
    """One case read's record: HTML for ``.html``/``.htm``/``.xhtml``, otherwise a PDF."""
    if Path(out).suffix.lower() in REPORT_SUFFIXES[1:]:
        from .html_report import write_case_html

        return write_case_html(store, inspection_id, case_id, Path(out), lang)
    from .pdf_case import write_case_pdf

    return write_case_pdf(store, inspection_id, case_id, Path(out), lang)


def export_data(store, inspection_id: str, out: Path, lang: str = "en") -> list[Path]:
    """The data files: an ``.xlsx`` workbook or a folder of CSV files."""
    from .tables import export_data as export

    return export(store, inspection_id, Path(out), lang)
