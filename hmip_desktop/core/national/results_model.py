"""The parts of a results bundle (``results.json``) the national store reads, validated
by pydantic: what is read is checked strictly; what the national store does not keep
(answers, read outcomes, overrides, the events head) is not modelled.

Format 3 carries each case read and reader under its pseudonym and names the
pseudonymisation key's id; format 2 (before) carried case references and reader key ids.
``parse`` reads both and gives format 3: a format-2 bundle is pseudonymised here, with
the national store's key, exactly as the central store would have done it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..exchange.pseudonym import case_text, reader_text

Ident = Annotated[str, StringConstraints(min_length=1, max_length=128)]
Short = Annotated[str, StringConstraints(max_length=400)]
Stamp = Annotated[str, StringConstraints(min_length=10, max_length=40)]
Value = Ident | int | float | bool | None
Pseudonym = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

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
    pseudonym: Pseudonym
    profile: Profile
    reader: Pseudonym
    reader_role: Ident | None
    judgements: dict[Ident, Value]


class Case2(Strict):
    case_id: Ident
    profile: Profile
    reader: Ident
    reader_role: Ident | None
    judgements: dict[Ident, Value]


class ModerationBase(BaseModel):
    model_config = ConfigDict(extra="ignore")
    #: The central store's record id: its order (the latest moderation of a judgement wins).
    id: int | None = None
    question_id: Ident
    revision_id: Ident
    original_value: str | None
    moderated_value: str | None
    outcome: Ident


class Moderation(ModerationBase):
    pseudonym: Pseudonym
    #: The reader of the moderated revision and their role (format 3 since the national
    #: store keeps the latest moderation per judgement; absent before: the case's reader).
    reader: Pseudonym | None = None
    reader_role: Ident | None = None


class Moderation2(ModerationBase):
    case_id: Ident


class PseudonymKey(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    national_store: Ident


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


class ResultsBase(BaseModel):
    model_config = ConfigDict(extra="ignore")
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
    answers: list[dict[str, Any]]


class Results(ResultsBase):
    format: Literal[3]
    #: None only for a format-2 bundle pseudonymised on import.
    pseudonym_key: PseudonymKey | None
    cases: list[Case]
    moderations: list[Moderation]


class Results2(ResultsBase):
    format: Literal[2]
    cases: list[Case2]
    moderations: list[Moderation2]


def parse(data: dict, pseudonymiser: Callable[[], Callable[[str], str]]) -> Results:
    """Format 3 as it is; format 2 pseudonymised with ``pseudonymiser()`` (the national
    store's key). ValidationError if neither."""
    if isinstance(data, dict) and data.get("format") == 2:
        old = Results2.model_validate(data)
        pseudonym = pseudonymiser()
        readers: dict[str, str] = {}

        def reader(key_id: str) -> str:
            return readers.get(key_id) or readers.setdefault(key_id, pseudonym(reader_text(key_id)))

        cases = [Case.model_construct(pseudonym=pseudonym(case_text(c.case_id)), profile=c.profile,
                                      reader=reader(c.reader), reader_role=c.reader_role, judgements=c.judgements)
                 for c in old.cases]
        moderations = [Moderation.model_construct(pseudonym=pseudonym(case_text(m.case_id)),
                                                  **m.model_dump(exclude={"case_id"})) for m in old.moderations]
        return Results.model_construct(**{f: getattr(old, f) for f in ResultsBase.model_fields}, format=3,
                                       pseudonym_key=None, cases=cases, moderations=moderations)
    return Results.model_validate(data)
