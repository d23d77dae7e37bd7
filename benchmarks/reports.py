"""Figures for the reports (hmip_desktop.core.reports): the inspection report PDF, of
150 case reads (``report_pdf``) and of 1,500 (``report_pdf_1500``: how it scales).

The inspection is the exchange figures' one (benchmarks/exchange.py ``build``): complete
case reads of the largest framework in forms/, exported as a bundle and imported into a
central store (untimed).
"""

from __future__ import annotations

import io

from .exchange import CASES, INSPECTION, build
from .registry import Context, Measurement, benchmark
from .timing import Work, compare


#: The case reads of the larger report.
LARGE = 1500


def _central(ctx: Context, reads: int = CASES):
    """A central store holding the benchmark inspection's case reads (untimed)."""
    from hmip_desktop.core.central import importer
    from hmip_desktop.core.central.store import CentralStore
    from hmip_desktop.core.field.export import export_bundle

    s = build(ctx.workdir, reads)
    bundle = ctx.workdir / "reads.bundle"
    try:
        export_bundle(s.field_db, INSPECTION, s.key, bundle)
    finally:
        s.field_db.close()
    store = CentralStore.open(s.central_empty, keys_dir=s.central_keys)
    result = importer.import_file(store, bundle)
    assert result.outcomes == {"head": reads}, result.outcomes
    return store


def bare_story(items: list) -> list:
    """The report's tables (captions and cells, the same column widths) as a bare
    reportlab story: default styles and fonts, a Paragraph only where a cell must wrap."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Spacer, Table

    from hmip_desktop.core.reports import blocks
    from hmip_desktop.core.reports.pdf_base import FRAME_WIDTH

    sheet = getSampleStyleSheet()
    story = []
    for t in (i for i in items if isinstance(i, blocks.Table)):
        widths = [FRAME_WIDTH * w / sum(t.widths) for w in t.widths]
        rows = ([list(t.header)] if t.header else []) + [[c.text for c in row] for row in t.rows]
        data = [[text if all(stringWidth(line, "Helvetica", 10) <= widths[i] - 12 for line in text.split("\n"))
                 else Paragraph(text.replace("\n", "<br/>"), sheet["BodyText"]) for i, text in enumerate(row)]
                for row in rows]
        table = Table(data, colWidths=widths, repeatRows=1 if t.header else 0)
        story += [Paragraph(t.caption, sheet["Heading4"]), table, Spacer(1, 6)]
    return story


@benchmark(
    "report_pdf",
    unit="ms",
    measures=f"pdf_report.report_pdf(data.gather(store, ...)): the full inspection report of {CASES} case reads "
    "(largest framework in forms/) from a central store: gather (effective answers, ratings, sub-groups, QA), "
    "cover, contents, colour-coded tables, a chart per standard and thread, sub-groups, methodology, annex, "
    "embedded fonts, bookmarks, page numbers",
    baseline="a bare reportlab SimpleDocTemplate (default styles, standard fonts) holding the same tables "
    "(captions, cells, column widths; a Paragraph only where a cell must wrap), built into memory",
)
def report_pdf(ctx: Context) -> Measurement:
    return _report(ctx, CASES, repeats=9)


@benchmark(
    "report_pdf_1500",
    unit="ms",
    measures=f"as report_pdf, for an inspection of {LARGE} case reads (gathering included): how the report scales",
    baseline="as report_pdf: a bare reportlab SimpleDocTemplate holding the same tables, built into memory",
)
def report_pdf_1500(ctx: Context) -> Measurement:
    return _report(ctx, LARGE, repeats=5)


def _report(ctx: Context, reads: int, repeats: int) -> Measurement:
    """The report of ``reads`` case reads (gather + PDF) against bare reportlab on its tables."""
    from reportlab.platypus import SimpleDocTemplate

    from hmip_desktop.core.reports import content, data, pdf_report

    store = _central(ctx, reads)
    items = content.report_blocks(data.gather(store, INSPECTION, "en"))
    pdf_report.report_pdf(data.gather(store, INSPECTION, "en"))  # untimed: fonts registered, framework cached

    def ours() -> None:
        pdf_report.report_pdf(data.gather(store, INSPECTION, "en"))

    def bare() -> None:
        SimpleDocTemplate(io.BytesIO()).build(bare_story(items))

    try:
        value, base = compare(Work(ours), Work(bare), ctx, repeats=repeats, warmup=1)
    finally:
        store.engine.dispose()
    return Measurement(value * 1000, base * 1000)
