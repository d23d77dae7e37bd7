"""Charts of key question figures (reportlab.graphics), for the reports and the dashboard.

:func:`standard_chart` draws one standard's key questions as horizontal bars of their
percentages sufficient, each with its Wilson 95% interval as an error bar, over the
framework's bands (tinted zones, dashed lines at the thresholds, a legend). The
figures are the core's (``ratings.rate``): nothing is computed here.

The same Drawing goes into the PDF (as a vector flowable), into the HTML (as inline
SVG, :func:`chart_svg`) and onto the desktop dashboard (as PNG, :func:`chart_png`).
PNG rendering uses reportlab's renderPM, which in reportlab 4.1+ needs the optional
``rlPyCairo`` backend (and so pycairo and the cairo library). Where it is missing, a
small Pillow rasteriser draws the shapes these charts use (rectangles, lines, text;
translation and scaling only) so the dashboard still gets its picture. Both paths
return PNG bytes; which one ran is given by :func:`png_backend`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..central.ratings import Figure, Ratings
from ..frameworks.model import Framework
from . import style
from .text import fmt_percent, fmt_whole, tr

#: The PDF frame's width (A4 less 20 mm margins): charts fill it.
CHART_WIDTH = 170 * mm
LABEL_SIZE = 7.5
LEADING = 9.0
BAR_HEIGHT = 11.0
MAX_LABEL_LINES = 4
#: How far the band zones and legend swatches are lightened towards white.
ZONE_TINT = 0.72
#: The narrow (stacked) chart's width in drawing units: see stacked_chart.
NARROW_WIDTH = 180


def _wrap(text: str, font: str, size: float, width: float, max_lines: int = MAX_LABEL_LINES) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if line and stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and stringWidth(lines[-1] + "…", font, size) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += "…"
    return lines


def band_range_text(fw: Framework, band, lang: str) -> str:
    if band.max >= 100:
        return tr(lang, "band_range_top", min=fmt_whole(band.min))
    if band.min <= 0:
        return tr(lang, "band_range_bottom", max=fmt_whole(band.max))
    return tr(lang, "band_range", min=fmt_whole(band.min), max=fmt_whole(band.max))


def _legend(fw: Framework, lang: str, width: float, fonts: dict) -> list[list[tuple[str, str]]]:
    """The legend's items (fill, text) laid out in rows that fit ``width``."""
    colours = style.band_colours(fw.rating.bands)
    rows: list[list[tuple[str, str]]] = [[]]
    used = 0.0
    for band in sorted(fw.rating.bands, key=lambda b: -b.score):
        text = tr(lang, "chart_legend_band", label=band.label.get(lang), range=band_range_text(fw, band, lang))
        w = 14 + stringWidth(text, fonts["regular"], LABEL_SIZE) + 14
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append((style.tint(colours[band.id][0], ZONE_TINT), text))
        used += w
    return [r for r in rows if r]


def figures_chart(fw: Framework, figures: list[Figure], labels: list[str], lang: str = "en",
                  width: float = CHART_WIDTH, axis: str | None = None, empty: str | None = None) -> Drawing:
    """Horizontal bars for ``figures`` (labelled ``labels``) with their intervals, over
    ``fw``'s bands (anything with ``rating.bands``: none for figures that are not banded).
    The drawing's height follows the number and length of the labels. ``axis``: the
    axis title (default: % of applicable cases judged sufficient); ``empty``: the words
    shown for a figure without a percentage (default: no applicable cases)."""
    fonts = style.register_fonts()
    regular, bold = fonts["regular"], fonts["bold"]
    label_w = round(width * 0.38)
    x0, x1 = label_w + 10, width - 46
    wrapped = [_wrap(label, regular, LABEL_SIZE, label_w) for label in labels]
    heights = [max(len(lines) * LEADING + 8, BAR_HEIGHT + 12) for lines in wrapped]
    legend = _legend(fw, lang, width, fonts) if fw.rating.bands else []
    bottom = 30 + 13 * len(legend)  # tick labels, axis title, legend rows
    top = 12  # threshold labels
    plot_h = sum(heights)
    height = bottom + plot_h + top
    d = Drawing(width, height, initialFontName=regular)  # not Helvetica: the PDF embeds every font it names

    def x(p: float) -> float:
        return x0 + (x1 - x0) * max(0.0, min(100.0, p)) / 100

    y_plot0, y_plot1 = bottom, bottom + plot_h
    colours = style.band_colours(fw.rating.bands)
    for band in fw.rating.bands:  # tinted zones, then threshold lines with their numbers
        d.add(Rect(x(band.min), y_plot0, x(band.max) - x(band.min), plot_h, strokeColor=None,
                   fillColor=colors.HexColor(style.tint(colours[band.id][0], ZONE_TINT))))
    for band in fw.rating.bands:
        if 0 < band.min < 100:
            d.add(Line(x(band.min), y_plot0, x(band.min), y_plot1 + 2, strokeColor=colors.HexColor(style.MUTED),
                       strokeWidth=0.8, strokeDashArray=[3, 2]))
            d.add(String(x(band.min), y_plot1 + 4, fmt_whole(band.min), fontName=regular, fontSize=LABEL_SIZE,
                         textAnchor="middle", fillColor=colors.HexColor(style.MUTED)))
    ink = colors.HexColor(style.INK)
    y = y_plot1
    for figure, lines, h in zip(figures, wrapped, heights):
        y -= h
        centre = y + h / 2
        first = centre + (len(lines) - 1) * LEADING / 2 - LABEL_SIZE * 0.35
        for i, line in enumerate(lines):
            d.add(String(0, first - i * LEADING, line, fontName=regular, fontSize=LABEL_SIZE, fillColor=ink))
        if figure.percent is None:
            d.add(String(x0 + 4, centre - 3, empty or tr(lang, "no_cases"), fontName=fonts["italic"], fontSize=LABEL_SIZE,
                         fillColor=colors.HexColor(style.MUTED)))
            continue
        d.add(Rect(x0, centre - BAR_HEIGHT / 2, x(figure.percent) - x0, BAR_HEIGHT, strokeColor=ink, strokeWidth=0.6,
                   fillColor=colors.HexColor(style.BAR)))
        lo, hi = x(figure.ci_low), x(figure.ci_high)
        d.add(Line(lo, centre, hi, centre, strokeColor=ink, strokeWidth=1.2))
        for end in (lo, hi):
            d.add(Line(end, centre - 4.5, end, centre + 4.5, strokeColor=ink, strokeWidth=1.2))
        d.add(String(width, centre - 3, fmt_percent(figure.percent), fontName=bold, fontSize=8,
                     textAnchor="end", fillColor=ink))
    d.add(Line(x0, y_plot0, x1, y_plot0, strokeColor=ink, strokeWidth=0.8))
    for tick in range(0, 101, 20):
        d.add(Line(x(tick), y_plot0, x(tick), y_plot0 - 3, strokeColor=ink, strokeWidth=0.8))
        d.add(String(x(tick), y_plot0 - 11, str(tick), fontName=regular, fontSize=LABEL_SIZE, textAnchor="middle",
                     fillColor=ink))
    d.add(String((x0 + x1) / 2, y_plot0 - 22, axis or tr(lang, "chart_axis"), fontName=regular, fontSize=LABEL_SIZE,
                 textAnchor="middle", fillColor=ink))
    for row_index, row in enumerate(legend):
        ly = bottom - 30 - 13 * row_index - 4
        lx = 0.0
        for fill, text in row:
            d.add(Rect(lx, ly - 1, 9, 9, fillColor=colors.HexColor(fill), strokeColor=ink, strokeWidth=0.5))
            d.add(String(lx + 13, ly + 0.5, text, fontName=regular, fontSize=LABEL_SIZE, fillColor=ink))
            lx += 14 + stringWidth(text, regular, LABEL_SIZE) + 14
    return d


def stacked_chart(fw: Framework, figures: list[Figure], labels: list[str], lang: str = "en",
                  width: float = NARROW_WIDTH, axis: str | None = None, empty: str | None = None) -> Drawing:
    """The same chart for a narrow screen (the HTML at 320 CSS px): each key question's
    label on its own lines across the whole width, its bar below it over the band
    zones, then the axis and the legend one band a row. ``width`` is small (in drawing
    units) so that, scaled to a phone's width, the 7.5-unit labels read at 12 px or more."""
    fonts = style.register_fonts()
    regular, bold = fonts["regular"], fonts["bold"]
    ink, muted = colors.HexColor(style.INK), colors.HexColor(style.MUTED)
    x1 = width - 32
    colours = style.band_colours(fw.rating.bands)
    bands = sorted(fw.rating.bands, key=lambda x: -x.score)

    def x(p: float) -> float:
        return x1 * max(0.0, min(100.0, p)) / 100

    blocks = [(_wrap(label, regular, LABEL_SIZE, width, max_lines=12), f) for label, f in zip(labels, figures)]
    axis_lines = _wrap(axis or tr(lang, "chart_axis"), regular, LABEL_SIZE, width)
    legend = [_wrap(tr(lang, "chart_legend_band", label=band.label.get(lang), range=band_range_text(fw, band, lang)),
                    regular, LABEL_SIZE, width - 13) for band in bands]
    row = BAR_HEIGHT + 8
    gap = 3  # between one bar and the next label
    plot_h = sum(len(lines) * LEADING + row + gap for lines, _ in blocks)
    height = 12 + plot_h + 14 + len(axis_lines) * LEADING + 4 + sum(len(t) * LEADING + 3 for t in legend)
    d = Drawing(width, height, initialFontName=regular)
    y = height - 12
    for band in fw.rating.bands:  # threshold numbers along the top
        if 0 < band.min < 100:
            d.add(String(x(band.min), y + 3, fmt_whole(band.min), fontName=regular, fontSize=LABEL_SIZE,
                         textAnchor="middle", fillColor=muted))
    for lines, figure in blocks:
        y -= gap
        for line in lines:
            y -= LEADING
            d.add(String(0, y + 2, line, fontName=regular, fontSize=LABEL_SIZE, fillColor=ink))
        y -= row
        centre = y + row / 2
        for band in fw.rating.bands:
            d.add(Rect(x(band.min), y + 2, x(band.max) - x(band.min), row - 4, strokeColor=None,
                       fillColor=colors.HexColor(style.tint(colours[band.id][0], ZONE_TINT))))
            if 0 < band.min < 100:
                d.add(Line(x(band.min), y + 1, x(band.min), y + row - 1, strokeColor=muted, strokeWidth=0.8,
                           strokeDashArray=[3, 2]))
        if figure.percent is None:
            d.add(String(3, centre - 3, empty or tr(lang, "no_cases"), fontName=fonts["italic"], fontSize=LABEL_SIZE,
                         fillColor=muted))
            continue
        d.add(Rect(0, centre - BAR_HEIGHT / 2, x(figure.percent), BAR_HEIGHT, strokeColor=ink, strokeWidth=0.6,
                   fillColor=colors.HexColor(style.BAR)))
        lo, hi = x(figure.ci_low), x(figure.ci_high)
        d.add(Line(lo, centre, hi, centre, strokeColor=ink, strokeWidth=1.2))
        for end in (lo, hi):
            d.add(Line(end, centre - 4.5, end, centre + 4.5, strokeColor=ink, strokeWidth=1.2))
        d.add(String(width, centre - 3, fmt_percent(figure.percent), fontName=bold, fontSize=8, textAnchor="end",
                     fillColor=ink))
    d.add(Line(0, y, x1, y, strokeColor=ink, strokeWidth=0.8))
    for tick in range(0, 101, 20):
        d.add(Line(x(tick), y, x(tick), y - 3, strokeColor=ink, strokeWidth=0.8))
        d.add(String(min(max(x(tick), 6), x1), y - 11, str(tick), fontName=regular, fontSize=LABEL_SIZE,
                     textAnchor="middle", fillColor=ink))
    y -= 14
    for line in axis_lines:
        y -= LEADING
        d.add(String(0, y + 2, line, fontName=regular, fontSize=LABEL_SIZE, fillColor=ink))
    y -= 4
    for band, lines in zip(bands, legend):
        d.add(Rect(0, y - LEADING + 1, 9, 9, fillColor=colors.HexColor(style.tint(colours[band.id][0], ZONE_TINT)),
                   strokeColor=ink, strokeWidth=0.5))
        for line in lines:
            y -= LEADING
            d.add(String(13, y + 2, line, fontName=regular, fontSize=LABEL_SIZE, fillColor=ink))
        y -= 3
    return d


def standard_title(standard, lang: str) -> str:
    """A standard's name for a sentence ("Planning (standard 2.2)"): its title first, so
    that a Welsh mutation before it falls on a word, not on the number."""
    title = standard.title.get(lang)
    return tr(lang, "standard_number", title=title, number=standard.number) if standard.number else title


def standard_chart(ratings: Ratings, standard_id: str, lang: str, fw: Framework,
                   width: float = CHART_WIDTH) -> Drawing:
    """The chart of one standard's key questions. ``fw``: the inspection's pinned
    framework (``answers.framework_for``), the one its ratings were computed with."""
    standard = next((s for s in ratings.standards if s.id == standard_id), None)
    if standard is None:
        raise KeyError(f"no standard '{standard_id}' in these ratings")
    texts = {kq.id: kq.text.get(lang) for kq in fw.key_questions()}
    return figures_chart(fw, standard.key_questions, [texts[f.id] for f in standard.key_questions], lang, width)


def thread_chart(ratings: Ratings, thread_id: str, lang: str, fw: Framework,
                 width: float = CHART_WIDTH) -> Drawing:
    """The chart of a thread's key questions (e.g. risk of harm across the standards)."""
    texts = {kq.id: kq.text.get(lang) for kq in fw.key_questions()}
    figures = ratings.threads.get(thread_id, [])
    return figures_chart(fw, figures, [texts[f.id] for f in figures], lang, width)


def chart_alt(title: str, figures: list[Figure], labels: list[str], lang: str, fw: Framework | None = None) -> str:
    """The chart's one text alternative: the bands (the legend) and every bar's figure,
    interval, band and whether it is borderline, in words. ``fw``: the framework whose
    bands the figures were rated with (None: figures only)."""
    bands = fw.rating.bands if fw is not None else ()
    names = {band.id: band.label.get(lang) for band in bands}
    items = []
    for f, label in zip(figures, labels):
        if f.percent is None:
            items.append(tr(lang, "chart_item_empty", question=label))
            continue
        band = ""
        if bands:
            band = (tr(lang, "chart_no_band") if f.band is None else
                    tr(lang, "chart_band_borderline" if f.borderline else "chart_band", band=names.get(f.band, f.band)))
        items.append(tr(lang, "chart_item", question=label, percent=fmt_percent(f.percent),
                        low=fmt_percent(f.ci_low), high=fmt_percent(f.ci_high), band=band))
    legend = "; ".join(tr(lang, "chart_legend_band", label=band.label.get(lang), range=band_range_text(fw, band, lang))
                       for band in sorted(bands, key=lambda x: -x.score))
    return tr(lang, "chart_alt", title=title, bands=tr(lang, "chart_bands", bands=legend) if legend else "",
              items="; ".join(items) + ".")


def standard_pngs(ratings: Ratings, fw: Framework, lang: str, dpi: int = 120) -> dict[str, tuple[bytes, str]]:
    """Each standard's chart as (PNG bytes, text alternative), by standard id: what the
    desktop dashboard shows (rendered on its worker thread)."""
    texts = {kq.id: kq.text.get(lang) for kq in fw.key_questions()}
    titles = {st.id: standard_title(st, lang) for st in fw.standards()}
    out = {}
    for s in (s for s in ratings.standards if s.kind == "case"):
        png = chart_png(standard_chart(ratings, s.id, lang, fw), dpi)
        labels = [texts[f.id] for f in s.key_questions]
        out[s.id] = (png, chart_alt(titles.get(s.id, s.title), s.key_questions, labels, lang, fw))
    return out


# -- output formats ------------------------------------------------------------------------


def png_backend() -> str:
    """'renderPM' where reportlab's bitmap renderer works here, else 'pillow'."""
    try:
        from reportlab.graphics import renderPM

        renderPM.drawToString(Drawing(2, 2), fmt="PNG")
    except Exception:  # noqa: BLE001 - RenderPMError, ImportError of the backend
        return "pillow"
    return "renderPM"


def chart_png(drawing: Drawing, dpi: int = 144) -> bytes:
    """The drawing as PNG bytes (renderPM, or the Pillow fall-back; see the module doc)."""
    if _backend() == "renderPM":
        from reportlab.graphics import renderPM

        return renderPM.drawToString(drawing, fmt="PNG", dpi=dpi)
    from .raster import render_png

    return render_png(drawing, dpi)


@lru_cache(maxsize=1)
def _backend() -> str:
    return png_backend()


_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)


def chart_svg(drawing: Drawing, uid: str = "chart", css_class: str = "") -> str:
    """The drawing as an inline ``<svg>`` element (no XML prolog or DOCTYPE), scaled by
    its ``viewBox`` to the width its container gives it, and hidden from assistive
    technology (``aria-hidden``): the chart's one text alternative is the visible
    paragraph beside it (html_report), so it is neither read twice nor missing. Every
    id inside is prefixed with ``uid`` so that several charts can share a page."""
    from reportlab.graphics import renderSVG

    svg = _PROLOG.sub("", renderSVG.drawToString(drawing), count=1)
    fonts = style.register_fonts()
    for name in sorted(set(fonts.values()), key=len, reverse=True):  # "HmipSans-Bold" before "HmipSans"
        bold = name == fonts["bold"] and name != fonts["regular"]
        svg = svg.replace(f"font-family: {name};", f"font-family: {style.CSS_FONTS};"
                          + (" font-weight: bold;" if bold else ""))
    for old in set(re.findall(r'\bid="([^"]+)"', svg)):
        svg = svg.replace(f'id="{old}"', f'id="{uid}-{old}"').replace(f"url(#{old})", f"url(#{uid}-{old})")
    svg = svg.replace("<title>...</title>", "", 1).replace("<desc>...</desc>", "", 1)
    cls = f' class="{_attr(css_class)}"' if css_class else ""
    return svg.replace("<svg ", f'<svg aria-hidden="true" focusable="false"{cls} ', 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
