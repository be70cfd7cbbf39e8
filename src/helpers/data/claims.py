"""Claims a source makes about its own figures, checked against the figures it prints.

A claim is a printed number ("stijgt met 13%", "meer dan 90 procent", "TOTAAL € 11.471.974")
next to what the printed parts give when the arithmetic is redone. The printed figure is never
changed: the check only says whether it holds at the precision it was printed with.
"""

import numpy as np
import pandas as pd

from helpers.methods import rounding

RELATIONS = ("gelijk", "meer dan", "minder dan")

_COLUMNS = ["bewering", "berekend", "gedrukt", "decimalen", "relatie"]


def check(claims: pd.DataFrame) -> pd.DataFrame:
    """Per claim (columns bewering, berekend, gedrukt, decimalen, relatie): the difference
    berekend − gedrukt and whether the claim holds.

    relatie 'gelijk': the computed value can be rounded to the printed one at `decimalen`
    decimals (rounding.rounds_to: the closed interval; e.g. 16,3% is not 'afgerond 13%');
    'meer dan' / 'minder dan': strictly above / below."""
    missing = [c for c in _COLUMNS if c not in claims]
    if missing:
        raise KeyError(f"Beweringen: kolom(men) {', '.join(missing)} ontbreken.")
    unknown = ~claims["relatie"].isin(RELATIONS)
    if unknown.any():
        row = claims.index[unknown][0]
        raise ValueError(
            f"Beweringen, rij {row}, kolom relatie: {claims.loc[row, 'relatie']!r} is onbekend; "
            f"toegestaan: {', '.join(RELATIONS)}."
        )
    computed = claims["berekend"]
    holds = np.select(
        [claims["relatie"] == "gelijk", claims["relatie"] == "meer dan"],
        [
            rounding.rounds_to(computed, claims["gedrukt"], claims["decimalen"]),
            computed > claims["gedrukt"],
        ],
        default=computed < claims["gedrukt"],
    )
    return claims[_COLUMNS].assign(verschil=computed - claims["gedrukt"], klopt=holds.astype(bool))


def transposed_digits(a: int, b: int) -> bool:
    """True when b is a with exactly two adjacent digits swapped (11.471.947 vs 11.471.974)."""
    x, y = str(int(a)), str(int(b))
    if len(x) != len(y) or x == y:
        return False
    differ = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and x[differ[0]] == y[differ[1]]
        and x[differ[1]] == y[differ[0]]
    )
