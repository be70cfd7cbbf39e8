"""Funnel-plot limits: known answers worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from helpers.methods import funnel


def test_z_values_of_the_usual_coverages():
    assert funnel.z(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert funnel.z(0.998) == pytest.approx(3.090232, abs=1e-6)


def test_limits_for_p_10_percent_and_n_100_by_hand():
    # se = sqrt(0.1 * 0.9 / 100) = 0.03; 95%: 0.1 ± 1.959964 * 0.03
    low, high = funnel.limits(0.1, 100, 0.95)
    assert low == pytest.approx(0.1 - 0.05879892, abs=1e-7)
    assert high == pytest.approx(0.1 + 0.05879892, abs=1e-7)
    low, high = funnel.limits(0.1, 100, 0.998)
    assert high == pytest.approx(0.1 + 3.090232 * 0.03, abs=1e-6)


def test_limits_narrow_with_the_square_root_of_n():
    _, high_100 = funnel.limits(0.132, 100, 0.95)
    _, high_400 = funnel.limits(0.132, 400, 0.95)
    assert (high_100 - 0.132) == pytest.approx(2 * (high_400 - 0.132))


def test_limits_are_clipped_to_zero_for_small_n_and_rare_events():
    low, high = funnel.limits(0.003, 50, 0.998)
    se = math.sqrt(0.003 * 0.997 / 50)
    assert low == 0.0 and high == pytest.approx(0.003 + 3.090232 * se, abs=1e-6)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1])
def test_reference_rate_must_be_a_probability(bad):
    with pytest.raises(ValueError, match="Referentiekans"):
        funnel.limits(bad, 100, 0.95)


def test_position_classifies_against_both_limits_and_keeps_missing():
    # n = 100, p0 = 0.1: 95% limits 0.0412–0.1588, 99.8% limits 0.0073–0.1927
    rate = pd.Series([0.20, 0.17, 0.10, 0.03, 0.005, None])
    n = pd.Series([100.0] * 6)
    out = funnel.position(rate, n, 0.1)
    assert out.iloc[:5].tolist() == list(funnel.POSITIONS)
    assert pd.isna(out.iloc[5])


def test_curve_spans_the_denominators_geometrically():
    c = funnel.curve(0.1, 10, 1000, points=3)
    assert c["n"].tolist() == pytest.approx([10, 100, 1000])
    assert c.loc[1, "hoog_95"] == pytest.approx(0.1 + 0.05879892, abs=1e-7)
    assert (c["laag_998"] <= c["laag_95"]).all() and (c["hoog_998"] >= c["hoog_95"]).all()
    assert np.all(np.diff(c["hoog_95"]) < 0)
