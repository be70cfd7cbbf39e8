"""Prognoses of a gemeente's yearly spending made the way a begroting is made, and their backtest.

Timing. The begroting for year t is adopted in the autumn of t−1, when the realisation of t−1 is
not known yet: the last known realisation is that of t−2 (``LAG`` = 2). Every method here forecasts
year t from the realisations up to t−2 only, ``LAG`` years ahead of the last known year.

Data. ``panel`` is wide: one row per gemeente (index code), one column per year (int), realised
amounts, missing where a gemeente has no (plausible) figure. A method uses the *run*: the
uninterrupted years with a positive figure that end in the last known year; a gemeente without a
figure in that year gets no forecast.

Methods (each returns one forecast per gemeente of the panel, NaN where it cannot forecast):

* ``naief`` — the last known realisation.
* ``drift`` — the last known realisation plus the average yearly change over the run, per year of
  the horizon (random walk with drift); exact on a linear series.
* ``groei`` — the last known realisation times the average yearly growth factor over the run;
  exact on a series with constant growth.
* ``gedempt`` — Holt's linear trend with a damped trend (Gardner & McKenzie), fixed parameters
  ``DAMPED`` (α level, β trend, φ damping), level and trend initialised on the first two years of
  the run. With two to eight yearly figures per gemeente the parameters cannot be estimated per
  gemeente; the values are a stated choice. Equal to statsmodels' ``Holt(damped_trend=True)`` with
  the same fixed parameters and known initialisation (a test checks that), computed for all
  gemeenten at once.
* ``gepoold`` — the gemeente's average yearly log-growth over the run, shrunk toward the median
  growth of its peers (a group label per gemeente) by empirical Bayes: weight
  w = τ² / (τ² + σ²/n) on the gemeente's own growth, with n its number of yearly steps, σ² the
  pooled variance of yearly growth around each gemeente's own average, τ² the variance of the
  gemeenten's average growth that sampling noise does not explain (at least 0). Without
  year-to-year noise (σ² = 0) the own growth is used; with τ² = 0 the peers' growth.
* ``begroting`` is not computed here: it is the gemeente's own budget, passed in as data.

Errors are in % of the realisation: fout = (realisatie − prognose) / realisatie × 100, positive when
the forecast was too low (onderraming), as the budget error of a begroting.
"""

import numpy as np
import pandas as pd

from helpers.assumptions import Assumption

ASSUMPTIONS = (
    Assumption(
        "informatie bij het begroten",
        "de prognose voor jaar t gebruikt alleen realisaties tot en met t−2",
        "de begroting voor jaar t wordt in het najaar van t−1 vastgesteld, als de realisatie van t−1 nog niet bekend is",
        "de terugtoets is vergelijkbaar met wat gemeenten echt wisten",
    ),
    Assumption(
        "gedempte trend",
        "vaste parameters (α 0,8, β 0,2, φ 0,8) in plaats van geschatte",
        "met 2–8 jaren per gemeente zijn ze niet betrouwbaar te schatten",
        "",
    ),
    Assumption(
        "begrote kosten van CBS",
        "CBS BegroteKosten geldt als de prognose van de gemeente",
        "de vastgelegde bestanden zeggen niet of het de primitieve of een gewijzigde begroting is",
        "is het een gewijzigde begroting, dan bevat die informatie uit het jaar zelf en lijkt de gemeente beter te begroten dan ze deed",
    ),
)

LAG = 2
DAMPED = {"alpha": 0.8, "beta": 0.2, "phi": 0.8}
METHODS = ("naief", "drift", "groei", "gedempt", "gepoold")
COVERAGE = 0.9


def known(panel: pd.DataFrame, target: int) -> pd.DataFrame:
    """The realisations known when the begroting for ``target`` was drawn up (years <= t − LAG)."""
    return panel.loc[:, [year for year in panel.columns if year <= target - LAG]]


def run(history: pd.DataFrame) -> pd.DataFrame:
    """The run of each gemeente: its positive figures in the uninterrupted years that end in the
    last column; everything before a gap (or a missing last year) becomes NaN."""
    history = history.astype(float)
    present = history.gt(0).to_numpy()
    # a year belongs to the run when it and every later year are present
    in_run = np.flip(np.cumprod(np.flip(present, axis=1), axis=1), axis=1).astype(bool)
    return history.where(in_run)


def _ends(values: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Last and first value of each run and the number of yearly steps between them."""
    present = values.notna()
    last_year = values.columns.max()
    first_year = present.idxmax(axis=1).where(present.any(axis=1)).astype(float)
    first = values.bfill(axis=1).iloc[:, 0]
    return values[last_year], first, last_year - first_year


def naief(history: pd.DataFrame, horizon: int = LAG) -> pd.Series:
    last, _, _ = _ends(run(history))
    return last.rename("naief")


def drift(history: pd.DataFrame, horizon: int = LAG) -> pd.Series:
    last, first, steps = _ends(run(history))
    slope = (last - first) / steps.where(steps > 0)
    return (last + horizon * slope).rename("drift")


def groei(history: pd.DataFrame, horizon: int = LAG) -> pd.Series:
    last, first, steps = _ends(run(history))
    factor = (last / first) ** (1 / steps.where(steps > 0))
    return (last * factor**horizon).rename("groei")


def gedempt(history: pd.DataFrame, horizon: int = LAG, **parameters) -> pd.Series:
    """Holt's damped trend for every gemeente at once (see the module text)."""
    p = {**DAMPED, **parameters}
    alpha, beta, phi = p["alpha"], p["beta"], p["phi"]
    y = run(history).to_numpy(dtype=float)
    observed = ~np.isnan(y)
    start = np.argmax(observed, axis=1)
    rows = np.arange(len(y))
    usable = observed.sum(axis=1) >= 2
    level = np.where(usable, y[rows, start], np.nan)
    trend = np.where(usable, y[rows, np.minimum(start + 1, y.shape[1] - 1)] - level, np.nan)
    for column in range(y.shape[1]):
        active = observed[:, column] & usable
        new_level = alpha * y[:, column] + (1 - alpha) * (level + phi * trend)
        new_trend = beta * (new_level - level) + (1 - beta) * phi * trend
        level = np.where(active, new_level, level)
        trend = np.where(active, new_trend, trend)
    damping = sum(phi**k for k in range(1, horizon + 1))
    return pd.Series(level + damping * trend, index=history.index, name="gedempt")


def gepoold(history: pd.DataFrame, peers: pd.Series, horizon: int = LAG) -> pd.Series:
    """Own growth shrunk toward the peers' median growth (see the module text). ``peers`` gives
    each gemeente's group label (index code)."""
    logs = np.log(run(history))
    steps_per_year = logs.diff(axis=1)
    last, first, steps = _ends(logs)
    own = (last - first) / steps.where(steps > 0)
    group = peers.reindex(history.index)
    peer_growth = own.groupby(group).transform("median")
    residuals = steps_per_year.sub(own, axis=0)
    dof = (steps - 1).clip(lower=0)
    sigma2 = (residuals**2).sum().sum() / dof.sum() if dof.sum() > 0 else 0.0
    with_growth = own.notna()
    between = own[with_growth].var(ddof=1) if with_growth.sum() > 1 else 0.0
    tau2 = max(between - (sigma2 / steps[with_growth]).mean(), 0.0) if with_growth.any() else 0.0
    if sigma2 == 0:
        weight = pd.Series(1.0, index=history.index)
    else:
        weight = tau2 / (tau2 + sigma2 / steps)
    growth = weight * own + (1 - weight) * peer_growth
    return (np.exp(last + horizon * growth)).rename("gepoold")


def forecasts(history: pd.DataFrame, peers: pd.Series, horizon: int = LAG) -> pd.DataFrame:
    """Every method's forecast from ``history``: one column per method, one row per gemeente."""
    return pd.DataFrame(
        {
            "naief": naief(history, horizon),
            "drift": drift(history, horizon),
            "groei": groei(history, horizon),
            "gedempt": gedempt(history, horizon),
            "gepoold": gepoold(history, peers, horizon),
        }
    )


def backtest(panel: pd.DataFrame, budget: pd.DataFrame, peers: pd.Series) -> pd.DataFrame:
    """Rolling-origin forecasts for every year the data allow, with the gemeente's own begroting.

    For each target year t with at least two known years before it, every method forecasts t
    from ``known(panel, t)``. Returns a long table: ``jaar``, ``code``, ``methode`` (the methods
    and ``begroting``), ``prognose``, ``realisatie``, ``fout`` (% of realisatie) and
    ``vergelijkbaar`` (True for the gemeenten where every method and the begroting have a
    forecast and the realisation is positive: the set on which methods are compared)."""
    years = sorted(panel.columns)
    out = []
    for target in years:
        history = known(panel, target)
        if history.shape[1] < 2:
            continue
        made = forecasts(history, peers, target - history.columns.max())
        made["begroting"] = budget.get(target, pd.Series(np.nan, index=budget.index)).reindex(
            made.index
        )
        actual = panel[target].reindex(made.index)
        comparable = made.notna().all(axis=1) & actual.gt(0)
        long = made.rename_axis("code").reset_index().melt("code", var_name="methode")
        long = long.rename(columns={"value": "prognose"})
        long["realisatie"] = long["code"].map(actual)
        long["vergelijkbaar"] = long["code"].map(comparable)
        out.append(long.assign(jaar=target))
    result = pd.concat(out, ignore_index=True).dropna(subset=["prognose", "realisatie"])
    result = result[result["realisatie"] > 0]
    result["fout"] = 100 * (result["realisatie"] - result["prognose"]) / result["realisatie"]
    return result[["jaar", "code", "methode", "prognose", "realisatie", "fout", "vergelijkbaar"]]


def accuracy(errors: pd.DataFrame) -> pd.DataFrame:
    """Per method and year, on the comparable gemeenten: ``gemeenten``, ``mape`` and ``mdape``
    (mean and median absolute error, % of realisatie) and ``bias`` (median error, %; positive:
    forecasts too low)."""
    comparable = errors[errors["vergelijkbaar"]].assign(absolute=lambda d: d["fout"].abs())
    grouped = comparable.groupby(["methode", "jaar"])
    return pd.DataFrame(
        {
            "gemeenten": grouped["code"].nunique(),
            "mape": grouped["absolute"].mean(),
            "mdape": grouped["absolute"].median(),
            "bias": grouped["fout"].median(),
        }
    ).reset_index()


def intervals(errors: pd.DataFrame, made: pd.DataFrame, target: int) -> pd.DataFrame:
    """Prediction intervals (``COVERAGE``) for forecasts of ``target``: the forecast times the
    5%- and 95%-quantiles of realisatie / prognose over the backtest errors of every gemeente in
    the years known when the forecast is made (target year <= ``target`` − LAG). ``made`` is long
    (code, methode, prognose). Returns ``made`` with ``ondergrens``, ``bovengrens`` and
    ``basis`` (number of past errors used; NaN bounds below 20)."""
    past = errors[errors["jaar"] <= target - LAG]
    ratio = (past["realisatie"] / past["prognose"]).where(past["prognose"] > 0)
    tail = (1 - COVERAGE) / 2
    by_method = ratio.groupby(past["methode"])
    low, high = by_method.quantile(tail), by_method.quantile(1 - tail)
    counts = by_method.count()
    out = made.copy()
    enough = out["methode"].map(counts).fillna(0) >= 20
    out["ondergrens"] = (out["prognose"] * out["methode"].map(low)).where(enough)
    out["bovengrens"] = (out["prognose"] * out["methode"].map(high)).where(enough)
    out["basis"] = out["methode"].map(counts).fillna(0).astype(int)
    return out


def coverage(errors: pd.DataFrame) -> pd.DataFrame:
    """How often the realisation fell inside the prediction interval, per method and year, on
    the comparable gemeenten, each interval built only from errors known at the time."""
    out = []
    for target in sorted(errors["jaar"].unique()):
        rows = errors[(errors["jaar"] == target) & errors["vergelijkbaar"]]
        bounded = intervals(errors, rows, int(target)).dropna(subset=["ondergrens"])
        if bounded.empty:
            continue
        inside = bounded["realisatie"].between(bounded["ondergrens"], bounded["bovengrens"])
        out.append(
            bounded.assign(binnen=inside)
            .groupby("methode")
            .agg(gemeenten=("code", "size"), dekking=("binnen", "mean"))
            .assign(jaar=target)
            .reset_index()
        )
    result = pd.concat(out, ignore_index=True)
    result["dekking"] *= 100
    return result[["methode", "jaar", "gemeenten", "dekking"]]
