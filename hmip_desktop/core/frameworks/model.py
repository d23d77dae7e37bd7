"""The framework model: a versioned case read form with its rating rules.

A framework file (YAML, in ``forms/``) is parsed into these pydantic models. The
models only check the *shape* of the file (types, required keys, no unknown keys);
the cross-reference checks that need the whole file at once (unique ids, known
threads and scales, relevance expressions, Welsh text, band coverage) live in
``checks.py`` so that every error can be reported with its line, not only the first.

Every user-facing string is a :class:`Text` with English (``en``) and Welsh (``cy``).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Lang = Literal["en", "cy"]

#: Identifiers in framework files: lower-case, digits and underscores, starting
#: with a letter. They cross boundaries (CSV, bundles), so keep them boring.
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

AnswerType = Literal[
    "judgement",  # yes / no / na: the modern standards' key question judgement
    "graded",  # a graded judgement on a named scale (the ESI excellent..not applicable)
    "descriptor",  # a descriptor scale (the ESI five-level "very well met".."not met")
    "single_choice",
    "multiple_choice",
    "text",
    "number",
    "date",
]

#: The answer types whose value is one option id from a scale.
SCALED_TYPES = frozenset({"graded", "descriptor", "single_choice", "multiple_choice"})


class Strict(BaseModel):
    """Base for every framework model: unknown keys are an error, models are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A user-facing string in English and Welsh.

    ``cy`` is optional in the *shape* so that a missing Welsh string is reported by
    the checks as "missing Welsh text" with its line, not as a generic type error.
    """

    en: str = Field(min_length=1)
    cy: str | None = None

    def get(self, lang: Lang = "en") -> str:
        """The text in ``lang``, falling back to English only if Welsh is absent."""
        if lang == "cy" and self.cy:
            return self.cy
        return self.en


class Option(Strict):
    """One option of a scale or choice question."""

    id: str = Field(pattern=ID_PATTERN)
    label: Text
    #: For graded scales: whether this option counts as "sufficient" in ratings.
    sufficient: bool = False
    #: Whether this option means the question applies to the case (False: "not applicable").
    applicable: bool = True


class Scale(Strict):
    """A named, reusable list of options (a graded scale, a descriptor scale, a code list)."""

    id: str = Field(pattern=ID_PATTERN)
    label: Text
    options: list[Option] = Field(min_length=1)


class Answer(Strict):
    """How a question is answered."""

    type: AnswerType
    #: The scale id for graded, descriptor and choice answers.
    scale: str | None = None
    min: float | None = None
    max: float | None = None


class Prompt(Strict):
    """A sub-question under a key question: supports the judgement, is not rated."""

    id: str = Field(pattern=ID_PATTERN)
    text: Text
    answer: Answer = Answer(type="judgement")
    guidance: Text | None = None
    relevant: str | None = None
    required: bool = False


class KeyQuestion(Strict):
    """A rated question of a standard, answered once per case read."""

    id: str = Field(pattern=ID_PATTERN)
    text: Text
    answer: Answer = Answer(type="judgement")
    guidance: Text | None = None
    #: Whether a written evidence note is required, optional, or not asked for.
    evidence: Literal["required", "optional", "none"] = "required"
    required: bool = True
    #: Skip logic: the question is shown and required only where this holds.
    relevant: str | None = None
    #: Threads (such as risk of harm) that this key question belongs to.
    threads: list[str] = []
    prompts: list[Prompt] = []


#: Where the evidence for a standard judged on evidence comes from.
EvidenceSource = Literal["documents", "meetings", "interviews", "staff_survey", "case_reading"]


class EvidenceRule(Strict):
    """How a standard judged on evidence (not on case reads) is rated.

    The team judges each key question against the published rating characteristics, on
    ``scale`` (a scale id; by default the framework's rating bands). ``lead_judgement``:
    the lead inspector decides the standard's band (one of the rating bands, scored like
    the case-based standards) with a recorded rationale. ``criteria``: the key questions'
    judgements are the published result and the standard has no band of its own (the
    ESI's section A: a descriptor per criterion)."""

    method: Literal["lead_judgement", "criteria"] = "lead_judgement"
    sources: list[EvidenceSource] = Field(min_length=1)
    scale: str | None = None
    #: Where the rule comes from, so that it can be checked.
    source: str = Field(min_length=1)


class Standard(Strict):
    id: str = Field(pattern=ID_PATTERN)
    #: The published number, such as "2.1" (shown "2.1 Assessment"), so that two
    #: standards with the same title (court and out-of-court assessment) can be told apart.
    number: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9.]*$")
    title: Text
    #: ``case``: judged in every case read and rated from key question percentages;
    #: ``evidence``: judged once per inspection on evidence (``evidence`` says how).
    #: Absent: the domain's ``case_based`` decides.
    kind: Literal["case", "evidence"] = "case"
    evidence: EvidenceRule | None = None
    #: Whether the standard's score counts in the overall score (resettlement policy and
    #: provision is rated on its own).
    in_overall: bool = True
    guidance: Text | None = None
    #: Skip logic for the whole standard (e.g. court disposals only).
    relevant: str | None = None
    key_questions: list[KeyQuestion] = Field(min_length=1)

    def label(self, lang: Lang = "en") -> str:
        """"2.1 Assessment": the number (where there is one) and the title."""
        title = self.title.get(lang)
        return f"{self.number} {title}" if self.number else title


class Domain(Strict):
    """A group of standards. ``case_based: false`` domains (such as the ESI's
    quality of management section) are judged once per inspection, not per case: their
    standards are ``kind: evidence`` unless they say otherwise."""

    id: str = Field(pattern=ID_PATTERN)
    number: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9.]*$")
    title: Text
    case_based: bool = True
    standards: list[Standard] = Field(min_length=1)

    #: The evidence rule of the domain's standards judged on evidence that give none.
    evidence: EvidenceRule | None = None

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data):
        """A ``case_based: false`` domain's standards default to ``kind: evidence``, and
        its standards judged on evidence to the domain's ``evidence`` rule."""
        if not isinstance(data, dict) or not isinstance(data.get("standards"), list):
            return data
        kind = {"kind": "evidence"} if data.get("case_based") is False else {}
        rule = {"evidence": data["evidence"]} if data.get("evidence") is not None else {}
        standards = []
        for s in data["standards"]:
            if isinstance(s, dict):
                s = {**kind, **s}
                if s.get("kind") == "evidence":
                    s = {**rule, **s}
            standards.append(s)
        return {**data, "standards": standards}


class Thread(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    description: Text | None = None


class ProfileField(Strict):
    """One field of the case profile, recorded per case for sampling and sub-groups."""

    id: str = Field(pattern=ID_PATTERN)
    label: Text
    type: Literal["single_choice", "number", "text", "boolean", "date"]
    scale: str | None = None
    required: bool = False
    #: Used as a stratification attribute when the sample is drawn.
    stratify: bool = False


class Band(Strict):
    """A rating band over key question percentages: ``min`` <= percent < ``max``
    (the top band includes 100)."""

    id: str = Field(pattern=ID_PATTERN)
    label: Text
    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)
    score: int


class ScoreBand(Strict):
    """An overall rating band over the sum of standards' scores: either ``min_score`` to
    ``max_score`` inclusive, or ``up_to`` a fraction of the maximum possible score over
    the standards actually rated (``"1/6"``: sums up to and including a sixth of the
    maximum; the top band ``"1"``), so that the bands hold when a standard is not rated."""

    id: str = Field(pattern=ID_PATTERN)
    label: Text
    min_score: int | None = None
    max_score: int | None = None
    up_to: str | None = Field(default=None, pattern=r"^(0|1|[1-9][0-9]*/[1-9][0-9]*)$")

    def fraction(self) -> Fraction | None:
        return None if self.up_to is None else Fraction(self.up_to)


class KeyQuestionRule(Strict):
    """How a key question's figure is formed: the percentage of applicable cases
    judged sufficient (``yes`` for judgements, options marked ``sufficient`` on scales)."""

    method: Literal["percent_sufficient"] = "percent_sufficient"


class StandardRule(Strict):
    """How a case-based standard is rated. ``lowest_band``: the standard takes the lowest
    band of its key questions; ``mean``: the band of the mean of its key questions'
    percentages; ``pooled_percent``: no band, a score: the percentage of all the
    standard's applicable answers (over its key questions) judged sufficient; ``none``:
    no rating."""

    method: Literal["lowest_band", "mean", "pooled_percent", "none"]
    source: str | None = None


class OverallRule(Strict):
    """``sum_of_scores``: the scores of the standards counted in the overall are added and
    the sum banded; ``pooled_percent``: the percentage of all applicable answers to the
    counted case-based standards' key questions judged sufficient (no band)."""

    method: Literal["sum_of_scores", "pooled_percent", "none"]
    bands: list[ScoreBand] = []
    source: str | None = None


class SmallNumbers(Strict):
    """Too few cases: a key question with fewer than ``key_question_min_cases``
    applicable cases is not banded (its figure is still shown), and a case-based
    standard that applies in fewer than ``standard_min_cases`` cases (its key questions'
    largest applicable count) is "not rated" and left out of the overall."""

    key_question_min_cases: int = Field(ge=1)
    standard_min_cases: int = Field(ge=1)
    source: str = Field(min_length=1)


class BorderlineRule(Strict):
    """A key question figure is borderline when its percentage is within
    ``within_points`` of a band threshold AND its 95% (Wilson) interval crosses that
    threshold: only the figures that really are close."""

    within_points: float = Field(ge=0, le=100)
    interval: Literal["wilson95"] = "wilson95"
    source: str = Field(min_length=1)


class RatingRules(Strict):
    key_question: KeyQuestionRule = KeyQuestionRule()
    bands: list[Band] = []
    standard: StandardRule
    overall: OverallRule
    small_numbers: SmallNumbers | None = None
    #: Absent: a figure is borderline whenever its interval crosses a threshold.
    borderline: BorderlineRule | None = None
    #: Where the rules come from, so that a provider can check them.
    source: Text | None = None


class SampleColumn(Strict):
    """A caseload column read only for sampling (not recorded in the case read): a
    start date, a sensitive marker, a person reference, the case holder, the office."""

    id: str = Field(pattern=ID_PATTERN)
    label: Text
    type: Literal["text", "date", "boolean"] = "text"
    #: Other headers the column is found under (case-insensitive), besides id and labels.
    aliases: list[str] = []


class ExclusionRule(Strict):
    """A case is not eligible when ``field`` is ``missing`` (empty), is a date ``after``
    (or ``before``) the day the sample is drawn, less ``months`` calendar months, or
    ``equals`` ``value``. ``{when: after, months: 9}``: started less than nine months
    before the draw; ``{when: before, months: 12}``: started more than twelve months before."""

    field: str = Field(pattern=ID_PATTERN)
    when: Literal["missing", "after", "before", "equals"]
    value: str | None = None
    months: int = Field(default=0, ge=0, le=600)
    #: Short reason shown in the report, such as "not yet started".
    reason: str = Field(min_length=1)


class Eligibility(Strict):
    exclude: list[ExclusionRule] = Field(min_length=1)
    #: Where the rule comes from (a document, a tool), so that it can be checked.
    source: str = Field(min_length=1)


class DuplicateRule(Strict):
    """Rows that share a value of any ``match`` field are one case: the one with the
    earliest ``keep_earliest`` date is kept (ties: the smallest case reference)."""

    match: list[str] = Field(default=["case_id"], min_length=1)
    keep_earliest: str | None = None
    source: str = Field(min_length=1)


class CaseHolderRule(Strict):
    """No more than ``cap`` sampled cases from one case holder (each read means
    interviewing that practitioner), when the caseload has the ``field`` column."""

    field: str = Field(default="case_holder", pattern=ID_PATTERN)
    cap: int = Field(default=6, ge=1)
    source: str = Field(min_length=1)


class ProportionRule(Strict):
    """Within each stratum, cases are shared across the values of ``field`` (offices or
    teams) in proportion, when the caseload has that column."""

    field: str = Field(default="office", pattern=ID_PATTERN)
    source: str = Field(min_length=1)


class RepresentationRule(Strict):
    """Profile fields that are not strata but whose make-up the report compares with the
    caseload, warning where a group departs by more than ``tolerance`` percentage points."""

    fields: list[str] = Field(min_length=1)
    tolerance: float = Field(gt=0, le=100)
    source: str = Field(min_length=1)


class QuotaGroup(Strict):
    """A quota over a group of values: at least ``count`` cases (per ``target_size``)
    with any of ``values``, e.g. ``{values: [high, very_high], count: 20}``."""

    values: list[str] = Field(min_length=2)
    count: int = Field(ge=0)


class SampleRules(Strict):
    """Sampling guidance the framework sets (used by inspection set-up)."""

    target_size: int | None = Field(default=None, ge=1)
    #: Minimum cases per stratum value, e.g. {"risk_level": {"high": 20}}, or per group of
    #: values, {"risk_level": {"high_or_very_high": {"values": [...], "count": 20}}}.
    quotas: dict[str, dict[str, int | QuotaGroup]] = {}
    minimum_per_group: int = Field(default=0, ge=0)
    #: At least this many cases of a group, whatever the size: {"gender": {"female": 10}}.
    minimums: dict[str, dict[str, int]] = {}
    minimums_source: str | None = None
    columns: list[SampleColumn] = []
    eligibility: Eligibility | None = None
    duplicates: DuplicateRule | None = None
    case_holder: CaseHolderRule | None = None
    proportion: ProportionRule | None = None
    representation: RepresentationRule | None = None


class Framework(Strict):
    """A versioned framework: the case read form and its rating rules."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: str = Field(min_length=1)
    title: Text
    description: Text | None = None
    service: Literal["probation", "youth_justice"]
    scales: list[Scale] = []
    threads: list[Thread] = []
    case_profile: list[ProfileField] = Field(min_length=1)
    domains: list[Domain] = Field(min_length=1)
    rating: RatingRules
    sample: SampleRules = SampleRules()

    # -- navigation helpers (pure, cheap) -------------------------------------------

    def standards(self, case_based: bool | None = True) -> Iterator[Standard]:
        """Standards in file order; by default only those read per case (``kind: case``),
        ``False``: only those judged on evidence, ``None``: all."""
        for domain in self.domains:
            for standard in domain.standards:
                if case_based is None or (standard.kind == "case") == case_based:
                    yield standard

    def standard(self, standard_id: str) -> Standard:
        for s in self.standards(case_based=None):
            if s.id == standard_id:
                return s
        raise KeyError(standard_id)

    def judgement_options(self, standard: Standard) -> list[tuple[str, Text]]:
        """The team's judgement options for a standard judged on evidence: its rule's
        scale, or the rating bands (id, label)."""
        rule = standard.evidence
        if rule is not None and rule.scale:
            return [(o.id, o.label) for o in self.scale(rule.scale).options]
        return [(b.id, b.label) for b in self.rating.bands]

    def key_questions(self, case_based: bool | None = True) -> Iterator[KeyQuestion]:
        for standard in self.standards(case_based):
            yield from standard.key_questions

    def questions(self, case_based: bool | None = True) -> Iterator[KeyQuestion | Prompt]:
        """Every answerable item, key questions each followed by its prompts."""
        for kq in self.key_questions(case_based):
            yield kq
            yield from kq.prompts

    def question(self, question_id: str) -> KeyQuestion | Prompt:
        """The key question or prompt with this id; KeyError if there is none."""
        for q in self.questions(case_based=None):
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def scale(self, scale_id: str) -> Scale:
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    def profile_field(self, field_id: str) -> ProfileField:
        for f in self.case_profile:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def options(self, answer: Answer) -> list[Option]:
        """The options of a judgement, graded, descriptor or choice answer ([] otherwise)."""
        if answer.type == "judgement":
            return JUDGEMENT.options
        if answer.type in SCALED_TYPES and answer.scale:
            return self.scale(answer.scale).options
        return []


#: The built-in judgement of the modern standards. Its option ids (yes, no, na) cross
#: every boundary (CSV, bundles, the CLI) and must never change.
JUDGEMENT = Scale(
    id="judgement",
    label=Text(en="Judgement", cy="Barn"),
    options=[
        Option(id="yes", label=Text(en="Yes", cy="Ydy"), sufficient=True),
        Option(id="no", label=Text(en="No", cy="Nac ydy")),
        Option(id="na", label=Text(en="Not applicable", cy="Amherthnasol"), applicable=False),
    ],
)
