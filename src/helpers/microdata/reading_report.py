"""The reading report of an export (helpers.microdata.reading) for the analyst's own run.

Its row counts are exact on purpose — they show that no row was lost — and therefore for the
analyst only: a notebook prints them, it never writes them to output_dir.
"""

import pandas as pd


def row_balance(rows_in: int, used: int, rejected: pd.DataFrame) -> pd.Series:
    """Rows in the file, used and rejected (distinct rows of the rejection report); raises
    when they do not balance, so that no row can be lost unnoticed."""
    balance = pd.Series(
        {"rijen in bestand": rows_in, "gebruikt": used, "afgewezen": rejected["rij"].nunique()}
    )
    if balance["gebruikt"] + balance["afgewezen"] != rows_in:
        raise ValueError(
            f"Rijen kloppen niet: {rows_in} in het bestand, {used} gebruikt en "
            f"{balance['afgewezen']} afgewezen."
        )
    return balance


def rejection_reasons(rejected: pd.DataFrame) -> pd.DataFrame:
    """The rejection report summed per kolom and reden: rijen (distinct rows), most first."""
    return (
        rejected.groupby(["kolom", "reden"])["rij"]
        .nunique()
        .rename("rijen")
        .sort_values(ascending=False)
        .reset_index()
    )
