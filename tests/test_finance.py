import numpy as np
import pandas as pd
import pytest

from helpers.methods import finance


@pytest.fixture
def long_table():
    return pd.DataFrame(
        {
            "pijler": ["A", "A", "A", "B", "B", "B", "Totaal", "Totaal", "Totaal"],
            "grootheid": ["begroting", "lasten", "resultaat"] * 3,
            "waarde": [10.0, 12.0, -2.0, 30.0, 28.0, 2.1, 40.0, 40.0, 0.1],
        }
    )


def test_overview_recomputes_result_and_shows_rounding(long_table):
    out = finance.overview(finance.wide(long_table, "pijler"))
    assert out.loc["A", "resultaat_berekend"] == -2.0
    assert out.loc["A", "afrondingsverschil"] == 0.0
    assert out.loc["B", "afrondingsverschil"] == pytest.approx(0.1)
    assert out.loc["A", "resultaat_pct_begroting"] == pytest.approx(-20.0)
    assert out.loc["B", "aandeel_lasten_pct"] == pytest.approx(70.0)
    assert out.loc["Totaal", "aandeel_lasten_pct"] == pytest.approx(100.0)


def test_overview_with_zero_budget_gives_no_percentage():
    table = pd.DataFrame(
        {"begroting": [0.0, 5.0], "lasten": [1.0, 5.0], "resultaat": [-1.0, 0.0]},
        index=["X", "Totaal"],
    )
    out = finance.overview(table)
    assert np.isnan(out.loc["X", "resultaat_pct_begroting"])


def test_change_and_growth():
    values = pd.DataFrame({2017: [34.2, 0.0], 2018: [34.2 * 1.5, 1.0]}, index=["Jeugd", "Nieuw"])
    out = finance.change(values, 2017, 2018)
    assert out.loc["Jeugd", "verschil_pct"] == pytest.approx(50.0)
    assert np.isnan(out.loc["Nieuw", "verschil_pct"])
    growth = finance.growth_rates(pd.Series([100.0, 110.0, 99.0], index=[2016, 2017, 2018]))
    assert np.isnan(growth[2016])
    assert growth[2017] == pytest.approx(10.0)
    assert growth[2018] == pytest.approx(-10.0)


def test_forecast_error():
    out = finance.forecast_error(pd.Series({"Jeugd": 34.9}), pd.Series({"Jeugd": 34.2}))
    assert out.loc["Jeugd", "afwijking"] == pytest.approx(-0.7)
    assert out.loc["Jeugd", "afwijking_pct"] == pytest.approx(-0.7 / 34.9 * 100)
