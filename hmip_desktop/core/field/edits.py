"""One edit to a case read, as pure functions: what it targets and what it does.

The field store's write path and the case read form both apply an edit with
:func:`apply_edit`, so what the form shows while the save runs is exactly what the
store will hold after it: the value checked and normalised the same way, a cleared
answer dropped (a cleared multiple choice kept as ``[]``), the status rule
not_started → in_progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..frameworks import Framework
from ..messages import Msg, Refusal
from . import values
from .form_state import ReadValues

KINDS = ("answer", "note", "profile", "interview", "status")


class ReadLocked(Refusal):
    """The case read is complete (it must be reopened before it can change), or its case
    is now allocated to someone else (it stays read-only on this laptop)."""


@dataclass(frozen=True)
class Target:
    """What an edit changes: ``Target("answer", question_id)``, ``Target("note", question_id)``,
    ``Target("profile", field_id)``, ``Target("interview", "held" | "date" | "note")``,
    or ``Target("status")`` (completing and reopening).

    ``str(target)`` is the form stored in the audit log ("answer:q", "status") and
    :meth:`parse` reads it back. The audit hash chain covers that text: keep it as it is.
    """

    kind: str
    key: str = ""

    @classmethod
    def parse(cls, text: str) -> Target:
        kind, _, key = text.partition(":")
        if kind not in KINDS:
            raise KeyError(f"unknown target '{text}'")
        return cls(kind, key)

    @classmethod
    def of(cls, target: Target | str) -> Target:
        """``target`` as a Target (the stored string form is accepted too)."""
        return target if isinstance(target, Target) else cls.parse(target)

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}" if self.key else self.kind


@dataclass
class CaseRead:
    """A snapshot of one case read, as plain values."""

    id: int
    inspection_id: str
    case_id: str
    reader_id: str
    status: str
    profile: dict[str, object]
    answers: dict[str, object] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    interview_held: bool | None = None
    interview_date: str | None = None
    interview_note: str = ""
    updated_at: str = ""
    #: A lead inspector's comments on this read after QA, newest last (from receipts).
    lead_comments: list[dict] = field(default_factory=list)
    #: The latest pack gives the case to someone else: the read stays here, read-only.
    reallocated: bool = False

    def values(self) -> ReadValues:
        return ReadValues(self.profile, self.answers, self.notes, self.interview_held)


_INTERVIEW = {"held": "interview_held", "date": "interview_date", "note": "interview_note"}


def value_of(read: CaseRead, target: Target) -> object:
    """The value ``target`` has in ``read`` (None, or "" for notes, when not recorded)."""
    kind, key = target.kind, target.key
    if kind == "answer":
        return read.answers.get(key)
    if kind == "note":
        return read.notes.get(key, "")
    if kind == "profile":
        return read.profile.get(key)
    if kind == "interview" and key in _INTERVIEW:
        return getattr(read, _INTERVIEW[key])
    raise KeyError(f"unknown target '{target}'")


def checked_value(fw: Framework, read: CaseRead, target: Target, value: object) -> object:
    """``value`` checked and normalised for ``target``; raises InvalidValue or KeyError."""
    kind, key = target.kind, target.key
    where = Msg.of("where.case_item", case=read.case_id, item=key or kind)
    if kind in ("answer", "note"):
        try:
            question = fw.question(key)
        except KeyError:
            raise KeyError(f"case {read.case_id}: the framework has no question '{key}'") from None
        if kind == "note":
            return values.text_value("" if value is None else value, where)
        return values.answer_value(fw, question.answer, value, where)
    if kind == "profile":
        try:
            pf = fw.profile_field(key)
        except KeyError:
            raise KeyError(f"case {read.case_id}: the framework has no profile field '{key}'") from None
        return values.profile_value(fw, pf, value, where)
    if kind == "interview":
        return values.interview_value(key, value, where)
    raise KeyError(f"unknown target '{target}'")


def _with(mapping: dict, key: str, value: object, drop: bool) -> dict:
    out = dict(mapping)
    if drop:
        out.pop(key, None)
    else:
        out[key] = value
    return out


def apply_edit(fw: Framework, read: CaseRead, target: Target, value: object) -> CaseRead:
    """``read`` after setting ``target`` to ``value``, as the store holds it after the write.

    ``read`` itself is not changed; it is returned as it is when the value is already
    there. Raises ``ReadLocked`` for a complete read and ``InvalidValue`` or ``KeyError``
    for a value or target the framework does not allow, like the store's write.
    """
    if read.reallocated:
        raise ReadLocked.of("read.reallocated", case=read.case_id)
    if read.status == "complete":
        raise ReadLocked.of("read.locked", case=read.case_id)
    value = checked_value(fw, read, target, value)
    if value_of(read, target) == value:
        return read
    key, status = target.key, "in_progress"
    if target.kind == "answer":  # None clears; "" and [] are kept, as the store keeps them
        return replace(read, status=status, answers=_with(read.answers, key, value, value is None))
    if target.kind == "note":  # an empty note is no note
        return replace(read, status=status, notes=_with(read.notes, key, value, not value))
    if target.kind == "profile":
        return replace(read, status=status, profile=_with(read.profile, key, value, value is None))
    return replace(read, status=status, **{_INTERVIEW[key]: value})
