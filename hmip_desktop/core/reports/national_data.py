"""Open data of the national store: every inspection's ratings (current sign-offs) as
CSV, XLSX and JSON — one row per inspection and standard, and one for its overall
rating — so that analysts need not scrape published reports. Cells are made safe to
open (core/cells.py). The JSON is ``hmip national tables --json``'s ``inspections``
with the provider's attributes, and states the source and the rules."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from ..cells import append_row, csv_writer
from ..files import write_atomically
from ..national import schema
from ..national.store import NationalStore
from ..national.tables import INTERVAL, SUPPRESSION, Filter, current_imports, tables

COLUMNS = ("inspection", "provider", "provider_type", "region", "family", "caseload_size", "framework",
           "framework_version", "fieldwork_start", "fieldwork_end", "signed_off", "standard", "score", "rating")


def open_data(store: NationalStore, flt: Filter = Filter()) -> tuple[list[dict], list[tuple]]:
    """(inspections as JSON objects, rows in ``COLUMNS`` order)."""
    data = tables(store, flt)
    ins, im = schema.inspections, schema.imports
    # An inspection is (central store, inspection id): two central stores may use the same
    # id, so each of the tables' inspections is matched to its own current import by what
    # the tables give of it, never by the id alone.
    with store.engine.connect() as conn:
        attrs = {(r.inspection_id, r.provider, r.family, r.framework_id, r.signed_off_at): r
                 for r in conn.execute(select(ins, im.c.signed_off_at).join(im, im.c.id == ins.c.import_id)
                                       .where(ins.c.import_id.in_(current_imports(flt).scalar_subquery())))}
    objects, rows = [], []
    for i in data["inspections"]:
        a = attrs[(i["inspection"], i["provider"], i["family"], i["framework"], i["signed_off"])]
        obj = {"inspection": i["inspection"], "provider": i["provider"], "provider_type": a.provider_type,
               "region": a.region, "family": i["family"], "caseload_size": a.caseload_size,
               "framework": i["framework"], "framework_version": a.framework_version,
               "fieldwork_start": a.fieldwork_start, "fieldwork_end": a.fieldwork_end, "signed_off": i["signed_off"],
               "standards": i["standards"], "overall": i["overall"]}
        objects.append(obj)
        for s in [*i["standards"], {"id": "overall", **i["overall"]}]:
            rows.append(tuple(obj[c] for c in COLUMNS[:11]) + (s["id"], s["score"], s["rating"]))
    return objects, rows


def write_open_data(store: NationalStore, out: Path, flt: Filter = Filter()) -> list[Path]:
    """Write ``README.txt`` (what the files are, the rules), ``ratings.csv``, ``ratings.xlsx``
    and ``ratings.json`` into the folder ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    objects, rows = open_data(store, flt)
    text = io.StringIO()
    w = csv_writer(text, lineterminator="\r\n")
    w.writerow(COLUMNS)
    w.writerows(rows)
    wb = Workbook()
    sheet = wb.active
    sheet.title = "ratings"
    append_row(sheet, COLUMNS)
    for r in rows:
        append_row(sheet, r)
    xlsx = io.BytesIO()
    wb.save(xlsx)
    doc = {"source": "hmip national store: the latest sign-off of each inspection",
           "method": {"interval": INTERVAL, "suppression": SUPPRESSION}, "inspections": objects}
    written = []
    notes = (f"Every inspection's ratings from the hmip national store (the latest sign-off of each).\n"
             f"One row per inspection and standard, and one for the overall rating.\n"
             f"Key question figures elsewhere: {INTERVAL}; {SUPPRESSION}.\n"
             f"Ratings are published figures: no cell is suppressed in these files.\n")
    for name, data in (("README.txt", notes.encode("utf-8")),
                       ("ratings.csv", text.getvalue().encode("utf-8-sig")), ("ratings.xlsx", xlsx.getvalue()),
                       ("ratings.json", json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))):
        write_atomically(out / name, data)
        written.append(out / name)
    return written
