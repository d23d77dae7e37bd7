"""What a case read form looks like for one case: which questions apply, what is missing.

Pure functions over a framework and a case read's plain values, shared by the store
(the completion check, the progress each write reports) and the form (hiding
questions live as answers change).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..frameworks import relevance
from ..frameworks.model import Framework, KeyQuestion, Prompt


@dataclass(frozen=True)
class ReadValues:
    """The plain values of one case read, as the store holds them."""

    profile: Mapping[str, object]
    answers: Mapping[str, object]
    notes: Mapping[str, str]
    interview_held: bool | None = None


@dataclass(frozen=True)
class Missing:
    """One thing that stops a case read being marked complete."""

    #: "answer", "evidence", "profile" or "interview"
    kind: str
    #: The question or profile field id ("" for the interview).
    target: str
    standard_id: str = ""

    def describe(self, fw: Framework, lang: str = "en") -> str:
        if self.kind == "profile":
            label = fw.profile_field(self.target).label.get(lang)
            return f"Case profile: {label} is not recorded" if lang == "en" else f"Proffil yr achos: nid yw {label} wedi'i gofnodi"
        if self.kind == "interview":
            return (
                "Case holder interview: record whether it took place"
                if lang == "en"
                else "Cyfweliad â deiliad yr achos: cofnodwch a gafodd ei gynnal"
            )
        text = fw.question(self.target).text.get(lang)
        if self.kind == "answer":
            return f"No judgement: {text}" if lang == "en" else f"Dim barn: {text}"
        return f"No evidence note: {text}" if lang == "en" else f"Dim nodyn tystiolaeth: {text}"


@lru_cache(maxsize=512)
def _compiled(text: str) -> relevance.Expr:
    return relevance.parse(text)


def environment(values: ReadValues) -> dict[str, object]:
    env: dict[str, object] = {f"profile.{k}": v for k, v in values.profile.items()}
    env.update((f"answer.{k}", v) for k, v in values.answers.items())
    return env


def _holds(condition: str | None, env: Mapping[str, object]) -> bool:
    return condition is None or relevance.evaluate(_compiled(condition), env)


def visible(fw: Framework, values: ReadValues) -> set[str]:
    """Ids of the standards, key questions and prompts that apply to this case read."""
    env = environment(values)
    shown: set[str] = set()
    for standard in fw.standards():
        if not _holds(standard.relevant, env):
            continue
        shown.add(standard.id)
        for kq in standard.key_questions:
            if not _holds(kq.relevant, env):
                continue
            shown.add(kq.id)
            shown.update(p.id for p in kq.prompts if _holds(p.relevant, env))
    return shown


def _not_applicable(fw: Framework, q: KeyQuestion | Prompt) -> frozenset[str]:
    """The option ids of ``q``'s scale judged "not applicable" (the first option of an id decides)."""
    first: dict[object, bool] = {}
    for option in fw.options(q.answer):
        first.setdefault(option.id, option.applicable)
    return frozenset(i for i, applicable in first.items() if not applicable)


def _blank(value: object) -> bool:
    return value is None or value == "" or value == []


#: One shown question of a plan: (question, its standard's id, required, the option ids that
#: need no evidence note, or None when the question needs no evidence note at all).
_Step = tuple[KeyQuestion | Prompt, str, bool, frozenset[str] | None]


def _plan(fw: Framework, shown: set[str]) -> tuple[_Step, ...]:
    """The shown questions in form order, with what the completion check asks of each."""
    out: list[_Step] = []
    for standard in fw.standards():
        if standard.id not in shown:
            continue
        for kq in standard.key_questions:
            for q in (kq, *kq.prompts):
                if q.id in shown:
                    evidence = isinstance(q, KeyQuestion) and q.evidence == "required"
                    out.append((q, standard.id, q.required, _not_applicable(fw, q) if evidence else None))
    return tuple(out)


def _requirements(fw: Framework, values: ReadValues, plan: tuple[_Step, ...] | None = None) -> list[tuple[Missing, bool]]:
    """Every requirement of the completion check with whether it is met, in form order.

    Required: each required profile field; whether the case holder interview took
    place; every relevant required question; an evidence note for every relevant key
    question whose evidence is ``required``, unless it is judged not applicable (a
    "not applicable" judgement needs no evidence note). ``plan``: :func:`_plan` of what
    is visible for these values, when the caller knows it already.
    """
    out: list[tuple[Missing, bool]] = [
        (Missing("profile", f.id), not _blank(values.profile.get(f.id))) for f in fw.case_profile if f.required
    ]
    out.append((Missing("interview", ""), values.interview_held is not None))
    answers, notes = values.answers, values.notes
    for q, standard_id, required, not_applicable in _plan(fw, visible(fw, values)) if plan is None else plan:
        value = answers.get(q.id)
        if required:
            out.append((Missing("answer", q.id, standard_id), not _blank(value)))
        if not_applicable is not None and not (type(value) is str and value in not_applicable):
            out.append((Missing("evidence", q.id, standard_id), bool((notes.get(q.id) or "").strip())))
    return out


def _gaps(reqs: list[tuple[Missing, bool]]) -> list[Missing]:
    unanswered = {m.target for m, ok in reqs if m.kind == "answer" and not ok}
    return [m for m, ok in reqs if not ok and not (m.kind == "evidence" and m.target in unanswered)]


def missing(fw: Framework, values: ReadValues) -> list[Missing]:
    """What must still be recorded before the read can be marked complete, in form order.

    An unanswered question is listed once (for its judgement), not again for its note.
    """
    return _gaps(_requirements(fw, values))


def _frozen(value: object) -> object:
    """A hashable stand-in for a value, equal only for values relevance cannot tell apart
    (the type is kept: ``True`` and ``1`` are different values to relevance)."""
    if type(value) in (list, tuple):
        return (list, tuple(map(_frozen, value)))
    hash(value)  # TypeError for anything else unhashable: no caching then
    return (type(value), value)


class Completeness:
    """:func:`missing` for many reads of one framework (the central import): which
    questions apply is worked out once for each combination of the values that the
    framework's relevance conditions refer to, and reused for every read that has it."""

    #: Plans kept at most (a pathological variety of values only costs the cache).
    LIMIT = 4096

    def __init__(self, fw: Framework):
        self.fw = fw
        names: set[str] = set()
        for standard in fw.standards():
            for item in (standard, *standard.key_questions, *(p for kq in standard.key_questions for p in kq.prompts)):
                if item.relevant is not None:
                    names |= relevance.references(_compiled(item.relevant))
        self.names = tuple(sorted(names))
        #: (profile?, id) of each name: the key is read from the values without building the environment
        self._lookups = tuple((n.startswith("profile."), n.split(".", 1)[1]) for n in self.names)
        self.plans: dict[tuple, tuple[_Step, ...]] = {}
        self._required_profile = tuple(f.id for f in fw.case_profile if f.required)

    def _plan(self, values: ReadValues) -> tuple[_Step, ...] | None:
        """The plan for ``values``, cached; None when a value cannot be a cache key."""
        profile, answers = values.profile, values.answers
        try:
            key = tuple(_frozen((profile if in_profile else answers).get(name)) for in_profile, name in self._lookups)
        except TypeError:
            return None
        plan = self.plans.get(key)
        if plan is None:
            if len(self.plans) >= self.LIMIT:
                self.plans.clear()
            plan = self.plans[key] = _plan(self.fw, visible(self.fw, values))
        return plan

    def missing(self, values: ReadValues) -> list[Missing]:
        """The same list as :func:`missing` (tests/core/field/test_form_state.py checks it)."""
        plan = self._plan(values)
        if plan is None:
            return missing(self.fw, values)
        if self._met(values, plan):
            return []
        return _gaps(_requirements(self.fw, values, plan))

    def _met(self, values: ReadValues, plan: tuple[_Step, ...]) -> bool:
        """Whether every requirement of :func:`_requirements` is met, without building
        them: when one is not, :func:`_gaps` is not empty either (an evidence note it
        leaves out belongs to an unanswered required question, which it keeps)."""
        profile = values.profile
        if values.interview_held is None or any(_blank(profile.get(f)) for f in self._required_profile):
            return False
        answers, notes = values.answers, values.notes
        for q, _, required, not_applicable in plan:
            value = answers.get(q.id)
            if required and (value is None or value == "" or value == []):
                return False
            if not_applicable is not None and not (type(value) is str and value in not_applicable) \
                    and not (notes.get(q.id) or "").strip():
                return False
        return True


class Progress(NamedTuple):
    """How far a case read is towards completion: requirements met of all there are."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        """The percentage complete shown in the case list (100 when nothing is required)."""
        return round(100 * self.done / self.total) if self.total else 100


def progress(fw: Framework, values: ReadValues, status: str = "in_progress") -> Progress:
    """(done, total) over the requirements of the completion check.

    Nothing is done while the read's ``status`` is "not_started": its case profile comes
    filled in from the caseload, which is not the reader's work (0%, not 11%)."""
    reqs = _requirements(fw, values)
    return Progress(0 if status == "not_started" else sum(1 for _, ok in reqs if ok), len(reqs))
