"""A linear multilevel model with random intercepts for units nested in two levels (wijken in
gemeenten in regio's), fitted with statsmodels MixedLM (REML), and what goes into it.

    y_w = x_w·β + u_regio + v_gemeente + e_w,   u ~ N(0, τ²_regio), v ~ N(0, τ²_gemeente), e ~ N(0, σ²)

The expected value of a unit is its fixed part plus the predicted (BLUP) intercepts of its
gemeente and regio, as in SCP's *Jeugdhulp in de wijk*: the part the characteristics and the
shared context of the gemeente and regio explain. Its 95%-interval adds the unit-level spread
σ (what a single wijk varies around that expectation); the uncertainty of β and of the BLUPs is
small beside σ and left out.
"""

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.tools.sm_exceptions import ModelWarning

Z95 = stats.norm.ppf(0.975)


@dataclass(frozen=True)
class NestedFit:
    coefficients: pd.Series  # β by column of the design matrix
    outer: pd.Series  # predicted intercept per outer group (regio)
    inner: pd.Series  # predicted intercept per inner group (gemeente)
    var_outer: float
    var_inner: float
    scale: float  # σ², unit-level residual variance


def fit_nested(
    y: pd.Series, X: pd.DataFrame, inner: pd.Series, outer: pd.Series | None = None
) -> NestedFit:
    """REML fit of ``y`` on the design ``X`` (include a constant column yourself) with random
    intercepts for ``inner`` groups nested in ``outer`` groups (without ``outer``: the inner
    level only). Rows with a missing ``y`` are left out; ``X`` must be complete. Raises
    RuntimeError when the optimiser does not converge."""
    if X.isna().any().any():
        raise ValueError(
            f"Ontbrekende waarden in de ontwerpmatrix: {list(X.columns[X.isna().any()])}."
        )
    keep = y.notna()
    names = {column: f"x{i}" for i, column in enumerate(X.columns)}
    data = (
        X[keep]
        .rename(columns=names)
        .assign(_y=y[keep].astype(float), _inner=inner[keep].astype(str))
    )
    formula = "_y ~ 0 + " + " + ".join(names.values())
    if outer is None:
        model = smf.mixedlm(formula, data, groups="_inner")
    else:
        data["_outer"] = outer[keep].astype(str)
        model = smf.mixedlm(
            formula, data, groups="_outer", re_formula="1", vc_formula={"_inner": "0 + C(_inner)"}
        )
    result = _fit_quietly(model)
    if outer is None:
        inner_effects = {group: effects.iloc[0] for group, effects in result.random_effects.items()}
        return NestedFit(
            coefficients=pd.Series(
                result.fe_params.to_numpy(), index=X.columns, name="coefficient"
            ),
            outer=pd.Series(dtype=float, name="outer"),
            inner=pd.Series(inner_effects, name="inner").sort_index(),
            var_outer=0.0,
            var_inner=float(result.cov_re.iloc[0, 0]),
            scale=float(result.scale),
        )
    prefix = "_inner[C(_inner)["
    outer_effects, inner_effects = {}, {}
    for group, effects in result.random_effects.items():
        outer_effects[group] = effects.iloc[0]
        for label, value in effects.iloc[1:].items():
            inner_effects[label[len(prefix) : -2]] = value
    return NestedFit(
        coefficients=pd.Series(result.fe_params.to_numpy(), index=X.columns, name="coefficient"),
        outer=pd.Series(outer_effects, name="outer").sort_index(),
        inner=pd.Series(inner_effects, name="inner").sort_index(),
        var_outer=float(result.cov_re.iloc[0, 0]),
        var_inner=float(result.vcomp[0]),
        scale=float(result.scale),
    )


def _fit_quietly(model):
    """REML with L-BFGS; where it stops on a boundary or warns, Powell from the same start
    (L-BFGS can collapse a variance to 0 on these likelihoods). Raises RuntimeError when neither
    converges to a proper optimum."""
    for method in ("lbfgs", "powell"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = model.fit(reml=True, method=[method])
            except np.linalg.LinAlgError:
                continue
        troubled = any(issubclass(w.category, (ModelWarning, RuntimeWarning)) for w in caught)
        if result.converged and np.isfinite(result.llf) and not troubled:
            return result
    raise RuntimeError("Het multiniveaumodel convergeert niet (L-BFGS en Powell).")


def predict(
    fit: NestedFit, X: pd.DataFrame, inner: pd.Series, outer: pd.Series | None = None
) -> pd.DataFrame:
    """Per row: ``vast`` (x·β), ``verwacht`` (plus the gemeente and regio intercepts; 0 for a group
    the fit did not see) and the 95%-interval ``laag``–``hoog`` for a single unit (± 1,96 σ)."""
    fixed = X[fit.coefficients.index] @ fit.coefficients
    expected = fixed + inner.map(fit.inner).fillna(0.0)
    if outer is not None:
        expected = expected + outer.map(fit.outer).fillna(0.0)
    half = Z95 * np.sqrt(fit.scale)
    return pd.DataFrame(
        {"vast": fixed, "verwacht": expected, "laag": expected - half, "hoog": expected + half}
    )


def impute_within(
    X: pd.DataFrame, groups: pd.Series, quantile: float | None = 0.25
) -> pd.DataFrame:
    """Missing values replaced by the ``quantile`` (or, with ``None``, the mean) of the observed
    values of the same column in the same group (e.g. the other wijken of the gemeente), or of
    the whole column where the group has none. For shares suppressed because their count was
    small, such a value is more likely low than typical: a lower quantile is the better guess."""
    if quantile is None:
        within, overall = X.groupby(groups).transform("mean"), X.mean()
    else:
        within = X.groupby(groups).transform(lambda column: column.quantile(quantile))
        overall = X.quantile(quantile)
    return X.fillna(within).fillna(overall)


def standardise(X: pd.DataFrame) -> pd.DataFrame:
    """Each column as z-scores (mean 0, sd 1), so coefficients compare per standard deviation."""
    return (X - X.mean()) / X.std()
