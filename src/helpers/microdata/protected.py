"""The tables of client-level data as they may be shown or written: disclosure control applied to
everything the cost-driver chapter derives from an arrangement export.

Two rules (helpers.microdata.disclosure does the rounding and suppression):

1. **Counts** of clients and arrangements are rounded to multiples of 5, 0–7 suppressed, with
   secondary suppression against every total shown (`protected_key_figures`,
   `protected_group_figures`, `protected_flows`, `protected_durations`).
2. **Derived figures** — effects in euros, costs per client or per arrangement, arrangements per
   client, factors — are computed from protected counts only (`aggregate`): every count that
   enters them is first rounded to 5, and a count from 1 to 7 counts as 5 whatever it is
   (disclosure.counts_for_derived_figures). A figure that is a function of costs and protected
   counts only cannot reveal a count more precisely than the protected count, alone or combined
   with any other such figure: two exports whose counts round alike give the same figures. The
   decomposition identity holds for any positive counts, so the effects still add up exactly
   to the change in cost.

Effects per group are exact euros of that group; groups below 8 arrangements or clients are
merged first (`merge_small_groups`), so no group effect is the cost of a handful of clients.

What stays exact: costs (euros are not counts; the design shows the costs of the gemeente as they
are) and units of care (hours, dagdelen, etmalen), which are quantities of care like costs. A cell
whose units are counted per delivered product (eenheid stuks) carries its count in its units; its
units are therefore protected like a count. The same holds only approximately for etmalen: in a
cell where every arrangement ran the whole year, units are 365 (366) times the count. Costs share
that property for products with one fixed price per arrangement; neither is protected beyond
what the design of disclosure control asks (counts and what is derived from them).
"""

import pandas as pd

from helpers.assumptions import Assumption
from helpers.methods import decompose
from helpers.microdata import disclosure, flows

ASSUMPTIONS = (
    Assumption(
        "afgeleide cijfers",
        "effecten, factoren en bedragen per cliënt worden berekend op de beschermde aantallen (afgerond op 5, 1–7 telt als 5), niet op de echte",
        "anders zijn de echte aantallen terug te rekenen uit verhoudingen van effecten",
        "afgeleide cijfers wijken iets af van een berekening op ruwe aantallen; de effecten tellen nog steeds exact op",
    ),
    Assumption(
        "tijdseenheden",
        "eenheden in tijd (uren, etmalen) en kosten worden niet beschermd",
        "het zijn geen aantallen personen",
        "in een cel waarin elk arrangement het hele jaar liep zijn etmalen 365 × het aantal: houd zulke cellen klein in publicaties",
    ),
)

# The tables of notebooks/kostendrijvers_jeugd.ipynb (by their name in output_dir) holding counts
# from client-level data: per count column, the columns derived from it that must be empty
# wherever the count is suppressed.
CLIENT_COUNTS = {
    "kerncijfers": {
        "clienten": ("kosten", "arrangementen_per_client", "kosten_per_client"),
        "arrangementen": ("arrangementen_per_client",),
    },
    "cijfers_per_categorie": {"arrangementen": ("kosten", "kosten_per_arrangement")},
    "stromen": {"clienten": (), "instroom": (), "uitstroom": (), "herinstroom": ()},
    "duur": {
        "aantal": ("mediaan_dagen", "gemiddelde_dagen", "aandeel_langer_dan_jaar"),
        "lopend": (),
    },
    "duur_per_categorie": {
        "aantal": ("mediaan_dagen", "gemiddelde_dagen", "aandeel_langer_dan_jaar"),
        "lopend": (),
    },
}
# Tables the notebook writes that hold no counts: euros derived from protected counts only
# (aggregate), or figures that were published already.
WITHOUT_CLIENT_COUNTS = (
    "decompositie",
    "effecten_per_categorie",
    "effecten_per_verwijzer",
    "effecten_keten",
    "gepubliceerd",
    "gepubliceerd_keten",
)
# Decimals kept in statistics of protected counts: at full precision a mean or share reveals its
# unrounded denominator (0.16317991631799164 = 39/239 where the count shows as 240).
STATISTIC_DECIMALS = {"mediaan_dagen": 0, "gemiddelde_dagen": 0, "aandeel_langer_dan_jaar": 3}
# Units that count delivered products: protected like counts (module docstring).
COUNTED_UNITS = ("stuks (output)", "stuks (inspanning)")
_TOTAL = "__totaal__"
# The group into which merge_small_groups() puts every group too small to show on its own.
MERGED_GROUP = "kleine groepen (samengevoegd)"


def aggregate(data: pd.DataFrame, by: str = "categorie") -> pd.DataFrame:
    """decompose.aggregate() with clienten_jaar and arrangementen (and the eenheden of
    COUNTED_UNITS) replaced by disclosure.counts_for_derived_figures: the only aggregate from
    which this chapter derives figures."""
    agg = decompose.aggregate(data, by=by)
    units = agg["eenheden"]
    if "eenheid" in agg:
        counted = agg["eenheid"].isin(COUNTED_UNITS) & units.notna()
        stand_in = disclosure.counts_for_derived_figures(units[counted].round())
        units = units.mask(counted, stand_in.astype(float))
    return agg.assign(
        clienten_jaar=disclosure.counts_for_derived_figures(agg["clienten_jaar"]).astype(float),
        arrangementen=disclosure.counts_for_derived_figures(agg["arrangementen"]).astype(float),
        eenheden=units,
    )


def key_figures(agg: pd.DataFrame) -> pd.DataFrame:
    """Per jaar from an aggregate table: clienten, arrangementen (the sum of its cells), kosten,
    arrangementen_per_client and kosten_per_client (€)."""
    per_year = agg.groupby("jaar").agg(
        clienten=("clienten_jaar", "first"),
        arrangementen=("arrangementen", "sum"),
        kosten=("kosten", "sum"),
    )
    return per_year.assign(
        arrangementen_per_client=per_year["arrangementen"] / per_year["clienten"],
        kosten_per_client=per_year["kosten"] / per_year["clienten"],
    )


def group_figures(agg: pd.DataFrame, years: list[int], by: str = "categorie") -> pd.DataFrame:
    """Per (<by>, jaar) in `years`, summed over the cells: arrangementen, kosten and
    kosten_per_arrangement (€)."""
    rows = agg[agg["jaar"].isin(years)].groupby([by, "jaar"], observed=True)
    sums = rows[["arrangementen", "kosten"]].sum().sort_index()
    return sums.assign(kosten_per_arrangement=sums["kosten"] / sums["arrangementen"])


def _suppress_derived(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Empty the columns derived from each count of CLIENT_COUNTS[name] where it is suppressed."""
    table = table.copy()
    for count, derived in CLIENT_COUNTS[name].items():
        derived = [c for c in derived if c in table]
        table[derived] = table[derived].mask(table[count].isna(), axis=0)
    return table


def _protect_against_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """disclosure.protect_counts on every column of `counts`, each protected against its sum as
    if that total were in the table: for counts whose totals are shown elsewhere."""
    with_total = pd.concat([counts, counts.sum().to_frame(_TOTAL).T])
    protected = disclosure.protect_counts(with_total, counts.columns, total_row=_TOTAL)
    return protected.drop(index=_TOTAL)


def protected_key_figures(agg: pd.DataFrame) -> pd.DataFrame:
    """key_figures() of an aggregate() with clienten and arrangementen suppressed below 8, and
    kosten, arrangementen_per_client and kosten_per_client empty where a count they derive
    from is suppressed."""
    protected = disclosure.protect_counts(key_figures(agg), ["clienten", "arrangementen"])
    return _suppress_derived(protected, "kerncijfers")


def protected_group_figures(
    agg: pd.DataFrame, years: list[int], by: str = "categorie"
) -> pd.DataFrame:
    """group_figures() of an aggregate() for every group present in one of `years` (0 where
    absent) with arrangementen suppressed below 8, and kosten and kosten_per_arrangement empty
    where it is. The groups of a year add up to its arrangementen in key figures, so each year is
    protected against that total: no single suppressed group can be found by subtraction."""
    figures = group_figures(agg, years, by)
    full = pd.MultiIndex.from_product([figures.index.unique(by), years], names=figures.index.names)
    figures = figures.reindex(full, fill_value=0)
    counts = _protect_against_totals(figures["arrangementen"].unstack("jaar"))
    figures["arrangementen"] = counts.stack().reindex(full)
    return _suppress_derived(figures, "cijfers_per_categorie")


def protected_durations(data: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """flows.duration_summary() with aantal and lopend rounded and suppressed, the statistics
    empty where aantal is suppressed and rounded to STATISTIC_DECIMALS. Per group (`by`), the
    arrangement rows add up to all arrangements and are protected against that total;
    trajectories formed within groups do not add up to all trajectories."""
    summary = flows.duration_summary(data, by=by)
    counts = ["aantal", "lopend"]
    if by is None:
        protected = disclosure.protect_counts(summary[counts], counts)
    else:
        arrangements = summary["niveau"] == "arrangement"
        protected = pd.concat(
            [
                _protect_against_totals(summary.loc[arrangements, counts]),
                disclosure.protect_counts(summary.loc[~arrangements, counts], counts),
            ]
        )
    summary[counts] = protected.reindex(summary.index)
    return _suppress_derived(summary, "duur").round(STATISTIC_DECIMALS)


def _smallest_size(rows: pd.DataFrame, group: pd.Series, years: list[int]) -> pd.DataFrame:
    """Per group (index) and year in `years` (columns): the smaller of its distinct
    arrangements and distinct clients in `rows`, 0 where the group is absent that year."""
    sizes = rows.groupby([group, rows["jaar"]], observed=True)[["arrangement_id", "client_id"]]
    return sizes.nunique().min(axis=1).unstack("jaar").reindex(columns=years).fillna(0)


def merge_small_groups(
    data: pd.DataFrame, by: str, years: list[int], threshold: int = 8
) -> tuple[pd.DataFrame, list[str]]:
    """Microdata with column `by` coarsened so that every group of `years` has at least
    `threshold` arrangements and clients in each of those years, and the groups merged.

    Effects per group (decompose.effects, per_group=True) are exact euros; a group's row adds
    up to its change in cost, which for a group of a few clients is theirs. So before decomposing:

    1. every group with fewer than `threshold` arrangements or clients in one of `years`
       (absent = 0) becomes MERGED_GROUP;
    2. if MERGED_GROUP itself is still below `threshold` in one of `years`, the smallest other
       group (its fewest arrangements or clients in any of `years`; ties by name) joins it,
       which is enough because that group alone has `threshold` of each. When no other group
       is left, MERGED_GROUP is the whole gemeente, whose total is shown anyway.

    Rows of other years keep their group. The total of the effects is unchanged: the groups
    still partition the same arrangements. Returns the data and the merged group names, sorted.
    """
    in_years = data["jaar"].isin(years)
    rows = data[in_years]
    sizes = _smallest_size(rows, rows[by], years)
    small = (sizes < threshold).any(axis=1)
    names = list(sizes.index[small])
    grouped = rows[by].astype("string").mask(rows[by].isin(names), MERGED_GROUP)
    if names and (_smallest_size(rows, grouped, years).loc[MERGED_GROUP] < threshold).any():
        others = sizes[~small].min(axis=1).rename("size").rename_axis("group").reset_index()
        names += list(others.sort_values(["size", "group"])["group"].head(1))
    column = data[by].astype("string").mask(in_years & data[by].isin(names), MERGED_GROUP)
    return data.assign(**{by: column}), sorted(names)


def protected_flows(data: pd.DataFrame) -> pd.DataFrame:
    """flows.stock_and_flows() per jaar (index) with every count rounded and suppressed, and
    clienten, instroom and uitstroom protected against clienten(t) = clienten(t−1) +
    instroom(t) − uitstroom(t) (disclosure.protect_balance): clienten are shown unsuppressed
    in the key figures, so the second cell hidden in a year is always a flow. herinstroom is
    part of instroom and adds up to nothing shown; it is only rounded and suppressed."""
    table = flows.stock_and_flows(data).set_index("jaar")
    protected = disclosure.protect_balance(table, "clienten", "instroom", "uitstroom")
    return disclosure.protect_counts(protected, ["herinstroom"])
