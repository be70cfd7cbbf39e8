"""Begroting, realisatie (lasten) and resultaat/saldo: the figures every chapter reports.

Sign convention of the sources: resultaat (or saldo) = begroting − realisatie, so a positive
result is a meevaller and a negative one a tekort.
"""

import numpy as np
import pandas as pd


def wide(df: pd.DataFrame, index: list[str] | str, column: str = "grootheid") -> pd.DataFrame:
    """Long published table -> one column per grootheid (begroting, lasten, resultaat, …)."""
    out = df.pivot_table(index=index, columns=column, values="waarde", aggfunc="first", sort=False)
    out.columns.name = None
    return out


def overview(
    table: pd.DataFrame,
    budget: str = "begroting",
    spent: str = "lasten",
    result: str = "resultaat",
    total: str = "Totaal",
) -> pd.DataFrame:
    """Adds to a wide table (one row per pijler/domein, a row `total`): the result recomputed
    from budget and spending, the rounding difference with the printed result, the result as %
    of the budget, and each row's share of total spending."""
    out = table[[budget, spent, result]].copy()
    out["resultaat_berekend"] = out[budget] - out[spent]
    out["afrondingsverschil"] = (out[result] - out["resultaat_berekend"]).round(6)
    out["resultaat_pct_begroting"] = 100 * out[result] / out[budget].where(out[budget] != 0)
    out["aandeel_lasten_pct"] = 100 * out[spent] / out.loc[total, spent]
    return out


def change(values: pd.DataFrame, van, tot) -> pd.DataFrame:
    """Change between two columns (e.g. years) per row: absolute and in % of `van`."""
    out = values[[van, tot]].copy()
    out["verschil"] = out[tot] - out[van]
    out["verschil_pct"] = 100 * out["verschil"] / out[van].where(out[van] != 0)
    return out


def growth_rates(series: pd.Series) -> pd.Series:
    """Year-on-year growth in % of a series indexed by year (first year NaN)."""
    return 100 * series.pct_change()


def forecast_error(prognose: pd.Series, realisatie: pd.Series) -> pd.DataFrame:
    """How far the prognose was from the realisatie: realisatie − prognose, and in %."""
    out = pd.DataFrame({"prognose": prognose, "realisatie": realisatie})
    out["afwijking"] = out["realisatie"] - out["prognose"]
    out["afwijking_pct"] = 100 * out["afwijking"] / out["prognose"].abs().replace(0, np.nan)
    return out
