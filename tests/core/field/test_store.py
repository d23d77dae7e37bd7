"""Unit tests of FieldStore on the mini framework (tests/data/mini.yaml).

The ``make_store`` fixture (tests/conftest.py) gives inspection 'i1' with cases C1
(licence), C2 (community_order) and C3 (licence), gender and disposal_type recorded,
one read each by insp1.
"""

from __future__ import annotations

import math

import pytest

from hmip_desktop.core.field import audit
from hmip_desktop.core.field.form_state import Missing
from hmip_desktop.core.field.store import Changes, FieldStore, ReadLocked, Target
from hmip_desktop.core.field.values import InvalidValue


def _head(store: FieldStore) -> int:
    return audit.head(store.db)[0]


def _rows(store: FieldStore) -> list[tuple]:
    return store.db.execute("SELECT * FROM answers ORDER BY case_read_id, question_id").fetchall()


def _fill(store: FieldStore, rid: int) -> None:
    """Record everything a read needs to be complete (whatever its disposal type)."""
    store.set_interview(rid, "held", True)
    for q in ("assess_engage", "assess_safety", "licence_conditions"):
        store.set_answer(rid, q, "yes")
        store.set_note(rid, q, f"evidence for {q}")


def _kinds(missing: list[Missing]) -> list[tuple[str, str]]:
    return [(m.kind, m.target) for m in missing]


# -- invalid values ----------------------------------------------------------------------

INVALID = [
    ("answer", "assess_engage", "maybe"),
    ("answer", "assess_engage", "YES"),
    ("answer", "assess_engage", True),
    ("answer", "assess_safety_checks", "sometimes"),
    ("answer", "licence_contacts", 101),
    ("answer", "licence_contacts", -1),
    ("answer", "licence_contacts", "3"),
    ("answer", "licence_contacts", True),
    ("answer", "licence_contacts", math.nan),
    ("answer", "licence_contacts", math.inf),
    ("answer", "licence_needs", ["housing", "car"]),
    ("answer", "licence_needs", "housing"),
    ("note", "assess_engage", 42),
    ("note", "assess_engage", "x" * 20_001),
    ("profile", "gender", "other"),
    ("profile", "disposal_type", "prison"),
    ("profile", "age", "forty"),
    ("interview", "held", "yes"),
    ("interview", "date", "2024-13-01"),
]


@pytest.mark.parametrize("kind,key,value", INVALID, ids=[f"{k}:{q}={v!r:.20}" for k, q, v in INVALID])
def test_invalid_value_is_refused_naming_case_and_question_and_writes_nothing(make_store, kind, key, value):
    store, reads = make_store()
    rid = reads["C1"]
    store.set_answer(rid, "assess_engage", "yes")
    store.set_answer(rid, "licence_contacts", 5)
    store.set_note(rid, "assess_engage", "seen")
    store.set_interview(rid, "date", "2024-05-01")
    before, rows, seq, top = store.read(rid), _rows(store), _head(store), store.undo_stack.peek_undo()

    with pytest.raises(InvalidValue) as err:
        store.set(rid, f"{kind}:{key}", value)

    message = str(err.value)
    assert "case C1" in message and key in message, message
    assert store.read(rid) == before
    assert _rows(store) == rows
    assert _head(store) == seq, "a refused value must not append an audit event"
    assert store.undo_stack.peek_undo() == top, "a refused value must not be undoable"
    assert audit.verify(store.db).ok


@pytest.mark.parametrize("target", ["answer:no_such_question", "note:no_such_question", "profile:no_such_field"])
def test_unknown_question_or_field_is_refused_naming_case(make_store, target):
    store, reads = make_store()
    seq = _head(store)
    with pytest.raises(KeyError) as err:
        store.set(reads["C2"], target, "yes")
    assert "C2" in str(err.value) and target.partition(":")[2] in str(err.value)
    assert _rows(store) == [] and _head(store) == seq


def test_unknown_case_read_is_a_key_error(make_store):
    store, _ = make_store()
    with pytest.raises(KeyError):
        store.set_answer(999, "assess_engage", "yes")


def test_multiple_choice_is_normalised_to_option_order(make_store):
    store, reads = make_store()
    store.set_answer(reads["C1"], "licence_needs", ["work", "housing", "work"])
    assert store.read(reads["C1"]).answers["licence_needs"] == ["housing", "work"]


# -- complete reads are locked -------------------------------------------------------------


def test_complete_read_is_locked_until_reopened(make_store):
    store, reads = make_store()
    rid = reads["C2"]
    _fill(store, rid)
    store.undo()  # the licence_conditions note: not needed for a community order, and leaves a redo
    result = store.complete(rid)
    assert result.completed and result.missing == []
    snapshot, rows, seq = store.read(rid), _rows(store), _head(store)
    top, redo_top = store.undo_stack.peek_undo(), store.undo_stack.peek_redo()
    assert top is not None and redo_top is not None

    attempts = [
        lambda: store.set_answer(rid, "assess_engage", "no"),
        lambda: store.set_answer(rid, "assess_engage", "yes"),  # even a no-op write is refused
        lambda: store.set_note(rid, "assess_engage", "changed"),
        lambda: store.set_profile(rid, "gender", "male"),
        lambda: store.set_interview(rid, "held", False),
        store.undo,
        store.redo,
    ]
    for attempt in attempts:
        with pytest.raises(ReadLocked, match="C2"):
            attempt()
        assert store.read(rid) == snapshot and _rows(store) == rows and _head(store) == seq
        assert store.undo_stack.peek_undo() == top and store.undo_stack.peek_redo() == redo_top

    # Completing again is harmless and changes nothing.
    again = store.complete(rid)
    assert again.completed and again.changes is None and _head(store) == seq

    # Other reads are not locked.
    store.set_answer(reads["C1"], "assess_engage", "no")

    reopened = store.reopen(rid)
    assert reopened is not None and reopened.status == "in_progress"
    assert store.reopen(rid) is None  # no longer complete
    store.set_answer(rid, "assess_engage", "no")
    assert store.read(rid).answers["assess_engage"] == "no"
    assert audit.verify(store.db).ok


# -- the completion check --------------------------------------------------------------


def test_complete_lists_what_is_missing_in_form_order_then_succeeds(make_store):
    store, reads = make_store()
    rid = reads["C1"]
    store.set_profile(rid, "gender", None)
    seq = _head(store)

    result = store.complete(rid)
    assert not result.completed and result.changes is None
    assert result.missing == [
        Missing("profile", "gender"),
        Missing("interview", ""),
        Missing("answer", "assess_engage", "assessment"),
        Missing("answer", "assess_safety", "assessment"),
        Missing("answer", "licence_conditions", "licence_work"),
    ]
    assert store.missing(rid) == result.missing
    assert _head(store) == seq and store.read(rid).status == "in_progress"

    # Answered without evidence: the evidence notes are listed, still in form order.
    for q in ("assess_engage", "assess_safety", "licence_conditions"):
        store.set_answer(rid, q, "yes")
    assert _kinds(store.complete(rid).missing) == [
        ("profile", "gender"),
        ("interview", ""),
        ("evidence", "assess_engage"),
        ("evidence", "assess_safety"),
        ("evidence", "licence_conditions"),
    ]

    # Mixed: a note recorded, one judgement taken away again.
    store.set_note(rid, "assess_engage", "met")
    store.set_answer(rid, "assess_safety", None)
    store.set_note(rid, "licence_conditions", "   ")  # blank text is not evidence
    assert _kinds(store.missing(rid)) == [
        ("profile", "gender"),
        ("interview", ""),
        ("answer", "assess_safety"),
        ("evidence", "licence_conditions"),
    ]

    store.set_profile(rid, "gender", "female")
    store.set_interview(rid, "held", False)  # recorded as not held: that is an answer
    store.set_answer(rid, "assess_safety", "yes")
    store.set_note(rid, "assess_safety", "plan seen")
    store.set_note(rid, "licence_conditions", "enforced")
    assert store.missing(rid) == []
    done = store.complete(rid)
    assert done.completed and done.missing == []
    assert done.changes is not None and done.changes.status == "complete"
    assert store.read(rid).status == "complete"
    assert store.db.execute("SELECT completed_at FROM case_reads WHERE id = ?", [rid]).fetchone()[0]
    assert audit.verify(store.db).ok


def test_not_applicable_judgement_needs_no_evidence_note(make_store):
    store, reads = make_store()
    rid = reads["C2"]
    store.set_interview(rid, "held", True)
    store.set_answer(rid, "assess_engage", "na")
    store.set_answer(rid, "assess_safety", "no")
    store.set_answer(rid, "assess_safety_checks", "na")  # a prompt: no evidence asked
    assert _kinds(store.missing(rid)) == [("evidence", "assess_safety")]
    store.set_answer(rid, "assess_safety", "na")
    assert store.missing(rid) == []
    assert store.complete(rid).completed
    assert store.read(rid).notes == {}


def test_safety_checks_are_required_only_after_assess_safety_is_no(make_store):
    store, reads = make_store()
    rid = reads["C2"]
    store.set_interview(rid, "held", True)
    store.set_answer(rid, "assess_engage", "yes")
    store.set_note(rid, "assess_engage", "seen")
    store.set_note(rid, "assess_safety", "seen")

    def checks_missing() -> bool:
        return ("answer", "assess_safety_checks") in _kinds(store.missing(rid))

    assert not checks_missing()  # unanswered
    store.set_answer(rid, "assess_safety", "yes")
    assert not checks_missing() and store.missing(rid) == []
    store.set_answer(rid, "assess_safety", "no")
    assert _kinds(store.missing(rid)) == [("answer", "assess_safety_checks")]
    assert not store.complete(rid).completed
    store.set_answer(rid, "assess_safety_checks", "no")
    assert store.missing(rid) == []
    store.set_answer(rid, "assess_safety_checks", None)
    store.set_answer(rid, "assess_safety", "na")
    assert not checks_missing()
    assert store.complete(rid).completed


def test_licence_work_is_not_required_for_a_community_order(make_store):
    store, reads = make_store()
    c2, c1 = reads["C2"], reads["C1"]
    for rid in (c1, c2):
        store.set_interview(rid, "held", True)
        for q in ("assess_engage", "assess_safety"):
            store.set_answer(rid, q, "yes")
            store.set_note(rid, q, "evidence")
    assert store.missing(c2) == []
    assert _kinds(store.missing(c1)) == [("answer", "licence_conditions")]
    assert store.complete(c2).completed
    assert not store.complete(c1).completed


def test_set_profile_changes_relevance(make_store):
    store, reads = make_store()
    c1, c2 = reads["C1"], reads["C2"]
    assert ("answer", "licence_conditions") not in _kinds(store.missing(c2))
    assert ("answer", "licence_conditions") in _kinds(store.missing(c1))

    changes = store.set_profile(c2, "disposal_type", "licence")
    assert changes.targets == (Target("profile", "disposal_type"),)
    assert store.read(c2).profile["disposal_type"] == "licence"
    assert ("answer", "licence_conditions") in _kinds(store.missing(c2))

    store.set_profile(c1, "disposal_type", "community_order")
    assert ("answer", "licence_conditions") not in _kinds(store.missing(c1))

    store.set_profile(c1, "disposal_type", None)  # unknown disposal: licence work does not apply
    assert _kinds(store.missing(c1))[0] == ("profile", "disposal_type")
    assert ("answer", "licence_conditions") not in _kinds(store.missing(c1))
    assert "disposal_type" not in store.read(c1).profile
    assert audit.verify(store.db).ok


# -- Changes -----------------------------------------------------------------------------


def test_changes_report_target_status_and_audit_seq(make_store):
    store, reads = make_store()
    rid = reads["C2"]
    assert store.read(rid).status == "not_started"

    first = store.set_answer(rid, "assess_engage", "yes")
    assert isinstance(first, Changes)
    assert first.case_read_id == rid
    assert first.targets == (Target("answer", "assess_engage"),)
    assert first.status == "in_progress" and first.status_changed
    assert first.audit_seq == _head(store)
    assert first.saved_at == store.read(rid).updated_at
    event = store.db.execute("SELECT case_read_id, target, action, actor, before, after FROM audit_log WHERE seq = ?",
                             [first.audit_seq]).fetchone()
    assert event == (rid, "answer:assess_engage", "set", "insp1", None, '"yes"')

    note = store.set_note(rid, "assess_engage", "seen")
    assert note.targets == (Target("note", "assess_engage"),) and not note.status_changed
    assert note.audit_seq == first.audit_seq + 1 == _head(store)

    same = store.set_note(rid, "assess_engage", "seen")  # autosave of what is stored
    assert same.targets == () and same.status == "in_progress" and not same.status_changed
    assert same.audit_seq == note.audit_seq == _head(store)

    for target, value in [("profile:age", 40), ("interview:held", True), ("interview:date", "2024-05-02"),
                          ("interview:note", "by phone")]:
        changes = store.set(rid, target, value)
        assert changes.targets == (Target.parse(target),) and changes.audit_seq == _head(store)

    undone = store.undo()
    assert undone.targets == (Target("interview", "note"),) and undone.audit_seq == _head(store)
    redone = store.redo()
    assert redone.targets == (Target("interview", "note"),) and redone.audit_seq == _head(store)
    actions = [a for (a,) in store.db.execute("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 2")]
    assert actions == ["redo", "undo"]

    store.set_answer(rid, "assess_safety", "na")
    done = store.complete(rid)
    assert done.changes.targets == (Target("status"),) and done.changes.status == "complete"
    assert done.changes.status_changed and done.changes.audit_seq == _head(store)
    reopened = store.reopen(rid)
    assert reopened.targets == (Target("status"),) and reopened.status == "in_progress" and reopened.status_changed
    assert reopened.audit_seq == _head(store)
    assert audit.verify(store.db).ok


# -- undo ----------------------------------------------------------------------------------


def test_note_edits_merge_into_one_undo_step(make_store):
    store, reads = make_store()
    rid = reads["C1"]
    store.set_answer(rid, "assess_engage", "yes")
    for text in ("s", "se", "see", "seen"):
        store.set_note(rid, "assess_engage", text)
    store.undo()
    assert store.read(rid).notes == {} and store.read(rid).answers == {"assess_engage": "yes"}
    store.undo()
    assert store.read(rid).answers == {}
    assert store.undo() is None
    store.redo()
    store.redo()
    assert store.read(rid).notes == {"assess_engage": "seen"}
    assert store.redo() is None


def test_undo_after_restart_has_nothing_to_undo_but_the_data_is_there(make_store, tmp_path):
    path = tmp_path / "restart.sqlite"
    store, reads = make_store(path)
    rid = reads["C1"]
    store.set_answer(rid, "assess_engage", "no")
    store.set_note(rid, "assess_engage", "no plan on file")
    store.set_answer(rid, "licence_needs", ["work"])
    store.undo()  # leaves something to redo, too
    store.close()

    again = FieldStore.open(path, actor="insp1", create=False)
    try:
        seq = _head(again)
        assert again.undo() is None
        assert again.redo() is None
        assert _head(again) == seq
        read = again.read(rid)
        assert read.answers == {"assess_engage": "no"}
        assert read.notes == {"assess_engage": "no plan on file"}
        assert read.status == "in_progress"
        assert audit.verify(again.db).ok
    finally:
        again.close()


# -- progress of a read not started; the last edit ------------------------------------------


def test_a_read_not_started_has_no_progress_though_its_profile_is_filled(make_store, tmp_path):
    store, reads = make_store(tmp_path / "field.sqlite")
    row = next(r for r in store.case_reads("i1") if r["id"] == reads["C1"])
    assert row["status"] == "not_started" and row["profile"], "the caseload filled the profile"
    assert (row["done"], row["percent"]) == (0, 0)
    changes = store.set_interview(reads["C1"], "held", True)
    assert changes.progress.done > 1, "once started, the profile counts"


def test_last_edited_is_the_target_of_the_newest_edit_of_that_read(make_store, tmp_path):
    store, reads = make_store(tmp_path / "field.sqlite")
    c1, c2 = reads["C1"], reads["C2"]
    assert store.last_edited(c1) is None
    store.set_answer(c1, "assess_engage", "yes")
    store.set_note(c1, "assess_safety", "seen")
    store.set_answer(c2, "assess_engage", "no")
    assert store.last_edited(c1) == Target("note", "assess_safety")
    store.undo()  # the undo of C2's edit is C2's
    assert store.last_edited(c1) == Target("note", "assess_safety")
    assert store.last_edited(c2) == Target("answer", "assess_engage")
    store.close()
