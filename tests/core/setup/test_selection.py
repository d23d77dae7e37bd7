"""Stratified selection: proportional allocation, minimums, quotas, reproducibility,
reserves and replacements."""

import math
import random
from collections import Counter

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hmip_desktop.core.frameworks import load_file
from hmip_desktop.core.paths import forms_dir
from hmip_desktop.core.setup.selection import (
    ROUNDING,
    NoReserveLeft,
    SelectionError,
    draw,
    draw_for_framework,
    plan_allocation,
    replace,
    stratification_attributes,
)

ATTRS = ("gender", "disposal_type", "risk_level")
GENDERS = ("male", "female", "other")
DISPOSALS = ("community_order", "suspended_sentence_order", "licence", "post_sentence_supervision")
RISKS = ("low", "medium", "high", "very_high")


def caseload(n, seed=0, weights=((80, 18, 2), (35, 25, 30, 10), (30, 45, 20, 5))):
    rng = random.Random(seed)
    return [
        {
            "case_id": f"C{i:06d}",
            "gender": rng.choices(GENDERS, weights[0])[0],
            "disposal_type": rng.choices(DISPOSALS, weights[1])[0],
            "risk_level": rng.choices(RISKS, weights[2])[0],
        }
        for i in range(n)
    ]


def test_framework_stratification_attributes():
    fw = load_file(forms_dir() / "adult_probation.yaml")
    assert stratification_attributes(fw) == list(ATTRS)


def test_same_seed_same_sample_whatever_the_row_order():
    cases = caseload(600)
    first = draw(cases, 80, attributes=ATTRS, seed=7)
    shuffled = cases[:]
    random.Random(99).shuffle(shuffled)
    again = draw(shuffled, 80, attributes=ATTRS, seed=7)
    assert first.sampled_ids() == again.sampled_ids()
    assert first.selections() == again.selections()
    other = draw(cases, 80, attributes=ATTRS, seed=8)
    assert set(other.sampled_ids()) != set(first.sampled_ids())
    # Same allocation: only the cases chosen differ.
    assert [s.allocated for s in other.strata] == [s.allocated for s in first.strata]


def test_sample_size_and_reserves():
    sample = draw(caseload(1000), 88, attributes=ATTRS, seed=1)
    ids = sample.sampled_ids()
    assert len(ids) == len(set(ids)) == 88
    for s in sample.strata:
        assert len(s.sample) == s.allocated
        assert len(s.reserves) == min(s.population - s.allocated, math.ceil(s.allocated * 0.5))
        assert not set(s.sample) & set(s.reserves)
    status = Counter(v[0] for v in sample.selections().values())
    assert status["sample"] == 88 and status["reserve"] == sum(len(s.reserves) for s in sample.strata)


def test_cases_are_drawn_from_their_own_stratum():
    cases = caseload(500, seed=3)
    by_id = {c["case_id"]: c for c in cases}
    sample = draw(cases, 60, attributes=ATTRS, seed=2)
    for s in sample.strata:
        for c in s.sample + s.reserves:
            assert tuple(by_id[c][a] for a in ATTRS) == s.key


populations = st.dictionaries(
    st.tuples(st.sampled_from(GENDERS), st.sampled_from(DISPOSALS), st.sampled_from(RISKS)),
    st.integers(min_value=1, max_value=400),
    min_size=1,
    max_size=48,
)


@settings(max_examples=300, deadline=None)
@given(pops=populations, fraction=st.floats(min_value=0.001, max_value=1.0), balance=st.booleans())
def test_every_stratum_within_one_case_of_its_share(pops, fraction, balance):
    total = sum(pops.values())
    size = max(1, min(total, round(total * fraction)))
    plans = plan_allocation(pops, size, ATTRS, balance=balance)
    assert sum(p.allocated for p in plans) == size
    for p in plans:
        assert p.share == pytest.approx(size * p.population / total)
        assert 0 <= p.allocated <= p.population
        assert abs(p.allocated - p.share) < 1
        assert set(p.reasons) <= {ROUNDING}
        assert (p.allocated != p.share) == bool(p.reasons)


def _imbalance(plans):
    out = 0.0
    for x in range(3):
        have, want = Counter(), Counter()
        for p in plans:
            have[p.key[x]] += p.allocated
            want[p.key[x]] += float(p.share)
        out += sum((have[v] - want[v]) ** 2 for v in want)
    return out


@settings(max_examples=150, deadline=None)
@given(pops=populations, fraction=st.floats(min_value=0.01, max_value=0.5))
def test_balancing_brings_attribute_totals_closer(pops, fraction):
    total = sum(pops.values())
    size = max(1, round(total * fraction))
    plain = plan_allocation(pops, size, ATTRS, balance=False)
    balanced = plan_allocation(pops, size, ATTRS)
    assert _imbalance(balanced) <= _imbalance(plain) + 1e-9


@settings(max_examples=300, deadline=None)
@given(pops=populations, fraction=st.floats(min_value=0.01, max_value=1.0), minimum=st.integers(1, 3))
def test_minimum_per_group_keeps_small_groups(pops, fraction, minimum):
    total = sum(pops.values())
    size = max(1, min(total, round(total * fraction)))
    assume(sum(min(minimum, n) for n in pops.values()) <= size)
    plans = plan_allocation(pops, size, ATTRS, minimum_per_group=minimum)
    assert sum(p.allocated for p in plans) == size
    for p in plans:
        assert p.allocated >= min(minimum, p.population)
        if set(p.reasons) <= {ROUNDING}:
            # No documented minimum applies: within one case of the proportional share.
            assert abs(p.allocated - p.share) < 1


def test_a_small_group_vanishes_without_a_minimum_and_not_with_one():
    pops = {("male", "licence", "low"): 400, ("female", "licence", "low"): 3}
    plain = {p.key[0]: p for p in plan_allocation(pops, 20, ATTRS)}
    assert plain["female"].allocated == 0 and plain["female"].reasons == (ROUNDING,)
    kept = {p.key[0]: p for p in plan_allocation(pops, 20, ATTRS, minimum_per_group=2)}
    assert kept["female"].allocated == 2 and kept["male"].allocated == 18
    assert "minimum of 2 per group" in kept["female"].reasons
    # A stratum smaller than the minimum gives all its cases.
    tiny = {p.key[0]: p for p in plan_allocation(pops, 20, ATTRS, minimum_per_group=5)}
    assert tiny["female"].allocated == 3 and "fewer than the minimum" in tiny["female"].reasons[0]


def test_minimums_that_do_not_fit_are_refused():
    pops = {(g, d, "low"): 10 for g in GENDERS for d in DISPOSALS}  # 12 strata
    with pytest.raises(SelectionError, match="more than the sample of 10"):
        plan_allocation(pops, 10, ATTRS, minimum_per_group=1)


@settings(max_examples=200, deadline=None)
@given(pops=populations, fraction=st.floats(min_value=0.02, max_value=1.0), per100=st.integers(0, 60))
def test_quota_on_high_risk_is_honoured(pops, fraction, per100):
    total = sum(pops.values())
    size = max(1, min(total, round(total * fraction)))
    high = sum(n for k, n in pops.items() if k[2] == "high")
    plans = plan_allocation(pops, size, ATTRS, quotas={"risk_level": {"high": per100}})
    required = min(high, math.ceil(per100 * size / 100))
    assert sum(p.allocated for p in plans if p.key[2] == "high") >= required
    assert sum(p.allocated for p in plans) == size
    for p in plans:
        if set(p.reasons) <= {ROUNDING}:
            assert abs(p.allocated - p.share) < 1


def test_esi_quota_of_20_high_risk_in_100():
    """The ESI's "20 of whom are registered as high risk of harm": a group quota that
    counts the high and the very high risk cases together."""
    fw = load_file(forms_dir() / "esi_2003.yaml")
    cases = caseload(1000, weights=((80, 18, 2), (35, 25, 30, 10), (40, 45, 10, 5)))  # ~15% high or very high
    sample = draw_for_framework(cases, 100, fw, seed=5)
    risky = [s for s in sample.strata if s.key[2] in ("high", "very_high")]
    assert sum(s.allocated for s in risky) == 20
    assert {s.key[2] for s in risky if s.allocated} == {"high", "very_high"}, "both levels keep their proportions"
    assert sample.quota_required == {("risk_level", "high_or_very_high"): 20}
    assert sample.quota("risk_level", "high_or_very_high") == (frozenset({"high", "very_high"}), 20)
    assert all(any(r.startswith("quota") and "high_or_very_high (high, very_high)" in r for r in s.reasons)
               for s in risky if s.allocated)
    # Scaled to the size: 20 per 100 -> at least ceil(20 × 50 / 100) = 10 in 50.
    half = draw_for_framework(cases, 50, fw, seed=5)
    assert sum(s.allocated for s in half.strata if s.key[2] in ("high", "very_high")) == 10


@settings(max_examples=150, deadline=None)
@given(pops=populations, fraction=st.floats(min_value=0.02, max_value=1.0), per100=st.integers(0, 50))
def test_group_quota_counts_any_of_its_values(pops, fraction, per100):
    total = sum(pops.values())
    size = max(1, min(total, round(total * fraction)))
    group = ("high", "very_high")
    have = sum(n for k, n in pops.items() if k[2] in group)
    quota = {"risk_level": {"high_or_very_high": {"values": list(group), "count": per100}}}
    plans = plan_allocation(pops, size, ATTRS, quotas=quota)
    assert sum(p.allocated for p in plans if p.key[2] in group) >= min(have, math.ceil(per100 * size / 100))
    assert sum(p.allocated for p in plans) == size


def test_overlapping_quotas_are_refused():
    pops = {("male", "licence", r): 50 for r in RISKS}
    quota = {"risk_level": {"high": 5, "risky": {"values": ["high", "very_high"], "count": 20}}}
    with pytest.raises(SelectionError, match="both count risk_level=high"):
        plan_allocation(pops, 40, ATTRS, quotas=quota)


def test_quotas_that_do_not_fit_are_refused():
    pops = {("male", "licence", "high"): 50, ("male", "licence", "low"): 50}
    with pytest.raises(SelectionError, match="add up to more"):
        plan_allocation(pops, 10, ATTRS, quotas={"risk_level": {"high": 70, "low": 70}})
    with pytest.raises(SelectionError, match="not a stratification attribute"):
        plan_allocation(pops, 10, ATTRS, quotas={"ethnicity": {"white": 1}})


def test_replacement_comes_from_the_same_stratum_and_is_recorded():
    sample = draw(caseload(400, seed=4), 40, attributes=ATTRS, seed=3)
    stratum = next(s for s in sample.strata if s.allocated >= 1 and len(s.reserves) >= 1)
    out = stratum.sample[0]
    first_reserve = stratum.reserves[0]
    record = replace(sample, out, "case transferred to another region")
    assert record.replaced_by == first_reserve and record.stratum == stratum.key and record.reserve_rank == 1
    assert record.reason == "case transferred to another region"
    assert sample.replacements == [record]
    assert first_reserve in sample.sampled_ids() and out not in sample.sampled_ids()
    assert len(sample.sampled_ids()) == 40
    assert sample.selections()[out] == ("replaced", None)
    assert sample.selections()[first_reserve] == ("sample", None)
    with pytest.raises(SelectionError, match="already been replaced"):
        replace(sample, out, "again")
    with pytest.raises(SelectionError, match="reason"):
        replace(sample, first_reserve, "  ")


def test_exhausted_reserves_are_refused():
    cases = [{"case_id": f"A{i}", "gender": "male", "disposal_type": "licence", "risk_level": "low"} for i in range(5)]
    sample = draw(cases, 2, attributes=ATTRS, seed=1)
    (stratum,) = sample.strata
    assert len(stratum.reserves) == 1
    replace(sample, stratum.sample[0], "no record")
    with pytest.raises(NoReserveLeft, match="no reserve left"):
        replace(sample, stratum.sample[1], "no record")
    assert len(sample.replacements) == 1


def test_bad_input_is_refused():
    cases = caseload(10)
    with pytest.raises(SelectionError, match="duplicate"):
        draw(cases + [dict(cases[0])], 5, attributes=ATTRS, seed=1)
    with pytest.raises(SelectionError, match="no value for risk_level"):
        draw([{"case_id": "x", "gender": "male", "disposal_type": "licence"}], 1, attributes=ATTRS, seed=1)
    with pytest.raises(SelectionError, match="larger than the caseload"):
        draw(cases, 11, attributes=ATTRS, seed=1)
    with pytest.raises(SelectionError, match="empty"):
        draw([], 1, attributes=ATTRS, seed=1)
