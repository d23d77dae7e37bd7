"""Data files of an inspection: CSV files in a folder, or one XLSX workbook (openpyxl)
with one sheet per table.

Tables (and the CSV file names, ``NAME.csv``):

* ``answers``: the effective (moderated) answer of every answered question of every
  case read, with the read's profile (``profile_<field>`` columns) and evidence note;
* ``moderations``: every moderation record (the reader's original, the moderated value,
  outcome, rationale, moderator, time);
* ``read_outcomes``: every read's QA outcome;
* ``standards``: each standard's rating from the figures, any professional judgement
  and its reason, the rating given and its score, then the overall rating;
* ``key_questions``: every key question's figure (as ``hmip central ratings --json``:
  percentages rounded to two places) with its band and whether it is borderline.

Values cross as the framework's ids (``yes``/``no``/``na``, option ids); titles are in the
chosen language. CSV files are UTF-8 with a byte-order mark (so that Excel shows Welsh
letters), comma-separated, one header row. Every cell is made safe to open
(core/cells.py): in CSV, text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a ``'`` in front; in the workbook, text is always stored as text
(an evidence note starting with "=" is never a formula) and control characters a
workbook cannot hold become spaces. Numbers are written as numbers.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from ..cells import append_row, csv_writer
from ..central.store import CentralError, CentralStore
from ..exchange.envelope import write_atomically
from .data import ReportData, gather

TABLES = ("answers", "moderations", "read_outcomes", "standards", "key_questions")


def _value(value: object) -> object:
    """A cell: text as it is, options joined with ``;``, a number as a number."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return value if isinstance(value, str) else json.dumps(value)


def build_tables(data: ReportData) -> dict[str, tuple[list[str], list[list]]]:
    """Table name → (header, rows) for the gathered ``data`` (``gather(..., rows=True)``)."""
    if data.rows is None:
        raise ValueError("the data files list every answer: gather the report data with rows=True")
    fw, lang = data.fw, data.lang
    profile_ids = [f.id for f in fw.case_profile]
    kinds, standard_of = {}, {}
    for s in fw.standards(None):
        for kq in s.key_questions:
            kinds[kq.id], standard_of[kq.id] = "key_question", s.id
            for p in kq.prompts:
                kinds[p.id], standard_of[p.id] = "prompt", s.id
    answers = []
    for r in data.rows:
        read = data.reads.get(r["case_id"])
        profile = read.profile if read else {}
        qid = r["question_id"]
        answers.append([r["case_id"], r["inspector"], read.status if read else "", standard_of.get(qid, ""), qid,
                        kinds.get(qid, ""), _value(r["value"]), "yes" if r["moderated"] else "no", r.get("note") or ""]
                       + [_value(profile.get(f)) for f in profile_ids])
    tables = {"answers": (["case_id", "reader", "status", "standard_id", "question_id", "question_kind", "value",
                           "moderated", "evidence_note"] + [f"profile_{f}" for f in profile_ids], answers)}
    tables["moderations"] = (
        ["id", "case_id", "revision_id", "question_id", "original_value", "moderated_value", "outcome", "rationale",
         "moderator", "created_at"],
        [[m["id"], m["case_id"], m["revision_id"], m["question_id"], _value(m["original_value"]),
          _value(m["moderated_value"]), m["outcome"], m["rationale"], m["moderator"], m["created_at"]]
         for m in data.moderations])
    tables["read_outcomes"] = (
        ["id", "case_id", "revision_id", "outcome", "comments", "moderator", "created_at"],
        [[o["id"], o["case_id"], o["revision_id"], o["outcome"], o["comments"], o["moderator"], o["created_at"]]
         for o in data.read_outcomes])
    ratings = data.ratings
    standards = [[s.id, s.label, s.method, s.rating or "", s.override or "", s.override_reason or "",
                  s.effective_rating or "", s.score if s.percent is None else round(s.percent, 2)]
                 for s in ratings.standards]
    standards.append(["overall", fw.title.get(lang), fw.rating.overall.method, ratings.overall_rating or "", "", "",
                      ratings.overall_rating or "", ratings.overall_score])
    tables["standards"] = (["standard_id", "title", "method", "rating_from_figures", "professional_judgement",
                            "judgement_reason", "rating", "score"], standards)
    texts = {kq.id: kq for kq in fw.key_questions(case_based=None)}
    kq_rows = []
    for s in ratings.standards:
        for f in s.key_questions:
            j = f.as_json()
            kq_rows.append([s.id, f.id, texts[f.id].text.get(lang), ";".join(texts[f.id].threads), j["sufficient"],
                            j["applicable"], j["percent"], j["ci_low"], j["ci_high"], f.band or "",
                            "yes" if f.borderline else "no"])
    tables["key_questions"] = (["standard_id", "key_question_id", "text", "threads", "sufficient", "applicable",
                                "percent", "ci_low", "ci_high", "band", "borderline"], kq_rows)
    return tables


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv_writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buf.getvalue().encode("utf-8-sig")


def _xlsx_bytes(tables: dict[str, tuple[list[str], list[list]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for name, (header, rows) in tables.items():
        ws = wb.create_sheet(name)
        append_row(ws, header)
        for cell in ws[1]:
            cell.font = bold
        widths = [len(h) for h in header]
        for row in rows:
            append_row(ws, row)
            for i, v in enumerate(row):
                widths[i] = max(widths[i], min(60, len(str(v)) if v is not None else 0))
        ws.freeze_panes = "A2"
        if rows:
            ws.auto_filter.ref = ws.dimensions
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = max(8, w + 2)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_data(data: ReportData, out: Path) -> list[Path]:
    """Write the tables to ``out``: an ``.xlsx`` workbook, or a folder of CSV files
    (created if needed). Returns the files written."""
    out = Path(out)
    tables = build_tables(data)
    if out.suffix.lower() == ".xlsx":
        write_atomically(out, _xlsx_bytes(tables))
        return [out]
    if out.suffix and not out.is_dir():
        raise CentralError.of("data.suffix", out=out)
    if out.exists() and not out.is_dir():
        raise CentralError.of("data.not_folder", out=out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in tables.items():
        path = out / f"{name}.csv"
        write_atomically(path, _csv_bytes(header, rows))
        written.append(path)
    return written


def export_data(store: CentralStore, inspection_id: str, out: Path, lang: str = "en") -> list[Path]:
    """Gather an inspection's data and write its data files (see :func:`write_data`)."""
    return write_data(gather(store, inspection_id, lang, rows=True), out)
