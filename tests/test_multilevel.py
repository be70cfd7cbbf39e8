"""Nested random-intercept model: known answers on simulated data, imputation by hand."""

import numpy as np
import pandas as pd
import pytest

from helpers.methods import multilevel

BETA = pd.Series({"constante": 10.0, "a": 1.5, "b": -0.8})
SD_OUTER, SD_INNER, SD_UNIT = 1.2, 0.9, 2.0


@pytest.fixture(scope="module")
def simulated():
    """40 regio's x 8 gemeenten x 8 wijken with known β, intercepts and variances."""
    rng = np.random.default_rng(20200305)
    n_outer, n_inner, n_unit = 40, 8, 8
    outer = np.repeat([f"R{i:02d}" for i in range(n_outer)], n_inner * n_unit)
    inner = np.repeat([f"G{i:03d}" for i in range(n_outer * n_inner)], n_unit)
    u = pd.Series(rng.normal(0, SD_OUTER, n_outer), index=[f"R{i:02d}" for i in range(n_outer)])
    v = pd.Series(
        rng.normal(0, SD_INNER, n_outer * n_inner),
        index=[f"G{i:03d}" for i in range(n_outer * n_inner)],
    )
    n = len(outer)
    X = pd.DataFrame({"constante": 1.0, "a": rng.normal(size=n), "b": rng.normal(size=n)})
    outer, inner = pd.Series(outer), pd.Series(inner)
    truth = X @ BETA + outer.map(u) + inner.map(v)
    y = truth + rng.normal(0, SD_UNIT, n)
    fit = multilevel.fit_nested(y, X, inner, outer)
    return {
        "X": X,
        "y": y,
        "inner": inner,
        "outer": outer,
        "u": u,
        "v": v,
        "fit": fit,
        "truth": truth,
    }


def test_recovers_the_true_coefficients(simulated):
    fit = simulated["fit"]
    assert list(fit.coefficients.index) == list(BETA.index)
    assert fit.coefficients["a"] == pytest.approx(BETA["a"], abs=0.1)
    assert fit.coefficients["b"] == pytest.approx(BETA["b"], abs=0.1)
    assert fit.coefficients["constante"] == pytest.approx(BETA["constante"], abs=0.5)


def test_recovers_the_variance_components(simulated):
    fit = simulated["fit"]
    assert np.sqrt(fit.scale) == pytest.approx(SD_UNIT, rel=0.05)
    assert np.sqrt(fit.var_inner) == pytest.approx(SD_INNER, rel=0.25)
    assert np.sqrt(fit.var_outer) == pytest.approx(SD_OUTER, rel=0.3)


def test_predicted_intercepts_follow_the_true_ones(simulated):
    fit = simulated["fit"]
    u, v = simulated["u"], simulated["v"]
    assert np.corrcoef(fit.outer[u.index], u)[0, 1] > 0.9
    assert np.corrcoef(fit.inner[v.index], v)[0, 1] > 0.7
    # BLUPs shrink towards zero: their spread is below the true spread
    assert fit.inner.std() < v.std()


def test_units_fall_inside_their_interval_at_the_nominal_rate(simulated):
    s = simulated
    out = multilevel.predict(s["fit"], s["X"], s["inner"], s["outer"])
    inside = (s["y"] >= out["laag"]) & (s["y"] <= out["hoog"])
    assert inside.mean() == pytest.approx(0.95, abs=0.015)
    assert (out["verwacht"] - s["truth"]).abs().mean() < 0.6


def test_unseen_groups_get_the_fixed_part_only(simulated):
    s = simulated
    X = s["X"].iloc[:1]
    out = multilevel.predict(s["fit"], X, pd.Series(["nieuw"]), pd.Series(["nieuw"]))
    assert out["verwacht"].iloc[0] == pytest.approx(out["vast"].iloc[0])


def test_an_incomplete_design_is_refused(simulated):
    s = simulated
    X = s["X"].copy()
    X.loc[3, "a"] = np.nan
    with pytest.raises(ValueError, match="Ontbrekende"):
        multilevel.fit_nested(s["y"], X, s["inner"], s["outer"])


def test_impute_within_uses_the_group_quartile_then_the_column_quartile():
    X = pd.DataFrame({"p": [1.0, 2.0, 3.0, 5.0, np.nan, 10.0, np.nan]})
    groups = pd.Series(["g", "g", "g", "g", "g", "h", "k"])
    out = multilevel.impute_within(X, groups, quantile=0.25)
    # group g observes 1, 2, 3, 5: lower quartile (linear) = 1.75
    assert out.loc[4, "p"] == pytest.approx(1.75)
    # group k observes nothing: quartile of the column 1, 2, 3, 5, 10 = 2.0
    assert out.loc[6, "p"] == pytest.approx(2.0)
    assert out["p"].notna().all() and out.loc[[0, 1, 2, 3, 5], "p"].tolist() == [1, 2, 3, 5, 10]


def test_impute_within_with_the_mean():
    X = pd.DataFrame({"p": [1.0, 2.0, np.nan, 9.0, np.nan]})
    groups = pd.Series(["g", "g", "g", "h", "k"])
    out = multilevel.impute_within(X, groups, quantile=None)
    assert out["p"].tolist() == pytest.approx([1.0, 2.0, 1.5, 9.0, 4.0])


def test_standardise_gives_mean_zero_and_sd_one():
    out = multilevel.standardise(pd.DataFrame({"a": [1.0, 2.0, 3.0]}))
    assert out["a"].tolist() == pytest.approx([-1.0, 0.0, 1.0])


def test_without_outer_level_fits_the_inner_level_only(simulated):
    s = simulated
    fit = multilevel.fit_nested(s["y"], s["X"], s["inner"])
    assert fit.var_outer == 0.0 and fit.outer.empty
    # the regio spread is now part of the gemeente spread
    assert np.sqrt(fit.var_inner) == pytest.approx(np.hypot(SD_OUTER, SD_INNER), rel=0.25)
    out = multilevel.predict(fit, s["X"], s["inner"])
    assert out["verwacht"].notna().all()
