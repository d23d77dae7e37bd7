"""The HTML report: well-formed XHTML, lang set, one h1 and no skipped heading level,
every table with a caption and header cells, charts as inline SVG with text
alternatives, unique ids, and the same figures as the PDF."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from hmip_desktop.core.reports import data, html_report
from hmip_desktop.core.reports.text import fmt_percent, tr

NS = {"h": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module", params=["en", "cy"])
def parsed(request, rich_store):
    d = data.gather(rich_store, "demo", request.param)
    text = html_report.report_html(d)
    return d, text, ET.fromstring(text)


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def test_well_formed_with_language(parsed):
    d, text, root = parsed
    assert text.startswith("<!DOCTYPE html>")
    assert root.tag == "{http://www.w3.org/1999/xhtml}html"
    assert root.get("lang") == d.lang and root.get("{http://www.w3.org/XML/1998/namespace}lang") == d.lang
    assert root.find("h:head/h:meta[@charset='utf-8']", NS) is not None
    assert root.find("h:head/h:title", NS).text


def test_every_table_has_a_caption_and_header_cells(parsed):
    _, _, root = parsed
    tables = root.findall(".//h:table", NS)
    assert len(tables) >= 15
    for table in tables:
        caption = table.find("h:caption", NS)
        assert caption is not None and _text(caption), "every table has a caption"
        for row in table.findall(".//h:tbody/h:tr", NS):
            first = list(row)[0]
            assert first.tag == "{http://www.w3.org/1999/xhtml}th" and first.get("scope") == "row"
        for th in table.findall("h:thead/h:tr/h:th", NS):
            assert th.get("scope") == "col"
        assert table.findall(".//h:th", NS)


def test_headings_are_in_order_and_ids_unique(parsed):
    _, _, root = parsed
    levels = [int(el.tag[-1]) for el in root.iter() if el.tag.startswith("{http://www.w3.org/1999/xhtml}h")
              and el.tag[-1].isdigit()]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    ids = Counter(el.get("id") for el in root.iter() if el.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []
    targets = {a.get("href")[1:] for a in root.findall(".//h:nav//h:a", NS)}
    assert targets <= set(ids)


def test_charts_are_svg_with_one_text_alternative(parsed):
    d, _, root = parsed
    figures = root.findall(".//h:figure", NS)
    assert len(figures) == len([s for s in d.ratings.standards if s.kind == "case"]) + len([t for t in d.fw.threads if d.ratings.threads.get(t.id)])
    for figure in figures:
        wide, narrow = figure.findall("s:svg", NS)  # the page-wide drawing and the stacked one for narrow screens
        assert (wide.get("class"), narrow.get("class")) == ("wide", "narrow")
        for svg in (wide, narrow):  # hidden from assistive technology: no second reading of a <desc>
            assert svg.get("aria-hidden") == "true" and svg.get("role") is None
            assert svg.find("s:desc", NS) is None and svg.find("s:title", NS) is None
            assert svg.get("viewBox")
        assert float(narrow.get("viewBox").split()[2]) < float(wide.get("viewBox").split()[2]) / 2
        caption = figure.find("h:figcaption", NS)
        alt = figure.findall("h:p", NS)
        assert caption is not None and _text(caption) and len(alt) == 1 and alt[0].get("class") == "alt"
        assert "%" in _text(alt[0]) and any(band.label.get(d.lang) in _text(alt[0]) for band in d.fw.rating.bands)
    assert not root.findall(".//*[@aria-describedby]", NS)


def test_wide_tables_scroll_in_a_named_focusable_region(parsed):
    _, _, root = parsed
    regions = root.findall(".//h:div[@role='region']", NS)
    assert len(regions) >= 15
    for region in regions:
        table = region.find("h:table", NS)
        caption = table.find("h:caption", NS)
        assert region.get("tabindex") == "0" and region.get("class") == "table-scroll"
        assert region.get("aria-labelledby") == caption.get("id") and _text(caption)


def test_same_figures_as_the_ratings(parsed):
    d, _, root = parsed
    body = _text(root.find("h:body", NS))
    for s in d.ratings.as_json()["standards"]:
        for kq in s["key_questions"]:
            assert fmt_percent(kq["percent"]) in body
    for standard in d.fw.standards():
        assert standard.title.get(d.lang) in body


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_case_record_as_html(rich_store, lang):
    d = data.gather(rich_store, "demo", lang)
    case = data.gather_case(rich_store, "demo", next(iter(d.reads)))
    root = ET.fromstring(html_report.case_html(case, lang))
    assert root.get("lang") == lang
    assert len(root.findall(".//h:h1", NS)) == 1 and root.findall(".//h:h2", NS)
    marking = root.find(".//h:p[@class='marking']", NS)
    assert marking is not None and _text(marking) == tr(lang, "sensitive")
    assert case.read.case_id in _text(root.find(".//h:h1", NS))
    for table in root.findall(".//h:table", NS):
        assert table.find("h:caption", NS) is not None
