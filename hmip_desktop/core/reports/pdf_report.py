"""The inspection report as a PDF (reportlab platypus): see content.py for what it says
and pdf_base.py for how it is laid out."""

from __future__ import annotations

from pathlib import Path

from ... import __version__
from ..central.store import CentralStore
from ..exchange.envelope import write_atomically
from . import pdf_base
from .content import report_blocks, report_title
from .data import ReportData, gather
from .text import fmt_date, tr


def page_text(data: ReportData) -> pdf_base.PageText:
    lang, ins = data.lang, data.inspection
    from datetime import date

    return pdf_base.PageText(
        header_left=report_title(data),
        header_right=ins.id,
        footer_left=tr(lang, "produced_by", version=__version__, date=fmt_date(date.today(), lang)),
        page_of=tr(lang, "page_of", page="{page}", pages="{pages}"),
    )


def report_pdf(data: ReportData) -> bytes:
    """The report of gathered ``data`` as PDF bytes."""
    pdf, _ = pdf_base.build_pdf(report_blocks(data), page_text(data), report_title(data), data.lang)
    return pdf


def write_report_pdf(store: CentralStore, inspection_id: str, out: Path, lang: str = "en") -> Path:
    """Gather, lay out and write (atomically) the inspection report."""
    data = gather(store, inspection_id, lang)
    write_atomically(Path(out), report_pdf(data))
    return Path(out)
