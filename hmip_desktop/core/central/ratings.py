"""The ratings engine: pure functions from effective answers, the evidence judgements
and a framework's rules to key question figures, bands, standards' ratings and the
overall rating.

Nothing here reads a database or knows about Qt: the same answers and the same
framework file always give the same figures, which is what lets a provider check them.

* A key question's figure: of the cases where it was answered and applicable, the
  number judged sufficient (``yes``, or a scale option marked ``sufficient``), as a
  percentage with a Wilson 95% interval. Unanswered, or not applicable (``na`` or an
  option with ``applicable: false``), is left out of both counts.
* Bands: ``min <= percent < max``; the top band includes 100. With the framework's
  ``small_numbers`` rule a figure with too few applicable cases is not banded, and a
  standard that applies in too few cases is "not rated" (:data:`NOT_RATED`).
* Borderline: the framework's ``borderline`` rule (within N points of a threshold and
  the interval crossing it), else the interval crossing a threshold.
* A case-based standard: ``lowest_band`` takes the lowest-scoring band of its key
  questions; ``mean`` bands the mean of their percentages; ``pooled_percent`` gives the
  percentage of all its applicable answers judged sufficient; ``none`` gives no rating.
* A standard judged on evidence: the team's judgement of each key question and the
  lead inspector's band (``lead_judgement``), or the judgements alone (``criteria``).
* Overall: ``sum_of_scores`` bands the sum of the counted standards' scores (absolute
  bands, or fractions of the maximum over the standards rated); ``pooled_percent``
  pools every counted case-based standard's applicable answers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from operator import methodcaller

from ..frameworks.model import Band, Framework, KeyQuestion, Standard

Z95 = 1.959963984540054

#: The rating of a standard that is not rated (too few cases, or decided so): a
#: first-class outcome, never a band, never scored.
NOT_RATED = "not_rated"


@dataclass(frozen=True)
class EvidenceRecord:
    """One judgement on evidence: a key question's team judgement (``value``, with the
    evidence summary as ``text``) or a standard's band decided by the lead (with the
    rationale as ``text``); who recorded it and when."""

    value: str
    text: str
    by: str
    at: str


@dataclass(frozen=True)
class Figure:
    id: str
    sufficient: int
    applicable: int
    percent: float | None
    ci_low: float | None
    ci_high: float | None
    band: str | None = None
    #: Close to a band threshold by the framework's borderline rule: more cases could change the band.
    borderline: bool = False
    #: Too few applicable cases to band, by the framework's small-numbers rule.
    too_few: bool = False
    #: A key question of a standard judged on evidence (no counts: a team judgement).
    on_evidence: bool = False
    #: Its team judgement (None until recorded).
    judgement: EvidenceRecord | None = None

    def as_json(self) -> dict:
        out = {"id": self.id, "sufficient": self.sufficient, "applicable": self.applicable,
               "percent": _round(self.percent), "ci_low": _round(self.ci_low), "ci_high": _round(self.ci_high)}
        if self.on_evidence:
            out.update(sufficient=None, applicable=None)
            j = self.judgement
            out.update(judgement=j.value if j else None, summary=j.text if j else None,
                       by=j.by if j else None, at=j.at if j else None)
        elif self.too_few:
            out["too_few"] = True
        return out


@dataclass(frozen=True)
class StandardRating:
    id: str
    title: str
    method: str
    rating: str | None
    score: int | None
    key_questions: list[Figure]
    #: A lead inspector's professional judgement, shown beside the computed rating.
    override: str | None = None
    override_reason: str | None = None
    number: str | None = None
    kind: str = "case"
    #: Whether the score counts in the overall score.
    in_overall: bool = True
    #: ``pooled_percent``: the standard's score as a percentage.
    percent: float | None = None
    #: Judged on evidence: the lead's decision (its ``text`` is the rationale).
    decision: EvidenceRecord | None = None

    @property
    def effective_rating(self) -> str | None:
        return self.override or self.rating

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def as_json(self) -> dict:
        out = {"id": self.id, "title": self.title, "rating": self.effective_rating, "score": self.score,
               "method": self.method, "key_questions": [f.as_json() for f in self.key_questions],
               "number": self.number, "kind": self.kind, "in_overall": self.in_overall}
        if self.percent is not None or self.method == "pooled_percent":
            out["percent"] = _round(self.percent)
        if self.kind == "evidence":
            d = self.decision
            out["decision"] = None if d is None else {"band": d.value, "rationale": d.text, "by": d.by, "at": d.at}
        return out


@dataclass(frozen=True)
class Ratings:
    inspection: str
    framework: str
    standards: list[StandardRating]
    overall_rating: str | None
    overall_score: int | None
    threads: dict[str, list[Figure]] = field(default_factory=dict)
    #: The largest score possible over the standards rated and counted.
    overall_maximum: int | None = None
    #: ``pooled_percent``: the overall score as a percentage.
    overall_percent: float | None = None
    #: Standards counted in the overall but not in this score (not rated, or not yet decided).
    left_out: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The object ``hmip central ratings --json`` prints (the CLI contract)."""
        overall = {"rating": self.overall_rating, "score": self.overall_score, "maximum": self.overall_maximum,
                   "left_out": list(self.left_out)}
        if self.overall_percent is not None:
            overall["percent"] = _round(self.overall_percent)
        return {
            "inspection": self.inspection,
            "framework": self.framework,
            "standards": [s.as_json() for s in self.standards],
            "overall": overall,
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float | None, float | None]:
    """The Wilson score interval for a proportion, in percent; (None, None) when n == 0."""
    if n == 0:
        return None, None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, (centre - half) * 100), min(100.0, (centre + half) * 100)


def band_for(bands: list[Band], percent: float | None) -> Band | None:
    if percent is None:
        return None
    for band in bands:
        if band.min <= percent < band.max or (band.max == 100 and percent == 100):
            return band
    return None


def is_borderline(fw: Framework, percent: float | None, low: float | None, high: float | None) -> bool:
    """The framework's borderline rule: a threshold within ``within_points`` of the
    percentage that the interval crosses (without a rule: any threshold it crosses)."""
    if percent is None or low is None or high is None:
        return False
    rule = fw.rating.borderline
    near = math.inf if rule is None else rule.within_points
    return any(low < b.min <= high and abs(percent - b.min) <= near for b in fw.rating.bands if b.min > 0)


def key_question_figure(fw: Framework, kq: KeyQuestion, answers: Mapping[str, Mapping[str, object]]) -> Figure:
    # count the values first (in C): a figure is asked of thousands of reads, many times
    return tally_figure(fw, kq, Counter(map(methodcaller("get", kq.id), answers.values())))


def tally_figure(fw: Framework, kq: KeyQuestion, tally: Mapping[object, int]) -> Figure:
    """The key question's figure from how many case reads gave each effective value
    (``tally``: value → count; None or a value that is no option counts nowhere)."""
    # option id → (applicable, sufficient), looked up once per key question, not per answer
    kinds = {o.id: (o.applicable, o.applicable and o.sufficient) for o in fw.options(kq.answer)}
    sufficient = applicable = 0
    for value, n in tally.items():
        result = kinds.get(value)
        if result is None or not result[0]:
            continue
        applicable += n
        sufficient += n * result[1]
    percent = 100 * sufficient / applicable if applicable else None
    low, high = wilson(sufficient, applicable)
    small = fw.rating.small_numbers
    too_few = small is not None and 0 < applicable < small.key_question_min_cases
    band = None if too_few else band_for(fw.rating.bands, percent)
    borderline = band is not None and is_borderline(fw, percent, low, high)
    return Figure(kq.id, sufficient, applicable, percent, low, high, band.id if band else None, borderline, too_few)


def _case_rating(fw: Framework, figures: list[Figure], scores: Mapping[str, int]) -> tuple[str | None, float | None]:
    """(rating, percent) of a case-based standard from its key questions' figures."""
    method = fw.rating.standard.method
    small = fw.rating.small_numbers
    if small is not None and method != "none" and max((f.applicable for f in figures), default=0) < small.standard_min_cases:
        return NOT_RATED, None
    if method == "lowest_band":
        banded = [f for f in figures if f.band is not None]
        return (min(banded, key=lambda f: scores[f.band]).band if banded else None), None
    if method == "mean":
        percents = [f.percent for f in figures if f.percent is not None and not f.too_few]
        band = band_for(fw.rating.bands, sum(percents) / len(percents)) if percents else None
        return (band.id if band else None), None
    if method == "pooled_percent":
        return None, _pooled(figures)
    return None, None


def _pooled(figures: list[Figure]) -> float | None:
    applicable = sum(f.applicable for f in figures)
    return 100 * sum(f.sufficient for f in figures) / applicable if applicable else None


def _evidence_standard(standard: Standard, records: Mapping[str, EvidenceRecord]):
    """(figures, decision) of a standard judged on evidence: each key question's latest
    team judgement (``records`` by question id; the standard's decision under "")."""
    figures = [Figure(kq.id, 0, 0, None, None, None, records[kq.id].value if kq.id in records else None,
                      on_evidence=True, judgement=records.get(kq.id)) for kq in standard.key_questions]
    decision = records.get("") if standard.evidence and standard.evidence.method == "lead_judgement" else None
    return figures, decision


def overall_band(fw: Framework, score: int, maximum: int) -> str | None:
    """The overall band of ``score`` (out of ``maximum``, over the standards rated)."""
    bands = fw.rating.overall.bands
    if bands and bands[0].up_to is not None:
        fitting = [b for b in bands if Fraction(score) <= b.fraction() * maximum]
        return min(fitting, key=lambda b: b.fraction()).id if fitting else None
    for band in bands:
        if band.min_score <= score <= band.max_score:
            return band.id
    return None


def rate(fw: Framework, inspection_id: str, answers: Mapping[str, Mapping[str, object]] | None,
         overrides: Mapping[str, tuple[str, str]] | None = None, lang: str = "en",
         evidence: Mapping[str, Mapping[str, EvidenceRecord]] | None = None, *,
         tallies: Mapping[str, Mapping[object, int]] | None = None) -> Ratings:
    """Ratings for an inspection. ``answers``: case id → question id → effective value;
    or, instead (``answers`` None), ``tallies``: question id → effective value → how
    many case reads gave it (the figures need only these counts, which a store can
    aggregate). ``overrides``: standard id → (band id or :data:`NOT_RATED`, reason) of
    professional judgement. ``evidence``: standard id → question id ("" for the lead's
    band) → the latest :class:`EvidenceRecord`, for the standards judged on evidence."""
    if answers is not None:
        figure = key_question_figure
    else:
        counts = tallies or {}

        def figure(fw: Framework, kq: KeyQuestion, _answers: object) -> Figure:
            return tally_figure(fw, kq, counts.get(kq.id, {}))
    overrides = overrides or {}
    evidence = evidence or {}
    scores = {b.id: b.score for b in fw.rating.bands}
    standards = []
    for standard in fw.standards(case_based=None):
        decision = percent = None
        if standard.kind == "evidence":
            figures, decision = _evidence_standard(standard, evidence.get(standard.id, {}))
            method = standard.evidence.method if standard.evidence else "lead_judgement"
            rating = decision.value if decision else None
        else:
            figures = [figure(fw, kq, answers) for kq in standard.key_questions]
            method = fw.rating.standard.method
            rating, percent = _case_rating(fw, figures, scores)
        override, reason = overrides.get(standard.id, (None, None))
        effective = override or rating
        standards.append(StandardRating(
            standard.id, standard.title.get(lang), method, rating, scores.get(effective) if effective else None,
            figures, override, reason, standard.number, standard.kind, standard.in_overall, percent, decision))
    counted = [s for s in standards if s.in_overall and (s.kind == "case" or s.method == "lead_judgement")]
    overall_rating = overall_score = maximum = overall_percent = None
    left_out: tuple[str, ...] = ()
    if fw.rating.overall.method == "sum_of_scores":
        rated = [s.score for s in counted if s.score is not None]
        left_out = tuple(s.id for s in counted if s.score is None)
        if rated:
            overall_score = sum(rated)
            maximum = max(scores.values(), default=0) * len(rated)
            overall_rating = overall_band(fw, overall_score, maximum)
    elif fw.rating.overall.method == "pooled_percent":
        overall_percent = _pooled([f for s in counted if s.kind == "case" for f in s.key_questions])
    threads = {
        t.id: [figure(fw, kq, answers) for kq in fw.key_questions() if t.id in kq.threads]
        for t in fw.threads
    }
    return Ratings(inspection_id, fw.id, standards, overall_rating, overall_score, threads, maximum,
                   overall_percent, left_out)
