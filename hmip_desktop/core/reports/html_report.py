"""The inspection report as accessible HTML: one self-contained file (no scripts, no
external resources) that is also well-formed XHTML, meeting WCAG 2.2 AA (checked with
axe-core in Chromium by tests/core/reports/test_html_axe.py).

* ``lang`` (and ``xml:lang``) on the root: ``en`` or ``cy``;
* one ``<h1>`` (the title), then ``<section>``s headed ``<h2>``/``<h3>``, and a
  ``<nav>`` table of contents linking to them (targets at least 24 CSS px high, 2.5.8);
* every table has a ``<caption>``, column headers ``<th scope="col">`` and row headers
  ``<th scope="row">``; band colours always come with the band's name in the cell. A
  table of three or more columns sits in a scroll container of its own (a focusable
  ``role="region"`` named by the caption), so at 320 CSS px (400% zoom) the table
  scrolls, never the page (reflow, 1.4.10);
* charts are inline SVG scaled by their ``viewBox``, hidden from assistive technology:
  the one text alternative is the visible paragraph under the chart (every figure, its
  interval, band and borderline state). Below 48em the stacked drawing
  (``Chart.narrow``) replaces the page-wide one, so labels stay at 12 CSS px or more.

The building blocks (``table_html``, ``chart_html``, ``nav_html``, ``blocks_html``,
``page``) are public so that other reports (the national report) render the same way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from ... import __version__
from ..central.store import CentralStore
from ..exchange.envelope import write_atomically
from . import blocks as b
from . import charts, style
from .content import report_blocks, report_title
from .data import CaseData, ReportData, gather, gather_case
from .text import check_lang, fmt_date, tr

#: Below this width the stacked charts replace the page-wide ones.
NARROW = "48em"

CSS = f"""
*, *::before, *::after {{ box-sizing: border-box; }}
body {{ font-family: {style.CSS_FONTS}; color: {style.INK}; background: #FFFFFF; max-width: 60rem;
       margin: 0 auto; padding: 1rem 1.5rem 3rem; line-height: 1.45; overflow-wrap: break-word; }}
h1 {{ color: {style.ACCENT}; font-size: 2rem; margin-bottom: 0.2rem; }}
h2 {{ color: {style.ACCENT}; border-top: 2px solid {style.RULE}; padding-top: 0.8rem; margin-top: 2.2rem; }}
.subtitle {{ font-size: 1.3rem; margin-top: 0; }}
.note {{ color: {style.MUTED}; font-size: 0.9rem; }}
.lead {{ font-size: 1.15rem; }}
.marking {{ font-weight: bold; border: 2px solid {style.INK}; padding: 0.3rem 0.6rem; display: inline-block; }}
/* a shadow at an edge where more of the table lies beyond it (the cover gradients move with the content) */
.table-scroll {{ overflow-x: auto; margin: 0.3rem 0 1.4rem;
  background: linear-gradient(to right, #FFFFFF 30%, rgba(255, 255, 255, 0)),
              linear-gradient(to left, #FFFFFF 30%, rgba(255, 255, 255, 0)) 100% 0,
              radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.3), rgba(0, 0, 0, 0)),
              radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.3), rgba(0, 0, 0, 0)) 100% 0;
  background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
  background-attachment: local, local, scroll, scroll; }}
.table-scroll:focus-visible {{ outline: 3px solid {style.ACCENT}; outline-offset: 2px; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.3rem 0 1.4rem; font-size: 0.9rem; }}
.table-scroll table {{ margin: 0; }}
.table-scroll caption span {{ display: inline-block; position: sticky; left: 0; max-width: calc(100vw - 2rem); }}
caption {{ text-align: left; font-weight: bold; padding: 0.3rem 0; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.3rem 0.45rem; border-bottom: 1px solid {style.RULE}; }}
thead th {{ background: {style.HEADER_FILL}; border-bottom: 2px solid {style.INK}; vertical-align: bottom; }}
tbody th {{ font-weight: normal; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.band {{ font-weight: bold; }}
figure {{ margin: 0.5rem 0 1rem; }}
figcaption {{ font-weight: bold; margin-bottom: 0.3rem; }}
figure svg {{ display: block; width: 100%; height: auto; }}
figure svg.narrow {{ display: none; max-width: 26rem; }}
.alt {{ font-size: 0.9rem; color: {style.MUTED}; }}
nav ol {{ padding-left: 1.2rem; }}
nav li {{ margin: 0.1rem 0; }}
nav a {{ display: block; width: fit-content; max-width: 100%; min-height: 24px; padding: 0.15rem 0; }}
a {{ color: {style.ACCENT}; }}
footer {{ margin-top: 3rem; color: {style.MUTED}; font-size: 0.85rem; }}
@media (max-width: {NARROW}) {{
  body {{ padding: 0.5rem 0.75rem 2rem; }}
  h1 {{ font-size: 1.6rem; }}
  .table-scroll tbody th {{ min-width: 9rem; }}
  figure svg.wide {{ display: none; }}
  figure svg.narrow {{ display: block; }}
}}
@media print {{ h2 {{ break-before: page; }} figure, table {{ break-inside: avoid; }}
  figure svg.narrow {{ display: none; }} figure svg.wide {{ display: block; }} }}
"""


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def table_html(t: b.Table, uid: str = "") -> str:
    """A table with its caption and header cells; with ``uid`` (and three or more
    columns), inside a focusable scroll region named by the caption (see module doc)."""
    columns = len(t.header) if t.header is not None else len(t.rows[0]) if t.rows else 0
    scroll = bool(uid) and columns >= 3
    caption = (f'<caption id="{_attr(uid)}-caption"><span>{_text(t.caption)}</span></caption>' if scroll
               else f"<caption>{_text(t.caption)}</caption>")
    out = [f"<table>\n{caption}"]
    if t.header is not None:
        num = ' class="num"'
        heads = "".join(f'<th scope="col"{num if i in t.numeric else ""}>{_text(h)}</th>'
                        for i, h in enumerate(t.header))
        out.append(f"<thead><tr>{heads}</tr></thead>")
    out.append("<tbody>")
    for row in t.rows:
        cells = []
        for i, c in enumerate(row):
            classes = [name for name, on in (("num", i in t.numeric), ("band", bool(c.fill))) if on]
            attrs = f' class="{" ".join(classes)}"' if classes else ""
            if c.fill:
                attrs += f' style="background:{c.fill};color:{c.ink or style.INK}"'
            text = f"<strong>{_text(c.text)}</strong>" if c.bold and not c.fill else _text(c.text)
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            cells.append(f"<{tag}{scope}{attrs}>{text}</{tag}>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody>\n</table>")
    html = "\n".join(out)
    if scroll:
        return (f'<div class="table-scroll" role="region" aria-labelledby="{_attr(uid)}-caption" tabindex="0">\n'
                f"{html}\n</div>")
    return html


def chart_html(chart: b.Chart, uid: str) -> str:
    """A chart as a figure: its caption, the drawing (and the narrow drawing, shown
    instead on narrow screens), both hidden from assistive technology, then the one
    text alternative as a visible paragraph."""
    svgs = [charts.chart_svg(chart.drawing, f"{uid}-wide", "wide" if chart.narrow is not None else "")]
    if chart.narrow is not None:
        svgs.append(charts.chart_svg(chart.narrow(), f"{uid}-narrow", "narrow"))
    return (f'<figure>\n<figcaption>{_text(chart.caption)}</figcaption>\n' + "\n".join(svgs)
            + f'\n<p class="alt">{_text(chart.alt)}</p>\n</figure>')


def nav_html(items: list, title: str) -> str:
    """The table of contents: the headings of ``items`` (level 1, and level 2 nested)."""
    out = [f'<nav aria-labelledby="contents"><h2 id="contents">{_text(title)}</h2><ol>']
    open_sub = False
    for h in b.headings(items):
        link = f'<a href="#{_attr(h.key)}">{_text(h.text)}</a>'
        if h.level == 1:
            if open_sub:
                out.append("</ol></li>")
                open_sub = False
            elif len(out) > 1:
                out.append("</li>")
            out.append(f"<li>{link}")
        else:
            if not open_sub:
                out.append("<ol>")
                open_sub = True
            out.append(f"<li>{link}</li>")
    out.append("</ol></li>" if open_sub else "</li>" if len(out) > 1 else "")
    out.append("</ol></nav>")
    return "\n".join(out)


def blocks_html(items: list) -> str:
    """The body of a report: its blocks as HTML, level-1 headings opening sections."""
    body: list[str] = []
    in_section = False
    counts = {"chart": 0, "table": 0}
    for item in items:
        if isinstance(item, b.Title):
            body.append(f"<h1>{_text(item.text)}</h1>")
            if item.subtitle:
                body.append(f'<p class="subtitle">{_text(item.subtitle)}</p>')
        elif isinstance(item, b.Heading):
            if item.level == 1:
                if in_section:
                    body.append("</section>")
                body.append(f'<section aria-labelledby="{_attr(item.key)}">')
                in_section = True
            level = item.level + 1
            body.append(f'<h{level} id="{_attr(item.key)}">{_text(item.text)}</h{level}>')
        elif isinstance(item, b.Para):
            cls = f' class="{_attr(item.style)}"' if item.style != "body" else ""
            body.append(f"<p{cls}>{_text(item.text)}</p>")
        elif isinstance(item, b.Bullets):
            body.append("<ul>" + "".join(f"<li>{_text(t)}</li>" for t in item.items) + "</ul>")
        elif isinstance(item, b.Table):
            counts["table"] += 1
            body.append(table_html(item, f"table{counts['table']}"))
        elif isinstance(item, b.Chart):
            counts["chart"] += 1
            body.append(chart_html(item, f"chart{counts['chart']}"))
        elif isinstance(item, b.Contents):
            body.append(nav_html(items, item.title))
        elif isinstance(item, b.PageBreak):
            continue
        else:
            raise TypeError(f"no HTML rendering for {type(item).__name__}")
    if in_section:
        body.append("</section>")
    return "\n".join(body)


def page(lang: str, title: str, body: str, footer: str, css: str = CSS) -> str:
    """A whole XHTML document around ``body`` (already HTML): head, main, footer."""
    return (f'<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}">\n'
            f'<head>\n<meta charset="utf-8"/>\n<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{_text(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n"
            + body + f"\n</main>\n<footer><p>{_text(footer)}</p></footer>\n</body>\n</html>\n")


def render(items: list, lang: str, title: str, footer: str) -> str:
    """Blocks as one well-formed XHTML document (a string)."""
    return page(lang, title, blocks_html(items), footer)


def report_html(data: ReportData) -> str:
    footer = tr(data.lang, "produced_by", version=__version__, date=fmt_date(date.today(), data.lang))
    return render(report_blocks(data), data.lang, report_title(data), footer)


def write_report_html(store: CentralStore, inspection_id: str, out: Path, lang: str = "en") -> Path:
    """Gather and write (atomically, UTF-8) the inspection report as HTML."""
    write_atomically(Path(out), report_html(gather(store, inspection_id, lang)).encode("utf-8"))
    return Path(out)


def case_html(case: CaseData, lang: str = "en") -> str:
    """One case read's record as HTML: the PDF's blocks under a title and the
    OFFICIAL-SENSITIVE marking (it holds personal data)."""
    from .pdf_case import case_blocks, case_title

    title = case_title(case, lang)
    items = [b.Title(title), b.Para(tr(lang, "sensitive"), "marking")] + case_blocks(case, lang)
    footer = tr(lang, "produced_by", version=__version__, date=fmt_date(date.today(), lang))
    return render(items, lang, title, footer)


def write_case_html(store: CentralStore, inspection_id: str, case_id: str, out: Path, lang: str = "en") -> Path:
    """Gather and write (atomically, UTF-8) one case read's record as HTML."""
    check_lang(lang)
    write_atomically(Path(out), case_html(gather_case(store, inspection_id, case_id), lang).encode("utf-8"))
    return Path(out)
