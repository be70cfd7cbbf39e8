"""Which part of the social domain causes the deficit: each domain's share of the total saldo.

Sign convention as in `helpers.methods.finance`: saldo = begroting − realisatie, negative is a tekort.
"""

import pandas as pd

REST = "Overig sociaal domein (rest)"


def shares(saldo: pd.DataFrame, total: str, rest: str = REST) -> pd.DataFrame:
    """Share (%) of each domain in the total deficit, per year.

    ``saldo`` is wide: one row per domain (including the row ``total``), one column per year.
    A row ``rest`` = total − the listed domains is added, so the shares of the parts sum to 100.
    A share is only defined in a year with a deficit (total < 0); a domain with a surplus in that
    year gets a negative share (it reduces the deficit). Years without a deficit are NaN.
    """
    if total not in saldo.index:
        raise KeyError(f"Rij '{total}' (totaal) ontbreekt; aanwezig: {list(saldo.index)}.")
    parts = saldo.drop(index=total)
    with_rest = pd.concat([parts, (saldo.loc[total] - parts.sum()).to_frame(rest).T])
    deficit = saldo.loc[total].where(saldo.loc[total] < 0)
    return 100 * with_rest / deficit
