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
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class Standard(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    guidance: Text | None = None
    #: Skip logic for the whole standard (e.g. court disposals only).
    relevant: str | None = None
    key_questions: list[KeyQuestion] = Field(min_length=1)


class Domain(Strict):
    """A group of standards. ``case_based: false`` domains (such as the ESI's
    quality of management section) are judged once per inspection, not per case."""

    id: str = Field(pattern=ID_PATTERN)
    title: Text
    case_based: bool = True
    standards: list[Standard] = Field(min_length=1)


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
    """An overall rating band over the sum of standards' scores, inclusive both ends."""

    id: str = Field(pattern=ID_PATTERN)
    label: Text
    min_score: int
    max_score: int


class KeyQuestionRule(Strict):
    """How a key question's figure is formed: the percentage of applicable cases
    judged sufficient (``yes`` for judgements, options marked ``sufficient`` on scales)."""

    method: Literal["percent_sufficient"] = "percent_sufficient"


class StandardRule(Strict):
    """``lowest_band``: the standard takes the lowest band of its key questions;
    ``mean``: the band of the mean of its key questions' percentages; ``none``: no rating."""

    method: Literal["lowest_band", "mean", "none"]


class OverallRule(Strict):
    """``sum_of_scores``: the standards' band scores are added and the sum banded."""

    method: Literal["sum_of_scores", "none"]
    bands: list[ScoreBand] = []


class RatingRules(Strict):
    key_question: KeyQuestionRule = KeyQuestionRule()
    bands: list[Band] = []
    standard: StandardRule
    overall: OverallRule
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
    the day the sample is drawn, or ``equals`` ``value``."""

    field: str = Field(pattern=ID_PATTERN)
    when: Literal["missing", "after", "equals"]
    value: str | None = None
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


class SampleRules(Strict):
    """Sampling guidance the framework sets (used by inspection set-up)."""

    target_size: int | None = Field(default=None, ge=1)
    #: Minimum cases per stratum value, e.g. {"risk_level": {"high": 20}}.
    quotas: dict[str, dict[str, int]] = {}
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
        """Standards in file order; by default only those read per case."""
        for domain in self.domains:
            if case_based is None or domain.case_based == case_based:
                yield from domain.standards

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
