"""The pure edit function shared by the field store and the case read form."""

from __future__ import annotations

import copy
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hmip_desktop.core.field import form_state
from hmip_desktop.core.field.edits import KINDS, CaseRead, ReadLocked, Target, apply_edit, value_of
from hmip_desktop.core.field.values import InvalidValue
from hmip_desktop.core.frameworks import load_text

from .test_store_model import answers, invalid, notes, profiles

REFUSED = (InvalidValue, KeyError, ReadLocked)


@pytest.fixture
def fw(mini_yaml):
    return load_text(mini_yaml, "mini.yaml")


def _read(**kw) -> CaseRead:
    base = CaseRead(1, "i1", "C1", "insp1", "not_started", {"gender": "male", "disposal_type": "licence"})
    return replace(base, **kw)


# -- Target ------------------------------------------------------------------------------


@given(kind=st.sampled_from(KINDS), key=st.text(st.characters(codec="utf-8"), max_size=20))
def test_target_round_trips_through_its_stored_form(kind, key):
    target = Target(kind, key)
    assert Target.parse(str(target)) == target
    assert Target.of(str(target)) == target and Target.of(target) is target


def test_target_stored_form_is_the_audit_text():
    assert str(Target("answer", "assess_engage")) == "answer:assess_engage"
    assert str(Target("interview", "held")) == "interview:held"
    assert str(Target("status")) == "status"
    with pytest.raises(KeyError, match="unknown target"):
        Target.parse("bogus:x")


# -- apply_edit ---------------------------------------------------------------------------


def test_an_edit_starts_the_read_and_leaves_the_input_alone(fw):
    read = _read()
    kept = copy.deepcopy(read)
    after = apply_edit(fw, read, Target("answer", "assess_engage"), "yes")
    assert read == kept
    assert after.answers == {"assess_engage": "yes"} and after.status == "in_progress"
    assert apply_edit(fw, after, Target("answer", "assess_engage"), "yes") is after


def test_an_edit_that_changes_nothing_does_not_start_the_read(fw):
    read = _read()
    assert apply_edit(fw, read, Target("note", "assess_engage"), "") is read
    assert apply_edit(fw, read, Target("profile", "gender"), "male") is read
    assert read.status == "not_started"


def test_a_complete_read_refuses_edits(fw):
    with pytest.raises(ReadLocked, match="C1"):
        apply_edit(fw, _read(status="complete"), Target("answer", "assess_engage"), "yes")


def test_a_cleared_multiple_choice_keeps_the_empty_list(fw):
    needs = Target("answer", "licence_needs")
    chosen = apply_edit(fw, _read(), needs, ["work", "housing"])
    assert chosen.answers["licence_needs"] == ["housing", "work"], "normalised to the scale's order"
    cleared = apply_edit(fw, chosen, needs, [])
    assert cleared.answers["licence_needs"] == []
    assert "licence_needs" not in apply_edit(fw, cleared, needs, None).answers


def test_empty_notes_are_dropped_and_interview_parts_set(fw):
    read = apply_edit(fw, _read(), Target("note", "assess_engage"), "seen")
    assert apply_edit(fw, read, Target("note", "assess_engage"), "").notes == {}
    read = apply_edit(fw, read, Target("interview", "held"), True)
    read = apply_edit(fw, read, Target("interview", "note"), None)
    assert read.interview_held is True and read.interview_note == ""
    assert value_of(read, Target("interview", "held")) is True


edits = st.lists(
    st.one_of(
        answers.map(lambda qv: (Target("answer", qv[0]), qv[1])),
        notes.map(lambda qv: (Target("note", qv[0]), qv[1])),
        profiles.map(lambda fv: (Target("profile", fv[0]), fv[1])),
        invalid.map(lambda tv: (Target.parse(tv[0]), tv[1])),
        st.tuples(st.sampled_from([Target("interview", p) for p in ("held", "date", "note")]),
                  st.sampled_from([None, True, "2024-05-02", "by phone"])),
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits)
def test_apply_edit_predicts_what_the_store_holds_after_each_write(make_store, edits):
    store, reads = make_store(Path(tempfile.mkdtemp()) / "field.sqlite")
    rid = reads["C1"]
    fw = store.framework("i1")
    predicted = store.read(rid)
    for target, value in edits:
        try:
            predicted = apply_edit(fw, predicted, target, value)
        except REFUSED as error:
            with pytest.raises(type(error)):
                store.set(rid, target, value)
            continue
        changes = store.set(rid, target, value)
        stored = store.read(rid)
        assert changes.read == stored
        assert replace(predicted, updated_at=stored.updated_at) == stored
        assert changes.progress == form_state.progress(fw, stored.values(), stored.status)
        assert changes.progress.percent == round(100 * changes.progress.done / changes.progress.total)
    store.close()
