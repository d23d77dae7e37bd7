"""Cross-reference checks over a framework that has the right shape.

Each check yields ``(path, reason)`` where ``path`` is the path into the YAML data,
so the loader can turn it into ``FILE:LINE: reason``. The checks report *every*
problem they find rather than stopping at the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from . import relevance
from .model import SCALED_TYPES, Answer, Framework, Text

Problem = tuple[tuple, str]


def check(fw: Framework) -> list[Problem]:
    problems: list[Problem] = []
    for fn in (_welsh, _unique_ids, _references, _relevance, _bands, _overall, _standards):
        problems.extend(fn(fw))
    return problems


# -- helpers ------------------------------------------------------------------------


def _walk(obj: object, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Every model and value in the framework with its path (YAML keys and indexes)."""
    yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name in obj.model_fields_set or isinstance(getattr(obj, name), (BaseModel, list)):
                yield from _walk(getattr(obj, name), path + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _walk(item, path + (i,))


def _case_questions(fw: Framework) -> Iterator[tuple[tuple, object]]:
    """(path, question) for every key question and prompt, case-based or not."""
    for d, domain in enumerate(fw.domains):
        for s, standard in enumerate(domain.standards):
            for k, kq in enumerate(standard.key_questions):
                base = ("domains", d, "standards", s, "key_questions", k)
                yield base, kq
                for p, prompt in enumerate(kq.prompts):
                    yield base + ("prompts", p), prompt


def _duplicates(items: Iterable[tuple[tuple, str]], what: str) -> Iterator[Problem]:
    seen: dict[str, tuple] = {}
    for path, ident in items:
        if ident in seen:
            yield path + ("id",), f"duplicate {what} id '{ident}'"
        else:
            seen[ident] = path


# -- the checks ---------------------------------------------------------------------


def _welsh(fw: Framework) -> Iterator[Problem]:
    for path, obj in _walk(fw):
        if isinstance(obj, Text) and not (obj.cy or "").strip():
            yield path, f"missing Welsh text (cy) for '{obj.en[:40]}'"


def _unique_ids(fw: Framework) -> Iterator[Problem]:
    yield from _duplicates(((p, q.id) for p, q in _case_questions(fw)), "question")
    yield from _duplicates(
        (
            (("domains", d, "standards", s), st.id)
            for d, dom in enumerate(fw.domains)
            for s, st in enumerate(dom.standards)
        ),
        "standard",
    )
    yield from _duplicates(((("domains", d), dom.id) for d, dom in enumerate(fw.domains)), "domain")
    yield from _duplicates(((("scales", i), s.id) for i, s in enumerate(fw.scales)), "scale")
    yield from _duplicates(((("threads", i), t.id) for i, t in enumerate(fw.threads)), "thread")
    yield from _duplicates(
        ((("case_profile", i), f.id) for i, f in enumerate(fw.case_profile)), "profile field"
    )
    yield from _duplicates(((("rating", "bands", i), b.id) for i, b in enumerate(fw.rating.bands)), "band")
    for i, scale in enumerate(fw.scales):
        yield from _duplicates(
            ((("scales", i, "options", j), o.id) for j, o in enumerate(scale.options)), "option"
        )


def _answer_problems(fw: Framework, path: tuple, answer: Answer) -> Iterator[Problem]:
    scale_ids = {s.id for s in fw.scales}
    if answer.type in SCALED_TYPES:
        if not answer.scale:
            yield path + ("answer", "type"), f"a {answer.type} answer needs a 'scale'"
        elif answer.scale not in scale_ids:
            yield path + ("answer", "scale"), f"unknown scale '{answer.scale}'"
        elif answer.type == "graded" and not any(o.sufficient for o in fw.scale(answer.scale).options):
            yield path + ("answer", "scale"), f"scale '{answer.scale}' has no option marked sufficient"
    elif answer.scale is not None:
        yield path + ("answer", "scale"), f"a {answer.type} answer takes no scale"
    if answer.min is not None and answer.max is not None and answer.min > answer.max:
        yield path + ("answer", "min"), "min is greater than max"


def _references(fw: Framework) -> Iterator[Problem]:
    threads = {t.id for t in fw.threads}
    scale_ids = {s.id for s in fw.scales}
    for path, q in _case_questions(fw):
        yield from _answer_problems(fw, path, q.answer)
        for i, thread in enumerate(getattr(q, "threads", [])):
            if thread not in threads:
                yield path + ("threads", i), f"unknown thread '{thread}'"
    for i, f in enumerate(fw.case_profile):
        if f.type == "single_choice":
            if not f.scale:
                yield ("case_profile", i, "type"), f"profile field '{f.id}' needs a 'scale'"
            elif f.scale not in scale_ids:
                yield ("case_profile", i, "scale"), f"unknown scale '{f.scale}'"
    for field_id, quotas in fw.sample.quotas.items():
        try:
            field = fw.profile_field(field_id)
        except KeyError:
            yield ("sample", "quotas", field_id), f"quota on unknown profile field '{field_id}'"
            continue
        if not field.stratify:
            yield ("sample", "quotas", field_id), f"quota on '{field_id}', which is not a stratification field (stratify: true)"
        known = {o.id for o in fw.scale(field.scale).options} if field.scale in scale_ids else set()
        counted: dict[str, str] = {}
        for name, quota in quotas.items():
            if isinstance(quota, int):
                if name not in known:
                    yield ("sample", "quotas", field_id, name), f"quota on unknown value '{name}'"
                values = [name]
            else:
                if name in known:
                    yield ("sample", "quotas", field_id, name), f"group quota '{name}' is named like a value: name the group"
                values = quota.values
                for i, value in enumerate(values):
                    if value not in known:
                        yield ("sample", "quotas", field_id, name, "values", i), f"quota on unknown value '{value}'"
            for value in values:
                if counted.setdefault(value, name) != name:
                    yield ("sample", "quotas", field_id, name), f"quotas '{counted[value]}' and '{name}' both count '{value}'"


def known_names(fw: Framework) -> set[str]:
    """The names a relevance expression may use in this framework."""
    names = {f"profile.{f.id}" for f in fw.case_profile}
    names |= {f"answer.{q.id}" for _, q in _case_questions(fw)}
    return names


def _relevance(fw: Framework) -> Iterator[Problem]:
    names = known_names(fw)
    sites: list[tuple[tuple, str]] = []
    for d, domain in enumerate(fw.domains):
        for s, standard in enumerate(domain.standards):
            if standard.relevant is not None:
                sites.append((("domains", d, "standards", s, "relevant"), standard.relevant))
    sites += [(p + ("relevant",), q.relevant) for p, q in _case_questions(fw) if q.relevant is not None]
    for path, text in sites:
        try:
            expr = relevance.parse(text)
        except relevance.RelevanceSyntaxError as exc:
            yield path, f"relevance expression does not parse: {exc}"
            continue
        for name in sorted(relevance.references(expr) - names):
            yield path, f"relevance expression names unknown field '{name}'"


def _bands(fw: Framework) -> Iterator[Problem]:
    rules = fw.rating
    if rules.standard.method in ("none", "pooled_percent") and not rules.bands:
        return
    if not rules.bands:
        yield ("rating", "standard", "method"), f"standard method '{rules.standard.method}' needs bands"
        return
    order = sorted(range(len(rules.bands)), key=lambda i: rules.bands[i].min)
    for i in order:
        b = rules.bands[i]
        if b.min >= b.max:
            yield ("rating", "bands", i, "min"), f"band '{b.id}' is empty: min {b.min:g} >= max {b.max:g}"
    first, last = rules.bands[order[0]], rules.bands[order[-1]]
    if first.min > 0:
        yield ("rating", "bands", order[0], "min"), f"bands leave a gap: 0 to {first.min:g}% is in no band"
    if last.max < 100:
        yield ("rating", "bands", order[-1], "max"), f"bands leave a gap: {last.max:g} to 100% is in no band"
    for prev_i, next_i in zip(order, order[1:]):
        prev, nxt = rules.bands[prev_i], rules.bands[next_i]
        if nxt.min < prev.max:
            yield ("rating", "bands", next_i, "min"), (
                f"band '{nxt.id}' ({nxt.min:g}-{nxt.max:g}%) overlaps band '{prev.id}' "
                f"({prev.min:g}-{prev.max:g}%)"
            )
        elif nxt.min > prev.max:
            yield ("rating", "bands", next_i, "min"), (
                f"bands leave a gap between '{prev.id}' and '{nxt.id}': {prev.max:g} to {nxt.min:g}%"
            )


def _counted(fw: Framework) -> int:
    """How many standards can score in the overall (case-based and lead-judged ones)."""
    return sum(1 for st in fw.standards(None) if st.in_overall
               and (st.kind == "case" or (st.evidence is not None and st.evidence.method == "lead_judgement")))


def _overall(fw: Framework) -> Iterator[Problem]:
    rule = fw.rating.overall
    if rule.method == "none":
        return
    if rule.method == "pooled_percent":
        if rule.bands:
            yield ("rating", "overall", "bands"), "pooled_percent gives a percentage, not a band: it takes no bands"
        return
    if fw.rating.standard.method in ("none", "pooled_percent"):
        yield ("rating", "overall", "method"), "sum_of_scores needs standards rated in bands"
        return
    if not rule.bands:
        yield ("rating", "overall", "bands"), "sum_of_scores needs score bands"
        return
    fractions = [b.up_to is not None for b in rule.bands]
    if any(fractions):
        yield from _fraction_bands(fw)
        return
    for i, b in enumerate(rule.bands):
        if b.min_score is None or b.max_score is None:
            yield ("rating", "overall", "bands", i, "id"), f"score band '{b.id}' needs min_score and max_score, or up_to"
            return
    top = max((b.score for b in fw.rating.bands), default=0)
    total = top * _counted(fw)
    order = sorted(range(len(rule.bands)), key=lambda i: rule.bands[i].min_score)
    expected = 0
    for i in order:
        b = rule.bands[i]
        path = ("rating", "overall", "bands", i, "min_score")
        if b.min_score > b.max_score:
            yield path, f"score band '{b.id}' is empty: {b.min_score} > {b.max_score}"
        if b.min_score > expected:
            yield path, f"score bands leave a gap: {expected} to {b.min_score - 1} is in no band"
        elif b.min_score < expected:
            yield path, f"score band '{b.id}' overlaps the band below it at {b.min_score}"
        expected = max(expected, b.max_score + 1)
    if expected <= total:
        i = order[-1]
        yield ("rating", "overall", "bands", i, "max_score"), (
            f"score bands stop at {expected - 1} but standards can score up to {total}"
        )


def _fraction_bands(fw: Framework) -> Iterator[Problem]:
    bands = fw.rating.overall.bands
    seen: dict = {}
    for i, b in enumerate(bands):
        path = ("rating", "overall", "bands", i)
        if b.up_to is None or b.min_score is not None or b.max_score is not None:
            yield path + ("id",), f"score band '{b.id}': give every band an up_to fraction, or every band min_score and max_score"
            continue
        f = b.fraction()
        if f > 1:
            yield path + ("up_to",), f"score band '{b.id}': up_to {b.up_to} is more than the maximum"
        elif f in seen:
            yield path + ("up_to",), f"score band '{b.id}' has the same up_to as '{seen[f]}'"
        seen[f] = b.id
    if seen and max(seen) != 1:
        yield ("rating", "overall", "bands"), "the top score band needs up_to: \"1\" (the maximum)"


def _standards(fw: Framework) -> Iterator[Problem]:
    """Kinds, evidence rules and numbers."""
    scale_ids = {s.id for s in fw.scales}
    numbers: list[tuple[tuple, str]] = []
    for d, domain in enumerate(fw.domains):
        for s, st in enumerate(domain.standards):
            path = ("domains", d, "standards", s)
            if st.number:
                numbers.append((path + ("number",), st.number))
            if st.kind == "case" and not domain.case_based:
                yield path + ("kind",), f"standard '{st.id}' is in a domain judged on evidence (case_based: false)"
            if st.kind == "case" and st.evidence is not None:
                yield path + ("evidence",), f"standard '{st.id}' is case-based: an evidence rule needs kind: evidence"
            if st.kind != "evidence":
                continue
            if st.evidence is None:
                yield path + ("kind",), f"standard '{st.id}' is judged on evidence: it needs an 'evidence' rule"
                continue
            if st.evidence.scale is not None and st.evidence.scale not in scale_ids:
                yield path + ("evidence", "scale"), f"unknown scale '{st.evidence.scale}'"
            if st.evidence.scale is None and not fw.rating.bands:
                yield path + ("evidence", "scale"), "judgements on evidence need a scale (the framework has no rating bands)"
            if st.evidence.method == "lead_judgement" and not fw.rating.bands:
                yield path + ("evidence", "method"), "lead_judgement decides a rating band: the framework has no bands"
    seen: dict[str, tuple] = {}
    for path, number in numbers:
        if number in seen:
            yield path, f"duplicate standard number '{number}'"
        seen.setdefault(number, path)
