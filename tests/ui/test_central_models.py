"""The central mode's table models: thin adapters over plain rows, checked with
qtmodeltester, and the pure row builders behind them (no store, no window)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from hmip_desktop.core.central.ratings import rate
from hmip_desktop.core.frameworks import load_file
from hmip_desktop.core.paths import forms_dir
from hmip_desktop.ui.models.central_reads import (
    FILTERS,
    ROW_ROLE,
    CentralReadsFilter,
    CentralReadsModel,
    matches,
)
from hmip_desktop.ui.models.central_tables import RowsModel, figure_columns, figure_rows, reader_columns


def _read(case_id, reader="insp1", status="complete", qa=None, moderated=0, outcome=None, rereview=False, conflicts=0):
    return {"case_id": case_id, "reader_id": reader, "reader_name": reader, "status": status,
            "updated_at": "2026-01-02T10:00:00+00:00", "qa": qa, "moderated": moderated, "outcome": outcome,
            "needs_rereview": rereview, "conflicts": conflicts}


READS = [
    _read("C1"),
    _read("C2", "insp2", "in_progress", qa="sampled"),
    _read("C3", "la1", "complete", qa="added", moderated=3, outcome="changed"),
    _read("C4", "la1", "not_started", qa="sampled", moderated=1, rereview=True),
    _read("C5", "insp2", "complete", conflicts=1),
]


@pytest.fixture(scope="module")
def fw():
    return load_file(forms_dir() / "adult_probation.yaml")


def test_case_reads_model_and_filter_pass_the_model_tester(qtmodeltester, qapp):
    model = CentralReadsModel()
    model.set_rows(READS)
    qtmodeltester.check(model)
    proxy = CentralReadsFilter()
    proxy.setSourceModel(model)
    proxy.set_filter("qa")
    qtmodeltester.check(proxy)
    empty = CentralReadsModel()
    qtmodeltester.check(empty)


def test_case_reads_model_shows_each_flag(qapp):
    model = CentralReadsModel()
    model.set_rows(READS)
    texts = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())}
    assert texts["C1"] == ["C1", "insp1", "Complete", "", "", "", ""]
    assert texts["C3"][3:5] == ["Added by lead", "Changed"]
    assert texts["C4"][4:6] == ["1 judgement(s)", "Needs re-review"]
    assert texts["C5"][6] == "In conflict"
    assert model.index(2, 0).data(ROW_ROLE)["case_id"] == "C3"
    assert "C4" in model.index(3, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "Case", "Reader", "Status", "QA", "Moderation", "Re-review", "Conflict"]


@pytest.mark.parametrize("what, expected", [
    ("all", ["C1", "C2", "C3", "C4", "C5"]),
    ("to_moderate", ["C2", "C4"]),
    ("qa", ["C2", "C3", "C4"]),
    ("rereview", ["C4"]),
    ("conflict", ["C5"]),
    ("complete", ["C1", "C3", "C5"]),
    ("incomplete", ["C2", "C4"]),
])
def test_filter_choices(qapp, what, expected):
    assert what in FILTERS
    model = CentralReadsModel()
    model.set_rows(READS)
    proxy = CentralReadsFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(what)
    shown = sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))
    assert shown == expected == sorted(r["case_id"] for r in READS if matches(r, what))


def test_search_matches_case_or_reader(qapp):
    model = CentralReadsModel()
    model.set_rows(READS)
    proxy = CentralReadsFilter()
    proxy.setSourceModel(model)
    proxy.set_search("LA1")
    assert sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount())) == ["C3", "C4"]
    proxy.set_search("c5")
    assert proxy.rowCount() == 1
    with pytest.raises(ValueError):
        proxy.set_filter("nonsense")


def test_readers_table_passes_the_model_tester(qtmodeltester, qapp):
    model = RowsModel(reader_columns())
    model.set_rows([
        {"reader_id": "insp1", "reader_name": "insp1", "reads": 16, "complete": 6, "qa": 4, "moderated": 5,
         "unchanged": 4, "unchanged_share": 0.8, "kappa": 0.5, "kappa_low": 0.1, "kappa_high": 0.9, "flagged": True,
         "reasons": ["kappa's lower bound 0.10 is below 0.40"]},
        {"reader_id": "la1", "reader_name": "la1", "reads": 3, "complete": 0, "qa": 0, "moderated": 0, "unchanged": 0,
         "unchanged_share": None, "kappa": None, "kappa_low": None, "kappa_high": None, "flagged": False, "reasons": []},
    ])
    qtmodeltester.check(model)
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == ["insp1", "16", "6", "4", "5", "80%", "0.50 (0.10–0.90)", "Yes"]
    assert "kappa" in model.index(0, 7).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 6).data() == "–"


def test_figure_rows_carry_the_cli_figures(qtmodeltester, qapp, fw):
    cases = {f"C{i}": {kq.id: ("yes" if (i + n) % 3 else "no") for n, kq in enumerate(fw.key_questions())}
             for i in range(30)}
    cases["C0"] = {}
    ratings = rate(fw, "x", cases)
    index = next(i for i, s in enumerate(ratings.standards) if s.kind == "case")
    standard = ratings.standards[index]
    rows = figure_rows(fw, standard.key_questions, "cy")
    assert [r["json"] for r in rows] == ratings.as_json()["standards"][index]["key_questions"]
    assert rows[0]["text"] == fw.question(rows[0]["id"]).text.cy
    model = RowsModel(figure_columns())
    model.set_rows(rows)
    qtmodeltester.check(model)
    first = ratings.as_json()["standards"][index]["key_questions"][0]
    assert model.index(0, 1).data() == f"{first['sufficient']} / {first['applicable']}"
    assert model.index(0, 2).data() == f"{first['percent']:.2f}%"
    assert model.index(0, 3).data() == f"{first['ci_low']:.2f}–{first['ci_high']:.2f}"
