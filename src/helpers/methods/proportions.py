"""Expected proportions for units of very different size (gemeenten), judged out of sample.

The model is a beta regression (statsmodels ``BetaModel``): the share y_i in (0, 1) follows a
beta distribution with mean μ_i, logit(μ_i) = x_i·β, and precision φ_i, log(φ_i) = z_i·γ. With the
log of the unit's size in z, large units get a narrower spread than small ones, as binomial noise
implies, while the between-unit spread that does not shrink with size (overdispersion) is kept.
A 95% prediction interval is the 2,5% and 97,5% quantile of that beta distribution, with the
uncertainty of the estimated β and γ added by simulation.

``cross_validated`` fits on k - 1 folds and predicts the held-out fold, so every unit's
expected value and interval come from a fit without that unit. The same folds give two naive
baselines: the pooled rate of the other units, and the mean of the other units of the same class.
"""

import numpy as np
import pandas as pd
from statsmodels.othermod.betareg import BetaModel

LOW, HIGH = 0.025, 0.975


def fit(y: pd.Series, X: pd.DataFrame, Z: pd.DataFrame):
    """Beta regression of ``y`` (shares in (0, 1)) on ``X`` (mean, logit link) and ``Z``
    (precision, log link); include constant columns yourself."""
    if ((y <= 0) | (y >= 1)).any():
        raise ValueError(
            "Beta-regressie: aandelen moeten tussen 0 en 1 liggen (grenzen uitgesloten)."
        )
    result = BetaModel(y.to_numpy(float), X.to_numpy(float), exog_precision=Z.to_numpy(float)).fit(
        disp=False, maxiter=2000
    )
    if not result.mle_retvals["converged"]:
        raise RuntimeError("De beta-regressie convergeert niet.")
    return result


def predict(
    result, X: pd.DataFrame, Z: pd.DataFrame, draws: int = 4000, seed: int = 0
) -> pd.DataFrame:
    """``verwacht`` (μ at the estimates) and the 95% prediction interval ``pi_laag``–``pi_hoog``
    per row (shares). The interval carries the uncertainty of the estimates too: ``draws``
    parameter vectors from their asymptotic normal distribution, one beta draw of the share for
    each, and the 2,5% and 97,5% quantiles of those (seeded, so reproducible)."""
    rng = np.random.default_rng(seed)
    x, z = X.to_numpy(float), Z.to_numpy(float)
    params = rng.multivariate_normal(result.params, result.cov_params(), size=draws)
    mu = 1 / (1 + np.exp(-(params[:, : x.shape[1]] @ x.T)))
    phi = np.exp(params[:, x.shape[1] :] @ z.T)
    shares = rng.beta(mu * phi, (1 - mu) * phi)
    expected = 1 / (1 + np.exp(-(x @ result.params[: x.shape[1]])))
    return pd.DataFrame(
        {
            "verwacht": expected,
            "pi_laag": np.quantile(shares, LOW, axis=0),
            "pi_hoog": np.quantile(shares, HIGH, axis=0),
        },
        index=X.index,
    )


def folds(index: pd.Index, k: int, seed: int) -> pd.Series:
    """Fold number 0..k-1 per unit: a seeded random permutation dealt round-robin."""
    order = np.random.default_rng(seed).permutation(len(index))
    return pd.Series(order % k, index=index, name="fold")


def cross_validated(
    y: pd.Series,
    X: pd.DataFrame,
    Z: pd.DataFrame,
    size: pd.Series,
    klasse: pd.Series,
    k: int = 10,
    seed: int = 0,
) -> pd.DataFrame:
    """Per unit, each from a fit without its fold: the model's ``verwacht``, ``pi_laag``,
    ``pi_hoog``, and the baselines ``landelijk`` (pooled rate of the other folds, weighted by
    ``size``) and ``klasse`` (mean of the other folds' units of the same ``klasse``), with the
    observed ``werkelijk`` and the ``fold``."""
    fold = folds(y.index, k, seed)
    parts = []
    for held_out in range(k):
        test, train = fold == held_out, fold != held_out
        predicted = predict(
            fit(y[train], X[train], Z[train]), X[test], Z[test], seed=seed + held_out
        )
        pooled = (y[train] * size[train]).sum() / size[train].sum()
        class_mean = y[train].groupby(klasse[train]).mean()
        predicted["landelijk"] = pooled
        predicted["klasse"] = klasse[test].map(class_mean).fillna(pooled).to_numpy()
        parts.append(predicted)
    out = pd.concat(parts).reindex(y.index)
    return out.assign(werkelijk=y, fold=fold)


def errors(table: pd.DataFrame, methods: dict[str, str]) -> pd.DataFrame:
    """Mean absolute error, root mean squared error and largest error of each method
    (``methods``: column -> label), in the units of ``werkelijk``."""
    rows = {}
    for column, label in methods.items():
        error = table[column] - table["werkelijk"]
        rows[label] = {
            "mae": error.abs().mean(),
            "rmse": float(np.sqrt((error**2).mean())),
            "max": error.abs().max(),
        }
    return pd.DataFrame(rows).T


def coverage(table: pd.DataFrame) -> float:
    """Share of units whose observed value lies inside their own prediction interval."""
    inside = (table["werkelijk"] >= table["pi_laag"]) & (table["werkelijk"] <= table["pi_hoog"])
    return float(inside.mean())


def contributions(beta: pd.Series, X: pd.DataFrame, row) -> pd.Series:
    """For one unit, per column of ``X`` (z-scores, 0 = average; ``beta`` the mean coefficients
    by column): how much its expected share would fall if that characteristic were average, all
    else equal (μ(η) − μ(η − β_j·x_j)). The constant is left out."""
    x = X.loc[row, beta.index]
    eta = float(x @ beta)
    shifts = (beta * x).drop("constante", errors="ignore")
    expit = 1 / (1 + np.exp(-eta))
    return expit - 1 / (1 + np.exp(-(eta - shifts)))
