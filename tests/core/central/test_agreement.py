"""Consistency statistics checked against statsmodels (a development-only dependency)."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.inter_rater import cohens_kappa as sm_kappa

from hmip_desktop.core.central.agreement import cohen_kappa, consistency


def table(pairs, labels):
    t = np.zeros((len(labels), len(labels)))
    for a, b in pairs:
        t[labels.index(a), labels.index(b)] += 1
    return t


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["yes", "no", "na"]), st.sampled_from(["yes", "no", "na"])),
                min_size=5, max_size=80))
def test_kappa_and_its_standard_error_match_statsmodels(pairs):
    ours = cohen_kappa(pairs)
    labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
    if ours.kappa is None:
        return
    theirs = sm_kappa(table(pairs, labels))
    assert ours.kappa == pytest.approx(theirs.kappa, abs=1e-9)
    if np.isnan(theirs.std_kappa):
        # statsmodels takes the square root of a variance rounded just below zero (NaN);
        # ours is that same variance within rounding (clamped at zero). Both: no spread.
        assert ours.se < 1e-6
        return
    assert ours.se == pytest.approx(theirs.std_kappa, abs=1e-6)  # rounding near a zero variance
    assert ours.ci_low == pytest.approx(max(-1.0, theirs.kappa_low), abs=1e-6)
    assert ours.ci_high == pytest.approx(min(1.0, theirs.kappa_upp), abs=1e-6), "clipped to kappa's range"


def test_perfect_agreement_and_undefined_cases():
    assert cohen_kappa([("yes", "yes"), ("no", "no")]).kappa == pytest.approx(1.0)
    assert cohen_kappa([]).kappa is None
    assert cohen_kappa([("yes", "yes")] * 5).kappa is None, "one category only: kappa is undefined"


def test_readers_below_thresholds_are_flagged():
    rng = random.Random(3)
    good = [(v, v) for v in rng.choices(["yes", "no"], k=40)]
    poor = [(v, rng.choice(["yes", "no"])) for v in rng.choices(["yes", "no"], k=40)]
    result = {r.reader: r for r in consistency({"insp1": good, "la1": poor})}
    assert not result["insp1"].flagged and result["insp1"].unchanged_share == 1.0
    assert result["la1"].flagged and result["la1"].reasons


def test_too_few_judgements_are_not_judged():
    from hmip_desktop.core.central.agreement import MIN_PAIRS

    one = consistency({"insp1": [("yes", "no")]})[0]
    assert one.too_few and not one.flagged and one.reasons == ()
    enough = consistency({"insp1": [("yes", "no")] * MIN_PAIRS})[0]
    assert not enough.too_few and enough.flagged
