"""What a rounded published figure still allows: the one rule for "does the printed number hold?".

**The rule.** A figure printed with d decimals stands for every value that can be rounded to it:
the *closed* interval [p − ½·10⁻ᵈ, p + ½·10⁻ᵈ]. A computed value holds against the printed one
when it lies in that interval, both ends included, for positive and negative figures alike.

**Why closed.** The sources do not say how they round. Round-half-up (toward +∞) gives the
half-open [p − ½, p + ½); Excel's ROUND, which municipal tables usually come from, rounds half
away from zero, so for a negative p the open end is the other one, (p − ½, p + ½]; round-half-to-
even (banker's rounding, Python's ``round``) puts an end point in the interval only when p's last
digit is even. The closed interval is the union of all three: a check that must never call a
correctly rounded figure wrong has to accept both ends. The price is one value per end point
(e.g. 2,35 "holds" against both 2,3 and 2,4), which a source printing one more decimal would have
settled. Differences of ±½ unit are also where binary floating point blurs (2,35 − 2,3 is
0,0500000000000003), so end points are compared with a guard of 10⁻⁹ relative to the figure.

Every check of a printed figure (``claims.check``, ``consistency``, ``indicators.against_printed``
and ``parts_vs_total``, ``taakvelden.printed_totals``) uses :func:`within` or :func:`rounds_to`.
"""

import re

import numpy as np
import pandas as pd

from helpers.assumptions import Assumption

ASSUMPTIONS = (
    Assumption(
        "gedrukte afronding",
        "een gedrukt getal met d decimalen klopt als de berekende waarde in het gesloten interval [p − ½·10⁻ᵈ, p + ½·10⁻ᵈ] ligt",
        "de bronnen zeggen niet hoe ze afronden; alleen het gesloten interval keurt geen correct afgerond getal af (half-omhoog, Excel en bankiersafronding verschillen alleen op de grens)",
        "een getal precies op de grens telt als kloppend",
    ),
)

_GUARD = 1e-9


def half_unit(decimals):
    """Half a unit of the last printed decimal: 1 decimal -> 0,05; 0 decimals -> 0,5."""
    return 0.5 * 10.0**-decimals


def interval(printed, decimals=0):
    """The closed interval (low, high) of true values that round to `printed` at `decimals`
    decimals (numbers or aligned Series)."""
    half = half_unit(decimals)
    return printed - half, printed + half


def within(value, target, tolerance):
    """|value − target| ≤ tolerance, both ends included, with a floating-point guard; a missing
    value or target gives False. Works on numbers and aligned Series."""
    scale = np.maximum(1.0, np.abs(target))
    close = np.abs(value - target) <= tolerance + _GUARD * scale
    return close.fillna(False).astype(bool) if isinstance(close, pd.Series) else bool(close)


def rounds_to(value, printed, decimals):
    """True where `value` can be rounded to `printed` at `decimals` decimals (see the module
    docstring): 16,25 rounds to 16,2 and to 16,3; 16,26 only to 16,3; a growth of 16,3% is not 'afgerond 13%'.
    decimals=None means an exact figure (a count): the value must equal it."""
    return within(value, printed, 0.0 if decimals is None else half_unit(decimals))


_NUMBER = re.compile(r"\d+(?:\.\d{3})*(?:,(\d+))?")


def decimals_of(printed: str) -> int:
    """The number of decimals of a figure as printed in Dutch ("3,90%" -> 2, "€ 2,0 mln" -> 1,
    "1.002" -> 0: a point separates thousands, a comma starts the decimals). A float cannot say
    this (3,90 and 3,9 are the same float), so printed precision must come from the text."""
    found = _NUMBER.search(str(printed))
    if found is None:
        raise ValueError(f"decimals_of: geen getal in {printed!r}.")
    return len(found.group(1) or "")


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
