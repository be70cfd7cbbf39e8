"""CBS StatLine conventions for tables exported or recorded as text.

* ``.``, ``x``, ``-`` or empty means the value is secret or not available: missing, never 0;
* numbers may carry a decimal comma and padding spaces;
* a period such as ``2022*`` is provisional, ``2022JJ00`` is a year code of the API, and
  ``1e halfjaar 2019`` is a half-year;
* region codes are padded with spaces (``GM0935    ``).
"""

import re

import pandas as pd

from helpers.assumptions import Assumption

ASSUMPTIONS = (
    Assumption(
        "geheime en ontbrekende CBS-waarden",
        "'.', 'x', '-', '?' en een lege cel betekenen geheim of niet beschikbaar en worden een ontbrekende waarde, nooit 0",
        "CBS-conventie voor StatLine (verklaring van tekens); jeugdzorgaantallen onder de drempel zijn geheim",
        "een onderdrukte kleine gemeente telt niet mee in gemiddelden in plaats van als 0",
    ),
    Assumption(
        "voorlopige cijfers",
        "een periode met een sterretje (2022*) is voorlopig en wordt als zodanig gemarkeerd",
        "CBS herziet voorlopige cijfers bij een volgende publicatie",
        "uitkomsten op voorlopige jaren kunnen later verschuiven",
    ),
)

MISSING = {"", ".", "x", "-", "?"}
_PERIOD = re.compile(
    r"^(?:(?P<half>[12])e half ?jaar )?(?P<jaar>\d{4})(?:JJ00)?(?P<voorlopig>\*)?$"
)


def text(values: pd.Series) -> pd.Series:
    """Strings with surrounding spaces removed; empty strings become missing."""
    stripped = values.astype("string").str.strip()
    return stripped.mask(stripped == "")


def number(values: pd.Series) -> pd.Series:
    """Floats from CBS text: decimal comma, padding, and the secret/not-available markers as NA."""
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("Float64")
    cleaned = text(values)
    cleaned = cleaned.mask(cleaned.isin(MISSING))
    bad = cleaned.notna() & ~cleaned.str.fullmatch(r"-?\d+(?:[.,]\d+)?").fillna(False)
    if bad.any():
        first = cleaned[bad].iloc[0]
        raise ValueError(
            f"Kolom {values.name!r}: waarde {first!r} (rij {cleaned[bad].index[0]}) is geen getal "
            "in CBS-notatie."
        )
    return pd.to_numeric(cleaned.str.replace(",", ".", regex=False)).astype("Float64")


def periods(values: pd.Series) -> pd.DataFrame:
    """``jaar`` (int), ``halfjaar`` (1, 2 or NA for a whole year) and ``voorlopig`` (bool)."""
    parts = text(values).str.extract(_PERIOD)
    unknown = parts["jaar"].isna()
    if unknown.any():
        raise ValueError(
            f"Kolom {values.name!r}: periode {values[unknown].iloc[0]!r} niet herkend "
            "(verwacht bijvoorbeeld 2022, 2022*, 2022JJ00 of 1e halfjaar 2022)."
        )
    return pd.DataFrame(
        {
            "jaar": parts["jaar"].astype(int),
            "halfjaar": pd.to_numeric(parts["half"]).astype("Int64"),
            "voorlopig": parts["voorlopig"].notna(),
        },
        index=values.index,
    )
