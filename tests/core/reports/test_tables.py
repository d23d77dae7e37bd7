"""Data files: CSV in a folder and an XLSX workbook, read back (headers, row counts)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from hmip_desktop.core.central.answers import effective_rows
from hmip_desktop.core.central.store import CentralError
from hmip_desktop.core.reports import data, tables

HEADERS = {
    "answers": ["case_id", "reader", "status", "standard_id", "question_id", "question_kind", "value", "moderated",
                "evidence_note"],
    "moderations": ["id", "case_id", "revision_id", "question_id", "original_value", "moderated_value", "outcome",
                    "rationale", "moderator", "created_at"],
    "read_outcomes": ["id", "case_id", "revision_id", "outcome", "comments", "moderator", "created_at"],
    "standards": ["standard_id", "title", "method", "rating_from_figures", "professional_judgement",
                  "judgement_reason", "rating", "score"],
    "key_questions": ["standard_id", "key_question_id", "text", "threads", "sufficient", "applicable", "percent",
                      "ci_low", "ci_high", "band", "borderline"],
}


def _expected_rows(store, d):
    return {"answers": len(effective_rows(store, "demo")), "moderations": len(d.moderations),
            "read_outcomes": len(d.read_outcomes), "standards": len(d.ratings.standards) + 1,
            "key_questions": sum(len(s.key_questions) for s in d.ratings.standards)}


def test_csv_folder_round_trip(rich_store, tmp_path):
    d = data.gather(rich_store, "demo", rows=True)
    written = tables.write_data(d, tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(f"{n}.csv" for n in HEADERS)
    expected = _expected_rows(rich_store, d)
    for name, header in HEADERS.items():
        with open(tmp_path / "out" / f"{name}.csv", newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][: len(header)] == header
        assert len(rows) - 1 == expected[name], name
    with open(tmp_path / "out" / "answers.csv", newline="", encoding="utf-8-sig") as fh:
        answers = list(csv.DictReader(fh))
    assert {f"profile_{f.id}" for f in d.fw.case_profile} <= set(answers[0])
    assert {r["moderated"] for r in answers} == {"yes", "no"}


def test_xlsx_round_trip_one_sheet_per_table(rich_store, tmp_path):
    d = data.gather(rich_store, "demo", "cy", rows=True)
    out = tmp_path / "data.xlsx"
    tables.write_data(d, out)
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == list(HEADERS)
    expected = _expected_rows(rich_store, d)
    for name, header in HEADERS.items():
        rows = list(wb[name].iter_rows(values_only=True))
        assert list(rows[0][: len(header)]) == header
        assert len(rows) - 1 == expected[name], name
    kq = {r[1]: r for r in list(wb["key_questions"].iter_rows(values_only=True))[1:]}
    for s in d.ratings.as_json()["standards"]:
        for f in s["key_questions"]:
            assert kq[f["id"]][4:9] == (f["sufficient"], f["applicable"], f["percent"], f["ci_low"], f["ci_high"])
    titles = [r[1] for r in list(wb["standards"].iter_rows(values_only=True))[1:]]
    assert titles[0] == next(d.fw.standards(case_based=None)).label("cy")  # "1.1 Arweinyddiaeth"


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    raw = tables._xlsx_bytes({"t": (["note"], [["=HYPERLINK(\"http://x\")"], ["plain"]])})
    ws = load_workbook(io.BytesIO(raw))["t"]
    assert ws["A2"].value == "=HYPERLINK(\"http://x\")" and ws["A2"].data_type == "s"


def test_other_suffixes_are_refused(rich_store, tmp_path):
    d = data.gather(rich_store, "demo", rows=True)
    with pytest.raises(CentralError, match="xlsx file or a folder"):
        tables.write_data(d, tmp_path / "x.csv")
