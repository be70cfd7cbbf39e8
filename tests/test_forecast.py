import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.holtwinters import Holt

from helpers.methods import forecast

YEARS = list(range(2015, 2024))


def panel(rows: dict[str, list[float]]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(
        rows, orient="index", columns=YEARS[: len(next(iter(rows.values())))]
    )


def test_known_stops_two_years_before_the_target():
    data = panel({"GM1": [1.0] * 9})
    assert list(forecast.known(data, 2020).columns) == [2015, 2016, 2017, 2018]


def test_run_keeps_only_the_uninterrupted_years_that_end_in_the_last_year():
    data = panel({"a": [1, 2, np.nan, 4, 5], "b": [1, 2, 3, 4, np.nan], "c": [1, 0, 3, 4, 5]})
    out = forecast.run(data)
    assert out.loc["a"].tolist()[3:] == [4, 5] and out.loc["a"].iloc[:3].isna().all()
    assert out.loc["b"].isna().all()
    assert out.loc["c"].iloc[2:].tolist() == [3, 4, 5] and out.loc["c"].iloc[:2].isna().all()


def test_linear_series_drift_is_exact_and_naive_is_behind_by_two_slopes():
    # 100, 110, …: the forecast two years after the last known year is last + 2 × 10
    data = panel({"lin": [100 + 10 * k for k in range(5)]})
    assert forecast.drift(data)["lin"] == pytest.approx(160)
    assert forecast.naief(data)["lin"] == 140


def test_constant_growth_series_groei_is_exact():
    data = panel({"g": [100 * 1.05**k for k in range(6)]})
    assert forecast.groei(data)["g"] == pytest.approx(100 * 1.05**7)


def test_constant_series_every_method_returns_the_constant():
    data = panel({"c": [50.0] * 5, "d": [50.0] * 5})
    made = forecast.forecasts(data, pd.Series({"c": "x", "d": "x"}))
    assert np.allclose(made.to_numpy(), 50.0)


def test_damped_trend_equals_statsmodels_holt_with_the_same_fixed_parameters():
    rng = np.random.default_rng(7)
    values = 100 + np.cumsum(rng.normal(5, 3, size=(4, 6)), axis=1)
    values[1, :2] = np.nan  # a shorter run: starts later
    data = pd.DataFrame(values, index=list("abcd"), columns=YEARS[:6])
    ours = forecast.gedempt(data, horizon=2)
    for code, row in data.iterrows():
        y = row.dropna().to_numpy()
        fit = Holt(
            y,
            damped_trend=True,
            initialization_method="known",
            initial_level=y[0],
            initial_trend=y[1] - y[0],
        ).fit(
            smoothing_level=forecast.DAMPED["alpha"],
            smoothing_trend=forecast.DAMPED["beta"],
            damping_trend=forecast.DAMPED["phi"],
            optimized=False,
        )
        assert ours[code] == pytest.approx(fit.forecast(2)[-1])


def test_damped_trend_needs_two_years():
    data = panel({"a": [np.nan, np.nan, np.nan, np.nan, 5.0]})
    assert np.isnan(forecast.gedempt(data)["a"])


def test_pooled_uses_own_growth_when_growth_is_noise_free():
    # every gemeente grows at its own constant rate: σ² = 0, so its own growth is exact
    data = panel({"a": [100 * 1.02**k for k in range(5)], "b": [100 * 1.10**k for k in range(5)]})
    made = forecast.gepoold(data, pd.Series({"a": "g", "b": "g"}))
    assert made["a"] == pytest.approx(100 * 1.02**6)
    assert made["b"] == pytest.approx(100 * 1.10**6)


def test_pooled_uses_peer_growth_when_gemeenten_do_not_differ_beyond_noise():
    # Two gemeenten whose yearly growth alternates around the same 5%: their averages are equal,
    # so τ² = 0 and the peers' median growth (5%) is used.
    up, down = np.log(1.05) + 0.02, np.log(1.05) - 0.02
    a = 100 * np.exp(np.cumsum([0, up, down, up, down]))
    b = 200 * np.exp(np.cumsum([0, down, up, down, up]))
    made = forecast.gepoold(panel({"a": list(a), "b": list(b)}), pd.Series({"a": "g", "b": "g"}))
    assert made["a"] == pytest.approx(a[-1] * 1.05**2)
    assert made["b"] == pytest.approx(b[-1] * 1.05**2)


def test_pooled_shrinks_toward_the_peers_of_the_own_group_only():
    rng = np.random.default_rng(3)
    rows = {}
    for group, rate in (("laag", 0.00), ("hoog", 0.10)):
        for k in range(6):
            steps = rate + rng.normal(0, 0.03, 5)
            rows[f"{group}{k}"] = list(100 * np.exp(np.concatenate([[0], np.cumsum(steps)])))
    data = panel(rows)
    peers = pd.Series({code: code.rstrip("0123456789") for code in rows})
    made = forecast.gepoold(data, peers)
    implied = np.log(made / data.iloc[:, -1]) / 2
    assert implied[peers == "laag"].max() < implied[peers == "hoog"].min()


def synthetic(seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    codes = [f"GM{k:04d}" for k in range(40)]
    growth = rng.normal(0.04, 0.03, size=(40, 1)) + rng.normal(0, 0.02, size=(40, 9))
    values = 1e6 * np.exp(np.cumsum(growth, axis=1))
    real = pd.DataFrame(values, index=codes, columns=YEARS)
    budget = real * 0.95
    peers = pd.Series(["a", "b"] * 20, index=codes)
    return real, budget, peers


def test_backtest_starts_where_two_years_are_known_and_compares_all_methods_on_the_same_gemeenten():
    real, budget, peers = synthetic()
    errors = forecast.backtest(real, budget, peers)
    assert errors["jaar"].min() == 2018 and errors["jaar"].max() == 2023
    assert set(errors["methode"]) == {*forecast.METHODS, "begroting"}
    table = forecast.accuracy(errors)
    assert (table.groupby("jaar")["gemeenten"].nunique() == 1).all()
    # the begroting is 95% of the realisation: error +5% for every gemeente
    own = table[table["methode"] == "begroting"]
    assert np.allclose(own[["mape", "mdape", "bias"]], 5.0)


def test_no_look_ahead_poisoning_the_target_year_and_the_year_before_changes_nothing():
    real, budget, peers = synthetic(2)
    target = 2021
    poisoned = real.copy()
    poisoned.loc[:, [y for y in YEARS if y >= target - 1]] = 1e12
    clean = forecast.backtest(real, budget, peers)
    dirty = forecast.backtest(poisoned, budget, peers)
    key = ["code", "methode"]
    a = clean[clean["jaar"] == target].set_index(key)["prognose"].sort_index()
    b = dirty[dirty["jaar"] == target].set_index(key)["prognose"].sort_index()
    pd.testing.assert_series_equal(a, b)
    # and the poison did reach the data: the realisation of the target year differs
    assert not np.allclose(
        clean.loc[clean["jaar"] == target, "realisatie"],
        dirty.loc[dirty["jaar"] == target, "realisatie"],
    )


def test_no_look_ahead_applies_to_each_method_directly():
    real, _, peers = synthetic(4)
    poisoned = real.copy()
    poisoned[2020] = -5.0
    for target in (2019, 2020, 2021):
        made = forecast.forecasts(forecast.known(real, target), peers)
        again = forecast.forecasts(forecast.known(poisoned, target), peers)
        pd.testing.assert_frame_equal(made, again)


def test_intervals_use_only_errors_known_at_the_time_and_cover_about_as_stated():
    real, budget, peers = synthetic(5)
    errors = forecast.backtest(real, budget, peers)
    made = errors[errors["jaar"] == 2021]
    later = errors.copy()
    later.loc[later["jaar"] >= 2020, "realisatie"] *= 50  # errors not yet known in 2020
    a = forecast.intervals(errors, made, 2021)
    b = forecast.intervals(later, made, 2021)
    pd.testing.assert_frame_equal(a, b)
    table = forecast.coverage(errors)
    assert table["jaar"].min() >= 2020 and table["dekking"].between(0, 100).all()


def test_accuracy_known_answer():
    errors = pd.DataFrame(
        {
            "jaar": 2020,
            "code": ["a", "b", "c"],
            "methode": "naief",
            "prognose": [90.0, 110.0, 100.0],
            "realisatie": [100.0, 100.0, 100.0],
            "fout": [10.0, -10.0, 0.0],
            "vergelijkbaar": True,
        }
    )
    row = forecast.accuracy(errors).iloc[0]
    assert row["gemeenten"] == 3
    assert row["mape"] == pytest.approx(20 / 3) and row["mdape"] == 10 and row["bias"] == 0
