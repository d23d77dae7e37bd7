"""The parts of a results bundle (``results.json``, format 2) the national store reads,
validated by pydantic: what is read is checked strictly; what the national store does
not keep (answers, read outcomes, overrides, the events head) is not modelled."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Ident = Annotated[str, StringConstraints(min_length=1, max_length=128)]
Short = Annotated[str, StringConstraints(max_length=400)]
Stamp = Annotated[str, StringConstraints(min_length=10, max_length=40)]
Value = Ident | int | float | bool | None

PROFILE = ("age_band", "gender", "ethnicity", "disability", "disposal_type", "risk_level", "reoffending_likelihood")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Framework(Strict):
    id: Ident
    version: Annotated[str, StringConstraints(max_length=200)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Provider(Strict):
    name: Short | None
    type: Short | None
    region: Short | None
    family: Short | None
    caseload_size: Annotated[int, Field(ge=0)] | None


class Fieldwork(Strict):
    start: Annotated[str, StringConstraints(max_length=10)] | None
    end: Annotated[str, StringConstraints(max_length=10)] | None


class Text(Strict):
    en: str
    cy: str


class KeyQuestion(Strict):
    id: Ident
    standard: Ident
    text: Text
    sufficient: list[Ident]
    applicable: list[Ident]


class Profile(Strict):
    age_band: Ident | None
    gender: Ident | None
    ethnicity: Ident | None
    disability: Ident | None
    disposal_type: Ident | None
    risk_level: Ident | None
    reoffending_likelihood: Ident | None


class Case(Strict):
    case_id: Ident
    profile: Profile
    reader: Ident
    reader_role: Ident | None
    judgements: dict[Ident, Value]


class Moderation(BaseModel):
    model_config = ConfigDict(extra="ignore")
    case_id: Ident
    question_id: Ident
    revision_id: Ident
    original_value: str | None
    moderated_value: str | None
    outcome: Ident


class StandardRating(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: Ident
    title: Short
    rating: Ident | None
    score: int | None
    number: Annotated[str, StringConstraints(max_length=20)] | None = None
    kind: Ident = "case"
    percent: float | None = None


class Overall(BaseModel):
    model_config = ConfigDict(extra="ignore")
    rating: Ident | None
    score: int | None
    percent: float | None = None


class Ratings(BaseModel):
    model_config = ConfigDict(extra="ignore")
    inspection: Ident
    framework: Ident
    standards: list[StandardRating]
    overall: Overall


class Results(BaseModel):
    model_config = ConfigDict(extra="ignore")
    format: int = Field(ge=2, le=2)
    inspection: Ident
    #: The central store the inspection was set up in: an inspection is (store_id, inspection).
    store_id: Ident
    framework: Framework
    provider: Provider
    fieldwork: Fieldwork
    signed_off_at: Stamp
    exported_at: Stamp
    ratings: Ratings
    key_questions: list[KeyQuestion]
    cases: list[Case]
    moderations: list[Moderation]
    answers: list[dict[str, Any]]


def parse(data: dict) -> Results:
    return Results.model_validate(data)
