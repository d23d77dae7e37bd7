"""Caseload import: every bad row by line number (CSV and XLSX), labels normalised to
ids, name columns never imported, absurd files refused."""

import pytest

from hmip_desktop.core.frameworks import load_file
from hmip_desktop.core.paths import forms_dir
from hmip_desktop.core.setup import caseload as cl
from hmip_desktop.core.setup.caseload import CaseloadRefused, looks_like_a_name, looks_like_name_header, read_caseload


@pytest.fixture(scope="module")
def fw():
    return load_file(forms_dir() / "adult_probation.yaml")


def write(tmp_path, text, name="caseload.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


GOOD = (
    "case_id,gender,disposal_type,risk_level,age_band\n"
    "A1,male,licence,high,\n"
    "A2,Female,Community order,Very High,\n"
    "A3,Benyw,Trwydded (ar ôl rhyddhau o'r ddalfa),uchel iawn,\n"
)


def test_good_rows_are_normalised_to_option_ids(tmp_path, fw):
    result = read_caseload(write(tmp_path, GOOD), fw)
    assert result.ok and result.warnings == []
    assert [r.values for r in result.rows] == [
        {"case_id": "A1", "gender": "male", "disposal_type": "licence", "risk_level": "high"},
        {"case_id": "A2", "gender": "female", "disposal_type": "community_order", "risk_level": "very_high"},
        {"case_id": "A3", "gender": "female", "disposal_type": "licence", "risk_level": "very_high"},
    ]
    assert [r.line for r in result.rows] == [2, 3, 4]
    assert result.columns == ["case_id", "gender", "disposal_type", "risk_level", "age_band"]
    assert result.rows[1].source == ("A2", "Female", "Community order", "Very High", "")


BAD = (
    "case_id,gender,disposal_type,risk_level\n"
    "A1,male,licence,high\n"          # 2 good
    "A2,,licence,high\n"              # 3 missing gender
    "A3,male,parole,high\n"           # 4 unknown disposal
    "A1,male,licence,low\n"           # 5 duplicate of line 2
    "\n"                              # 6 blank: skipped
    "A5,male,licence,hgh,extra\n"     # 7 too many values
    "A6,male,licence,hgh\n"           # 8 unknown risk level
    ",female,licence,low\n"           # 9 missing case reference
    '"A\n8",female,licence,low\n'     # 10-11 a quoted newline: control character
    "A9,female,licence,low\n"         # 12 good
)


def test_every_bad_csv_row_is_reported_with_its_line(tmp_path, fw):
    result = read_caseload(write(tmp_path, BAD), fw)
    assert not result.ok
    lines = [(p.line, p.message.split(":")[0]) for p in result.errors]
    assert lines == [
        (3, "gender"), (4, "disposal_type"), (5, "case_id"), (7, "5 values but the header has 4 columns"),
        (8, "risk_level"), (9, "case_id"), (10, "case_id"),
    ]
    by_line = {p.line: str(p) for p in result.errors}
    assert "already on line 2" in by_line[5]
    assert "'hgh' is not a valid risk of serious harm level" in by_line[8]
    assert "missing" in by_line[3] and "missing" in by_line[9]
    assert [r.values["case_id"] for r in result.rows] == ["A1", "A9"]
    assert [r.line for r in result.rows] == [2, 12]


def test_xlsx_rows_are_validated_with_spreadsheet_row_numbers(tmp_path, fw):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["CRN", "Gender", "Disposal type", "Risk", "Notes"])
    ws.append(["X1", "Male", "licence", "low", "fine"])
    ws.append(["X2", "male", "licence", "extreme", None])
    ws.append([None, None, None, None, None])
    ws.append([12345, "female", "Suspended sentence order", "Medium", None])
    ws.append(["X1", "male", "licence", "low", None])
    path = tmp_path / "caseload.xlsx"
    wb.save(path)
    result = read_caseload(path, fw, mapping={"risk_level": "Risk"})
    assert [(p.line, p.message.split(":")[0]) for p in result.errors] == [(3, "risk_level"), (6, "case_id")]
    assert [r.values for r in result.rows] == [
        {"case_id": "X1", "gender": "male", "disposal_type": "licence", "risk_level": "low"},
        {"case_id": "12345", "gender": "female", "disposal_type": "suspended_sentence_order", "risk_level": "medium"},
    ]
    assert result.field_columns["case_id"] == "CRN" and result.field_columns["risk_level"] == "Risk"


def test_an_xlsx_with_a_csv_name_is_recognised_by_its_content(tmp_path, fw):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["case_id", "gender", "disposal_type", "risk_level"])
    wb.active.append(["Z1", "other", "licence", "medium"])
    path = tmp_path / "looks-like.csv"
    wb.save(path)
    assert read_caseload(path, fw).rows[0].values["gender"] == "other"


def test_name_columns_are_never_imported(tmp_path, fw):
    text = (
        "case_id,Full name,gender,disposal_type,risk_level,holder,team name\n"
        "A1,Jane Smith,female,licence,high,Mary Jones,North\n"
        "A2,John Brown,male,licence,low,David Evans,North\n"
        "A3,Ann Lee,female,licence,low,Rhys ap Iorwerth,South\n"
    )
    result = read_caseload(write(tmp_path, text), fw)
    assert result.ok
    assert result.dropped_columns == ["Full name", "holder"]
    assert result.columns == ["case_id", "gender", "disposal_type", "risk_level", "team name"]
    assert all("Smith" not in cell and "Jones" not in cell for r in result.rows for cell in r.source)
    assert len(result.warnings) == 2 and all("looks like it holds names" in str(w) for w in result.warnings)


@pytest.mark.parametrize("header", ["name", "Forename", "SURNAME", "first name", "Last_Name", "FullName", "Cyfenw", "client name"])
def test_name_headers(header):
    assert looks_like_name_header(header)


@pytest.mark.parametrize("header", ["case_id", "gender", "team name", "office", "risk_level", "disposal_type", "PDU name"])
def test_not_name_headers(header):
    assert not looks_like_name_header(header)


def test_name_values():
    assert looks_like_a_name("Jane Smith") and looks_like_a_name("SMITH, Jane") and looks_like_a_name("Siân O'Neill-Jones")
    assert not looks_like_a_name("licence") and not looks_like_a_name("NM23-00123") and not looks_like_a_name("Community order")


def test_case_reference_column_of_names_is_refused(tmp_path, fw):
    text = "case_id,gender,disposal_type,risk_level\nJane Smith,female,licence,high\nJohn Brown,male,licence,low\n"
    with pytest.raises(CaseloadRefused, match="names"):
        read_caseload(write(tmp_path, text), fw)


def test_missing_required_column_is_refused_naming_the_header_line(tmp_path, fw):
    with pytest.raises(CaseloadRefused, match=r"line 1: no column for risk_level") as err:
        read_caseload(write(tmp_path, "case_id,gender,disposal_type\nA1,male,licence\n"), fw)
    assert err.value.line == 1
    # A file without a header: its first row does not name the case reference.
    with pytest.raises(CaseloadRefused, match="no column for case_id"):
        read_caseload(write(tmp_path, "A1,male,licence,high\nA2,male,licence,low\n"), fw)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"case_id,gender,disposal_type,risk_level\n", "no cases"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(128, 256)) * 4, "binary"),
        (b"PK\x03\x04garbage that is not a zip", "not a readable XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel"),
        (b"case_id,case_id\nA,B\n", "appears twice"),
    ],
)
def test_absurd_files_are_refused(tmp_path, fw, content, match):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CaseloadRefused, match=match):
        read_caseload(path, fw)


def test_too_many_rows_are_refused(tmp_path, fw):
    rows = "".join(f"A{i},male,licence,low\n" for i in range(11))
    path = write(tmp_path, "case_id,gender,disposal_type,risk_level\n" + rows)
    with pytest.raises(CaseloadRefused, match=r"line 12: more than 10 rows"):
        read_caseload(path, fw, max_rows=10)
    assert cl.MAX_ROWS == 1_000_000


def test_windows_1252_and_semicolons_are_read(tmp_path, fw):
    text = "case_id;gender;disposal_type;risk_level;note\nA1;male;licence;low;café\n"
    result = read_caseload(write(tmp_path, text, encoding="cp1252"), fw)
    assert result.ok and result.rows[0].source[-1] == "café"
    assert any("Windows-1252" in str(w) for w in result.warnings)


def test_mapping_errors_are_refused(tmp_path, fw):
    path = write(tmp_path, GOOD)
    with pytest.raises(CaseloadRefused, match="no column 'Risk'"):
        read_caseload(path, fw, mapping={"risk_level": "Risk"})
    with pytest.raises(CaseloadRefused, match="unknown field"):
        read_caseload(path, fw, mapping={"shoe_size": "gender"})
