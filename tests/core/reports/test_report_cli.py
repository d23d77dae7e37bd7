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
    assert f"{tmp_path / 'r.html'}: its accessible version (HTML)" in capsys.readouterr().out
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


def test_a_pdf_report_is_written_with_the_html_its_cover_names(demo_stores, tmp_path, capsys):
    """``--out X.pdf`` writes X.html too: the same report in the same language, the file
    the PDF's cover names (no partial file of either is left)."""
    from hmip_desktop.core.reports.text import tr

    _, rich = demo_stores
    out = tmp_path / "pub" / "northmoor-cy.pdf"
    out.parent.mkdir()
    assert main(["report", str(rich), "--inspection", "demo", "--out", str(out), "--lang", "cy"]) == 0
    assert main(["report", str(rich), "--inspection", "demo", "--out", str(tmp_path / "alone.html"), "--lang", "cy"]) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["northmoor-cy.html", "northmoor-cy.pdf"]
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert html == (tmp_path / "alone.html").read_text(encoding="utf-8") and ' lang="cy" xml:lang="cy">' in html
    cover = " ".join(pdf_text(out.read_bytes()).split())
    where = tr("cy", "accessible_file", file="northmoor-cy.html")
    assert " ".join(tr("cy", "accessible_version", where=where).split()) in cover


def test_a_report_refusal_reads_in_welsh(demo_stores, tmp_path, capsys):
    bare, _ = demo_stores
    out = tmp_path / "x.txt"
    assert main(["--lang", "cy", "report", str(bare), "--inspection", "demo", "--out", str(out)]) == 1
    assert capsys.readouterr().err.strip() == (f"hmip: error: {out}: caiff yr adroddiad ei ysgrifennu fel .pdf neu "
                                               ".html (dewiswch yn ôl estyniad y ffeil)")
    assert main(["--lang", "cy", "central", "export-data", str(bare), "--inspection", "demo", "--out",
                 str(tmp_path / "d.docx")]) == 1
    assert capsys.readouterr().err.strip() == (f"hmip: error: {tmp_path / 'd.docx'}: rhowch ffeil .xlsx neu ffolder "
                                               "ar gyfer y ffeiliau CSV")
    assert not out.exists()
    (tmp_path / "a-file").write_text("x")
    blocked = tmp_path / "a-file" / "r.pdf"  # its folder is a file: it cannot be written
    assert main(["--lang", "cy", "report", str(bare), "--inspection", "demo", "--out", str(blocked)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"hmip: error: {blocked.with_suffix('.html')}: ni ellir ysgrifennu iddi (")
    assert err.endswith("); ni ysgrifennwyd dim") and "internal error" not in err
