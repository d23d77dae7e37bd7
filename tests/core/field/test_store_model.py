"""Model-based test of FieldStore: random sequences of edits, undo, redo, complete and
reopen on three case reads, checked step by step against a plain in-memory model.

The model is written from the store's documented rules, not from its code:

* a write that changes nothing is not undoable and appends no audit event;
* a write that changes something sets the read in progress, appends one audit event,
  becomes the newest undo step and clears redo;
* successive edits of the same note on the same read merge into one undo step (a
  burst that ends where it started leaves no step);
* undo writes the step's ``before`` back and moves the step to redo; redo writes
  ``after`` again (both durable, audited writes; no-ops if the value is already there);
* writes, undo and redo on a complete read raise ReadLocked and change nothing, not
  even the undo and redo stacks;
* complete succeeds only when nothing is missing (predicted here from mini.yaml's
  rules, independently of form_state), and is a no-op on a complete read;
  reopen returns None unless the read is complete.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from hmip_desktop.core.field import audit
from hmip_desktop.core.field.store import CompletionResult, ReadLocked, Target
from hmip_desktop.core.field.values import InvalidValue

CASES = ("C1", "C2", "C3")
INITIAL_PROFILES = {
    "C1": {"gender": "male", "disposal_type": "licence"},
    "C2": {"gender": "female", "disposal_type": "community_order"},
    "C3": {"gender": "female", "disposal_type": "licence"},
}
NEEDS_ORDER = ("housing", "work")

JUDGED = ("assess_engage", "assess_engage_views", "assess_safety", "assess_safety_checks", "licence_conditions")
answers = st.one_of(
    st.tuples(st.sampled_from(JUDGED), st.sampled_from(["yes", "no", "na", None])),
    st.tuples(st.just("licence_needs"), st.sampled_from([None, [], ["housing"], ["work"], ["work", "housing"]])),
    st.tuples(st.just("licence_contacts"), st.one_of(st.none(), st.integers(0, 100))),
)
notes = st.tuples(
    st.sampled_from(("assess_engage", "assess_safety", "licence_conditions", "licence_needs")),
    st.sampled_from(["", "a", "ab", "seen on file", "   "]),
)
profiles = st.one_of(
    st.tuples(st.just("gender"), st.sampled_from(["male", "female", None])),
    st.tuples(st.just("disposal_type"), st.sampled_from(["licence", "community_order", None])),
)
invalid = st.sampled_from(
    [
        ("answer:assess_engage", "maybe"),
        ("answer:assess_safety_checks", 1),
        ("answer:licence_contacts", 101),
        ("answer:licence_needs", ["car"]),
        ("note:assess_safety", 7),
        ("profile:disposal_type", "prison"),
        ("interview:held", "yes"),
    ]
)

DEFAULTS = {"note": ""}  # every other kind of target defaults to None


def _default(target: str) -> object:
    return DEFAULTS.get(target.partition(":")[0])


def _normalise(target: str, value: object) -> object:
    if target == "answer:licence_needs" and value is not None:
        return [o for o in NEEDS_ORDER if o in value]
    return value


def _blank(value: object) -> bool:
    return value is None or value == "" or value == []


def predict_missing(v: dict[str, object]) -> list[tuple[str, str]]:
    """What mini.yaml says is missing, in form order, from a read's values."""
    get = lambda target: v.get(target, _default(target))  # noqa: E731
    out: list[tuple[str, str]] = []
    for f in ("gender", "disposal_type"):  # the required profile fields
        if _blank(get(f"profile:{f}")):
            out.append(("profile", f))
    if get("interview:held") is None:
        out.append(("interview", ""))

    def key_question(q: str) -> None:  # judgement, required, evidence required
        answer = get(f"answer:{q}")
        if _blank(answer):
            out.append(("answer", q))  # listed once, not again for its note
        elif answer != "na" and not get(f"note:{q}").strip():
            out.append(("evidence", q))

    key_question("assess_engage")  # its prompt assess_engage_views is optional
    key_question("assess_safety")
    if get("answer:assess_safety") == "no" and _blank(get("answer:assess_safety_checks")):
        out.append(("answer", "assess_safety_checks"))
    if get("profile:disposal_type") == "licence":
        key_question("licence_conditions")  # licence_needs and licence_contacts are optional
    return out


class StoreMachine(RuleBasedStateMachine):
    make_store = None  # set by the test: the conftest factory

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="hmip-store-model-"))
        self.store, self.rids = type(self).make_store(self.dir / "field.sqlite")
        self.values: dict[str, dict[str, object]] = {
            case: {f"profile:{k}": val for k, val in INITIAL_PROFILES[case].items()} for case in CASES
        }
        self.status = {case: "not_started" for case in CASES}
        self.undo_stack: list[tuple[int, str, object, object]] = []
        self.redo_stack: list[tuple[int, str, object, object]] = []
        self.events = audit.head(self.store.db)[0]

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- the model ---------------------------------------------------------------------

    def _case(self, rid: int) -> str:
        return next(case for case, r in self.rids.items() if r == rid)

    def _current(self, case: str, target: str) -> object:
        return self.values[case].get(target, _default(target))

    def _model_write(self, case: str, target: str, value: object) -> bool:
        """Apply one durable write to the model; True if it changed something."""
        if self._current(case, target) == value:
            return False
        if value == _default(target):
            self.values[case].pop(target, None)
        else:
            self.values[case][target] = value
        self.status[case] = "in_progress"
        self.events += 1
        return True

    def _push(self, edit: tuple[int, str, object, object]) -> None:
        top = self.undo_stack[-1] if self.undo_stack else None
        if top is not None and edit[1].startswith("note:") and top[:2] == edit[:2]:
            if top[2] == edit[3]:  # typed back to where the burst started: nothing to undo
                self.undo_stack.pop()
            else:
                self.undo_stack[-1] = (edit[0], edit[1], top[2], edit[3])
        else:
            self.undo_stack.append(edit)
        self.redo_stack.clear()

    def _check_changes(self, changes, case: str, target: str, changed: bool, status_before: str) -> None:
        assert changes.case_read_id == self.rids[case]
        assert tuple(map(str, changes.targets)) == ((target,) if changed else ())
        assert changes.status == self.status[case]
        assert changes.audit_seq == self.events
        assert changes.status_changed == (changed and status_before != "in_progress")

    def _set(self, case: str, target: str, value: object) -> None:
        rid = self.rids[case]
        kind, _, key = target.partition(":")
        call = {
            "answer": self.store.set_answer,
            "note": self.store.set_note,
            "profile": self.store.set_profile,
            "interview": self.store.set_interview,
        }[kind]
        if self.status[case] == "complete":
            event("write refused: read complete")
            with pytest.raises(ReadLocked):
                call(rid, key, value)
            return
        before, status_before = self._current(case, target), self.status[case]
        changes = call(rid, key, value)  # the raw value: the store normalises it
        value = _normalise(target, value)
        changed = self._model_write(case, target, value)
        if changed:
            event("note edits merged" if self.undo_stack and target.startswith("note:")
                  and self.undo_stack[-1][:2] == (rid, target) else "write")
            self._push((rid, target, before, value))
        else:
            event("write: no-op")
        self._check_changes(changes, case, target, changed, status_before)

    # -- rules -------------------------------------------------------------------------

    @rule(case=st.sampled_from(CASES), qv=answers)
    def set_answer(self, case, qv):
        self._set(case, f"answer:{qv[0]}", qv[1])

    @rule(case=st.sampled_from(CASES), qv=notes)
    def set_note(self, case, qv):
        self._set(case, f"note:{qv[0]}", qv[1])

    @rule(case=st.sampled_from(CASES), fv=profiles)
    def set_profile(self, case, fv):
        self._set(case, f"profile:{fv[0]}", fv[1])

    @rule(case=st.sampled_from(CASES), held=st.sampled_from([True, False, None]))
    def set_interview_held(self, case, held):
        self._set(case, "interview:held", held)

    @rule(case=st.sampled_from(CASES), tv=invalid)
    def set_invalid(self, case, tv):
        expected = ReadLocked if self.status[case] == "complete" else InvalidValue
        with pytest.raises(expected):
            self.store.set(self.rids[case], *tv)

    @rule(case=st.sampled_from(CASES), licence=st.booleans())
    def fill_in(self, case, licence):
        """Record what is missing, one ordinary edit at a time (makes completion reachable)."""
        if self.status[case] == "complete":
            return
        fill = {"profile": "female", "interview": True, "answer": "yes", "evidence": "evidence noted"}
        for _ in range(12):
            gaps = predict_missing(self.values[case])
            if not gaps:
                break
            kind, target = gaps[0]
            if kind == "profile" and target == "disposal_type":
                self._set(case, "profile:disposal_type", "licence" if licence else "community_order")
            elif kind == "evidence":
                self._set(case, f"note:{target}", fill["evidence"])
            elif kind == "interview":
                self._set(case, "interview:held", True)
            else:
                self._set(case, f"{kind}:{target}", fill[kind])
        assert predict_missing(self.values[case]) == []

    def _undo_redo(self, name: str, stack: list, other: list, index: int) -> None:
        method = getattr(self.store, name)
        if not stack:
            assert method() is None
            return
        edit = stack[-1]
        case = self._case(edit[0])
        if self.status[case] == "complete":
            event(f"{name} refused: read complete")
            with pytest.raises(ReadLocked):
                method()
            return  # stacks unchanged: the invariant compares their tops
        status_before = self.status[case]
        changes = method()
        changed = self._model_write(case, edit[1], edit[index])
        other.append(stack.pop())
        event(f"{name}: {'changed' if changed else 'no-op'}")
        self._check_changes(changes, case, edit[1], changed, status_before)

    @rule()
    def undo(self):
        self._undo_redo("undo", self.undo_stack, self.redo_stack, 2)

    @rule()
    def redo(self):
        self._undo_redo("redo", self.redo_stack, self.undo_stack, 3)

    @rule(case=st.sampled_from(CASES))
    def complete(self, case):
        rid = self.rids[case]
        predicted = predict_missing(self.values[case])
        result = self.store.complete(rid)
        if self.status[case] == "complete":
            assert result == CompletionResult(True, [], None)
        elif predicted:
            assert not result.completed and result.changes is None
            assert [(m.kind, m.target) for m in result.missing] == predicted
        else:
            assert result.completed and result.missing == []
            event("complete: succeeded")
            self.status[case] = "complete"
            self.events += 1
            assert result.changes.targets == (Target("status"),) and result.changes.status == "complete"
            assert result.changes.audit_seq == self.events

    @rule(case=st.sampled_from(CASES))
    def reopen(self, case):
        changes = self.store.reopen(self.rids[case])
        if self.status[case] != "complete":
            assert changes is None
            return
        self.status[case] = "in_progress"
        self.events += 1
        assert changes.targets == (Target("status"),) and changes.status == "in_progress"
        assert changes.audit_seq == self.events

    # -- invariants --------------------------------------------------------------------

    @invariant()
    def store_equals_model(self):
        for case in CASES:
            read = self.store.read(self.rids[case])
            v = self.values[case]
            kinds: dict[str, dict[str, object]] = {"answer": {}, "note": {}, "profile": {}}
            for target, value in v.items():
                kind, _, key = target.partition(":")
                if kind in kinds and not (kind == "note" and value == ""):
                    kinds[kind][key] = value
            assert read.answers == kinds["answer"], case
            assert read.notes == kinds["note"], case
            assert read.profile == kinds["profile"], case
            assert read.interview_held == v.get("interview:held"), case
            assert read.status == self.status[case], case
            assert [(m.kind, m.target) for m in self.store.missing(self.rids[case])] == predict_missing(v), case

    @invariant()
    def undo_and_redo_tops_equal_model(self):
        for peek, stack in ((self.store.undo_stack.peek_undo, self.undo_stack),
                            (self.store.undo_stack.peek_redo, self.redo_stack)):
            edit = peek()
            got = None if edit is None else (edit.case_read_id, str(edit.target), edit.before, edit.after)
            assert got == (stack[-1] if stack else None)

    @invariant()
    def audit_chain_is_intact(self):
        report = audit.verify(self.store.db)
        assert report.ok, report.reason
        assert report.events == self.events


@pytest.mark.slow
def test_store_behaves_like_the_model(make_store):
    machine = type("BoundStoreMachine", (StoreMachine,), {"make_store": staticmethod(make_store)})
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=250,
            stateful_step_count=50,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
