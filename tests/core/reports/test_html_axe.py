"""The HTML reports in a real browser: axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA)
in Debian's headless Chromium, on the English and Welsh inspection and national reports
at 1280 and 320 CSS px (320 px is 1280 px at 400% zoom: reflow, WCAG 1.4.10).

Needs what ``scripts/test`` installs: Debian's ``chromium`` and, from package.json,
``axe-core`` and ``playwright-core`` (``npm ci``). Missing tools fail the test with the
command that installs them; they are never skipped, so CI cannot pass without running
the check. The driver is tests/browser/axe_check.mjs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hmip_desktop.core.national.store import NationalStore
from hmip_desktop.core.reports import data, html_report

ROOT = Path(__file__).resolve().parents[3]
DRIVER = ROOT / "tests" / "browser" / "axe_check.mjs"
WIDTHS = (1280, 320)
#: The smallest chart text, as rendered (drawing font size × the SVG's scale), in CSS px.
MIN_CHART_TEXT = 12


def _tools() -> tuple[str, str]:
    node = shutil.which("node")
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    missing = []
    if node is None:
        missing.append("Node.js (node, with npm)")
    if not Path(chromium).is_file():
        missing.append(f"Chromium at {chromium} (apt-get install chromium)")
    for package in ("axe-core", "playwright-core"):
        if not (ROOT / "node_modules" / package / "package.json").is_file():
            missing.append(f"{package} (npm ci in {ROOT})")
    assert not missing, "the accessibility check needs: " + "; ".join(missing) + " (scripts/test installs them)"
    return node, chromium


def _axe(files: list[Path], widths) -> dict:
    node, chromium = _tools()
    run = subprocess.run([node, str(DRIVER), ",".join(map(str, widths)), *map(str, files)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, env={**os.environ, "CHROMIUM": chromium})
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def axe_results(rich_store, tmp_path_factory):
    """The inspection report (the demo) and the national report (synthetic results with
    sub-group differences and a follow-up), English and Welsh, at both widths: one
    browser start. Pages by (report, lang, width), report "report" or "national"."""
    from hmip_desktop.core.reports.national_report import write_national_report

    from ..national.helpers import synthetic_national

    folder = tmp_path_factory.mktemp("axe")
    national = NationalStore.open(synthetic_national(tmp_path_factory.mktemp("national"))[0])
    files = []
    try:
        for lang in ("en", "cy"):
            path = folder / f"report-{lang}.html"
            path.write_text(html_report.report_html(data.gather(rich_store, "demo", lang)), encoding="utf-8")
            files.append(path)
            files.append(write_national_report(national, folder / f"national-{lang}.html", lang))
    finally:
        national.close()
    result = _axe(files, WIDTHS)
    pages = {(*Path(p["file"]).stem.split("-"), p["width"]): p for p in result["pages"]}
    assert set(pages) == {(r, lang, w) for r in ("report", "national") for lang in ("en", "cy") for w in WIDTHS}
    return result, pages


@pytest.mark.slow
def test_axe_finds_no_wcag_22_aa_violation(axe_results):
    result, pages = axe_results
    assert result["axe"].startswith("4."), result["axe"]
    assert len(pages) == 8  # inspection and national report, en and cy, 1280 and 320 px
    found = {key: [(v["id"], v["count"], v["nodes"]) for v in page["violations"]] for key, page in pages.items()}
    assert all(v == [] for v in found.values()), found


@pytest.mark.slow
def test_the_page_reflows_at_320_px_and_wide_tables_scroll_in_their_own_region(axe_results):
    _, pages = axe_results
    for (report, lang, width), page in pages.items():
        assert page["clientWidth"] == width, (report, lang, width, page["clientWidth"])
        assert page["scrollWidth"] <= width, (report, lang, width, page["scrollWidth"], page["wider"])
        assert page["wider"] == [], (report, lang, width)
        least = 15 if report == "report" else 6  # national: methods table-free; families, key questions, ...
        assert page["regions"] >= least and page["tables"] > page["regions"], (report, lang, page["regions"])
        if width == 320:  # the wide tables do scroll, inside their regions (named and focusable: axe)
            assert page["regionsScrolling"] >= (10 if report == "report" else 5), (report, lang,
                                                                                  page["regionsScrolling"])


@pytest.mark.slow
def test_chart_text_stays_legible_and_contents_links_are_24_px(axe_results):
    _, pages = axe_results
    for (report, lang, width), page in pages.items():
        assert page["chartTexts"] > 50, (report, lang, width)  # labels, ticks, legends of the visible charts
        assert page["chartTextMin"] >= MIN_CHART_TEXT, (report, lang, width, page["chartTextMin"])
        assert page["linkMinHeight"] >= 24 and page["linkMinWidth"] >= 24, (report, lang, width,
                                                                             page["linkMinHeight"])


@pytest.mark.slow
def test_the_national_report_has_its_charts_each_with_one_alternative(axe_results):
    _, pages = axe_results
    for lang in ("en", "cy"):
        page = pages[("national", lang, 320)]
        # key questions, three sub-group differences, reconviction: each an SVG hidden from
        # assistive technology, the visible paragraph its one alternative
        assert page["figures"] == 5 and page["figureAlts"] == 5, (lang, page["figures"], page["figureAlts"])
        assert page["svgNotHidden"] == 0, lang


@pytest.mark.slow
def test_other_frameworks_reports_and_the_case_record_pass_at_320_px(rich_store, tmp_path):
    """The youth justice (two threads) and ESI (no bands, a graded scale) shapes and a
    case read's record in Welsh, at the hard width only (each width costs a page load
    and an axe run)."""
    from hmip_desktop.core.frameworks import load_text
    from hmip_desktop.core.frameworks.loader import read_file
    from hmip_desktop.core.paths import forms_dir

    from .test_other_frameworks import synthetic

    files = []
    for stem, lang in (("youth_justice", "en"), ("esi_2003", "cy")):
        path = forms_dir() / f"{stem}.yaml"
        out = tmp_path / f"{stem}-{lang}.html"
        out.write_text(html_report.report_html(synthetic(load_text(read_file(path), str(path)), lang)), encoding="utf-8")
        files.append(out)
    d = data.gather(rich_store, "demo", "cy")
    case = tmp_path / "case-cy.html"
    case.write_text(html_report.case_html(data.gather_case(rich_store, "demo", next(iter(d.reads))), "cy"),
                    encoding="utf-8")
    files.append(case)
    pages = _axe(files, (320,))["pages"]
    assert len(pages) == 3
    for page in pages:
        assert page["violations"] == [], (page["file"], page["violations"])
        assert page["scrollWidth"] <= 320 and page["wider"] == [], (page["file"], page["scrollWidth"], page["wider"])
        assert page["chartTextMin"] is None or page["chartTextMin"] >= MIN_CHART_TEXT, page["file"]
