"""The PDF machinery shared by the inspection report and the case record: fonts and
styles, the page templates (running header, "Page n of m" footer), the table of
contents, PDF bookmarks, and the translation of :mod:`blocks` into platypus flowables.

One layout pass: the table of contents is a platypus ``TableOfContents`` built with
``multiBuild``, but its entries (the headings) are known before layout, so its size
is right from the first pass; the page numbers it shows, and the "of m" of the footer,
are PDF form XObjects referenced while the pages are drawn and defined when the
document is saved, once every heading's page is known. ``multiBuild`` therefore
finishes in one pass (and would make another, correctly, if the headings drawn ever
differed from those announced).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, KeepTogether, NextPageTemplate,
                                PageTemplate, Paragraph, Spacer)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from . import blocks as b
from . import pdf_meta, style
from .text import tr

MARGIN = 20 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
PAGES_FORM = "hmipPages"
#: Room asked for before a table starts: its caption, header and first rows.
TABLE_START = 70


@dataclass(frozen=True)
class PageText:
    """What the running header and footer say."""

    header_left: str
    header_right: str
    footer_left: str
    page_of: str  # "Page {page} of {pages}" in the report's language
    marking: str = ""  # e.g. OFFICIAL-SENSITIVE, shown centred at the top of every page


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    f = style.register_fonts()
    ink = colors.HexColor(style.INK)
    base = ParagraphStyle("body", fontName=f["regular"], fontSize=9.5, leading=13, textColor=ink, spaceAfter=5)
    out = {
        "body": base,
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10.5, textColor=colors.HexColor(style.MUTED)),
        "lead": ParagraphStyle("lead", parent=base, fontSize=13, leading=17, spaceAfter=8),
        "title": ParagraphStyle("title", parent=base, fontName=f["bold"], fontSize=26, leading=31, spaceAfter=10,
                                textColor=colors.HexColor(style.ACCENT)),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=15, leading=19, spaceAfter=18),
        "h1": ParagraphStyle("h1", parent=base, fontName=f["bold"], fontSize=16, leading=20, spaceBefore=4,
                             spaceAfter=8, textColor=colors.HexColor(style.ACCENT)),
        "h2": ParagraphStyle("h2", parent=base, fontName=f["bold"], fontSize=12, leading=15, spaceBefore=10,
                             spaceAfter=5),
        "caption": ParagraphStyle("caption", parent=base, fontName=f["bold"], fontSize=8.5, leading=11,
                                  spaceBefore=4, spaceAfter=3),
        "chart_caption": ParagraphStyle("chart_caption", parent=base, fontName=f["bold"], fontSize=8.5, leading=11,
                                        spaceBefore=4, spaceAfter=3, keepWithNext=1),
        # the bullet in the embedded font (reportlab's default, Helvetica, is not embedded)
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=2,
                                 bulletFontName=f["regular"]),
        # a chart's text alternative, under the chart, so that it is in the text layer
        "chart_alt": ParagraphStyle("chart_alt", parent=base, fontSize=8, leading=10.5, spaceBefore=2,
                                    spaceAfter=6, textColor=colors.HexColor(style.MUTED)),
        "toc0": ParagraphStyle("toc0", parent=base, fontSize=10.5, leading=15, rightIndent=30, spaceAfter=0),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=9, leading=12.5, leftIndent=14, rightIndent=30,
                               spaceAfter=0),
    }
    return out


class HeadingPara(Paragraph):
    """A heading that registers itself in the TOC, the PDF outline and the page map."""

    def __init__(self, heading: b.Heading):
        super().__init__(escape(heading.text), styles()[f"h{heading.level}"])
        self.heading = heading

    def draw(self):
        self.canv.bookmarkHorizontal(self.heading.key, 0, self.height + 4)
        super().draw()


class PresetToc(TableOfContents):
    """A TableOfContents whose entries are announced before layout (see module doc)."""

    def __init__(self, entries: list[tuple[int, str, str]]):
        from reportlab.platypus.tableofcontents import defaultTableStyle

        # its table's cells select a font before drawing their paragraphs: the embedded one
        table_style = TableStyle(list(defaultTableStyle.getCommands())
                                 + [("FONT", (0, 0), (-1, -1), style.register_fonts()["regular"], 10)])
        super().__init__(levelStyles=[styles()["toc0"], styles()["toc1"]], dotsMinLevel=0, tableStyle=table_style)
        self._preset = [(level, escape(text), 0, key) for level, text, key in entries]
        self._entries = list(self._preset)

    def beforeBuild(self):
        self._lastEntries = list(self._preset)
        self.clearEntries()

    def isSatisfied(self):
        return [(lv, t, k) for lv, t, _, k in self._entries] == [(lv, t, k) for lv, t, _, k in self._preset]

    def wrap(self, availWidth, availHeight):
        size = super().wrap(availWidth, availHeight)

        def entry_end(canvas, kind, label):
            _, level, key = label.split(",")
            key = key.strip("'")
            st = self.getLevelStyle(int(level))
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            dot = " . "
            room = availWidth - x - 22
            n = max(0, int(room / stringWidth(dot, st.fontName, st.fontSize)))
            canvas.setFont(st.fontName, st.fontSize)
            canvas.setFillColor(colors.HexColor(style.MUTED))
            canvas.drawRightString(availWidth - 22, y, dot * n)
            canvas.saveState()
            canvas.translate(availWidth, y)
            canvas.doForm(toc_form(key))
            canvas.restoreState()

        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)
        return size


def toc_form(key: str) -> str:
    """The name of the form that shows the page number of the heading ``key``."""
    return "hmipToc" + key.encode("utf-8").hex()


class ReportCanvas(Canvas):
    """Defines the page-number forms (see module doc) when the document is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hmip_lang = kwargs.get("lang") or "en"
        self.hmip_pages = 0
        self.hmip_headings: dict[str, int] = {}

    def _number_form(self, name: str, text: str, size: float, font: str) -> None:
        self.beginForm(name, lowerx=-80, lowery=-4, upperx=80, uppery=size + 4)
        self.setFont(font, size)
        self.setFillColor(colors.HexColor(style.MUTED if name == PAGES_FORM else style.INK))
        if name == PAGES_FORM:  # follows "Page n of"
            self.drawString(0, 0, text)
        else:  # a TOC entry's page number, right-aligned at the margin
            self.drawRightString(0, 0, text)
        self.endForm()

    def save(self):
        f = style.register_fonts()
        self._number_form(PAGES_FORM, str(self.hmip_pages), 7.5, f["regular"])
        for key, page in self.hmip_headings.items():
            self._number_form(toc_form(key), str(page), 10, f["regular"])
        pdf_meta.apply(self, self.hmip_lang)
        super().save()


class ReportDoc(BaseDocTemplate):
    def __init__(self, path, text: PageText, title: str, lang: str, cover: bool = True, subject: str = ""):
        super().__init__(path, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
                         bottomMargin=MARGIN, title=title, author=tr(lang, "author"), subject=subject or title,
                         creator="hmip", lang=lang,
                         # every page's preamble selects this font: not Helvetica, which is not embedded
                         initialFontName=style.register_fonts()["regular"])
        self.text = text
        frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, A4[1] - 2 * MARGIN - 4 * mm, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate("body", [frame], onPage=self._decorate)]
        if cover:
            templates.insert(0, PageTemplate("cover", [frame], onPage=self._decorate_cover))
        self.addPageTemplates(templates)

    def _footer(self, canv):
        f = style.register_fonts()
        canv.saveState()
        canv.setFont(f["regular"], 7.5)
        canv.setFillColor(colors.HexColor(style.MUTED))
        canv.drawString(MARGIN, MARGIN - 10 * mm, self.text.footer_left)
        prefix = self.text.page_of.format(page=canv.getPageNumber(), pages="").rstrip() + " "
        right = A4[0] - MARGIN - stringWidth("99", f["regular"], 7.5)
        canv.drawRightString(right, MARGIN - 10 * mm, prefix)
        canv.translate(right, MARGIN - 10 * mm)
        canv.doForm(PAGES_FORM)
        canv.restoreState()
        if self.text.marking:
            canv.saveState()
            canv.setFont(f["bold"], 8)
            canv.setFillColor(colors.HexColor(style.INK))
            canv.drawCentredString(A4[0] / 2, A4[1] - 9 * mm, self.text.marking)
            canv.restoreState()

    def _decorate_cover(self, canv, doc):
        self._footer(canv)

    def _decorate(self, canv, doc):
        f = style.register_fonts()
        canv.saveState()
        canv.setFont(f["regular"], 7.5)
        canv.setFillColor(colors.HexColor(style.MUTED))
        y = A4[1] - MARGIN + 2 * mm
        canv.drawString(MARGIN, y, self.text.header_left)
        canv.drawRightString(A4[0] - MARGIN, y, self.text.header_right)
        canv.setStrokeColor(colors.HexColor(style.RULE))
        canv.setLineWidth(0.5)
        canv.line(MARGIN, y - 2.5 * mm, A4[0] - MARGIN, y - 2.5 * mm)
        canv.restoreState()
        self._footer(canv)

    def afterPage(self):
        self.canv.hmip_pages = self.page

    def afterFlowable(self, flowable):
        if isinstance(flowable, HeadingPara):
            h = flowable.heading
            self.canv.hmip_headings[h.key] = self.page
            self.canv.addOutlineEntry(h.text, h.key, level=h.level - 1, closed=h.level > 1)
            self.notify("TOCEntry", (h.level - 1, escape(h.text), self.page, h.key))


# -- blocks → flowables -------------------------------------------------------------------


PAD = 3.5


@lru_cache(maxsize=16384)
def _sw(text: str, font: str, size: float) -> float:
    """stringWidth, remembered: the same words and cells recur across the report's tables."""
    return stringWidth(text, font, size)


def _cell(text: str, width: float, font: str, size: float) -> str:
    """The cell's text broken into lines that fit ``width``: a plain multi-line string
    (reportlab Tables draw those as text lines, far cheaper than Paragraphs; no cell
    needs markup). Columns are made wide enough for their longest word (_min_widths)."""
    room = width - 2 * PAD - 0.5
    if all(_sw(line, font, size) <= room for line in text.split("\n")):
        return text
    return "\n".join(simpleSplit(text, font, size, room))


def _min_widths(t: b.Table, f: dict) -> list[float]:
    """Per column: the width its longest word needs (a header word in bold; a whole
    line for numeric columns), so that no word is broken in the middle."""
    pad = 2 * PAD + 0.5
    out = [0.0] * len(t.widths)
    for i, h in enumerate(t.header or ()):
        out[i] = max((_sw(w, f["bold"], t.font_size) for w in h.split()), default=0) + pad
    for row in t.rows:
        for i, c in enumerate(row):
            font = f["bold"] if c.bold or (i == 0 and t.header is None) else f["regular"]
            parts = c.text.split("\n") if i in t.numeric else c.text.split()
            out[i] = max(out[i], max((_sw(p, font, t.font_size) for p in parts), default=0) + pad)
    return out


def _fit_widths(widths: list[float], minimum: list[float]) -> list[float]:
    """Widen columns below their minimum, taking the room from those with the most slack."""
    widths = list(widths)
    for i, need in enumerate(minimum):
        while widths[i] < need - 0.01:
            donor = max(range(len(widths)), key=lambda j: widths[j] - minimum[j])
            slack = widths[donor] - minimum[donor]
            if donor == i or slack <= 0.01:
                break
            give = min(slack, need - widths[i])
            widths[donor] -= give
            widths[i] += give
    return widths


def table_flowable(t: b.Table, width: float = FRAME_WIDTH) -> RLTable:
    f = style.register_fonts()
    total = sum(t.widths)
    widths = _fit_widths([width * w / total for w in t.widths], _min_widths(t, f))
    size, leading = t.font_size, t.font_size * 1.22
    data, commands = [], [
        ("FONT", (0, 0), (-1, -1), f["regular"], size, leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor(style.INK)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(style.RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    first = 0
    if t.header is not None:
        data.append([_cell(h, widths[i], f["bold"], size) for i, h in enumerate(t.header)])
        commands += [("FONT", (0, 0), (-1, 0), f["bold"], size, leading),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(style.HEADER_FILL)),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(style.INK)),
                     ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
        first = 1
    for r, row in enumerate(t.rows, first):
        cells = []
        for i, c in enumerate(row):
            bold = c.bold or (i == 0 and t.header is None)
            cells.append(_cell(c.text, widths[i], f["bold"] if bold else f["regular"], size))
            if c.fill:
                commands.append(("BACKGROUND", (i, r), (i, r), colors.HexColor(c.fill)))
            if c.ink:
                commands.append(("TEXTCOLOR", (i, r), (i, r), colors.HexColor(c.ink)))
            if bold:
                commands.append(("FONT", (i, r), (i, r), f["bold"], size, leading))
        data.append(cells)
    for i in t.numeric:
        commands.append(("ALIGN", (i, 0), (i, -1), "RIGHT"))
    return RLTable(data, colWidths=widths, repeatRows=first, style=TableStyle(commands), hAlign="LEFT")


def _one(item, items: list, width: float) -> list:
    st = styles()
    if isinstance(item, b.Title):
        out = [Spacer(1, 30 * mm), Paragraph(escape(item.text), st["title"])]
        return out + ([Paragraph(escape(item.subtitle), st["subtitle"])] if item.subtitle else [])
    if isinstance(item, b.Heading):
        return [HeadingPara(item)]
    if isinstance(item, b.Para):
        return [Paragraph(escape(item.text).replace("\n", "<br/>"), st[item.style])]
    if isinstance(item, b.Bullets):
        return [Paragraph(escape(text), st["bullet"], bulletText="•") for text in item.items] + [Spacer(1, 4)]
    if isinstance(item, b.Table):
        return [Paragraph(escape(item.caption), st["caption"]), table_flowable(item, width), Spacer(1, 6)]
    if isinstance(item, b.Chart):
        return [Paragraph(escape(item.caption), st["chart_caption"]), item.drawing,
                Paragraph(escape(item.alt), st["chart_alt"])]
    if isinstance(item, b.PageBreak):
        return [RLPageBreak()]
    if isinstance(item, b.Contents):
        entries = [(h.level - 1, h.text, h.key) for h in b.headings(items)]
        return [Paragraph(escape(item.title), st["h1"]), PresetToc(entries)]
    raise TypeError(f"no PDF rendering for {type(item).__name__}")


def flowables(items: list, width: float = FRAME_WIDTH) -> list:
    """Platypus flowables for a list of blocks. A heading is kept on the page of what
    follows it: any headings straight after it, their paragraphs, and the first chart
    (all of it) or table (its caption and first rows) after them."""
    out: list = []
    i = 0
    while i < len(items):
        item = items[i]
        if not isinstance(item, b.Heading):
            if isinstance(item, b.Table):
                out.append(CondPageBreak(TABLE_START))
            out += _one(item, items, width)
            i += 1
            continue
        if item.level == 1:
            out.append(CondPageBreak(60 * mm))
        group, i = _one(item, items, width), i + 1
        while i < len(items) and isinstance(items[i], (b.Heading, b.Para, b.Bullets)):
            group += _one(items[i], items, width)
            i += 1
        if i < len(items) and isinstance(items[i], b.Chart):
            out.append(KeepTogether(group + _one(items[i], items, width)))
            i += 1
        else:
            # Never KeepTogether with a table: a table taller than the space left would
            # be pushed whole to the next page. Ask for room for the start instead.
            lead = sum(f.wrap(width, A4[1])[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in group)
            out += [CondPageBreak(lead + TABLE_START)] + group
    return out


def build_pdf(items: list, text: PageText, title: str, lang: str, cover: bool = True,
              subject: str = "") -> tuple[bytes, int]:
    """``items`` as PDF bytes, and the number of layout passes it took. The document
    information and XMP metadata carry ``title``, ``subject`` (default: the title) and the
    author, all in ``lang``; viewers are asked to show the title (pdf_meta)."""
    style.register_fonts()
    out = io.BytesIO()
    doc = ReportDoc(out, text, title, lang, cover, subject)
    story = ([NextPageTemplate("body")] if cover else []) + flowables(items)
    passes = doc.multiBuild(story, canvasmaker=ReportCanvas)
    return out.getvalue(), passes
