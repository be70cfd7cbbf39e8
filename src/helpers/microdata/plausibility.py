"""Plausibility of an export beyond its types: values that parse but cannot be true.

Rows are rejected (with a reason) when
- their `jaar` lies outside the years of the export: a year is one of the export's years when
  it holds at least YEAR_MIN_SHARE = 10% of the rows of the busiest year; a year with fewer rows
  outside the range of those years is a stray value (a typing error such as 2091);
- their dates do not fit their `jaar`: the arrangement ended before 1 January of the year its
  costs are booked in, or began after 31 December of it;
- their `arrangement_id` occurs with more than one `client_id` (all rows of that arrangement).
The file is refused as a whole when the export's years have a gap (a year missing or almost
empty between the first and the last), and when `kosten` looks like cents: all amounts are whole
numbers and their median exceeds CENTS_MEDIAN = € 100.000 per arrangement per year. (A full year
of the most expensive care, gesloten jeugdhulp or verblijf, costs roughly € 60.000–250.000;
the median arrangement-year, mostly ambulant, costs a few thousand euros: in cents it is
hundreds of thousands.)

Cost outliers are reported for review, not rejected: per categorie, on the natural logarithm of
the positive costs, the robust z-score z = (ln k − median) / (1,4826 · MAD) (MAD: median
absolute deviation; 1,4826 · MAD estimates the standard deviation of a normal distribution). A
row with z > OUTLIER_Z = 5 is listed; for log-normal costs with σ = 1 that is more than
e^5 ≈ 150 times the median of its category, which happens by chance about 3 times in 10 million
rows. Categories with fewer than OUTLIER_MIN_ROWS = 30 positive costs, or a MAD of 0, are not
judged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.display import fmt
from helpers.microdata.errors import ColumnError

YEAR_MIN_SHARE = 0.10
CENTS_MEDIAN = 100_000.0
OUTLIER_Z = 5.0
OUTLIER_MIN_ROWS = 30
MAD_TO_SD = 1.4826
MAX_LISTED_ROWS = 10


def export_years(jaar: pd.Series) -> tuple[int, int]:
    """First and last year of the export (years with at least YEAR_MIN_SHARE of the rows of the
    busiest year); raises ColumnError when a year between them is missing or almost empty."""
    counts = jaar.dropna().astype("int64").value_counts()
    if counts.empty:
        raise ColumnError(
            "kolom 'jaar' bevat in geen enkele rij een geldig jaar (een geheel getal, zoals 2019)."
        )
    main = counts.index[counts >= YEAR_MIN_SHARE * counts.max()]
    first, last = int(main.min()), int(main.max())
    gaps = pd.Series(sorted(set(range(first, last + 1)) - set(main)), dtype="int64")
    if len(gaps):
        runs = gaps.groupby((gaps.diff() != 1).cumsum()).agg(["first", "last"])
        listed = ", ".join(
            str(a) if a == b else f"{a}–{b}"
            for a, b in zip(runs["first"], runs["last"], strict=True)
        )
        raise ColumnError(
            f"de jaren van de export lopen van {first} tot en met {last}, maar {listed} "
            f"ontbreekt of heeft vrijwel geen rijen (minder dan {YEAR_MIN_SHARE:.0%} van de rijen "
            "van het drukste jaar). Een export met een gat in de jaren is onvolledig: lever alle "
            "jaren aan, of alleen aaneengesloten jaren."
        )
    return first, last


def stray_years(jaar: pd.Series, first: int, last: int) -> tuple[pd.Series, pd.Series]:
    """Rows whose jaar lies outside first–last, and the reason per such row."""
    stray = (jaar < first) | (jaar > last)
    reason = (
        "jaar "
        + jaar[stray].astype("int64").astype("str")
        + f" valt buiten de jaren van de export ({first}–{last}) en heeft te weinig rijen voor "
        f"een eigen jaar (minder dan {YEAR_MIN_SHARE:.0%} van het drukste jaar); waarschijnlijk "
        "een tikfout"
    )
    return stray, reason


def ended_before_year(einddatum: pd.Series, jaar: pd.Series) -> pd.Series:
    """The arrangement ended before 1 January of the year its costs are booked in."""
    return einddatum.dt.year < jaar


def began_after_year(begindatum: pd.Series, jaar: pd.Series) -> pd.Series:
    """The arrangement began after 31 December of the year its costs are booked in."""
    return begindatum.dt.year > jaar


def several_clients(arrangement: pd.Series, client: pd.Series) -> pd.Series:
    """Rows of an arrangement_id that occurs with more than one client_id (both categorical;
    rows where either is missing are not judged)."""
    a = arrangement.cat.codes.to_numpy().astype("int64")
    c = client.cat.codes.to_numpy().astype("int64")
    known = (a >= 0) & (c >= 0)
    pairs = np.unique(a[known] * (len(client.cat.categories) + 1) + c[known])
    owners = np.bincount(
        pairs // (len(client.cat.categories) + 1), minlength=len(arrangement.cat.categories) + 1
    )
    return pd.Series(known & (owners[a] > 1), index=arrangement.index)


def listed_rows(groups: pd.Series, rij: pd.Series) -> pd.Series:
    """Per row: the rows (rij) of its group, as 'rijen 2, 5' (at most MAX_LISTED_ROWS)."""

    def listing(r):
        shown = ", ".join(map(str, sorted(r)[:MAX_LISTED_ROWS]))
        return f"rijen {shown}" + (", …" if len(r) > MAX_LISTED_ROWS else "")

    return rij.groupby(groups.to_numpy(), observed=True).transform(listing)


def cents_problem(kosten: pd.Series) -> str | None:
    """Why kosten looks like cents (module docstring), or None."""
    amounts = kosten.dropna()
    positive = amounts[amounts > 0]
    if not len(positive) or (amounts % 1 != 0).any():
        return None
    median = positive.median()
    if median <= CENTS_MEDIAN:
        return None
    return (
        f"de bedragen in kolom 'kosten' lijken centen te zijn, geen euro's: het zijn allemaal "
        f"gehele getallen en de mediaan is {fmt.euro(median)} per arrangement per jaar, meer dan "
        f"{fmt.euro(CENTS_MEDIAN)} (een volledig jaar van de duurste jeugdhulp kost minder). "
        "Exporteer de kosten in euro's, of deel de kolom door 100."
    )


def cost_outliers(kosten: pd.Series, categorie: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rows whose cost is an outlier of its categorie (module docstring), and their reason."""
    log_cost = np.log(kosten.where(kosten > 0))
    groups = log_cost.groupby(categorie.to_numpy(), observed=True)
    median = groups.transform("median")
    mad = (log_cost - median).abs().groupby(categorie.to_numpy(), observed=True).transform("median")
    judged = groups.transform("count") >= OUTLIER_MIN_ROWS
    z = (log_cost - median) / (MAD_TO_SD * mad.where(mad > 0))
    outlier = judged & (z > OUTLIER_Z)
    if not outlier.any():
        return outlier, pd.Series([], dtype="str")
    times = np.exp(log_cost[outlier] - median[outlier])
    reason = (
        "ter controle: kosten uitzonderlijk hoog voor "
        + categorie[outlier].astype("str")
        + ", "
        + times.map(lambda x: fmt.number(x, 0))
        + " keer de mediaan van de categorie (robuuste z-score "
        + z[outlier].map(fmt.one_decimal)
        + f" op de logaritme van de kosten; grens {fmt.number(OUTLIER_Z, 0)})"
    )
    return outlier, reason
