"""The inspection report as accessible HTML: one self-contained file (no scripts, no
external resources) that is also well-formed XHTML.

* ``lang`` (and ``xml:lang``) on the root: ``en`` or ``cy``;
* one ``<h1>`` (the title), then ``<section>``s headed ``<h2>``/``<h3>``, and a
  ``<nav>`` table of contents linking to them;
* every table has a ``<caption>``, column headers ``<th scope="col">`` and row headers
  ``<th scope="row">``; band colours always come with the band's name in the cell;
* charts are inline SVG (reportlab renderSVG) with ``role="img"``, a ``<title>`` and a
  ``<desc>`` holding the text alternative (every bar's figure and interval), which is
  also written out under the chart for everyone.
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
from .data import ReportData, gather
from .text import fmt_date, tr

CSS = f"""
body {{ font-family: {style.CSS_FONTS}; color: {style.INK}; max-width: 60rem; margin: 0 auto;
       padding: 1rem 1.5rem 3rem; line-height: 1.45; }}
h1 {{ color: {style.ACCENT}; font-size: 2rem; margin-bottom: 0.2rem; }}
h2 {{ color: {style.ACCENT}; border-top: 2px solid {style.RULE}; padding-top: 0.8rem; margin-top: 2.2rem; }}
.subtitle {{ font-size: 1.3rem; margin-top: 0; }}
.note {{ color: {style.MUTED}; font-size: 0.9rem; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.3rem 0 1.4rem; font-size: 0.9rem; }}
caption {{ text-align: left; font-weight: bold; padding: 0.3rem 0; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.3rem 0.45rem; border-bottom: 1px solid {style.RULE}; }}
thead th {{ background: {style.HEADER_FILL}; border-bottom: 2px solid {style.INK}; vertical-align: bottom; }}
tbody th {{ font-weight: normal; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.band {{ font-weight: bold; }}
figure {{ margin: 0.5rem 0 1rem; }}
figcaption {{ font-weight: bold; margin-bottom: 0.3rem; }}
figure svg {{ width: 100%; height: auto; }}
.alt {{ font-size: 0.85rem; color: {style.MUTED}; }}
nav ol {{ padding-left: 1.2rem; }}
footer {{ margin-top: 3rem; color: {style.MUTED}; font-size: 0.85rem; }}
@media print {{ h2 {{ break-before: page; }} figure, table {{ break-inside: avoid; }} }}
"""


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _table(t: b.Table) -> str:
    out = [f"<table>\n<caption>{_text(t.caption)}</caption>"]
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
    return "\n".join(out)


def _nav(items: list, title: str) -> str:
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


def render(items: list, lang: str, title: str, footer: str) -> str:
    """Blocks as one well-formed XHTML document (a string)."""
    body: list[str] = []
    in_section = False
    charts_done = 0
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
            cls = ' class="note"' if item.style == "note" else ""
            body.append(f"<p{cls}>{_text(item.text)}</p>")
        elif isinstance(item, b.Bullets):
            body.append("<ul>" + "".join(f"<li>{_text(t)}</li>" for t in item.items) + "</ul>")
        elif isinstance(item, b.Table):
            body.append(_table(item))
        elif isinstance(item, b.Chart):
            charts_done += 1
            uid = f"chart{charts_done}"
            svg = charts.chart_svg(item.drawing, item.caption, item.alt, uid)
            body.append(f'<figure>\n<figcaption>{_text(item.caption)}</figcaption>\n{svg}\n'
                        f'<p class="alt">{_text(item.alt)}</p>\n</figure>')
        elif isinstance(item, b.Contents):
            body.append(_nav(items, item.title))
        elif isinstance(item, b.PageBreak):
            continue
        else:
            raise TypeError(f"no HTML rendering for {type(item).__name__}")
    if in_section:
        body.append("</section>")
    return (f'<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}">\n'
            f'<head>\n<meta charset="utf-8"/>\n<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{_text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + f"\n</main>\n<footer><p>{_text(footer)}</p></footer>\n</body>\n</html>\n")


def report_html(data: ReportData) -> str:
    footer = tr(data.lang, "produced_by", version=__version__, date=fmt_date(date.today(), data.lang))
    return render(report_blocks(data), data.lang, report_title(data), footer)


def write_report_html(store: CentralStore, inspection_id: str, out: Path, lang: str = "en") -> Path:
    """Gather and write (atomically, UTF-8) the inspection report as HTML."""
    write_atomically(Path(out), report_html(gather(store, inspection_id, lang)).encode("utf-8"))
    return Path(out)
