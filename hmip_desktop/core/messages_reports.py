"""The refusals of the reports and data files (core/reports), of the demo (core/demo.py)
and of writing a file (core/files.py) in English and Welsh: part of
:data:`hmip_desktop.core.messages.MESSAGES`, with the same rules (``id -> (English,
Welsh)``, the same ``{name}`` placeholders)."""

from __future__ import annotations

#: id -> (English, Welsh).
REPORTS: dict[str, tuple[str, str]] = {
    # -- reports and data files (core/reports) --
    "report.suffix": ("{out}: the report is written as .pdf or .html (choose by the file's extension)",
                      "{out}: caiff yr adroddiad ei ysgrifennu fel .pdf neu .html (dewiswch yn ôl estyniad y ffeil)"),
    "data.suffix": ("{out}: give a .xlsx file or a folder for the CSV files",
                    "{out}: rhowch ffeil .xlsx neu ffolder ar gyfer y ffeiliau CSV"),
    "data.not_folder": ("{out}: is a file, not a folder", "{out}: ffeil yw hon, nid ffolder"),
    # -- writing a file (core/files.py) --
    "file.write_failed": ("{path}: cannot be written ({detail}); nothing was written",
                          "{path}: ni ellir ysgrifennu iddi ({detail}); ni ysgrifennwyd dim"),
    # -- the demo (core/demo.py) --
    "demo.no_inspection": ("the field store holds no demo inspection '{inspection}'",
                           "nid oes arolygiad demo '{inspection}' yn y storfa maes"),
    "demo.many_readers": ("the demo field store holds the reads of {count} members ({members}); a laptop is one "
                          "inspector's: make it with hmip demo FIELD_DB --central STORE --keys DIR",
                          "mae storfa maes y demo yn dal darlleniadau {count} aelod ({members}); mae gliniadur yn "
                          "perthyn i un arolygydd: gwnewch hi gyda hmip demo FIELD_DB --central STORE --keys DIR"),
    "demo.other_draw": ("the central set-up drew another sample or allocation than the demo field store's "
                        "(seed {seed}): make both with the same seed",
                        "tynnodd y gosod canolog sampl neu ddyraniad gwahanol i rai storfa maes y demo "
                        "(hedyn {seed}): gwnewch y ddwy gyda'r un hedyn"),
}
