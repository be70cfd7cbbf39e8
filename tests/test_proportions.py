"""Beta regression for shares: known coefficients recovered on simulated data, intervals that
cover at the nominal rate out of sample, baselines and error measures by hand."""

import numpy as np
import pandas as pd
import pytest

from helpers.methods import proportions

BETA = np.array([-1.8, 0.3, -0.2])  # logit of the mean: constant, a, b
GAMMA = np.array([2.0, 0.4])  # log of the precision: constant, ln(size)


@pytest.fixture(scope="module")
def simulated():
    rng = np.random.default_rng(345)
    n = 600
    X = pd.DataFrame({"constante": 1.0, "a": rng.normal(size=n), "b": rng.normal(size=n)})
    size = pd.Series(np.exp(rng.uniform(6, 11, n)))
    Z = pd.DataFrame({"constante": 1.0, "ln_omvang": np.log(size)})
    mu = 1 / (1 + np.exp(-(X.to_numpy() @ BETA)))
    phi = np.exp(Z.to_numpy() @ GAMMA)
    y = pd.Series(rng.beta(mu * phi, (1 - mu) * phi))
    klasse = pd.Series(np.where(size > size.median(), "groot", "klein"))
    return {"X": X, "Z": Z, "y": y, "size": size, "klasse": klasse, "mu": mu}


def test_recovers_the_true_coefficients(simulated):
    result = proportions.fit(simulated["y"], simulated["X"], simulated["Z"])
    assert result.params[:3] == pytest.approx(BETA, abs=0.05)
    assert result.params[3:] == pytest.approx(GAMMA, abs=0.6)


def test_out_of_sample_intervals_cover_at_the_nominal_rate(simulated):
    s = simulated
    table = proportions.cross_validated(s["y"], s["X"], s["Z"], s["size"], s["klasse"], k=5)
    assert proportions.coverage(table) == pytest.approx(0.95, abs=0.025)
    # small units get wider intervals than large ones
    width = table["pi_hoog"] - table["pi_laag"]
    assert (
        width[s["size"] < s["size"].quantile(0.2)].mean()
        > width[s["size"] > s["size"].quantile(0.8)].mean()
    )
    # every unit is predicted exactly once, by a fit without its fold
    assert table["verwacht"].notna().all() and sorted(table["fold"].unique()) == list(range(5))


def test_model_beats_the_naive_baselines_when_the_characteristics_matter(simulated):
    s = simulated
    table = proportions.cross_validated(s["y"], s["X"], s["Z"], s["size"], s["klasse"], k=5)
    errs = proportions.errors(table, {"verwacht": "model", "landelijk": "land", "klasse": "klasse"})
    assert errs.loc["model", "mae"] < errs.loc["land", "mae"]
    assert errs.loc["model", "mae"] < errs.loc["klasse", "mae"]


def test_baselines_and_errors_by_hand():
    y = pd.Series([0.1, 0.2, 0.3, 0.4])
    X = pd.DataFrame({"constante": [1.0] * 4})
    size = pd.Series([1.0, 1.0, 1.0, 3.0])
    klasse = pd.Series(["a", "a", "b", "b"])
    table = pd.DataFrame({"werkelijk": y, "m": [0.1, 0.1, 0.3, 0.6]})
    errs = proportions.errors(table, {"m": "model"})
    assert errs.loc["model", "mae"] == pytest.approx(0.075)
    assert errs.loc["model", "rmse"] == pytest.approx(np.sqrt((0.01 + 0.04) / 4))
    assert errs.loc["model", "max"] == pytest.approx(0.2)
    out = proportions.cross_validated(y, X, X, size, klasse, k=4, seed=1)
    fold = out["fold"]
    for i in y.index:  # pooled rate and class mean of the other units
        others = fold != fold[i]
        assert out.loc[i, "landelijk"] == pytest.approx(
            (y * size)[others].sum() / size[others].sum()
        )
    assert out.loc[0, "klasse"] == pytest.approx(0.2) and out.loc[3, "klasse"] == pytest.approx(0.3)


def test_coverage_counts_the_bounds_as_inside():
    table = pd.DataFrame(
        {"werkelijk": [1.0, 2.0, 5.0], "pi_laag": [1.0, 0.0, 0.0], "pi_hoog": [3.0, 2.0, 4.0]}
    )
    assert proportions.coverage(table) == pytest.approx(2 / 3)


def test_contributions_are_zero_for_an_average_unit_and_signed_otherwise(simulated):
    s = simulated
    result = proportions.fit(s["y"], s["X"], s["Z"])
    beta = pd.Series(result.params[:3], index=s["X"].columns)
    X = pd.DataFrame({"constante": [1.0, 1.0], "a": [0.0, 2.0], "b": [0.0, 0.0]})
    average = proportions.contributions(beta, X, 0)
    assert average.abs().max() == 0.0
    high_a = proportions.contributions(beta, X, 1)
    assert high_a["a"] > 0 and high_a["b"] == 0.0  # β_a > 0: an above-average a raises μ


def test_shares_outside_zero_one_are_refused():
    with pytest.raises(ValueError, match="tussen 0 en 1"):
        proportions.fit(
            pd.Series([0.0, 0.5]), pd.DataFrame({"c": [1.0, 1.0]}), pd.DataFrame({"c": [1.0, 1.0]})
        )
