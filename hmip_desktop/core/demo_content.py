"""The demo's invented content, for any framework: caseload profiles from the
framework's profile fields (their scales; the adult caseload's rough shape where the
options match), and answers and evidence notes of each question's own answer type
(judgements, graded and descriptor scales, choices, numbers, dates, text), so that every
value passes the field store's and the central importer's checks. No real data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .field import form_state
from .frameworks import Framework
from .frameworks.model import Answer, ProfileField


# Rough shape of an adult probation caseload (weights, not real statistics).
WEIGHTS = {
    "gender": {"male": 84, "female": 15, "other": 1},
    "disposal_type": {"community_order": 38, "suspended_sentence_order": 20, "licence": 32, "post_sentence_supervision": 10},
    "risk_level": {"low": 14, "medium": 52, "high": 30, "very_high": 4},
    "age_band": {"age_18_24": 18, "age_25_34": 36, "age_35_49": 32, "age_50_plus": 14},
    "ethnicity": {"white": 72, "black": 9, "asian": 9, "mixed": 5, "other_ethnic_group": 2, "not_stated": 3},
    "disability": {"yes": 22, "no": 63, "not_known": 15},
    "reoffending_likelihood": {"low": 35, "medium": 40, "high": 25},
}

SOURCES = [
    "the pre-sentence report",
    "the OASys assessment",
    "the case record entries",
    "the interview with the case holder",
    "the sentence plan",
    "police domestic abuse call-out information",
    "children's social care checks",
    "the latest review",
]
SUFFICIENT = [
    "The practitioner {verb} well, drawing on {src} and {src2}; the person's own views were recorded.",
    "Clear, analytical work: {src} was used and the factors linked to offending were identified and prioritised.",
    "Sound practice evidenced in {src}; the case holder explained the rationale convincingly at interview.",
    "{Src} shows timely, well-judged work that kept the focus on the right issues.",
]
INSUFFICIENT = [
    "Not enough: {src} was not used, and the work relied on self-report without checking it.",
    "Gaps in {src}: relevant information from {src2} was available but not taken into account.",
    "The practitioner did not {verb_base} in time; the delay was not explained in {src}.",
    "Partly done, but {src} was not followed up and the omissions were significant for this case.",
]
NOT_APPLICABLE = "Not applicable for this case: {src} confirms there was no requirement at this stage."
VERBS = {
    "assessment": ("assessed the case", "assess the case"),
    "planning": ("planned", "plan the work"),
    "implementation_delivery": ("delivered the work", "deliver the work"),
    "reviewing": ("reviewed progress", "review progress"),
}


#: Weights of a judgement or graded answer: sufficient, not sufficient, not applicable.
JUDGED = (68, 27, 5)


def field_weights(fw: Framework, field: ProfileField) -> dict[str, int]:
    """How often each option of a profile field occurs: the adult caseload's shape where
    the field's options are those of ``WEIGHTS``, else a gently falling spread."""
    options = [o.id for o in fw.scale(field.scale).options] if field.scale else []
    known = WEIGHTS.get(field.id, {})
    if options and set(options) <= set(known):
        return {o: known[o] for o in options}
    return {o: max(1, 12 - 2 * i) for i, o in enumerate(options)}


def profile_value(fw: Framework, field: ProfileField, rng: random.Random) -> object:
    if field.type == "single_choice":
        w = field_weights(fw, field)
        return rng.choices(list(w), weights=list(w.values()))[0]
    if field.type == "boolean":
        return rng.random() < 0.2
    if field.type == "number":
        return rng.randint(1, 20)
    if field.type == "date":
        return _date(rng, date(2024, 1, 1), 700)
    return rng.choice(("North team", "South team", "City team"))


def caseload(fw: Framework, rng: random.Random, size: int, prefix: str = "NM") -> list[dict]:
    """``size`` invented cases with provider-style references and profiles of the framework's fields."""
    cases = []
    for n in rng.sample(range(1000, 99999), size):
        profile = {f.id: profile_value(fw, f, rng) for f in fw.case_profile}
        cases.append({"case_id": f"{prefix}{rng.choice((23, 24, 25))}-{n:05d}", "profile": profile, "selection": "caseload"})
    return cases


def _date(rng: random.Random, start: date, days: int) -> str:
    return (start + timedelta(days=rng.randint(0, days))).isoformat()


def answer(fw: Framework, spec: Answer, rng: random.Random, weights: tuple[int, int, int] = JUDGED) -> object:
    """A valid value of ``spec``'s type: a scale option (sufficient, not, not applicable
    in ``weights``' proportions where the scale says which is which), a few choices, a
    number within its bounds, a date, a short text."""
    options = fw.options(spec)
    if spec.type == "multiple_choice":
        return [o.id for o in rng.sample(options, rng.randint(1, min(3, len(options))))]
    if options:
        groups = [[o for o in options if o.applicable and o.sufficient],
                  [o for o in options if o.applicable and not o.sufficient],
                  [o for o in options if not o.applicable]]
        kept = [(g, w) for g, w in zip(groups, weights) if g]
        group = rng.choices([g for g, _ in kept], weights=[w for _, w in kept])[0]
        return rng.choice(group).id
    if spec.type == "number":
        lo = int(spec.min) if spec.min is not None else 0
        return rng.randint(lo, max(lo, int(spec.max) if spec.max is not None else lo + 20))
    if spec.type == "date":
        return _date(rng, date(2026, 1, 1), 300)
    return "Recorded from the case file (demo)."


def note(fw: Framework, spec: Answer, rng: random.Random, standard_id: str, value: object) -> str:
    """An evidence note that fits the judgement ``value`` (sufficient, not, not applicable)."""
    verb, verb_base = VERBS.get(standard_id, ("did the work", "do the work"))
    src, src2 = rng.sample(SOURCES, 2)
    option = next((o for o in fw.options(spec) if o.id == value), None)
    if option is not None and not option.applicable:
        template = NOT_APPLICABLE
    else:
        template = rng.choice(SUFFICIENT if option is None or option.sufficient else INSUFFICIENT)
    return template.format(verb=verb, verb_base=verb_base, src=src, src2=src2, Src=src[0].upper() + src[1:])


def fill(fw: Framework, rng: random.Random, profile: dict, complete: bool) -> tuple[dict, dict]:
    """Answers and notes for one read: all of it when ``complete``, else a plausible part."""
    answers: dict[str, object] = {}
    notes: dict[str, str] = {}
    standards = list(fw.standards())
    stop = len(standards) if complete else rng.randint(1, max(1, len(standards) - 1))
    for standard in standards[:stop]:
        for kq in standard.key_questions:
            if kq.id not in form_state.visible(fw, form_state.ReadValues(profile, answers, notes, True)):
                continue
            answers[kq.id] = answer(fw, kq.answer, rng)
            if kq.evidence != "none":
                notes[kq.id] = note(fw, kq.answer, rng, standard.id, answers[kq.id])
            for prompt in kq.prompts:
                shown = form_state.visible(fw, form_state.ReadValues(profile, answers, notes, True))
                if prompt.id in shown and (prompt.required or rng.random() < (0.9 if complete else 0.6)):
                    answers[prompt.id] = answer(fw, prompt.answer, rng, (70, 25, 5))
    return answers, notes


#: The demo lead's reasons for changing a judgement (invented, in a lead's words).
MODERATION_RATIONALES = [
    "The record shows no analysis of the risk to the partner; the judgement is changed.",
    "The plan names the work but not how or when it will be done; not sufficient on this evidence.",
    "The case holder's interview filled the gap the record leaves: the work was done and reviewed.",
    "Contact fell below the planned frequency for six weeks with no recorded reason.",
    "The review took account of the new information from the police; sufficient.",
]
#: How often the demo lead changes a judgement on moderation (the rest are agreed).
CHANGE_RATE = 0.12


def moderated_value(fw: Framework, question_id: str, value: object, rng: random.Random) -> object:
    """The value a moderating lead puts in place of ``value``: ``value`` itself (agreed)
    most of the time, else an applicable option on the other side of sufficiency."""
    if rng.random() >= CHANGE_RATE:
        return value
    options = fw.options(fw.question(question_id).answer)
    current = next((o for o in options if o.id == value), None)
    if current is None or not current.applicable:
        return value
    other = [o.id for o in options if o.applicable and o.sufficient != current.sufficient]
    return rng.choice(other) if other else value
