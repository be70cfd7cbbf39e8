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


def test_budget_error_is_realisatie_minus_begroting_as_percent_of_realisatie():
    out = finance.budget_error(pd.Series([90.0, 110.0, 5.0]), pd.Series([100.0, 100.0, 0.0]))
    assert out.iloc[0] == pytest.approx(10) and out.iloc[1] == pytest.approx(-10)
    assert pd.isna(out.iloc[2])


def _reports(values):
    return pd.DataFrame(
        {
            "code": ["A"] * 4 + ["B", "C", "D"],
            "jaar": [2016, 2017, 2018, 2019, 2016, 2016, 2016],
            "kosten": values,
            "inwoners": [1000.0] * 7,
        }
    )


def test_implausible_flags_a_partial_report_against_own_years_and_all_gemeenten():
    # A: 300 per inwoner in three years and 5 in 2016 (like Maastricht 2016: 592 duizend)
    flags = finance.implausible(
        _reports([5_000.0, 300_000, 310_000, 290_000, 250_000, 260_000, 240_000]), ["kosten"]
    )
    assert flags[["code", "jaar"]].values.tolist() == [["A", 2016]]
    assert "eigen en van de landelijke mediaan" in flags["reden"].iloc[0]


def test_implausible_keeps_a_high_value_against_others_but_not_against_own_years():
    # B spends 5x the median of the year (a centrumgemeente can): kept. A's 2019 jumps 10x: flagged.
    flags = finance.implausible(
        _reports([300_000.0, 310_000, 290_000, 3_000_000, 1_250_000, 250_000, 240_000]), ["kosten"]
    )
    assert flags[["code", "jaar"]].values.tolist() == [["A", 2019]]
    assert "eigen mediaan" in flags["reden"].iloc[0]


def test_implausible_counts_zero_as_implausible():
    flags = finance.implausible(
        _reports([300_000.0, 310_000, 290_000, 280_000, 0.0, 260_000, 240_000]), ["kosten"]
    )
    assert flags[["code", "jaar"]].values.tolist() == [["B", 2016]]
