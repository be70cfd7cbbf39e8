import pandas as pd
import pytest

from helpers.methods import rounding


def test_interval_of_a_rounded_percentage():
    assert rounding.interval(17) == (16.5, 17.5)
    assert rounding.interval(1.6, 1) == pytest.approx((1.55, 1.65))


def test_implied_base_of_20469_clients_at_17_percent():
    low, high = rounding.implied_base(20469, 17)
    assert low == pytest.approx(20469 / 0.175)
    assert high == pytest.approx(20469 / 0.165)
    assert 116_965 < low < 116_966 and 124_054 < high < 124_055


def test_implied_population_only_for_years_with_both_figures():
    data = pd.DataFrame(
        {
            "grootheid": ["cliënten", "aandeel", "aandeel"],
            "jaar": [2018, 2018, 2017],
            "waarde": [20469.0, 17.0, 16.0],
        }
    )
    out = rounding.implied_population(data, count="cliënten", pct="aandeel")
    assert out.index.tolist() == [2018]
    assert out.loc[2018, "basis_min"] == pytest.approx(20469 / 0.175)
    assert out.loc[2018, "basis_max"] == pytest.approx(20469 / 0.165)
