"""Indicators derived from the figures of a report chapter: shares of a total, the unnamed
remainder of listed shares, ratios per client or per unit, ranges implied by rounded figures,
and where two printings of the same figure differ.

A *range* is a Series with labels ``schatting`` (the point value), ``min`` and ``max``: the
values consistent with a figure printed at a given number of decimals.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.methods import rounding

RANGE = ["schatting", "min", "max"]


def share_of_total(
    data: pd.DataFrame,
    column: str,
    total: str = "Totaal",
    by: Sequence[str] = (),
    value: str = "waarde",
) -> pd.DataFrame:
    """A copy of `data` with `aandeel_pct`: each row's value as % of the row of its group
    (columns `by`) whose `column` equals `total`. A zero total gives NaN (no share of nothing).
    Raises ValueError when a group has no total row or more than one."""
    groups = [data[c] for c in by] or [pd.Series(0, index=data.index)]
    is_total = data[column] == total
    n_totals = is_total.groupby(groups).transform("sum")
    if (n_totals != 1).any():
        bad = data.loc[n_totals != 1, list(by)].drop_duplicates().to_dict("records")
        raise ValueError(
            f"share_of_total: kolom '{column}' heeft niet precies één rij '{total}' "
            f"voor groep(en) {bad or 'alle rijen'}."
        )
    denominator = data[value].where(is_total).groupby(groups).transform("sum")
    out = data.copy()
    out["aandeel_pct"] = 100 * data[value] / denominator.where(denominator != 0)
    return out


def with_remainder(shares: pd.Series, label: str, whole: float = 100.0) -> pd.Series:
    """The listed shares plus one entry `label` for what they leave of `whole` (the part the
    source does not name). Raises ValueError when the listed shares exceed `whole`."""
    rest = whole - shares.sum()
    if rest < 0:
        raise ValueError(
            f"with_remainder: de genoemde aandelen tellen op tot {shares.sum()}, meer dan {whole}."
        )
    return pd.concat([shares, pd.Series({label: rest})])


def per_unit(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator per index label (e.g. zorgdagen per plaatsing per jaar);
    NaN where the denominator is 0 or missing."""
    num, den = numerator.align(denominator)
    return num / den.where(den != 0)


def one_in_n_percent(n):
    """'1 op de n' as a percentage: 6 -> 16,67."""
    return 100 / n


def printed_range(value, decimals: int | None):
    """The range of true values behind a figure printed at `decimals` decimals; an exact
    figure (a count) has decimals=None and a range of zero width. A Series of figures gives a
    DataFrame with one range per row."""
    low, high = (value, value) if decimals is None else rounding.interval(value, decimals)
    if isinstance(value, pd.Series):
        return pd.DataFrame({"schatting": value, "min": low, "max": high}, dtype=float)
    return pd.Series([value, low, high], index=RANGE, dtype=float)


def implied_previous(current: float, growth_pct: float, decimals: int = 1) -> pd.Series:
    """The previous period's figure implied by `current` and its growth in %, printed at
    `decimals` decimals: current / (1 + g/100), with the range over the rounding of g.
    E.g. 2.865 jeugdigen, +1,6% -> 2.819,7 (between 2.818,5 and 2.821,3)."""
    growth = printed_range(growth_pct, decimals)
    implied = current / (1 + growth / 100)
    return pd.Series(
        [implied["schatting"], implied["max"], implied["min"]], index=RANGE, dtype=float
    )


def range_product(a, b):
    """The product of two non-negative ranges, or of two frames of ranges row by row
    (e.g. jeugdigen × gemiddelde inzet = arrangementen)."""
    if (a[RANGE] < 0).to_numpy().any() or (b[RANGE] < 0).to_numpy().any():
        raise ValueError("range_product: alleen voor niet-negatieve bandbreedtes.")
    return a[RANGE] * b[RANGE]


def printed_or_derived(printed: pd.Series, derived: pd.Series) -> pd.DataFrame:
    """One value per label: the printed figure where there is one, else the derived one, with
    column `herkomst` saying which ('gedrukt' or 'afgeleid')."""
    values = printed.combine_first(derived)
    origin = np.where(values.index.isin(printed.dropna().index), "gedrukt", "afgeleid")
    return pd.DataFrame({"aantal": values, "herkomst": origin}, index=values.index)


def cost_per_client(lasten_mln: pd.Series, clients: pd.Series, decimals: int = 1) -> pd.DataFrame:
    """Per label (year) where both are known: lasten (€ mln), clients and € per client, with the
    range (kosten_min, kosten_max) that the rounding of lasten to `decimals` leaves open."""
    both = pd.DataFrame({"lasten_mln": lasten_mln, "clienten": clients}).dropna()
    spent = printed_range(both["lasten_mln"], decimals) * 1e6
    both["kosten_per_client"] = per_unit(spent["schatting"], both["clienten"])
    both["kosten_min"] = per_unit(spent["min"], both["clienten"])
    both["kosten_max"] = per_unit(spent["max"], both["clienten"])
    return both


def total_without(values: pd.DataFrame, total: str, excluded: Sequence[str]) -> pd.Series:
    """Row `total` of a wide table (one row per post) minus the rows `excluded`, per column;
    e.g. the lasten excluding incidental results of earlier years."""
    missing = sorted(set([total, *excluded]) - set(values.index))
    if missing:
        raise KeyError(
            f"total_without: rij(en) {missing} ontbreken; aanwezig: {list(values.index)}."
        )
    return values.loc[total] - values.loc[list(excluded)].sum()


def parts_vs_total(
    data: pd.DataFrame,
    column: str,
    total: str = "Totaal",
    by: Sequence[str] = ("jaar",),
    value: str = "waarde",
    decimals: int | None = None,
) -> pd.DataFrame:
    """Per group `by`: the sum of the parts (rows whose `column` is not `total`), the printed
    total, printed − sum, and `klopt`: whether the printed total can be the rounded total of
    parts that were themselves rounded to `decimals` (None: exact counts, the sum must equal the
    total). n parts printed with d decimals leave the true total within n·½·10⁻ᵈ of their sum,
    and the printed total adds its own ½·10⁻ᵈ (rounding.within with (n + 1)·½·10⁻ᵈ)."""
    by = list(by)
    is_total = data[column] == total
    grouped = data[~is_total].groupby(by)[value]
    printed = data[is_total].set_index(by)[value]
    out = pd.DataFrame({"som_delen": grouped.sum(), "totaal_gedrukt": printed})
    out["verschil"] = (out["totaal_gedrukt"] - out["som_delen"]).round(6)
    halves = 0.0 if decimals is None else (grouped.size() + 1) * rounding.half_unit(decimals)
    out["klopt"] = rounding.within(out["som_delen"], out["totaal_gedrukt"], halves)
    return out


def change_from_base(series: pd.Series, base) -> pd.Series:
    """% change of every value against the value at label `base` (e.g. kwartaal 1 2017)."""
    reference = series.loc[base]
    if reference == 0:
        raise ValueError(f"change_from_base: basiswaarde bij {base!r} is 0.")
    return 100 * (series / reference - 1)


def share(part, whole):
    """part as a percentage of whole, for numbers or aligned Series: share(643, 1002) -> 64,17.
    A zero whole gives NaN."""
    if isinstance(whole, pd.Series):
        return 100 * part / whole.where(whole != 0)
    return np.nan if whole == 0 else 100 * part / whole


def growth(van, tot):
    """Change from `van` to `tot` as a percentage of `van`: growth(878, 1002) -> 14,12."""
    return share(tot - van, van)


def weighted_mean(values, weights) -> float:
    """Mean of `values` weighted by `weights`: e.g. monthly mean doorlooptijden weighted by the
    number of processes per month gives the mean over all processes of the year."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if values.shape != weights.shape:
        raise ValueError(
            f"weighted_mean: {values.size} waarden maar {weights.size} gewichten; verwacht evenveel."
        )
    if np.isnan(values).any() or np.isnan(weights).any():
        raise ValueError("weighted_mean: een waarde of gewicht ontbreekt.")
    if (weights < 0).any() or weights.sum() == 0:
        raise ValueError("weighted_mean: gewichten moeten ≥ 0 zijn en niet allemaal 0.")
    return float(np.average(values, weights=weights))


def overlap(a: float, b: float, union: float) -> float:
    """How many are counted in both of two groups of sizes a and b when `union` are in at least
    one (inclusion–exclusion: |A∩B| = |A| + |B| − |A∪B|). E.g. 5.617 with incidentele and 2.457
    with periodieke bijzondere bijstand among 6.406 unique persons: 1.668 received both."""
    if not max(a, b) <= union <= a + b:
        raise ValueError(
            f"overlap: {union} uniek past niet bij groepen van {a} en {b} "
            f"(moet tussen {max(a, b)} en {a + b} liggen)."
        )
    return a + b - union


def combined_share(
    data: pd.DataFrame,
    column: str,
    selected: Sequence[str],
    total: str = "Totaal",
    by: Sequence[str] = ("jaar",),
    value: str = "waarde",
) -> pd.DataFrame:
    """The rows whose `column` is in `selected` together, as % of the `total` rows, summed over
    every other column per group `by`: e.g. Wmo bezwaar and beroep together, ingetrokken +
    ongegrond over both totals, per jaar. Columns aantal, totaal, aandeel_pct (index: by)."""
    unknown = sorted(set(selected) - set(data[column]))
    if unknown:
        raise ValueError(
            f"combined_share: {unknown} komt niet voor in kolom '{column}'; "
            f"beschikbaar: {sorted(set(data[column]))}."
        )
    by = list(by)
    totals = data[data[column] == total].groupby(by)[value].sum()
    chosen = data[data[column].isin(selected)].groupby(by)[value].sum()
    chosen = chosen.reindex(totals.index, fill_value=0)
    return pd.DataFrame({"aantal": chosen, "totaal": totals, "aandeel_pct": share(chosen, totals)})


def against_printed(
    shares: pd.DataFrame,
    printed: pd.DataFrame,
    on: Sequence[str],
    decimals: int = 0,
    value: str = "waarde",
) -> pd.DataFrame:
    """Computed shares (a table with `aandeel_pct`, as from share_of_total) next to the printed
    percentages (`printed`, column `value`), matched on `on`: gedrukt_pct, verschil_pctpunt
    (printed − computed) and afronding_klopt (the computed share can be rounded to the printed
    figure at `decimals` decimals: rounding.rounds_to)."""
    out = shares.merge(
        printed[[*on, value]].rename(columns={value: "gedrukt_pct"}),
        on=list(on),
        how="left",
        validate="one_to_one",
    )
    out["verschil_pctpunt"] = (out["gedrukt_pct"] - out["aandeel_pct"]).round(6)
    out["afronding_klopt"] = rounding.rounds_to(out["aandeel_pct"], out["gedrukt_pct"], decimals)
    return out
