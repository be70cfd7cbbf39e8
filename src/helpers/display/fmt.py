"""Dutch number formats for tables and plots: 1.234,5 · € 34,2 mln · 14,4%.

Missing values (e.g. suppressed by disclosure control) are shown as ``MISSING``.
"""

import math
from collections.abc import Callable, Mapping

import pandas as pd

MISSING = "–"


def _missing(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def printed_decimals(x, maximum: int = 3) -> int:
    """Decimals needed to show x as printed in the source (16.0 -> 0, 1.6 -> 1)."""
    for decimals in range(maximum + 1):
        if abs(round(x, decimals) - x) < 1e-9:  # an axis tick such as 5.000000000000001 is 5
            return decimals
    return maximum


def number(x, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (thousands with '.', decimals with ',')."""
    if _missing(x):
        return MISSING
    if round(x, decimals) == 0:
        x = 0.0  # no "−0,0"
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".").replace("-", "−")


def one_decimal(x) -> str:
    """Amounts in € mln in a table whose header says so: 34.2 -> '34,2'."""
    return number(x, 1)


def signed(x, decimals: int = 1) -> str:
    """Like number(), with an explicit + for positive values (changes, results)."""
    if _missing(x):
        return MISSING
    return ("+" if x > 0 else "") + number(x, decimals)


def percent(x, decimals: int = 1) -> str:
    """14.4 -> '14,4%' (x is already a percentage)."""
    return MISSING if _missing(x) else f"{number(x, decimals)}%"


def printed_percent(x) -> str:
    """A published percentage with the decimals it was printed with: 17.0 -> '17%'."""
    return MISSING if _missing(x) else percent(x, printed_decimals(x))


def euro(x, decimals: int = 0) -> str:
    """1234 -> '€ 1.234'."""
    return MISSING if _missing(x) else f"€ {number(x, decimals)}"


def euro_mln(x, decimals: int = 1) -> str:
    """34.2 (in millions) -> '€ 34,2 mln'."""
    return MISSING if _missing(x) else f"€ {number(x, decimals)} mln"


def one_in(n, decimals: int = 0) -> str:
    """A ratio printed as '1 op de N' (stored as N): 6 -> '1 op de 6'."""
    return MISSING if _missing(n) else f"1 op de {number(n, decimals)}"


def quarter_label(years: pd.Series, quarters: pd.Series) -> pd.Series:
    """Labels for quarters on an axis: (2017, 1) -> '2017 K1'."""
    return years.astype(str) + " K" + quarters.astype(str)


_UNIT_FORMATS = {
    "%": percent,
    "€ mln": euro_mln,
    "€": euro,
    "€ per inwoner": euro,
    "1 op de N": one_in,
}


def as_printed(x, unit: str) -> str:
    """A published figure with its unit, with as many decimals as the source printed."""
    if _missing(x):
        return MISSING
    formatter = _UNIT_FORMATS.get(unit)
    decimals = printed_decimals(x)
    if formatter is None:
        return (
            f"{number(x, decimals)} {unit}".strip()
            if unit not in ("aantal", "")
            else number(x, decimals)
        )
    return formatter(x, decimals)


MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def month(period: str) -> str:
    """'2018-03' -> 'mrt 2018' (a JJJJ-MM period with the Dutch month abbreviation)."""
    year, _, number_ = str(period).partition("-")
    if not (year.isdigit() and number_.isdigit() and 1 <= int(number_) <= 12):
        raise ValueError(f"month: '{period}' is geen periode JJJJ-MM.")
    return f"{MONTHS[int(number_) - 1]} {year}"


def yes_no(x) -> str:
    """A check result for a reader: True -> 'ja', False -> 'nee'."""
    return MISSING if _missing(x) else ("ja" if x else "nee")


def table(df: pd.DataFrame, formats: Mapping[str, Callable]) -> pd.DataFrame:
    """A copy of df with the named columns rendered as Dutch text, for display."""
    out = df.copy()
    for column, formatter in formats.items():
        out[column] = df[column].map(formatter).astype(object)
    return out


def axis_formatter(formatter: Callable = number):
    """A matplotlib tick formatter using one of the functions above."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: formatter(value))


def mln(x, decimals: int = 1) -> str:
    """An amount in euros as € mln, without the unit (for a table headed € mln):
    5_652_699 -> '5,7'."""
    return MISSING if _missing(x) else number(x / 1e6, decimals)


def signed_mln(x, decimals: int = 1) -> str:
    """A change in euros as signed € mln, without the unit: 5_652_699 -> '+5,7'; a change
    that rounds to zero gets no sign."""
    return MISSING if _missing(x) else signed(round(x / 1e6, decimals), decimals)


def fraction(x, decimals: int = 1) -> str:
    """A fraction 0-1 as a percentage: 0.1389 -> '13,9%'."""
    return MISSING if _missing(x) else percent(100 * x, decimals)


def two_decimals(x) -> str:
    """Statistics such as a p-value or R²: 0.2913 -> '0,29'."""
    return number(x, 2)


def printed(x) -> str:
    """A number with the decimals it was printed with (no unit): 2.3 -> '2,3', 607.0 -> '607'."""
    return MISSING if _missing(x) else number(x, printed_decimals(x))


def words(identifier) -> str:
    """A code name for a reader: 'totaal_is_som_pijlers' -> 'totaal is som pijlers'."""
    return MISSING if _missing(identifier) else str(identifier).replace("_", " ")
