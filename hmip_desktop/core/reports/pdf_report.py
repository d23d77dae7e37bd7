"""The inspection report as a PDF (reportlab platypus): see content.py for what it says
and pdf_base.py for how it is laid out."""

from __future__ import annotations

from pathlib import Path

from ... import __version__
from ..central.store import CentralStore
from ..exchange.envelope import write_atomically
from . import blocks as b
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


def pdf_blocks(data: ReportData, html_at: str = "") -> list:
    """The report's blocks for the PDF: as the HTML's, with a line on the cover saying
    where the accessible version (the HTML) is: ``html_at`` (an address or a file name;
    default: the file name the HTML report would have beside this PDF, 'report.html')."""
    items = report_blocks(data)
    where = html_at if "/" in html_at else tr(data.lang, "accessible_file", file=html_at or "report.html")
    line = b.Para(tr(data.lang, "accessible_version", where=where), "note")
    first_break = next(i for i, item in enumerate(items) if isinstance(item, b.PageBreak))
    return items[:first_break] + [line] + items[first_break:]


def report_pdf(data: ReportData, html_at: str = "") -> bytes:
    """The report of gathered ``data`` as PDF bytes (``html_at``: see :func:`pdf_blocks`)."""
    ins = data.inspection
    subject = tr(data.lang, "pdf_subject", provider=ins.provider or ins.title or ins.id)
    pdf, _ = pdf_base.build_pdf(pdf_blocks(data, html_at), page_text(data), report_title(data), data.lang,
                                subject=subject)
    return pdf


def write_report_pdf(store: CentralStore, inspection_id: str, out: Path, lang: str = "en",
                     html_at: str = "") -> Path:
    """Gather, lay out and write (atomically) the inspection report. Its cover names
    the accessible HTML version: ``html_at`` (an address where it is published), or by
    default the HTML file of the same name beside it, which is then written first (the
    same report in the same language, atomically), so the file the cover names is there."""
    from .html_report import report_html

    out = Path(out)
    data = gather(store, inspection_id, lang)
    if not html_at:
        html = out.with_suffix(".html")
        write_atomically(html, report_html(data).encode("utf-8"))
        html_at = html.name
    write_atomically(out, report_pdf(data, html_at))
    return out
