"""The PDF reports read back with poppler's own tools (Debian's poppler-utils, installed by
scripts/test): every font embedded (pdffonts), title, author and subject in the report's
language and the title in the XMP metadata (pdfinfo), the viewer asked to show the title,
each chart followed in the text layer by its text alternative, and the cover's line
naming the accessible HTML version (pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from hmip_desktop.core.reports import blocks as b
from hmip_desktop.core.reports import content, data, pdf_case, pdf_report
from hmip_desktop.core.reports.text import tr

from .conftest import squash

EXPECTED = {
    "en": ("HM Inspectorate of Probation", "Inspection report: ", "inspection findings and ratings"),
    "cy": ("Arolygiaeth Prawf EF", "Adroddiad arolygu: ", "canfyddiadau a graddau'r arolygiad"),
}


def _poppler(*args: str) -> str:
    tool = shutil.which(args[0])
    assert tool, f"{args[0]} is missing: apt-get install poppler-utils (scripts/test installs it)"
    return subprocess.run([tool, *args[1:]], capture_output=True, text=True, check=True, timeout=120).stdout


@pytest.fixture(scope="module", params=["en", "cy"])
def report(request, rich_store, tmp_path_factory):
    d = data.gather(rich_store, "demo", request.param)
    path = tmp_path_factory.mktemp("pdf") / f"report-{request.param}.pdf"
    path.write_bytes(pdf_report.report_pdf(d, "report-" + request.param + ".html"))
    return d, path


def _fonts(path) -> list[list[str]]:
    lines = _poppler("pdffonts", str(path)).splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


def test_every_font_is_embedded(report, rich_store, tmp_path):
    d, path = report
    fonts = _fonts(path)
    assert len(fonts) >= 2
    for row in fonts:  # name type encoding emb sub uni object id (type may be two words: "Type 1")
        assert row[-5] == "yes", row
        assert not row[0].startswith("Helvetica"), row
    case = next(iter(d.reads))
    record = tmp_path / "case.pdf"
    pdf_case.write_case_pdf(rich_store, "demo", case, record, d.lang)
    assert all(row[-5] == "yes" for row in _fonts(record)), _fonts(record)


def test_title_author_subject_in_the_reports_language_and_in_xmp(report):
    d, path = report
    author, title_start, subject_end = EXPECTED[d.lang]
    info = dict(line.split(":", 1) for line in _poppler("pdfinfo", str(path)).splitlines() if ":" in line)
    info = {k.strip(): v.strip() for k, v in info.items()}
    title = content.report_title(d)
    assert info["Title"] == title and title.startswith(title_start)
    assert info["Author"] == author
    assert info["Subject"].endswith(subject_end) and d.inspection.provider in info["Subject"]
    meta = _poppler("pdfinfo", "-meta", str(path))
    xmp = ET.fromstring(meta.strip().encode("utf-8"))  # well-formed
    assert xmp.tag == "{adobe:ns:meta/}xmpmeta"
    assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in meta
    assert f'<rdf:li xml:lang="{d.lang}">{title}</rdf:li>' in meta
    assert f"<rdf:li>{author}</rdf:li>" in meta and f"<dc:language><rdf:Bag><rdf:li>{d.lang}</rdf:li>" in meta
    root = PdfReader(str(path)).trailer["/Root"]
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) and b"/DisplayDocTitle true" in path.read_bytes()
    assert root["/Lang"] == d.lang


def test_each_chart_is_followed_by_its_text_alternative(report):
    d, path = report
    flat = squash(_poppler("pdftotext", "-enc", "UTF-8", str(path), "-"))
    items = pdf_report.pdf_blocks(d)
    chart_list = [item for item in items if isinstance(item, b.Chart)]
    assert len(chart_list) >= 5
    position = 0
    for i, item in enumerate(items):
        if not isinstance(item, b.Chart):
            continue
        caption = flat.index(squash(item.caption), position)
        alt = flat.index(squash(item.alt), caption)
        following = next((x for x in items[i + 1:] if isinstance(x, b.Table)), None)
        if following is not None:  # the alternative comes before the figures table after the chart
            assert alt < flat.index(squash(following.caption), caption)
        for label in ("(borderline)", "(ar y ffin)"):
            if label in item.alt:
                assert squash(label) in flat[alt:alt + len(squash(item.alt))]
        position = alt


def test_the_cover_says_where_the_accessible_html_is(report):
    d, path = report
    cover = " ".join(_poppler("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(path), "-").split())
    where = tr(d.lang, "accessible_file", file=f"report-{d.lang}.html")
    assert " ".join(tr(d.lang, "accessible_version", where=where).split()) in cover
    assert re.search(r"\(HTML\)", cover)


# -- the national report (hmip national report --out X.pdf): the same checks -----------------

@pytest.fixture(scope="module")
def national_pdfs(tmp_path_factory):
    """lang -> (the gathered data, the PDF written by ``hmip national report``)."""
    from hmip_desktop.cli import main
    from hmip_desktop.core.national.store import NationalStore
    from hmip_desktop.core.reports import national_report

    from ..national.helpers import synthetic_national

    tmp = tmp_path_factory.mktemp("national_pdf")
    path, _ = synthetic_national(tmp, inspections=6, cases=40)
    made = {}
    for lang in ("en", "cy"):
        out = tmp / f"national-{lang}.pdf"
        assert main(["national", "report", str(path), "--out", str(out), "--lang", lang]) == 0
        store = NationalStore.open(path)
        try:
            made[lang] = (national_report.gather(store, lang=lang), out)
        finally:
            store.close()
    return made


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_national_pdf_embeds_every_font(national_pdfs, lang):
    _, path = national_pdfs[lang]
    fonts = _fonts(path)
    assert len(fonts) >= 2
    for row in fonts:
        assert row[-5] == "yes", row
        assert not row[0].startswith("Helvetica"), row


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_national_pdf_has_title_author_subject_in_its_language_and_in_xmp(national_pdfs, lang):
    from hmip_desktop.core.reports.national_report import _subtitle
    from hmip_desktop.core.reports.national_text import nt

    d, path = national_pdfs[lang]
    author = EXPECTED[lang][0]
    info = dict(line.split(":", 1) for line in _poppler("pdfinfo", str(path)).splitlines() if ":" in line)
    info = {k.strip(): v.strip() for k, v in info.items()}
    title = nt(lang, "title")
    assert info["Title"] == title == ("Inspection findings across providers" if lang == "en"
                                      else "Canfyddiadau arolygu ar draws darparwyr")
    assert info["Author"] == author
    assert info["Subject"] == f"{title}: {_subtitle(d)}"
    assert info["Subject"].startswith(f"{title}: 6 " + ("inspections signed off" if lang == "en"
                                                          else "arolygiad wedi'u cymeradwyo"))
    meta = _poppler("pdfinfo", "-meta", str(path))
    assert ET.fromstring(meta.strip().encode("utf-8")).tag == "{adobe:ns:meta/}xmpmeta"
    assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in meta
    assert f'<rdf:li xml:lang="{lang}">{title}</rdf:li>' in meta
    assert f"<rdf:li>{author}</rdf:li>" in meta and f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li>" in meta
    root = PdfReader(str(path)).trailer["/Root"]
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) and root["/Lang"] == lang


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_each_national_chart_is_followed_by_its_text_alternative(national_pdfs, lang):
    from hmip_desktop.core.reports import national_report

    d, path = national_pdfs[lang]
    flat = squash(_poppler("pdftotext", "-enc", "UTF-8", str(path), "-"))
    charts = [item for item in national_report.report_blocks(d) if isinstance(item, b.Chart)]
    assert charts
    position = 0
    for item in charts:
        caption = flat.index(squash(item.caption), position)
        position = flat.index(squash(item.alt), caption)
