"""Sample sizes against values worked by hand, and the margin as their inverse."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmip_desktop.core.setup.size import (
    choose_size,
    initial_size,
    margin_of_error,
    sample_size,
    z_value,
)

# Working by hand (z from tables: 1.95996 for 95%, 1.64485 for 90%):
#   95%, ±10 points, p = 0.5:  n0 = 1.95996² × 0.25 / 0.01 = 3.84146 × 25 = 96.04
#   N = 1,000:   n = 96.04 / (1 + 95.04 / 1000)   = 96.04 / 1.09504  = 87.70 -> 88
#   N = 100:     n = 96.04 / (1 + 95.04 / 100)    = 96.04 / 1.9504   = 49.24 -> 50
#   N = 50,000:  n = 96.04 / (1 + 95.04 / 50000)  = 96.04 / 1.001901 = 95.86 -> 96
#   90%, ±10 points:  n0 = 1.64485² × 25 = 2.70554 × 25 = 67.64
#   N = 1,000:   n = 67.64 / (1 + 66.64 / 1000)   = 67.64 / 1.06664  = 63.41 -> 64
#   95%, ±5 points:   n0 = 3.84146 × 0.25 / 0.0025 = 384.15
#   N = 1,000:   n = 384.15 / (1 + 383.15 / 1000) = 384.15 / 1.38315 = 277.7 -> 278


def test_z_values():
    assert z_value(0.95) == pytest.approx(1.95996, abs=1e-5)
    assert z_value(0.90) == pytest.approx(1.64485, abs=1e-5)


def test_initial_size_is_96_04_at_95_percent_and_10_points():
    assert initial_size() == pytest.approx(96.04, abs=0.01)
    assert initial_size(0.90) == pytest.approx(67.64, abs=0.01)


@pytest.mark.parametrize(
    ("caseload", "kwargs", "expected"),
    [
        (1000, {}, 88),
        (100, {}, 50),
        (50_000, {}, 96),
        (1000, {"confidence": 0.90}, 64),
        (1000, {"margin": 0.05}, 278),
        (1, {}, 1),
        (2, {}, 2),
    ],
)
def test_sample_sizes_worked_by_hand(caseload, kwargs, expected):
    assert sample_size(caseload, **kwargs) == expected


def test_margin_achieved_is_the_inverse():
    # 88 cases of 1,000 achieve a little better than ±10 points (88 was rounded up from 87.7).
    assert margin_of_error(88, 1000) == pytest.approx(0.0998, abs=1e-4)
    assert margin_of_error(87, 1000) > 0.10
    assert margin_of_error(1000, 1000) == 0.0


@given(
    caseload=st.integers(min_value=2, max_value=2_000_000),
    confidence=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
    margin=st.floats(min_value=0.02, max_value=0.3),
)
def test_size_and_margin_agree(caseload, confidence, margin):
    n = sample_size(caseload, confidence=confidence, margin=margin)
    assert 1 <= n <= caseload
    assert margin_of_error(n, caseload, confidence=confidence) <= margin + 1e-9
    if 1 < n < caseload:
        # One case fewer would miss the margin: the size is the smallest that reaches it.
        assert margin_of_error(n - 1, caseload, confidence=confidence) > margin - 1e-9


def test_size_by_hand_and_refusals():
    choice = choose_size(1000, 120)
    assert (choice.size, choice.method) == (120, "by hand")
    assert choice.margin == pytest.approx(margin_of_error(120, 1000))
    assert choose_size(1000).size == 88 and choose_size(1000).method == "calculated"
    assert "88 of 1000" in choose_size(1000).describe()
    with pytest.raises(ValueError, match="larger than the caseload"):
        choose_size(100, 101)
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ValueError):
            sample_size(bad)
    with pytest.raises(ValueError):
        sample_size(100, confidence=1.0)
    with pytest.raises(ValueError):
        sample_size(100, margin=0)
    assert math.isfinite(margin_of_error(1, 2))
