"""The ratings engine: pure functions from effective answers and a framework's rules
to key question figures, bands, standards' ratings and the overall rating.

Nothing here reads a database or knows about Qt: the same answers and the same
framework file always give the same figures, which is what lets a provider check them.

* A key question's figure: of the cases where it was answered and applicable, the
  number judged sufficient (``yes``, or a scale option marked ``sufficient``), as a
  percentage with a Wilson 95% interval. Unanswered, or not applicable (``na`` or an
  option with ``applicable: false``), is left out of both counts.
* Bands: ``min <= percent < max``; the top band includes 100.
* A standard: ``lowest_band`` takes the lowest-scoring band of its key questions;
  ``mean`` bands the mean of their percentages; ``none`` gives no rating.
* Overall: ``sum_of_scores`` bands the sum of the standards' scores.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from operator import methodcaller
from dataclasses import dataclass, field

from ..frameworks.model import Band, Framework, KeyQuestion

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Figure:
    id: str
    sufficient: int
    applicable: int
    percent: float | None
    ci_low: float | None
    ci_high: float | None
    band: str | None = None
    #: The interval crosses a band boundary: more cases could change the band.
    borderline: bool = False

    def as_json(self) -> dict:
        return {"id": self.id, "sufficient": self.sufficient, "applicable": self.applicable,
                "percent": _round(self.percent), "ci_low": _round(self.ci_low), "ci_high": _round(self.ci_high)}


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

    @property
    def effective_rating(self) -> str | None:
        return self.override or self.rating


@dataclass(frozen=True)
class Ratings:
    inspection: str
    framework: str
    standards: list[StandardRating]
    overall_rating: str | None
    overall_score: int | None
    threads: dict[str, list[Figure]] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The object ``hmip central ratings --json`` prints (the CLI contract)."""
        return {
            "inspection": self.inspection,
            "framework": self.framework,
            "standards": [
                {"id": s.id, "title": s.title, "rating": s.effective_rating, "score": s.score, "method": s.method,
                 "key_questions": [f.as_json() for f in s.key_questions]}
                for s in self.standards
            ],
            "overall": {"rating": self.overall_rating, "score": self.overall_score},
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


def key_question_figure(fw: Framework, kq: KeyQuestion, answers: Mapping[str, Mapping[str, object]]) -> Figure:
    # option id → (applicable, sufficient), looked up once per key question, not per answer
    kinds = {o.id: (o.applicable, o.applicable and o.sufficient) for o in fw.options(kq.answer)}
    sufficient = applicable = 0
    # count the values first (in C): a figure is asked of thousands of reads, many times
    for value, n in Counter(map(methodcaller("get", kq.id), answers.values())).items():
        result = kinds.get(value)
        if result is None or not result[0]:
            continue
        applicable += n
        sufficient += n * result[1]
    percent = 100 * sufficient / applicable if applicable else None
    low, high = wilson(sufficient, applicable)
    band = band_for(fw.rating.bands, percent)
    borderline = low is not None and any(low < b.min <= high for b in fw.rating.bands if b.min > 0)
    return Figure(kq.id, sufficient, applicable, percent, low, high, band.id if band else None, borderline)


def rate(fw: Framework, inspection_id: str, answers: Mapping[str, Mapping[str, object]],
         overrides: Mapping[str, tuple[str, str]] | None = None, lang: str = "en") -> Ratings:
    """Ratings for an inspection. ``answers``: case id → question id → effective value.
    ``overrides``: standard id → (band id, reason) of professional judgement."""
    overrides = overrides or {}
    scores = {b.id: b.score for b in fw.rating.bands}
    standards = []
    for standard in fw.standards():
        figures = [key_question_figure(fw, kq, answers) for kq in standard.key_questions]
        method = fw.rating.standard.method
        rating = None
        if method == "lowest_band":
            banded = [f for f in figures if f.band is not None]
            if banded:
                rating = min(banded, key=lambda f: scores[f.band]).band
        elif method == "mean":
            percents = [f.percent for f in figures if f.percent is not None]
            band = band_for(fw.rating.bands, sum(percents) / len(percents)) if percents else None
            rating = band.id if band else None
        override, reason = overrides.get(standard.id, (None, None))
        effective = override or rating
        standards.append(StandardRating(standard.id, standard.title.get(lang), method, rating,
                                        scores.get(effective) if effective else None, figures, override, reason))
    overall_rating = overall_score = None
    if fw.rating.overall.method == "sum_of_scores":
        rated = [s.score for s in standards if s.score is not None]
        if rated:
            overall_score = sum(rated)
            for band in fw.rating.overall.bands:
                if band.min_score <= overall_score <= band.max_score:
                    overall_rating = band.id
    threads = {
        t.id: [key_question_figure(fw, kq, answers) for kq in fw.key_questions() if t.id in kq.threads]
        for t in fw.threads
    }
    return Ratings(inspection_id, fw.id, standards, overall_rating, overall_score, threads)
