"""The inspection report PDF, read back with pypdf: in English and in Welsh it holds
every standard's title, every band label used, the figures of `hmip central ratings
--json`, the threads, the sub-group suppression, the QA and methodology sections."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from hmip_desktop.core.central.ratings import Figure
from hmip_desktop.core.reports import content, data, pdf_base, pdf_report
from hmip_desktop.core.reports.text import fmt_percent, tr

from .conftest import REASON, pdf_text, squash


@pytest.fixture(scope="module", params=["en", "cy"])
def rich_report(request, rich_store):
    d = data.gather(rich_store, "demo", request.param)
    pdf, passes = pdf_base.build_pdf(content.report_blocks(d), pdf_report.page_text(d), content.report_title(d),
                                     request.param)
    return d, pdf, passes


def _bands_used(d: data.ReportData) -> set[str]:
    fw, lang = d.fw, d.lang
    labels = {b.id: b.label.get(lang) for b in fw.rating.bands}
    used = set()
    for s in d.ratings.standards:
        used |= {labels[x] for x in (s.rating, s.override) if x}
        used |= {labels[f.band] for f in s.key_questions if f.band}
    overall = {b.id: b.label.get(lang) for b in fw.rating.overall.bands}
    if d.ratings.overall_rating:
        used.add(overall[d.ratings.overall_rating])
    return used


def test_every_standard_band_and_figure_is_in_the_pdf(rich_report):
    d, pdf, passes = rich_report
    text = pdf_text(pdf)
    flat = squash(text)
    assert passes == 1, "the table of contents must not need a second layout pass"
    for standard in d.fw.standards():
        assert standard.title.get(d.lang) in text
    used = _bands_used(d)
    assert len(used) >= 3
    for label in used:
        assert label in text, label
    figures = d.ratings.as_json()
    for s in (s for s in figures["standards"] if s["kind"] == "case"):  # on evidence: no figures
        for kq in s["key_questions"]:
            assert fmt_percent(kq["percent"]) in text, (kq["id"], kq["percent"])
            assert f"{kq['sufficient']}" in text
    for kq in d.fw.key_questions():  # every key question's wording, wrapped anywhere
        assert squash(kq.text.get(d.lang)) in flat, kq.id


def test_sections_threads_override_and_suppression(rich_report):
    d, pdf, _ = rich_report
    text, lang = pdf_text(pdf), d.lang
    for key in ("report_title", "contents", "summary_heading", "standards_heading", "subgroups_heading", "qa_heading",
                "consistency_heading", "method_heading", "annex_heading"):
        assert tr(lang, key) in text, key
    for thread in d.fw.threads:
        assert thread.title.get(lang) in text
    assert squash(REASON) in squash(text), "the professional judgement's reason is shown"
    assert tr(lang, "suppressed", min=data.MIN_CELL) in text
    assert "Northmoor Probation Delivery Unit" in text
    assert "Lowri Lead" in text
    assert tr(lang, "page_of", page=2, pages=len(PdfReader(io.BytesIO(pdf)).pages)) in text


def test_welsh_report_has_welsh_letters_and_no_english_headings(rich_store):
    d = data.gather(rich_store, "demo", "cy")
    text = pdf_text(pdf_report.report_pdf(d))
    assert "is-grŵp" in text  # ŵ needs the embedded font: Helvetica would drop it
    assert "Findings by standard" not in text and "Ratings summary" not in text
    assert "Tudalen 1 o" in text


def test_margin_of_error_uses_the_caseload_when_known(bare_store, rich_store, tmp_path):
    rich = pdf_text(pdf_report.report_pdf(data.gather(rich_store, "demo", "en")))
    # A store from before set-up was required at the central store: no caseload, no provider.
    from sqlalchemy import delete, update

    from hmip_desktop.core.central import schema
    from hmip_desktop.core.central.store import CentralStore

    from .conftest import _copy

    _copy(bare_store.engine.url.database, tmp_path / "old.sqlite")
    shutil.copytree(bare_store.engine.url.database + ".keys", tmp_path / "old.sqlite.keys")
    old = CentralStore.open(tmp_path / "old.sqlite")
    with old.engine.begin() as conn:
        conn.execute(delete(schema.setup_cases))
        conn.execute(update(schema.inspections).values(provider=None, title=None))
    bare = pdf_text(pdf_report.report_pdf(data.gather(old, "demo", "en")))
    old.engine.dispose()
    assert "The caseload held 420 cases" in rich
    assert "caseload size is not recorded" in bare
    assert "Not recorded" in bare, "missing set-up details are said, not left blank"


def test_subgroup_cells_below_five_are_suppressed(rich_store):
    d = data.gather(rich_store, "demo", "en")
    tables = d.subgroups()
    assert [t.field_id for t in tables] == ["gender", "ethnicity", "age_band", "risk_level", "disposal_type"]
    seen_suppressed = seen_shown = False
    for t in tables:
        for kq, cells in t.rows:
            for figure in cells:
                if figure is None:
                    seen_suppressed = True
                else:
                    assert isinstance(figure, Figure) and figure.applicable >= data.MIN_CELL
                    seen_shown = True
        total = sum(n for _, n in t.groups)
        assert total == len(d.reads)
    assert seen_suppressed and seen_shown


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_contents_page_numbers_match_the_bookmarks(rich_report):
    d, pdf, _ = rich_report
    import re

    reader = PdfReader(io.BytesIO(pdf))
    marks = list(_flatten(reader.outline))
    headings = [h for h in content.report_blocks(d) if type(h).__name__ == "Heading"]
    assert [m.title for m in marks] == [h.text for h in headings]
    pages = [reader.get_destination_page_number(m) + 1 for m in marks]
    assert pages == sorted(pages) and pages[0] == 3
    toc = reader.pages[1].extract_text().split(tr(d.lang, "contents"), 1)[1]
    assert [int(n) for n in re.findall(r"^\s*(\d+)\s*$", toc, re.M)] == pages
