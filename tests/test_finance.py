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


def test_result_bridge_splits_the_change_of_the_result_exactly():
    # Monitor 2018 §4.3 leerlingenvervoer: begroting 0,6 both years, lasten 0,8 -> 0,9
    out = finance.result_bridge(
        pd.Series({2017: 0.6, 2018: 0.6}), pd.Series({2017: 0.8, 2018: 0.9}), 2017, 2018
    )
    assert out["resultaat_van"] == pytest.approx(-0.2)
    assert out["begroting_verandering"] == pytest.approx(0.0)
    assert out["lasten_verandering"] == pytest.approx(0.1)
    assert out["resultaat_tot"] == pytest.approx(-0.3)


def test_result_bridge_of_a_shrinking_surplus_with_a_lower_budget():
    # §6.7 Participatie totaal: 88,8 − 82,3 = 6,5 -> 82,8 − 81,5 = 1,3
    out = finance.result_bridge(
        pd.Series({2017: 88.8, 2018: 82.8}), pd.Series({2017: 82.3, 2018: 81.5}), 2017, 2018
    )
    assert out.tolist() == pytest.approx([6.5, -6.0, -0.8, 1.3])
    assert out["resultaat_van"] + out["begroting_verandering"] - out[
        "lasten_verandering"
    ] == pytest.approx(out["resultaat_tot"])


def test_result_bridge_names_a_missing_period():
    with pytest.raises(KeyError, match="2019"):
        finance.result_bridge(pd.Series({2018: 1.0}), pd.Series({2018: 1.0}), 2018, 2019)


def test_wide_keeps_a_column_printed_as_a_dash():
    # tabel 2.3, draaiknoppen: resultaat printed '–' in both stands
    long = pd.DataFrame(
        {
            "stand": ["prognose"] * 3 + ["realisatie"] * 3,
            "grootheid": ["begroting", "lasten", "resultaat"] * 2,
            "waarde": [-3.5, -3.5, np.nan, -3.1, -3.1, np.nan],
        }
    )
    out = finance.wide(long, "stand")
    assert out.columns.tolist() == ["begroting", "lasten", "resultaat"]
    assert out["resultaat"].isna().all()
