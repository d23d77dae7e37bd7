"""Every value of an incoming case read checked against the inspection's pinned
framework, with the field store's own rules (``field.values`` for values,
``field.form_state`` for what a complete read needs): the central store holds nothing
the laptop could not have written.

Refusals are :class:`Rejected` with one line, ``case_reads.jsonl:LINE: case X: reason``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..exchange.envelope import Rejected
from ..exchange.formats import CaseReadRecord
from ..field import form_state, values
from ..field.values import InvalidValue
from ..messages import Msg, OneLine
from ..frameworks.model import Answer, Framework, ProfileField

#: Answer types whose value is one option id of a scale.
ONE_OPTION = ("judgement", "graded", "descriptor", "single_choice")
MAX_REASON = 300
#: What a read marked complete lacks, by kind of requirement (form_state.Gap.kind).
_GAPS = {"answer": Msg.of("import.gap_answer"), "evidence": Msg.of("import.gap_evidence"),
         "profile": Msg.of("import.gap_profile"), "interview": Msg.of("import.gap_interview")}


@dataclass(frozen=True)
class _Question:
    answer: Answer
    #: the option ids, for answers that are one option id (the common case, checked fast)
    options: frozenset[str] | None


class Checker:
    """A framework indexed once for checking many reads (lookups by id, not scans)."""

    def __init__(self, fw: Framework):
        self.fw = fw
        self.questions = {
            q.id: _Question(q.answer, frozenset(o.id for o in fw.options(q.answer)) if q.answer.type in ONE_OPTION
                            else None)
            for q in fw.questions(case_based=None)}
        self.profile: dict[str, ProfileField] = {f.id: f for f in fw.case_profile}
        #: profile field id → its option ids, for fields whose value is one of them (checked fast)
        self.profile_options: dict[str, frozenset[str]] = {
            f.id: frozenset(o.id for o in fw.scale(f.scale).options) for f in fw.case_profile
            if f.type == "single_choice" and f.scale}
        self.completeness = form_state.Completeness(fw)

    def check(self, record: CaseReadRecord, where: Msg | str) -> None:
        """Rejected (one line, starting with ``where``) unless every value is allowed."""
        try:
            self._check(record, where)
        except InvalidValue as exc:
            raise Rejected.of("import.value", reason=OneLine(exc, MAX_REASON)) from None

    def _check(self, record: CaseReadRecord, where: Msg | str) -> None:
        fw = self.fw
        options = self.profile_options
        for key, value in record.profile.items():
            if type(value) is str and value in options.get(key, ()):
                continue  # an option id of the field's scale: what profile_value returns unchanged
            pf = self.profile.get(key)
            if pf is None:
                raise InvalidValue.of("import.profile_field", where=where, key=key, framework=fw.id, version=fw.version)
            at = Msg.of("import.where_profile", where=where, key=key)
            _same(values.profile_value(fw, pf, value, at), value, at)
        interview = record.interview
        at = Msg.of("import.where_interview_date", where=where)
        _same(values.interview_value("date", interview.date, at), interview.date, at)
        for qid, answer in record.answers.items():
            q = self.questions.get(qid)
            if q is None:
                raise InvalidValue.of("import.question", where=where, question=qid, framework=fw.id, version=fw.version)
            value = answer.value
            if q.options is not None and type(value) is str and value in q.options:
                continue  # an option id of its scale: by far the most common value
            at = Msg.of("import.where_item", where=where, item=qid)
            _same(values.answer_value(fw, q.answer, value, at), value, at)
        if record.status == "complete":
            gaps = self.completeness.missing(form_state.ReadValues(
                record.profile, {q: a.value for q, a in record.answers.items()},
                {q: a.note for q, a in record.answers.items()}, interview.held))
            if gaps:
                first = gaps[0]
                raise InvalidValue.of("import.incomplete", where=where, what=_GAPS[first.kind],
                                      target=f" {first.target}" if first.target else "", count=len(gaps))


def _same(normalised: object, value: object, where: Msg) -> None:
    """The field store normalises some values (dates, choice order); a bundle must
    already carry the normal form, which its revision id was computed over."""
    if normalised != value or type(normalised) is not type(value) and not isinstance(value, (int, float)):
        raise InvalidValue.of("import.normal_form", where=where, value=str(value)[:60], normalised=repr(normalised))
