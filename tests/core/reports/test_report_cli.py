"""The report commands: hmip report (PDF or HTML by extension), hmip report-case,
hmip central export-data; a clear one-line error and exit 1 on bad input."""

from __future__ import annotations

from openpyxl import load_workbook

from hmip_desktop.cli import main

from .conftest import pdf_text


def test_report_commands(demo_stores, tmp_path, capsys):
    _, rich = demo_stores
    assert main(["report", str(rich), "--inspection", "demo", "--out", str(tmp_path / "r.pdf"), "--lang", "cy"]) == 0
    assert "Adroddiad arolygu" in pdf_text((tmp_path / "r.pdf").read_bytes())
    assert main(["report", str(rich), "--inspection", "demo", "--out", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    import sqlite3

    case_id = sqlite3.connect(rich).execute("SELECT case_id FROM case_reads ORDER BY case_id LIMIT 1").fetchone()[0]
    assert main(["report-case", str(rich), "--inspection", "demo", "--case", case_id, "--out",
                 str(tmp_path / "c.pdf")]) == 0
    assert case_id in pdf_text((tmp_path / "c.pdf").read_bytes())
    assert main(["central", "export-data", str(rich), "--inspection", "demo", "--out", str(tmp_path / "d.xlsx")]) == 0
    assert "answers" in load_workbook(tmp_path / "d.xlsx", read_only=True).sheetnames
    assert main(["central", "export-data", str(rich), "--inspection", "demo", "--out", str(tmp_path / "csv")]) == 0
    assert len(list((tmp_path / "csv").glob("*.csv"))) == 5


def test_report_errors_are_one_line(demo_stores, tmp_path, capsys):
    bare, _ = demo_stores
    pdf, missing = str(tmp_path / "r.pdf"), str(tmp_path / "missing.sqlite")
    for argv in (["report", str(bare), "--inspection", "demo", "--out", str(tmp_path / "r.docx")],
                 ["report", str(bare), "--inspection", "nope", "--out", pdf],
                 ["report-case", str(bare), "--inspection", "demo", "--case", "NOPE", "--out", str(tmp_path / "c.pdf")],
                 ["report", missing, "--inspection", "demo", "--out", pdf]):
        capsys.readouterr()
        assert main(argv) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("hmip: error:") and "\n" not in err
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "r.docx").exists()
