"""What a rounded published figure still allows: intervals behind printed percentages."""

import pandas as pd


def interval(printed: float, decimals: int = 0) -> tuple[float, float]:
    """The interval of true values that round to `printed` at `decimals` decimals."""
    half = 0.5 * 10.0**-decimals
    return printed - half, printed + half


def implied_base(count: float, pct: float, decimals: int = 0) -> tuple[float, float]:
    """The population consistent with `count` being a rounded `pct` percent of it.

    E.g. 20.469 cliënten = 'afgerond 17%' of the inwoners -> between 116.966 and 124.055."""
    low_pct, high_pct = interval(pct, decimals)
    return 100 * count / high_pct, 100 * count / low_pct


def implied_population(
    data: pd.DataFrame, count: str, pct: str, by: str = "jaar", decimals: int = 0
) -> pd.DataFrame:
    """Per `by` (year) where both are printed: the interval of the population implied by a count
    (grootheid `count`) and a percentage of that population rounded to `decimals` (grootheid `pct`)."""
    wide = data.pivot_table(index=by, columns="grootheid", values="waarde").reindex(
        columns=[count, pct]
    )
    both = wide.dropna()
    low, high = implied_base(both[count], both[pct], decimals)
    return pd.DataFrame(
        {"aantal": both[count], "percentage": both[pct], "basis_min": low, "basis_max": high}
    )
