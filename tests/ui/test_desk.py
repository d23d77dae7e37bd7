"""The inspector's desk: typing saved while it happens, where a case opens, Find case from
the keyboard, reopening asks, the case list's first second, the shortcuts table."""

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from hmip_desktop.ui.views.field.answer_editors import NOTE_DEBOUNCE_MS, NOTE_MAX_WAIT_MS
from tests.ui.test_case_read import _fill_everything, answer_next_question, first_key, not_started


def _first_note(ui):
    return next(w for w in ui.window.page.key_widgets if not w.isHidden() and w.note is not None)


def test_continuous_typing_is_saved_while_it_goes_on_and_undone_as_one_step(ui, qtbot, demo_path):
    case = not_started(ui)
    ui.open(case)
    kq = _first_note(ui)
    kq.note.setFocus()
    typed = []

    def tick():  # a key every 100 ms: never the pause the debounce waits for
        qtbot.keyClicks(kq.note, "a")
        typed.append("a")

    assert 100 < NOTE_DEBOUNCE_MS and NOTE_MAX_WAIT_MS <= 1500
    timer = QTimer(interval=100)
    timer.timeout.connect(tick)
    timer.start()
    try:
        # Saved during the burst, with the typing still going on.
        qtbot.waitUntil(lambda: ui.stored(demo_path, case).notes.get(kq.question.id, "") != "", timeout=4000)
        qtbot.waitUntil(lambda: len(typed) > 25, timeout=6000)  # and again, a second save in the same burst
    finally:
        timer.stop()
    kq.note.flush()
    ui.settle()
    assert ui.stored(demo_path, case).notes[kq.question.id] == "a" * len(typed)
    # Several saves, one undo step: Ctrl+Z takes the whole burst back.
    qtbot.keyClick(kq.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    ui.settle()
    qtbot.waitUntil(lambda: kq.note.toPlainText() == "", timeout=5000)
    assert kq.question.id not in ui.stored(demo_path, case).notes


def test_the_cursor_goes_to_the_end_of_a_note_on_tab_and_after_redo(ui, qtbot, demo_path):
    case = not_started(ui)
    ui.open(case)
    kq = _first_note(ui)
    kq.note.setFocus()
    qtbot.keyClicks(kq.note, "Seen in the plan.")
    previous = kq.note.previousInFocusChain()
    previous.setFocus()  # leave the note (saved at once) ...
    ui.settle()
    qtbot.keyClick(previous, Qt.Key.Key_Tab)  # ... and come back with Tab
    assert QApplication.focusWidget() is kq.note
    qtbot.keyClicks(kq.note, " More.")
    assert kq.note.toPlainText() == "Seen in the plan. More."
    kq.note.flush()
    ui.settle()
    qtbot.keyClick(kq.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    ui.settle()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ui.settle()
    qtbot.waitUntil(lambda: kq.note.toPlainText() == "Seen in the plan. More.", timeout=5000)
    assert QApplication.focusWidget() is kq.note
    qtbot.keyClicks(kq.note, " End")
    assert kq.note.toPlainText() == "Seen in the plan. More. End"


def test_find_case_enter_opens_the_match_and_down_goes_into_the_list(ui, qtbot):
    rows = ui.rows()
    page = ui.window.list_page
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    qtbot.keyClicks(page.search, rows[3]["case_id"])
    assert page.proxy.rowCount() == 1
    with qtbot.waitSignal(ui.window.case_opened, timeout=5000) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [rows[3]["id"]]
    ui.settle()
    # Several matches: Down goes into the list; Enter there opens the chosen one.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page.search.clear()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    start = page.table.currentIndex().row()  # the list keeps its selection (the case opened last)
    assert page.visible_read_ids()[start] == rows[3]["id"]
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    second = page.visible_read_ids()[start + 1]
    with qtbot.waitSignal(ui.window.case_opened, timeout=5000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [second]


def test_a_case_opens_at_its_first_missing_item_profile_and_interview_first(ui, qtbot):
    ui.open(not_started(ui))
    page = ui.window.page
    assert page.profile.held.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() in page.profile.held.buttons
    assert page.scroll.verticalScrollBar().value() == 0, "the case profile and interview are in view"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)  # the interview took place
    ui.settle()
    ui.window.show_list()
    ui.open(page.read.case_id)
    assert first_key(ui).isAncestorOf(QApplication.focusWidget()), "then the first question without a judgement"


def test_after_a_crash_a_case_reopens_at_the_item_last_edited(make_window, demo_path, settings, qtbot):
    ui = make_window(demo_path)
    case = not_started(ui)
    ui.open(case)
    keys = [w for w in ui.window.page.key_widgets if not w.isHidden() and w.note is not None]
    target = keys[2]
    target.note.setFocus()
    qtbot.keyClicks(target.note, "Last thing typed")
    target.note.flush()
    ui.settle()
    # The process dies here (no close): the settings say which case, the audit log what.
    # A dead process's lock is taken over; in this one process, let go of it by hand.
    ui.window.lock.release()
    from hmip_desktop.ui.views.field.main_window import MainWindow

    window = MainWindow(demo_path, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.case_opened, timeout=10000):
        window.load()
    restored = window.page.questions[target.question.id]
    assert QApplication.focusWidget() is restored.note
    assert restored.note.textCursor().position() == len("Last thing typed")
    window.close()


def test_reopening_a_complete_read_asks_first_and_no_is_the_default(ui, qtbot, demo_path):
    case = not_started(ui)
    ui.open(case)
    page = ui.window.page
    _fill_everything(ui, qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ui.settle()
    qtbot.waitUntil(lambda: page.read.status == "complete", timeout=5000)
    answer_next_question(qtbot, Qt.Key.Key_Return)  # Enter takes the default: No
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ui.settle()
    assert page.read.status == "complete" and ui.stored(demo_path, case).status == "complete"
    answer_next_question(qtbot, Qt.Key.Key_Escape)
    ui.window.act_complete.trigger()
    ui.settle()
    assert ui.stored(demo_path, case).status == "complete"
    answer_next_question(qtbot, Qt.Key.Key_Y)
    ui.window.act_complete.trigger()
    ui.settle()
    qtbot.waitUntil(lambda: page.read.status == "in_progress", timeout=5000)
    assert ui.stored(demo_path, case).status == "in_progress"


def test_not_started_reads_show_no_progress(ui):
    rows = ui.rows("not_started")
    assert rows and all(r["percent"] == 0 and r["done"] == 0 for r in rows)
    model = ui.window.list_page.model
    row = next(i for i, r in enumerate(model.rows()) if r["status"] == "not_started")
    assert model.index(row, model.COLUMNS.index("percent")).data() == "0%"


def test_the_case_list_says_loading_until_the_store_answers(qtbot, styled_app, settings, demo_path):
    from hmip_desktop.ui.views.field.main_window import MainWindow

    window = MainWindow(demo_path, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.list_page.counts.text() == "Loading…"
    with qtbot.waitSignal(window.inspection_loaded, timeout=10000):
        window.load()
    assert "complete" in window.list_page.counts.text()
    window.close()


def test_the_shortcuts_table_lists_every_shortcut_and_fits_its_words(ui, qtbot):
    for lang in ("en", "cy"):
        ui.window.set_language(lang)
        qtbot.keyClick(ui.window.list_page.table, Qt.Key.Key_F1)
        dialog = ui.window.shortcuts_dialog
        qtbot.waitExposed(dialog)
        table = dialog.table
        shown = {table.item(r, 1).text() for r in range(table.rowCount())}
        for action in ui.window.actions():
            for keys in action.shortcuts():
                text = keys.toString(QKeySequence.SequenceFormat.NativeText)
                assert any(text in cell for cell in shown), f"{action.objectName()} ({text}) is missing"
        assert any("Ctrl+E" in cell for cell in shown)
        metrics = table.fontMetrics()
        for r in range(table.rowCount()):
            for c in (0, 1):
                needed = metrics.horizontalAdvance(table.item(r, c).text())
                assert table.columnWidth(c) >= needed, f"'{table.item(r, c).text()}' is cut"
        assert table.horizontalHeader().length() <= table.viewport().width() + 1, "no column runs off the table"
        dialog.grab().save(f"/tmp/shortcuts_{lang}.png")
        dialog.close()
    ui.window.set_language("en")
