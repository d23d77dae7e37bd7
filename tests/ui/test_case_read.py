"""The case read form, driven with real key presses and clicks."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton

from hmip_desktop.core.field.store import FieldStore
from tests.conftest import MINI_YAML_PATH
from hmip_desktop.ui.views.field.answer_editors import EDITORS


def not_started(ui):
    return ui.rows("not_started")[0]["case_id"]


def first_key(ui):
    page = ui.window.page
    return next(w for w in page.key_widgets if not w.isHidden())


def test_every_answer_type_has_an_editor():
    from typing import get_args

    from hmip_desktop.core.frameworks.model import AnswerType

    assert set(get_args(AnswerType)) == set(EDITORS)


def answer_next_question(qtbot, key):
    """Press ``key`` in the next modal dialog as soon as it is shown (its exec() blocks the test)."""
    from PySide6.QtCore import QTimer

    def press():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, press)
            return
        qtbot.keyClick(box, key)

    QTimer.singleShot(0, press)


def open_at_first_question(ui, case):
    """Open ``case`` and put the focus on its first key question (Ctrl+Down)."""
    ui.open(case)
    ui.window.page.step_question(1)


def test_answer_with_the_keyboard_only(ui, qtbot, demo_path):
    case = not_started(ui)
    open_at_first_question(ui, case)
    kq = first_key(ui)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    ui.settle()
    assert kq.editor.value() == "no"
    # Tab to the next control in the same key question, then number keys choose options.
    prompt = kq.prompts[0]
    prompt.editor.focus_target().setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    ui.settle()
    stored = ui.stored(demo_path, case)
    assert stored.answers[kq.question.id] == "no"
    assert stored.answers[prompt.question.id] == "yes"
    assert stored.status == "in_progress"
    assert ui.window.page.saved_label.text().startswith("Saved at")


def test_delete_clears_an_answer(ui, qtbot, demo_path):
    case = not_started(ui)
    open_at_first_question(ui, case)
    kq = first_key(ui)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    ui.settle()
    assert kq.editor.value() is None
    assert kq.question.id not in ui.stored(demo_path, case).answers


def test_evidence_note_is_autosaved_when_focus_leaves(ui, qtbot, demo_path):
    case, kq = type_in_first_note(ui, qtbot, "Plan drew on OASys; views recorded.")
    qtbot.keyClick(kq.note, Qt.Key.Key_Tab)  # focus leaves: saved at once, no waiting for the pause
    ui.settle()
    assert ui.stored(demo_path, case).notes[kq.question.id] == "Plan drew on OASys; views recorded."


def test_evidence_note_is_autosaved_after_a_pause_in_typing(ui, qtbot, demo_path):
    case, kq = type_in_first_note(ui, qtbot, "Typed and left")
    qtbot.waitUntil(lambda: not kq.note.has_pending(), timeout=3000)
    ui.settle()
    assert ui.stored(demo_path, case).notes[kq.question.id] == "Typed and left"


def type_in_first_note(ui, qtbot, text):
    """Open a case not yet started and type ``text`` into its first evidence note."""
    case = not_started(ui)
    open_at_first_question(ui, case)
    kq = first_key(ui)
    kq.note.setFocus()
    qtbot.keyClicks(kq.note, text)
    return case, kq


def _prompt_with_relevance(page, needle):
    return next(w for w in page.questions.values() if w.question.relevant and needle in w.question.relevant)


def test_relevance_hides_and_shows_questions_live(ui, qtbot):
    open_at_first_question(ui, not_started(ui))
    page = ui.window.page
    licence_prompt = _prompt_with_relevance(page, "'licence'")
    disposal = page.profile.editors["disposal_type"].combo
    disposal.setCurrentIndex(disposal.findData("community_order"))
    disposal.activated.emit(disposal.currentIndex())
    assert licence_prompt.isHidden()
    disposal.setCurrentIndex(disposal.findData("licence"))
    disposal.activated.emit(disposal.currentIndex())
    assert not licence_prompt.isHidden()
    ui.settle()
    assert ui.stored(ui.window.store_path, page.read.case_id).profile["disposal_type"] == "licence"


def test_mark_complete_lists_what_is_missing_and_links_to_it(ui, qtbot):
    open_at_first_question(ui, not_started(ui))
    page = ui.window.page
    qtbot.mouseClick(page.complete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.missing_list.isVisible(), timeout=5000)
    assert page.missing_list.count() > 10
    texts = [page.missing_list.item(i).text() for i in range(page.missing_list.count())]
    assert any(t.startswith("Case holder interview") for t in texts)
    # Questions carry their number as the form shows it ("1.1  No judgement: …").
    assert f"{first_key(ui).number}  No judgement: {first_key(ui).question.text.en}" in texts
    # Follow the first "No judgement" link with the keyboard.
    row = next(i for i, t in enumerate(texts) if "  No judgement:" in t)
    page.missing_list.setFocus()
    page.missing_list.setCurrentRow(row)
    qtbot.keyClick(page.missing_list, Qt.Key.Key_Return)
    target = page.missing_list.item(row).data(Qt.ItemDataRole.UserRole)[1]
    assert page.questions[target].isAncestorOf(QApplication.focusWidget())
    assert page.questions[target].message.isVisible()
    assert page.read.status != "complete"


def _fill_everything(ui, qtbot):
    """Answer every visible required item through the widgets."""
    page = ui.window.page
    page.profile.held.choose(0)
    for widget in page.questions.values():
        if widget.isHidden() or not widget.question.required:
            continue
        if widget.editor.value() is None:
            widget.editor.choose(0)
        if widget.note is not None and not widget.note.toPlainText().strip():
            widget.note.setFocus()
            qtbot.keyClicks(widget.note, "Evidence seen in the record.")
            widget.note.flush()
    ui.settle()


def test_complete_then_reopen(ui, qtbot, demo_path):
    case = not_started(ui)
    open_at_first_question(ui, case)
    page = ui.window.page
    _fill_everything(ui, qtbot)
    with qtbot.waitSignal(ui.window.case_opened, timeout=5000, raising=False):
        ui.window.act_complete.trigger()
    ui.settle()
    qtbot.waitUntil(lambda: page.read.status == "complete", timeout=5000)
    assert ui.stored(demo_path, case).status == "complete"
    assert page.complete_button.text() == "Reopen"
    assert not first_key(ui).editor.isEnabled(), "a complete read is read-only"
    answer_next_question(qtbot, Qt.Key.Key_Y)  # "Reopen it for changes?" Yes
    ui.window.act_complete.trigger()
    ui.settle()
    qtbot.waitUntil(lambda: page.read.status == "in_progress", timeout=5000)
    assert first_key(ui).editor.isEnabled()
    assert ui.stored(demo_path, case).status == "in_progress"


def test_undo_and_redo_with_the_keyboard(ui, qtbot, demo_path):
    case = not_started(ui)
    open_at_first_question(ui, case)
    kq = first_key(ui)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    ui.settle()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    ui.settle()
    qtbot.waitUntil(lambda: kq.editor.value() == "yes", timeout=5000)
    assert ui.stored(demo_path, case).answers[kq.question.id] == "yes"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ui.settle()
    qtbot.waitUntil(lambda: kq.editor.value() == "no", timeout=5000)
    assert ui.stored(demo_path, case).answers[kq.question.id] == "no"


def test_ctrl_z_in_an_evidence_note_undoes_through_the_core(ui, qtbot, demo_path):
    case, kq = type_in_first_note(ui, qtbot, "first words")
    kq.note.flush()
    ui.settle()
    qtbot.keyClick(kq.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    ui.settle()
    qtbot.waitUntil(lambda: kq.note.toPlainText() == "", timeout=5000)
    assert kq.question.id not in ui.stored(demo_path, case).notes


def test_next_question_and_next_standard_shortcuts(ui, qtbot):
    open_at_first_question(ui, not_started(ui))
    page = ui.window.page
    visible = [w for w in page.key_widgets if not w.isHidden()]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert visible[1].isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert visible[0].isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    second_section = page.standard_headers[1][2]
    assert second_section.isAncestorOf(QApplication.focusWidget())
    assert page.standards_list.currentRow() == 1


def test_next_case_shortcut(ui, qtbot):
    first = ui.window.list_page.visible_read_ids()
    ui.window.open_read(first[0])
    ui.settle()
    with qtbot.waitSignal(ui.window.case_opened, timeout=5000) as blocker:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == [first[1]]


def test_tab_moves_through_the_form_in_order(ui, qtbot):
    open_at_first_question(ui, not_started(ui))
    kq = first_key(ui)
    start = QApplication.focusWidget()
    assert isinstance(start, QRadioButton)
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    assert kq.prompts[0].isAncestorOf(QApplication.focusWidget()), "Tab goes to the key question's first prompt"


def test_every_control_has_an_accessible_name(ui):
    open_at_first_question(ui, not_started(ui))
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QPlainTextEdit

    unnamed = []
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QListWidget)
    for widget in [w for kind in kinds for w in ui.window.findChildren(kind)]:
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip() and not widget.isHidden():
            unnamed.append((type(widget).__name__, widget.objectName()))
    assert unnamed == []


def test_a_failed_save_is_shown_kept_and_sent_again(ui, qtbot, demo_path, monkeypatch):
    case = not_started(ui)
    open_at_first_question(ui, case)
    kq = first_key(ui)
    store = ui.window.store
    real_set = FieldStore.set
    calls = {"n": 0}

    def flaky(self, read_id, target, value):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(28, "No space left on device")
        return real_set(self, read_id, target, value)

    monkeypatch.setattr(FieldStore, "set", flaky)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    ui.settle()
    page = ui.window.page
    assert page.error_banner.isVisible() and "No space left" in page.error_banner.text()
    assert kq.editor.value() == "yes", "what the inspector entered stays on screen"
    assert ui.window.unsaved
    assert "not saved" in ui.window.saving_label.text().lower()
    # The next change sends the failed one again, then itself.
    prompt = kq.prompts[0]
    prompt.editor.choose(1)
    ui.settle()
    assert not page.error_banner.isVisible() and not ui.window.unsaved
    stored = ui.stored(demo_path, case)
    assert stored.answers[kq.question.id] == "yes" and stored.answers[prompt.question.id] == "no"
    assert store is ui.window.store


def test_a_returned_read_shows_the_lead_inspectors_comments(ui, demo_path):
    import sqlite3

    case = ui.rows("complete")[0]["case_id"]
    raw = sqlite3.connect(demo_path)
    raw.execute("INSERT INTO read_comments VALUES ('demo', ?, 'Add the risk review date', 'lead1', '2026-11-21T10:00:00', 'r1')",
                [case])
    raw.commit()
    raw.close()
    open_at_first_question(ui, case)
    banner = ui.window.page.lead_banner
    assert banner.isVisible() and "Add the risk review date" in banner.text()
    other = ui.rows("not_started")[0]["case_id"]
    ui.open(other)
    assert not ui.window.page.lead_banner.isVisible()


# A prompt shown while housing is not among the needs met: true for a cleared choice ([]),
# false for one never answered (None) - so the form and the store must agree on which it is.
_NEEDS_PROMPT = """            prompts:
              - id: licence_needs_housing
                text: {en: "Why was housing not met?", cy: "Pam na ddiwallwyd tai?"}
                relevant: "'housing' not in answer.licence_needs"
                required: false
"""


@pytest.mark.parametrize("mini_yaml", [MINI_YAML_PATH.read_text(encoding="utf-8").replace(
    "            answer: {type: multiple_choice, scale: needs}\n",
    "            answer: {type: multiple_choice, scale: needs}\n" + _NEEDS_PROMPT)])
def test_the_form_and_the_store_agree_after_a_multiple_choice_is_cleared(qtbot, make_store):
    from hmip_desktop.core.field import form_state
    from hmip_desktop.ui.views.field.case_read_page import CaseReadPage

    store, reads = make_store()
    rid = reads["C1"]  # a licence case: the licence questions apply
    fw = store.framework("i1")
    page = CaseReadPage(fw)
    qtbot.addWidget(page)
    page.load(store.read(rid))
    page.edit_requested.connect(lambda target, value: store.set(rid, target, value))  # the window, without a thread
    needs, prompt = page.questions["licence_needs"], page.questions["licence_needs_housing"]
    for value, shown in ((None, False), (["housing"], False), ([], True), (["work"], True), (None, False)):
        needs.editor.edited.emit(value)
        stored = store.read(rid)
        in_core = "licence_needs_housing" in form_state.visible(fw, stored.values())
        in_form = "licence_needs_housing" in form_state.visible(fw, page.read.values())
        assert in_core == in_form == shown, value
        assert prompt.isVisibleTo(page) == shown
        assert (page.read.answers, page.read.status) == (stored.answers, stored.status)


def test_an_autosave_refreshes_the_list_from_the_one_changes_signal(ui, qtbot, demo_path):
    case = not_started(ui)
    open_at_first_question(ui, case)
    seen = []
    ui.window.ops.changes_applied.connect(seen.append)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    ui.settle()
    [changes] = seen
    assert changes.action == "set" and changes.status_changed
    row = next(r for r in ui.rows() if r["case_id"] == case)
    store = FieldStore.open(demo_path)
    try:
        expected = next(r for r in store.case_reads(ui.window.inspection_id) if r["case_id"] == case)
    finally:
        store.close()
    assert row["status"] == expected["status"] == "in_progress"
    assert (row["done"], row["total"], row["percent"]) == (expected["done"], expected["total"], expected["percent"])
    assert row["updated_at"] == changes.saved_at == expected["updated_at"]
    assert ui.window.page.saved_label.text().startswith("Saved at")


def test_undo_of_an_edit_to_another_case_opens_that_case(ui, qtbot, demo_path):
    first, second = [r["case_id"] for r in ui.rows("not_started")[:2]]
    open_at_first_question(ui, first)
    kq = first_key(ui)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    ui.settle()
    ui.open(second)
    with qtbot.waitSignal(ui.window.case_opened, timeout=5000):
        ui.window.act_undo.trigger()
    ui.settle()
    page = ui.window.page
    assert page.read.case_id == first and kq.editor.value() is None
    assert kq.isAncestorOf(QApplication.focusWidget())
    assert kq.question.id not in ui.stored(demo_path, first).answers
