"""Linear trend of a short yearly series, with its 95% confidence interval (statsmodels OLS).

A series of four yearly figures leaves two degrees of freedom: the interval of the slope is wide
and a trend is rarely distinguishable from no trend. ``helpers.display.conclusions.trend`` says
so in words generated from the interval and the p-value, so a reader does not mistake a fitted
line for evidence.
"""

import pandas as pd
import statsmodels.api as sm

MIN_POINTS = 3  # two points fit a line exactly and leave no residual to estimate uncertainty


def linear_trend(values: pd.Series, alpha: float = 0.05) -> dict:
    """OLS of `values` on its index (years): slope per year with its (1 − alpha) interval.

    Returns n, helling, ci_laag, ci_hoog, p_waarde, r2, helling_pct_gemiddelde (the slope as
    a percentage of the series mean) and alpha.
    """
    values = values.dropna()
    if len(values) < MIN_POINTS:
        raise ValueError(
            f"Reeks '{values.name}' heeft {len(values)} waarden; voor een trend met "
            f"betrouwbaarheidsinterval zijn er minstens {MIN_POINTS} nodig."
        )
    fit = _fit(values.index, values)
    low, high = fit.conf_int(alpha)[1]
    result = {
        "n": len(values),
        "helling": fit.params[1],
        "ci_laag": low,
        "ci_hoog": high,
        "p_waarde": fit.pvalues[1],
        "r2": fit.rsquared,
        "helling_pct_gemiddelde": 100 * fit.params[1] / values.mean(),
        "alpha": alpha,
    }
    return result


def trends(
    data: pd.DataFrame, by: str, x: str = "jaar", y: str = "waarde", alpha: float = 0.05
) -> pd.DataFrame:
    """`linear_trend` per group of `by` in a long table; one row per group."""
    rows = {
        name: linear_trend(group.set_index(x)[y].rename(name), alpha)
        for name, group in data.groupby(by, sort=False)
    }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(by)


def fitted(
    data: pd.DataFrame, by: str, x: str = "jaar", y: str = "waarde", alpha: float = 0.05
) -> pd.DataFrame:
    """Fitted line and its (1 − alpha) confidence band per group, for a chart: the input rows
    with columns `trend`, `band_laag`, `band_hoog` added."""
    parts = []
    for _name, group in data.groupby(by, sort=False):
        fit = _fit(group[x], group[y])
        band = fit.get_prediction().summary_frame(alpha)
        parts.append(
            group.assign(
                trend=band["mean"].to_numpy(),
                band_laag=band["mean_ci_lower"].to_numpy(),
                band_hoog=band["mean_ci_upper"].to_numpy(),
            )
        )
    return pd.concat(parts)


def _fit(x, y):
    design = sm.add_constant(pd.Series(x).to_numpy(dtype=float))
    return sm.OLS(pd.Series(y).to_numpy(dtype=float), design).fit()
