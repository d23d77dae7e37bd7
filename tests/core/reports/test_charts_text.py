"""Charts (Drawing, PNG, SVG), band colours and the string tables."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Drawing

from hmip_desktop.core.frameworks import load_text
from hmip_desktop.core.frameworks.loader import read_file
from hmip_desktop.core.paths import forms_dir
from hmip_desktop.core.reports import charts, data, raster, style, text

PNG = b"\x89PNG\r\n\x1a\n"


def test_standard_chart_is_a_drawing_and_a_png(rich_store):
    d = data.gather(rich_store, "demo", "cy")
    for s in (s for s in d.ratings.standards if s.kind == "case"):  # those judged on evidence have no figures
        drawing = charts.standard_chart(d.ratings, s.id, "cy", d.fw)
        assert isinstance(drawing, Drawing) and drawing.width > 400 and drawing.height > 100
    png = charts.chart_png(drawing)
    assert png.startswith(PNG) and len(png) > 2000


def test_standard_pngs_give_each_standard_a_png_and_its_text_alternative(rich_store):
    d = data.gather(rich_store, "demo", "cy")
    pngs = charts.standard_pngs(d.ratings, d.fw, "cy", dpi=72)
    assert list(pngs) == [s.id for s in d.ratings.standards if s.kind == "case"]
    for png, alt in pngs.values():
        assert png.startswith(PNG) and alt.startswith("Siart bar o ")


def test_pillow_fallback_renders_every_shape_it_is_given(rich_store):
    from PIL import Image
    import io

    d = data.gather(rich_store, "demo")
    drawing = charts.thread_chart(d.ratings, "risk_of_harm", "en", d.fw)
    png = raster.render_png(drawing, dpi=72)
    image = Image.open(io.BytesIO(png))
    assert image.size == (round(drawing.width), round(drawing.height))
    colours = {c for _, c in image.getcolors(maxcolors=100000)}
    assert (255, 255, 255) in colours and len(colours) > 10  # bars, zones and text, not a blank page


def test_png_backend_is_reported():
    assert charts.png_backend() in ("renderPM", "pillow")


def test_svg_is_well_formed_with_unique_ids(rich_store):
    d = data.gather(rich_store, "demo")
    svg = charts.chart_svg(charts.standard_chart(d.ratings, "assessment", "en", d.fw), "c7", "wide")
    root = ET.fromstring(svg)
    # the chart's text alternative is the paragraph beside it (html_report), read once
    assert root.get("aria-hidden") == "true" and root.get("role") is None and root.get("class") == "wide"
    assert root.find("{http://www.w3.org/2000/svg}desc") is None and root.find("{http://www.w3.org/2000/svg}title") is None
    assert root.get("viewBox", "").startswith("0 0 ")
    assert all(el.get("id").startswith("c7-") for el in root.iter() if el.get("id"))


@pytest.mark.parametrize("path", sorted(forms_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_band_colours_have_readable_text(path: Path):
    fw = load_text(read_file(path), str(path))
    for fill, ink in list(style.band_colours(fw.rating.bands).values()) + list(style.overall_colours(fw).values()):
        assert style.contrast(fill, ink) >= 4.5, (fill, ink)
    assert style.contrast(style.BAR, "#000000") >= 4.5  # interval lines drawn over the bars


def test_welsh_and_english_strings_match():
    assert set(text.EN) == set(text.CY)
    fields = re.compile(r"{(\w+)(?:![a-z])?}")
    for key in text.EN:
        assert set(fields.findall(text.EN[key])) == set(fields.findall(text.CY[key])), key
        assert text.CY[key].strip(), key


def test_dates_and_percentages():
    assert text.fmt_date("2026-11-22", "en") == "22 November 2026"
    assert text.fmt_date("2026-11-22T03:23:27+00:00", "cy") == "22 Tachwedd 2026"
    assert text.fmt_date(None, "en") is None
    assert text.fmt_percent(86.8421) == "86.8%" and text.fmt_percent(None) == "–"
    with pytest.raises(ValueError):
        text.tr("fr", "contents")


def test_fonts_can_write_welsh():
    fonts = style.register_fonts()
    assert fonts["regular"] == style.FONT, "DejaVu Sans is shipped with the package"
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(fonts["regular"]).face
    assert all(ord(c) in face.charToGlyph for c in "ŵŷŴŶâêîôû")
