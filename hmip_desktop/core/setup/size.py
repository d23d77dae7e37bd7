"""Sample size from caseload size, with the finite-population correction.

The sample estimates a proportion (the percentage of cases judged sufficient on a key
question). For a caseload of ``N`` cases, a confidence level and a margin of error
``e`` (a fraction: 0.10 is ±10 percentage points)::

    z  = the two-sided normal quantile for the confidence level (1.96 for 95%)
    n0 = z² p (1 − p) / e²               (the size for an unlimited caseload)
    n  = n0 / (1 + (n0 − 1) / N)         (finite-population correction), rounded up

``p = 0.5`` is the worst case (the widest interval), so the margin holds whatever the
true percentage turns out to be. :func:`margin_of_error` is the inverse: the margin a
given sample size achieves on a given caseload. The defaults and the reasons for them
are in docs/sampling.md.

Pure functions, no I/O; every size is an ``int`` number of cases, every margin a
fraction (not a percentage).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

from ..messages import Refusal

#: 95%: the conventional level for a published finding.
DEFAULT_CONFIDENCE = 0.95
#: ±10 percentage points: see docs/sampling.md for why.
DEFAULT_MARGIN = 0.10
#: The worst case for a proportion: the size holds whatever the true percentage is.
DEFAULT_P = 0.5

class SizeError(Refusal, ValueError):
    """A confidence level, margin or size that cannot be used; the message says which."""


#: Float noise allowed before rounding up (so that 50.0000000001 stays 50).
_EPS = 1e-9


def _check(confidence: float, p: float) -> None:
    if not 0 < confidence < 1:
        raise SizeError.of("size.confidence", value=repr(confidence))
    if not 0 < p < 1:
        raise SizeError.of("size.p", value=repr(p))


def z_value(confidence: float = DEFAULT_CONFIDENCE) -> float:
    """The two-sided standard normal quantile: 1.959964 for 0.95, 1.644854 for 0.90."""
    _check(confidence, DEFAULT_P)
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def initial_size(confidence: float = DEFAULT_CONFIDENCE, margin: float = DEFAULT_MARGIN, p: float = DEFAULT_P) -> float:
    """``n0 = z² p (1 − p) / e²``: the (fractional) size for an unlimited caseload."""
    _check(confidence, p)
    if not 0 < margin < 1:
        raise SizeError.of("size.margin", value=repr(margin))
    z = z_value(confidence)
    return z * z * p * (1 - p) / (margin * margin)


def sample_size(
    caseload_size: int,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    margin: float = DEFAULT_MARGIN,
    p: float = DEFAULT_P,
) -> int:
    """Cases to read from a caseload of ``caseload_size`` for ``margin`` at ``confidence``.

    Never more than the caseload (the correction guarantees ``n <= N``); 0 for an empty
    caseload is refused (ValueError), as is anything that is not a whole number.
    """
    big_n = _caseload(caseload_size)
    n0 = initial_size(confidence, margin, p)
    n = n0 / (1 + (n0 - 1) / big_n)
    return min(big_n, max(1, math.ceil(n - _EPS)))


def margin_of_error(
    size: int,
    caseload_size: int,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    p: float = DEFAULT_P,
) -> float:
    """The margin (a fraction) that ``size`` cases achieve on a caseload of ``caseload_size``.

    The inverse of :func:`sample_size` before rounding: solving
    ``n = n0 / (1 + (n0 − 1)/N)`` for ``n0`` gives ``n0 = n (N − 1) / (N − n)``, and
    ``e = z sqrt(p (1 − p) / n0)``. Reading the whole caseload gives 0.
    """
    big_n = _caseload(caseload_size)
    _check(confidence, p)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise SizeError.of("size.whole", value=repr(size))
    if size > big_n:
        raise SizeError.of("size.too_large", size=size, total=big_n)
    if size == big_n:
        return 0.0
    return z_value(confidence) * math.sqrt(p * (1 - p) * (big_n - size) / (size * (big_n - 1)))


def _caseload(caseload_size: int) -> int:
    if isinstance(caseload_size, bool) or not isinstance(caseload_size, int) or caseload_size < 1:
        raise SizeError.of("size.caseload_whole", value=repr(caseload_size))
    return caseload_size


@dataclass(frozen=True)
class SizeChoice:
    """A sample size and how it was chosen, for the sample report."""

    size: int
    caseload_size: int
    method: Literal["calculated", "by hand"]
    confidence: float
    #: The margin this size achieves (equal to or better than the one asked for when calculated).
    margin: float

    def describe(self) -> str:
        how = "calculated" if self.method == "calculated" else "set by hand"
        return (
            f"{self.size} of {self.caseload_size} cases ({how}; ±{self.margin * 100:.1f} points "
            f"at {self.confidence * 100:g}% confidence)"
        )


def choose_size(
    caseload_size: int,
    size: int | None = None,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    margin: float = DEFAULT_MARGIN,
    p: float = DEFAULT_P,
) -> SizeChoice:
    """The calculated size, or ``size`` set by hand (checked against the caseload), with
    the margin it achieves."""
    if size is None:
        n = sample_size(caseload_size, confidence=confidence, margin=margin, p=p)
        method: Literal["calculated", "by hand"] = "calculated"
    else:
        n, method = size, "by hand"
    return SizeChoice(n, caseload_size, method, confidence, margin_of_error(n, caseload_size, confidence=confidence, p=p))
