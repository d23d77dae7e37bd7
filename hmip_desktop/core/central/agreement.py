"""Consistency between readers and moderators: the share of moderated judgements left
unchanged, and Cohen's kappa with its asymptotic 95% interval (Fleiss, Cohen and
Everitt, 1969), per reader. Pure functions; the tests compare them with statsmodels."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054

#: Below this many moderated (paired) judgements a reader's consistency is not judged:
#: the dashboard, ``hmip central consistency`` and the report say "too few judgements"
#: instead of a kappa, and nobody is flagged on so little.
MIN_PAIRS = 10
#: The default thresholds for flagging a reader for more QA.
MIN_UNCHANGED = 0.8
MIN_KAPPA_LOW = 0.4


@dataclass(frozen=True)
class Kappa:
    kappa: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n: int


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> Kappa:
    """Cohen's kappa for (reader, moderator) labels, with its standard error and interval.
    None where it is undefined (no pairs, or both raters used one single category)."""
    n = len(pairs)
    if n == 0:
        return Kappa(None, None, None, None, 0)
    labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
    index = {label: i for i, label in enumerate(labels)}
    k = len(labels)
    p = [[0.0] * k for _ in range(k)]
    for a, b in pairs:
        p[index[a]][index[b]] += 1 / n
    rows = [sum(p[i]) for i in range(k)]
    cols = [sum(p[i][j] for i in range(k)) for j in range(k)]
    po = sum(p[i][i] for i in range(k))
    pe = sum(rows[i] * cols[i] for i in range(k))
    if math.isclose(pe, 1.0):
        return Kappa(None, None, None, None, n)
    kappa = (po - pe) / (1 - pe)
    term1 = sum(p[i][i] * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2 for i in range(k))
    term2 = (1 - kappa) ** 2 * sum(p[i][j] * (cols[i] + rows[j]) ** 2 for i in range(k) for j in range(k) if i != j)
    term3 = (kappa - pe * (1 - kappa)) ** 2
    var = max(0.0, (term1 + term2 - term3) / (n * (1 - pe) ** 2))
    se = math.sqrt(var)
    # Kappa lies in [-1, 1]; the normal approximation's interval is clipped to it.
    return Kappa(kappa, se, max(-1.0, kappa - Z95 * se), min(1.0, kappa + Z95 * se), n)


@dataclass(frozen=True)
class ReaderConsistency:
    reader: str
    moderated: int
    unchanged: int
    unchanged_share: float | None
    kappa: Kappa
    flagged: bool
    reasons: tuple[str, ...]
    #: Fewer than ``MIN_PAIRS`` moderated judgements: no figure is judged (not flagged).
    too_few: bool = False


def too_few_text(moderated: int) -> str:
    """The English words for a reader with too few moderated judgements (the CLI's)."""
    return f"too few judgements ({moderated}; at least {MIN_PAIRS} needed)"


def consistency(pairs_by_reader: dict[str, Iterable[tuple[str, str]]], *, min_unchanged: float = MIN_UNCHANGED,
                min_kappa_low: float = MIN_KAPPA_LOW, min_pairs: int = MIN_PAIRS) -> list[ReaderConsistency]:
    """Per reader: how many moderated judgements, how many unchanged, kappa; flagged for
    more QA where the unchanged share is below ``min_unchanged`` or kappa's lower bound
    below ``min_kappa_low``. A reader with fewer than ``min_pairs`` moderated judgements
    is ``too_few``: never flagged, whatever the figures."""
    out = []
    for reader in sorted(pairs_by_reader):
        pairs = list(pairs_by_reader[reader])
        unchanged = sum(a == b for a, b in pairs)
        share = unchanged / len(pairs) if pairs else None
        kappa = cohen_kappa(pairs)
        reasons = []
        if len(pairs) < min_pairs:
            out.append(ReaderConsistency(reader, len(pairs), unchanged, share, kappa, False, (), True))
            continue
        if share is not None and share < min_unchanged:
            reasons.append(f"only {share:.0%} of moderated judgements unchanged (threshold {min_unchanged:.0%})")
        if kappa.ci_low is not None and kappa.ci_low < min_kappa_low:
            reasons.append(f"kappa's lower bound {kappa.ci_low:.2f} is below {min_kappa_low:.2f}")
        out.append(ReaderConsistency(reader, len(pairs), unchanged, share, kappa, bool(reasons), tuple(reasons)))
    return out
