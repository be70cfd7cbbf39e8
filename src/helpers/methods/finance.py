"""Begroting, realisatie (lasten) and resultaat/saldo: the figures every chapter reports.

Sign convention of the sources: resultaat (or saldo) = begroting − realisatie, so a positive
result is a meevaller and a negative one a tekort.
"""

import numpy as np
import pandas as pd

from helpers.assumptions import Assumption

ASSUMPTIONS = (
    Assumption(
        "onvolledige opgaven",
        "een bedrag per inwoner onder ¼ of boven 4× de eigen mediaan van de gemeente (bij ten minste 3 jaren), of onder ¼ van de mediaan van alle gemeenten dat jaar, wordt uitgesloten en vermeld",
        "gedeeltelijke opgaven bestaan (Maastricht 2016: € 592 duizend jeugdzorg)",
        "hoge bedragen ten opzichte van andere gemeenten blijven staan: centrumgemeenten geven meer uit",
    ),
)


def wide(df: pd.DataFrame, index: list[str] | str, column: str = "grootheid") -> pd.DataFrame:
    """Long published table -> one column per grootheid (begroting, lasten, resultaat, …); a
    column whose values are all missing (printed '–') is kept, empty."""
    out = df.pivot_table(index=index, columns=column, values="waarde", aggfunc="first", sort=False)
    out = out.reindex(columns=df[column].unique())
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


def budget_error(begroting: pd.Series, realisatie: pd.Series) -> pd.Series:
    """Realisatie − begroting in % of the realisatie: positive = more spent than budgeted
    (onderraming), negative = less. Missing where the realisatie is not positive."""
    return 100 * (realisatie - begroting) / realisatie.where(realisatie > 0)


def implausible(
    values: pd.DataFrame,
    measures: list[str],
    per: str = "inwoners",
    key: str = "code",
    year: str = "jaar",
    factor: float = 4.0,
    min_years: int = 3,
) -> pd.DataFrame:
    """Reports that cannot be a gemeente's whole spending, by a stated rule on the amount per
    inwoner of each measure:

    * less than 1/``factor`` or more than ``factor`` times the gemeente's own median over its years
      (only with at least ``min_years`` years), or
    * less than 1/``factor`` of the median of all gemeenten that year (a partial report, such as
      Maastricht 2016: € 592 duizend). A high value against other gemeenten is not excluded:
      centrumgemeenten spend more per inwoner by design.

    Zero counts as implausible. Returns one row per excluded figure: ``key``, ``year``,
    ``maatstaf``, ``waarde``, ``per_inwoner``, ``eigen_mediaan``, ``mediaan_alle`` and ``reden``."""
    out = []
    for measure in measures:
        per_capita = values[measure] / values[per]
        own = per_capita.groupby(values[key]).transform("median")
        count = per_capita.groupby(values[key]).transform("count")
        everyone = per_capita.where(per_capita > 0).groupby(values[year]).transform("median")
        ratio_own = (per_capita / own).where(count >= min_years)
        against_own = (ratio_own < 1 / factor) | (ratio_own > factor)
        against_all = per_capita < everyone / factor
        flagged = per_capita.notna() & (against_own | against_all)
        reason = pd.Series("", index=values.index)
        reason = reason.mask(
            against_all, f"minder dan 1/{factor:g} van de mediaan van alle gemeenten"
        )
        both = against_own & against_all
        reason = reason.mask(
            against_own & ~against_all, f"meer dan een factor {factor:g} van de eigen mediaan"
        )
        reason = reason.mask(
            both, f"minder dan 1/{factor:g} van de eigen en van de landelijke mediaan"
        )
        out.append(
            pd.DataFrame(
                {
                    key: values[key],
                    year: values[year],
                    "maatstaf": measure,
                    "waarde": values[measure],
                    "per_inwoner": per_capita,
                    "eigen_mediaan": own.where(count >= min_years),
                    "mediaan_alle": everyone,
                    "reden": reason,
                }
            )[flagged]
        )
    return pd.concat(out, ignore_index=True)


def result_bridge(budget: pd.Series, spent: pd.Series, van, tot) -> pd.Series:
    """Why the result changed between two periods (Series indexed by period, € mln):
    resultaat(tot) = resultaat(van) + Δbegroting − Δlasten, so the result of `tot` splits
    exactly into the result that was already there in `van`, the change of the budget and the
    change of spending (with the sign it has on the result). Computed from the printed budget
    and spending, so it can differ from a printed result by rounding.
    E.g. leerlingenvervoer 2017 (0,6 − 0,8) → 2018 (0,6 − 0,9): −0,2 + 0,0 − 0,1 = −0,3."""
    missing = [p for p in (van, tot) if p not in budget.index or p not in spent.index]
    if missing:
        raise KeyError(
            f"result_bridge: periode(n) {missing} ontbreken; aanwezig: {sorted(budget.index)}."
        )
    before = budget[van] - spent[van]
    budget_change = budget[tot] - budget[van]
    spent_change = spent[tot] - spent[van]
    return pd.Series(
        {
            "resultaat_van": before,
            "begroting_verandering": budget_change,
            "lasten_verandering": spent_change,
            "resultaat_tot": before + budget_change - spent_change,
        }
    )
