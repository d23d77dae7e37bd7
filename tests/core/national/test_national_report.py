"""The national report (PDF and HTML, English and Welsh) and the open data files, over
synthetic results: what they print is checked against figures recomputed from the
bundles' content, and the data files are safe to open."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook
from pypdf import PdfReader

from hmip_desktop.cli import main
from hmip_desktop.core.exchange.keys import SigningKey, public_line
from hmip_desktop.core.national import synthetic
from hmip_desktop.core.national.store import NationalStore

INSPECTIONS = 8


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    lead = SigningKey(Ed25519PrivateKey.generate(), "Lead")
    nat = NationalStore.init(tmp / "n.sqlite")
    nat.trust(public_line(lead.public, "Lead"), "Lead")
    contents, files = [], []
    for i in range(INSPECTIONS):
        c = synthetic.results(i, 40, 9, seed=3, standards=3)
        if i == 0:
            c["provider"]["name"] = "=HYPERLINK(\"http://x\")"  # must stay text in the data files
        contents.append(c)
        (tmp / f"{i}.results").write_bytes(synthetic.seal(c, lead, nat.recipient))
        files.append(str(tmp / f"{i}.results"))
    nat.close()
    assert main(["national", "import", str(tmp / "n.sqlite"), *files]) == 0
    return tmp, contents


def _pooled(contents, q):
    vals = [case["judgements"][q] for c in contents for case in c["cases"]]
    s, a = vals.count("yes"), vals.count("yes") + vals.count("no")
    return f"{round(100 * s / a, 1):.1f}%"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_pdf_report(national, lang, tmp_path):
    tmp, contents = national
    out = tmp_path / f"national-{lang}.pdf"
    assert main(["national", "report", str(tmp / "n.sqlite"), "--out", str(out), "--lang", lang]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    heading = "Key questions: national figures" if lang == "en" else "Cwestiynau allweddol: ffigurau cenedlaethol"
    assert heading in text
    assert ("Wilson" in text) and ("Benjamini-Hochberg" in text)
    for q in ("s1_q1", "s2_q2", "s3_q3"):
        assert q in text and _pooled(contents, q) in text
    assert ("Rural" in text) and ("Metropolitan" in text)
    not_causal = "association, not a cause" if lang == "en" else "Cysylltiad ydynt, nid achos"
    assert not_causal not in text  # no follow-up imported: the report says so instead
    assert ("No reconviction follow-up" if lang == "en" else "Nid oes dilyniant ailgollfarnu") in text


def test_html_report_is_accessible_xhtml(national, tmp_path):
    tmp, contents = national
    out = tmp_path / "national.html"
    assert main(["national", "report", str(tmp / "n.sqlite"), "--out", str(out), "--lang", "cy"]) == 0
    root = ET.fromstring(out.read_text(encoding="utf-8"))  # well-formed
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    assert root.get("lang") == "cy"
    assert root.findall(".//h:table/h:caption", ns) and root.findall(".//h:th[@scope='col']", ns)
    figures = root.findall(".//h:figure", ns)
    assert figures and all(f.find("h:figcaption", ns) is not None for f in figures)
    html = out.read_text(encoding="utf-8")
    assert _pooled(contents, "s1_q1") in html and "Wilson" in html
    assert main(["national", "report", str(tmp / "n.sqlite"), "--out", str(tmp_path / "x.docx")]) == 1


def test_open_data(national, tmp_path, capsys):
    tmp, contents = national
    assert main(["national", "open-data", str(tmp / "n.sqlite"), "--out", str(tmp_path / "od")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "od" / "ratings.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == INSPECTIONS * 4  # three standards and the overall
    for c in contents:
        mine = {r["standard"]: r for r in rows if r["inspection"] == c["inspection"]}
        for s in c["ratings"]["standards"]:
            assert (mine[s["id"]]["rating"], mine[s["id"]]["score"]) == (s["rating"], str(s["score"]))
        assert mine["overall"]["rating"] == c["ratings"]["overall"]["rating"]
        assert mine["overall"]["family"] == c["provider"]["family"]
        assert mine["overall"]["caseload_size"] == str(c["provider"]["caseload_size"])
    bad = next(r for r in rows if r["inspection"] == "syn0000")
    assert bad["provider"].startswith("'=")  # neutralised in CSV
    sheet = load_workbook(tmp_path / "od" / "ratings.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 1 + len(rows)
    cell = next(row for row in sheet.iter_rows() if row[0].value == "syn0000")[1]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # text, not a formula
    assert "suppressed" in (tmp_path / "od" / "README.txt").read_text(encoding="utf-8")
    doc = json.loads((tmp_path / "od" / "ratings.json").read_text(encoding="utf-8"))
    assert len(doc["inspections"]) == INSPECTIONS and "Wilson" in doc["method"]["interval"]


@pytest.fixture(scope="module")
def followed_up(tmp_path_factory):
    from .helpers import synthetic_national

    return synthetic_national(tmp_path_factory.mktemp("followed"))


def _charts(path, lang):
    from hmip_desktop.core.reports import blocks, national_report

    store = NationalStore.open(path)
    try:
        return [x for x in national_report.report_blocks(national_report.gather(store, lang=lang))
                if isinstance(x, blocks.Chart)]
    finally:
        store.close()


def test_every_chart_has_one_alternative_with_figures_intervals_and_bands(followed_up):
    path, contents = followed_up
    en = _charts(path, "en")
    assert [c.caption.split(":")[0] for c in en] == [
        "Adult probation", "Key question s1_q3 by ethnicity", "Key question s2_q3 by ethnicity",
        "Key question s3_q3 by ethnicity", "Adult probation"]
    kq, *groups, reconviction = en
    assert kq.alt.startswith("Bar chart of the pooled key-question figures of Adult probation: case supervision. "
                             "Bands: Outstanding: 80% or more; Good: 65% to under 80%;")
    # the pooled figure recomputed from the bundles, its band by the shipped framework's thresholds
    for q in ("s1_q1", "s2_q2", "s3_q3"):
        pooled = _pooled(contents, q)
        value = float(pooled[:-1])
        band = "Outstanding" if value >= 80 else "Good" if value >= 65 else "Requires improvement" if value >= 50 \
            else "Inadequate"
        item = next(i for i in kq.alt.split("; ") if f"{q} Key question" in i)
        assert f"– {pooled} (95% interval " in item and band in item, item
    assert "(borderline)" in kq.alt  # 65.x% with an interval across 65
    for chart in groups:
        assert "Black, Black British, Black Welsh, Caribbean or African (differs from the rest" in chart.alt
        assert "adjusted p " in chart.alt and "Inadequate" in chart.alt and "0.0000" not in chart.alt
    assert "No bands apply to these rates" in reconviction.alt
    assert "s1_q1 judged sufficient (" in reconviction.alt and "reconvicted (95% interval" in reconviction.alt
    for chart in en:  # the narrow drawing is the same chart, stacked
        assert chart.narrow is not None and chart.narrow().width < chart.drawing.width


def test_welsh_charts_are_mutated_by_rule_and_speak_welsh(followed_up):
    cy = _charts(followed_up[0], "cy")
    assert cy[1].alt.startswith("Siart bar o gwestiwn allweddol s1_q3 yn ôl ethnigrwydd. Bandiau: Rhagorol")
    assert not any(c.alt.startswith("Siart bar o cwestiwn") for c in cy)
    assert "Du, Du Prydeinig" in cy[1].alt and "black" not in cy[1].alt and "(ar y ffin)" in cy[0].alt
    assert "Nid oes bandiau'n berthnasol" in cy[-1].alt and "wedi'i farnu'n annigonol" in cy[-1].alt


def test_an_unknown_framework_is_drawn_without_bands_and_says_so(national):
    tmp, _ = national
    (chart,) = _charts(tmp / "n.sqlite", "en")  # synthetic framework, no follow-up, no clear difference
    assert "Not banded: this framework's bands are not held by this application." in chart.alt
    assert "(95% interval" in chart.alt and "Good" not in chart.alt


def test_pdf_carries_each_chart_and_its_alternative(followed_up, tmp_path):
    out = tmp_path / "n.pdf"
    assert main(["national", "report", str(followed_up[0]), "--out", str(out)]) == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert text.count("Bar chart of") == 5
    assert "Bar chart of key question s1_q3 by ethnicity" in text and "No bands apply to these rates" in text
    assert "association, not a cause" in text


def test_sub_group_charts_are_capped_and_the_report_says_so(followed_up, monkeypatch):
    from hmip_desktop.core.reports import blocks, national_charts, national_report

    monkeypatch.setattr(national_charts, "MAX_SUBGROUP_CHARTS", 1)
    store = NationalStore.open(followed_up[0])
    try:
        items = national_report.report_blocks(national_report.gather(store, lang="en"))
    finally:
        store.close()
    charts = [x.caption for x in items if isinstance(x, blocks.Chart)]
    assert sum(c.startswith("Key question ") for c in charts) == 1
    note = next(x.text for x in items if isinstance(x, blocks.Para) and x.text.startswith("Charts are drawn"))
    assert note.startswith("Charts are drawn for the 1 differences") and "the table lists all " in note
    assert int(note.split("all ")[1].rstrip(".")) >= 3
