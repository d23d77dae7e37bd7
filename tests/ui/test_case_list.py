"""The case list: model checked by qtmodeltester, filters, search, progress, opening by keyboard."""

from PySide6.QtCore import Qt

from hmip_desktop.ui.models.case_list import ROW_ROLE, CaseFilterProxy, CaseListModel


def _rows():
    base = {"reader_role": "inspector", "updated_at": "2026-11-20T10:00:00+00:00", "done": 1, "total": 2, "percent": 50}
    return [
        {**base, "id": 1, "case_id": "AB-1", "reader_id": "insp1", "reader_name": "A", "status": "complete",
         "profile": {"gender": "male"}},
        {**base, "id": 2, "case_id": "AB-2", "reader_id": "insp2", "reader_name": "B", "status": "in_progress",
         "profile": {}},
        {**base, "id": 3, "case_id": "XY-3", "reader_id": "insp1", "reader_name": "A", "status": "not_started",
         "profile": {}},
    ]


def test_case_list_model_passes_qtmodeltester(qtmodeltester):
    model = CaseListModel()
    model.set_rows(_rows())
    qtmodeltester.check(model)


def test_filter_proxy_passes_qtmodeltester_and_filters(qtmodeltester):
    model = CaseListModel()
    model.set_rows(_rows())
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    ids = lambda: [proxy.index(i, 0).data(ROW_ROLE)["id"] for i in range(proxy.rowCount())]
    proxy.set_status("complete")
    assert ids() == [1]
    proxy.set_status(None)
    proxy.set_reader("insp1")
    assert ids() == [1, 3]
    proxy.set_search("xy")
    assert ids() == [3]
    proxy.set_reader(None)
    proxy.set_search("")
    assert ids() == [1, 2, 3]


def test_list_shows_every_read_with_profile_and_progress(ui):
    page = ui.window.list_page
    rows = ui.rows()
    assert page.proxy.rowCount() == len(rows) >= 40
    complete = len(ui.rows("complete"))
    assert page.progress.value() == complete and page.progress.maximum() == len(rows)
    assert f"{complete} complete" in page.counts.text()
    first = page.proxy.index(0, 1).data()
    assert "·" in first, "profile summary shows gender, age band, disposal and risk"
    assert page.proxy.index(0, 4).data().endswith("%")


def test_filters_and_search_from_the_widgets(ui, qtbot):
    page = ui.window.list_page
    page.status_filter.setCurrentIndex(page.status_filter.findData("complete"))
    assert page.proxy.rowCount() == len(ui.rows("complete"))
    page.status_filter.setCurrentIndex(0)
    page.reader_filter.setCurrentIndex(page.reader_filter.findData("la1"))
    assert page.proxy.rowCount() == sum(r["reader_id"] == "la1" for r in ui.rows())
    page.reader_filter.setCurrentIndex(0)
    target = ui.rows()[5]["case_id"]
    qtbot.keyClicks(page.search, target[-5:])
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data() == target


def test_open_a_case_from_the_list_with_the_keyboard(ui, qtbot):
    page = ui.window.list_page
    page.table.setFocus()
    page.table.selectRow(2)
    expected = page.proxy.index(2, 0).data()
    with qtbot.waitSignal(ui.window.case_opened, timeout=5000):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert ui.window.stack.currentWidget() is ui.window.page
    assert ui.window.page.read.case_id == expected


def test_find_shortcut_focuses_the_search(ui, qtbot):
    ui.open(ui.rows()[0]["case_id"])
    ui.window.act_find.trigger()
    assert ui.window.stack.currentWidget() is ui.window.list_page
    assert ui.window.list_page.search.hasFocus()


def test_a_reallocated_read_shows_as_reallocated_in_both_languages(qapp):
    from hmip_desktop.ui.i18n import Translations

    model = CaseListModel()
    model.set_rows([{**_rows()[1], "reallocated": True}, _rows()[2]])
    status = model.COLUMNS.index("status")
    assert [model.index(i, status).data() for i in range(2)] == ["Re-allocated", "Not started"]
    try:
        Translations().set_language("cy")
        assert model.index(0, status).data() == "Wedi'i ailddyrannu"
    finally:
        Translations().set_language("en")


def test_an_export_that_left_reads_out_says_so_one_line_per_case(ui):
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    from hmip_desktop.core.messages import Msg

    lines = [Msg.of("export.reallocated", case="AB-1", to="B"),
             Msg.of("export.reallocated_unsent", case="AB-2", to="C")]
    ui.window._exported(Path("x.bundle"), {"reads": 3, "changed": 0, "left_out": lines})
    box = ui.window.findChild(QMessageBox, "reallocated_left_out")
    assert box.text().splitlines() == [line.text("en") for line in lines]
    box.close()
