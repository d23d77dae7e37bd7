"""The central read model (core.central.queries) on both backends: the dashboard, a case
read's detail and the report agree with each other and with the effective answers, and
the ratings read once (answers.rated) are exactly rate_inspection's."""

from __future__ import annotations

from hmip_desktop.core.central import moderation, queries
from hmip_desktop.core.central.answers import answers_by_case, effective_rows, rate_inspection, rated
from hmip_desktop.core.reports import data
from tests.core.central.test_moderation import world  # noqa: F401 - the fixture (demo on each backend)


def test_dashboard_detail_and_report_agree(world):  # noqa: F811
    _, store, fw = world
    kq = next(iter(fw.key_questions()))
    case = next(r["case_id"] for r in effective_rows(store, "demo") if r["question_id"] == kq.id and r["value"] == "yes")
    moderation.moderate(store, "demo", case, kq.id, "no", "Not evidenced", "lead1", fw)
    moderation.finish_read(store, "demo", case, "returned", "Please add the evidence", "lead1")

    board = queries.dashboard(store, "demo")
    row = next(r for r in board["reads"] if r["case_id"] == case)
    assert row["moderated"] == 1 and row["outcome"] == "returned"
    assert board["counts"]["reads"] == len(board["reads"]) == queries.inspections(store)[0]["reads"]
    detail = queries.read_detail(store, "demo", case)
    assert detail["moderations"][kq.id]["value"] == "no" and detail["moderations"][kq.id]["original"] == "yes"
    assert detail["outcome"]["comments"] == "Please add the evidence"
    report = data.gather(store, "demo")
    assert report.reads[case].revision_id == detail["revision_id"]
    assert report.answers[case][kq.id] == "no" and report.rows is None
    names = {m["id"]: m["name"] for m in report.team}
    assert row["reader_name"] == names.get(row["reader_id"], row["reader_id"])
    assert {c.reader: c.moderated for c in report.consistency} == \
        {r["reader_id"]: r["moderated"] for r in board["readers"] if r["moderated"]} == {row["reader_id"]: 1}


def test_ratings_read_once_are_rate_inspections(world):  # noqa: F811
    _, store, _ = world
    lean, full = rated(store, ["demo"])["demo"], rated(store, ["demo"], rows=True)["demo"]
    assert lean.ratings == full.ratings == rate_inspection(store, "demo")
    assert full.rows == effective_rows(store, "demo") and full.answers == answers_by_case(full.rows)
    assert lean.rows is None
