"""Linear trend of a short yearly series, with its 95% confidence interval (statsmodels OLS).

A series of four yearly figures leaves two degrees of freedom: the interval of the slope is wide
and a trend is rarely distinguishable from no trend. `trends()` says so in words generated from
the interval and the p-value, so a reader does not mistake a fitted line for evidence.
"""

import pandas as pd
import statsmodels.api as sm

from helpers.display import fmt

MIN_POINTS = 3  # two points fit a line exactly and leave no residual to estimate uncertainty


def linear_trend(values: pd.Series, alpha: float = 0.05) -> dict:
    """OLS of `values` on its index (years): slope per year with its (1 − alpha) interval.

    Returns n, helling, ci_laag, ci_hoog, p_waarde, r2 and helling_pct_gemiddelde (the slope as
    a percentage of the series mean) and `conclusie`, a Dutch sentence about what the series
    can and cannot support.
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
    }
    result["conclusie"] = conclusion(result, alpha)
    return result


def conclusion(trend: dict, alpha: float = 0.05) -> str:
    """What a fitted trend supports, in Dutch, generated from its interval and p-value."""
    level = fmt.percent(100 * (1 - alpha), 0)
    interval = f"{fmt.signed(trend['ci_laag'])} tot {fmt.signed(trend['ci_hoog'])} per jaar"
    p_text = f"p = {fmt.number(trend['p_waarde'], 2)}"
    if trend["ci_laag"] <= 0 <= trend["ci_hoog"]:
        return (
            f"Geen conclusie mogelijk: het {level}-interval van de helling ({interval}) "
            f"omvat 0 ({p_text}). Met {trend['n']} jaarcijfers is deze reeks niet te "
            "onderscheiden van een reeks zonder trend."
        )
    direction = "stijgend" if trend["helling"] > 0 else "dalend"
    return (
        f"Trend {direction}: {fmt.signed(trend['helling'])} per jaar, {level}-interval "
        f"{interval} ({p_text}). Met {trend['n']} jaarcijfers blijft de omvang onzeker."
    )


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
