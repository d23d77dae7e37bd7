"""The report is general: every framework in forms/ (the ESI shape without bands and
with a graded scale, youth justice with two threads) gives a PDF and an HTML report,
from synthetic effective answers rated by the core."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hmip_desktop.core.central import agreement
from hmip_desktop.core.central.ratings import rate
from hmip_desktop.core.frameworks import load_text
from hmip_desktop.core.frameworks.loader import read_file
from hmip_desktop.core.paths import forms_dir
from hmip_desktop.core.reports import content, data, html_report, pdf_report, tables
from hmip_desktop.core.reports.text import fmt_percent, tr

from .conftest import pdf_text


def synthetic(fw, lang: str, n: int = 60, seed: int = 7) -> data.ReportData:
    rng = random.Random(seed)
    reads, answers, rows = {}, {}, []
    for i in range(n):
        case_id, reader = f"C{i:03d}", f"r{i % 3}"
        profile = {f.id: rng.choice([o.id for o in fw.scale(f.scale).options]) for f in fw.case_profile if f.scale}
        reads[case_id] = data.Read(case_id, f"{i:064x}", reader, "complete", "2026-11-20T10:00:00+00:00", profile,
                                   {"held": True, "date": "2026-11-18", "note": ""})
        answers[case_id] = {}
        for kq in fw.key_questions():
            value = rng.choice([o.id for o in fw.options(kq.answer)])
            answers[case_id][kq.id] = value
            rows.append({"case_id": case_id, "question_id": kq.id, "value": value, "note": "", "inspector": reader,
                         "moderated": False})
    inspection = data.Inspection("synthetic", fw.id, fw.version, "2026-11-01T00:00:00+00:00", None, None, None, None)
    return data.ReportData(inspection, fw, lang, rate(fw, "synthetic", answers, {}, lang), {}, [], reads, rows, answers,
                           None, 0, [], [], agreement.consistency({}), False)


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("path", sorted(forms_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_every_framework_reports(path: Path, lang: str, tmp_path):
    fw = load_text(read_file(path), str(path))
    d = synthetic(fw, lang)
    text = pdf_text(pdf_report.report_pdf(d))
    for s in d.ratings.standards:
        assert s.title in text
        for f in s.key_questions:
            assert fmt_percent(f.percent) in text
    if not fw.rating.bands:
        assert tr(lang, "no_bands") in text and tr(lang, "not_rated") in text
    for thread in fw.threads:
        if d.ratings.threads.get(thread.id):
            assert thread.title.get(lang) in text
    root = ET.fromstring(html_report.report_html(d))
    assert root.get("lang") == lang
    assert len(tables.write_data(d, tmp_path / "csv")) == 5
    assert content.report_blocks(d)
