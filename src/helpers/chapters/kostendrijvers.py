"""Cost drivers of jeugdhulp for readers: the effects of `helpers.methods.decompose` as tables, as an
answer to "complexer of duurder?", and the published series they can be set against.

The answer groups the effects (see `decompose` for their definitions):

* meer cliënten: volume;
* complexer: stapeling + mix + intensiteit — more, heavier or longer care per client;
* duurder: tarief — the same unit of care costs more.

Without units the cost per arrangement (prijs) cannot be split into intensiteit and tarief; it
is then reported on its own as "zwaarder of duurder per arrangement".
"""

import numpy as np
import pandas as pd

from helpers.display import fmt
from helpers.methods.decompose import EFFECT_LABELS
from helpers.microdata import disclosure, flows

COMPLEXER = ("stapeling", "mix", "intensiteit")
TABLE_ORDER = ("volume", "stapeling", "mix", "prijs", "intensiteit", "tarief", "totaal")
GROUP_LABELS = {
    "volume": "het aantal cliënten (volume)",
    "complexer": "meer, andere of zwaardere hulp per cliënt ({parts})",
    "duurder": "het tarief per eenheid",
    "prijs": "de kosten per arrangement (prijs; zonder eenheden niet te splitsen)",
}
# The tables of notebooks/kostendrijvers_jeugd.ipynb (by their name in output_dir) holding counts
# from client-level data, which go through helpers.microdata.disclosure: per count column, the columns
# derived from it that must be empty wherever the count is suppressed.
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
# Tables the notebook writes that hold no counts from client-level data: euros, or figures that
# were published already. The effects per categorie and per verwijzer are euros of groups of at
# least 8 arrangements and clients in both years (merge_small_groups).
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
_TOTAL = "__totaal__"
# The group into which merge_small_groups() puts every group too small to show on its own.
MERGED_GROUP = "kleine groepen (samengevoegd)"

# Per group: what its rise and what its fall means.
VERDICTS = {
    "volume": ("méér cliënten (volume)", "minder cliënten (volume)"),
    "complexer": (
        "complexer: meer, zwaardere of langere hulp per cliënt",
        "minder complex: minder, lichtere of kortere hulp per cliënt",
    ),
    "duurder": ("duurder: hogere tarieven voor dezelfde hulp", "goedkoper: lagere tarieven"),
    "prijs": (
        "duurder per arrangement (zwaardere hulp of hogere tarieven: zonder eenheden niet te "
        "onderscheiden)",
        "goedkoper per arrangement (lichtere hulp of lagere tarieven: zonder eenheden niet te "
        "onderscheiden)",
    ),
}


def components(effects: pd.Series) -> pd.Series:
    """The effects of `decompose.effects()` that do not overlap and add up to totaal, in
    order: volume, stapeling, mix, then intensiteit and tarief when units were used, else
    prijs (which is their sum)."""
    price = ["intensiteit", "tarief"] if "tarief" in effects else ["prijs"]
    return effects[["volume", "stapeling", "mix", *price]]


def effects_table(effects: pd.Series) -> pd.DataFrame:
    """The decomposition as a table (decompositie.csv): effect, euro, deel_van, omschrijving.

    One row for volume, stapeling, mix and prijs; with units also intensiteit and tarief,
    marked deel_van = "prijs" because they split prijs; then totaal. So the rows without
    deel_van, totaal excluded, add up to totaal, and so do the components()."""
    order = [e for e in TABLE_ORDER if e in effects]
    table = effects[order].rename("euro").rename_axis("effect").reset_index()
    table["deel_van"] = np.where(table["effect"].isin(["intensiteit", "tarief"]), "prijs", "")
    table["omschrijving"] = table["effect"].map(EFFECT_LABELS)
    return table


def drivers(effects: pd.Series) -> pd.Series:
    """The effects grouped for the answer: volume, complexer (stapeling + mix + intensiteit)
    and duurder (tarief); without units: volume, complexer (stapeling + mix) and prijs."""
    parts = components(effects)
    complexer = parts[parts.index.isin(COMPLEXER)].sum()
    if "tarief" in parts:
        return pd.Series(
            {"volume": parts["volume"], "complexer": complexer, "duurder": parts["tarief"]}
        )
    return pd.Series({"volume": parts["volume"], "complexer": complexer, "prijs": parts["prijs"]})


def answer(effects: pd.Series, jaar_van: int, jaar_tot: int) -> str:
    """A short Dutch answer to "complexer of duurder?" from `decompose.effects()` in euros:
    the change, each group of drivers() in € mln, and which group weighs most (largest
    absolute amount). Shares of the change are given only when every group moves the same way
    as the total; when effects offset each other such shares exceed 100% and the text says
    so instead."""
    groups = drivers(effects)
    total = effects["totaal"]
    direction = "stegen" if total > 0 else "daalden" if total < 0 else "bleven gelijk"
    with_shares = total != 0 and bool((np.sign(groups) * np.sign(total) >= 0).all())
    parts = ", ".join(c for c in components(effects).index if c in COMPLEXER)
    pieces = [
        fmt.euro_mln(value / 1e6)
        + (f" ({fmt.percent(100 * value / total, 0)})" if with_shares else "")
        + " door "
        + GROUP_LABELS[group].format(parts=parts)
        for group, value in groups.items()
    ]
    listed = ", ".join(pieces[:-1]) + " en " + pieces[-1]
    offset = (
        ""
        if with_shares
        else " De effecten werken tegen elkaar in, dus aandelen in de verandering zeggen weinig."
    )
    main = groups.abs().idxmax()
    rise, fall = VERDICTS[main]
    return (
        f"Tussen {jaar_van} en {jaar_tot} {direction} de kosten met "
        f"{fmt.euro_mln(abs(total) / 1e6)}. Van die verandering komt {listed}.{offset} "
        f"Antwoord: vooral {rise if groups[main] >= 0 else fall}."
    )


def answer_published(effects: pd.Series, jaar_van: int, jaar_tot: int) -> str:
    """The published view in one Dutch sentence: the change in realisatie (euros) split into
    the number of jeugdigen (volume) and the cost per jeugdige (prijs of
    decompose.aggregate_published, where stapeling and mix are 0 by construction)."""
    total = effects["totaal"]
    direction = "steeg" if total > 0 else "daalde" if total < 0 else "bleef gelijk"
    return (
        f"Tussen {jaar_van} en {jaar_tot} {direction} de gepubliceerde realisatie met "
        f"{fmt.euro_mln(abs(total) / 1e6)}: {fmt.euro_mln(effects['volume'] / 1e6)} door het "
        f"aantal jeugdigen en {fmt.euro_mln(effects['prijs'] / 1e6)} door de kosten per "
        "jeugdige. Of die kosten per jeugdige veranderden door complexere of door duurdere hulp, "
        "is uit gepubliceerde totalen niet af te leiden."
    )


def cross_check(lmdi: pd.Series, shapley: pd.Series) -> pd.DataFrame:
    """decompose.effects() by LMDI and by Shapley side by side, with verschil = LMDI − Shapley
    and verschil_pct of the total change."""
    table = pd.DataFrame({"lmdi": lmdi, "shapley": shapley})
    table["verschil"] = table["lmdi"] - table["shapley"]
    table["verschil_pct"] = 100 * table["verschil"] / lmdi["totaal"] if lmdi["totaal"] else np.nan
    return table.rename_axis("effect")


def multiplicative_table(factors: pd.Series) -> pd.DataFrame:
    """decompose.lmdi_multiplicative() factors D with verandering_pct = 100·(D − 1), and a
    row totaal with their product (= C(jaar_tot)/C(jaar_van))."""
    factors = pd.concat([factors, pd.Series({"totaal": factors.prod()})])
    return pd.DataFrame({"factor": factors, "verandering_pct": 100 * (factors - 1)}).rename_axis(
        "effect"
    )


def data_statement(
    gemeente: str, source: str | None = None, balance: pd.Series | None = None
) -> str:
    """What this run is based on, for the top of the notebook: synthetic data (source None),
    whose findings illustrate the method and not the gemeente; or a municipality's own
    export with its row balance (row_balance)."""
    if source is None:
        return (
            "Deze uitvoering draait op SYNTHETISCHE gegevens, niet op een "
            f"export van {gemeente}. De bevindingen hieronder illustreren de methode; ze zeggen "
            f"niets over de werkelijke jeugdhulp in {gemeente}."
        )
    return (
        f"Deze uitvoering draait op de eigen export '{source}' van {gemeente}: "
        f"{balance['rijen in bestand']} rijen in het bestand, waarvan {balance['gebruikt']} "
        f"gebruikt en {balance['afgewezen']} afgewezen (zie het afwijzingsrapport)."
    )


def calibration_display(report: pd.DataFrame) -> pd.DataFrame:
    """synthetic.calibration_report() for display: counts without decimals, small figures
    (inzet, € mln, %) with two, the deviation in % with two."""

    def figure(x):
        return fmt.number(x, 0 if abs(x) >= 100 else 2)

    return report.set_index(["target", "jaar"]).assign(
        gepubliceerd=report["gepubliceerd"].map(figure).to_numpy(),
        synthetisch=report["synthetisch"].map(figure).to_numpy(),
        afwijking_pct=report["afwijking_pct"].map(lambda x: fmt.percent(x, 2)).to_numpy(),
    )


def group_effects(table: pd.DataFrame) -> pd.DataFrame:
    """LMDI effects per group (decompose.lmdi) with a column totaal, largest rise first."""
    return table.assign(totaal=table.sum(axis=1)).sort_values("totaal", ascending=False)


def key_figures(agg: pd.DataFrame) -> pd.DataFrame:
    """Per jaar from an aggregate table (decompose.aggregate): clienten, arrangementen, kosten,
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
    """Per (<by>, jaar) in `years`: arrangementen, kosten and kosten_per_arrangement (€)."""
    rows = agg[agg["jaar"].isin(years)].set_index([by, "jaar"]).sort_index()
    return rows[["arrangementen", "kosten"]].assign(
        kosten_per_arrangement=rows["kosten"] / rows["arrangementen"]
    )


# --- disclosure control of the tables with client counts (CLIENT_COUNTS) -------------------------


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
    """key_figures() with clienten and arrangementen rounded and suppressed
    (helpers.microdata.disclosure), and kosten, arrangementen_per_client and kosten_per_client empty
    where a count they derive from is suppressed."""
    protected = disclosure.protect_counts(key_figures(agg), ["clienten", "arrangementen"])
    return _suppress_derived(protected, "kerncijfers")


def protected_group_figures(
    agg: pd.DataFrame, years: list[int], by: str = "categorie"
) -> pd.DataFrame:
    """group_figures() for every group present in one of `years` (0 where absent) with
    arrangementen rounded and suppressed, and kosten and kosten_per_arrangement empty where it
    is. The groups of a year add up to its arrangementen in key figures, so each year is
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

    Effects per group (decompose.lmdi) are exact euros; a group's row adds up to its change in
    cost, which for a group of a few clients is theirs. So before decomposing:

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


def merged_statement(names: list[str], groups: str) -> str:
    """Which groups (`groups`: their plural, e.g. "categorieën") merge_small_groups() merged,
    by name only: their counts are what is protected."""
    if not names:
        return f"Geen {groups} samengevoegd."
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return f"Samengevoegd tot „{MERGED_GROUP}”: {listed}."


def protected_flows(data: pd.DataFrame) -> pd.DataFrame:
    """flows.stock_and_flows() per jaar (index) with every count rounded and suppressed, and
    clienten, instroom and uitstroom protected against clienten(t) = clienten(t−1) +
    instroom(t) − uitstroom(t) (disclosure.protect_balance): clienten are shown unsuppressed
    in the key figures, so the second cell hidden in a year is always a flow. herinstroom is
    part of instroom and adds up to nothing shown; it is only rounded and suppressed."""
    table = flows.stock_and_flows(data).set_index("jaar")
    protected = disclosure.protect_balance(table, "clienten", "instroom", "uitstroom")
    return disclosure.protect_counts(protected, ["herinstroom"])


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


# --- published figures ---------------------------------------------------------------------------


def published_clients(zin_clienten: pd.DataFrame, jeugd_kerncijfers: pd.DataFrame) -> pd.DataFrame:
    """The client counts the sources give per jaar: clienten, definitie.

    From draaiknoppen_2017/jeugd_zin_clienten (ZiN-cliënten, no PGB) and
    monitor_2018/jeugd_kerncijfers: all jeugdigen met jeugdhulp as printed, and the year
    before derived from the printed growth: n / (1 + groei/100). A growth printed as 1,6% lies
    in [1,55; 1,65), so the derived count is uncertain by about ±0,05% (±1,4 for 2.865)."""
    zin = zin_clienten.assign(definitie="ZiN-cliënten (zonder PGB), gedrukt")
    kern = jeugd_kerncijfers.set_index(["grootheid", "jaar"])["waarde"]
    counts = kern.xs("jeugdigen met jeugdhulp")
    growth = kern.xs("groei jeugdigen met jeugdhulp")
    derived = (counts / (1 + growth / 100)).rename(lambda jaar: jaar - 1)
    parts = [
        zin[["jaar", "waarde", "definitie"]],
        counts.reset_index().assign(definitie="alle jeugdigen met jeugdhulp, gedrukt"),
        derived.reset_index().assign(
            definitie="alle jeugdigen met jeugdhulp, afgeleid uit de groei van het jaar erna"
        ),
    ]
    table = pd.concat(parts, ignore_index=True).rename(columns={"waarde": "clienten"})
    return table.astype({"jaar": "int64"}).set_index("jaar").sort_index()


def published_view(realisatie: pd.Series, clients: pd.DataFrame) -> pd.DataFrame:
    """Realisatie (€ mln, index jaar) next to the client counts (published_clients) for every
    year that has either: realisatie, clienten, definitie, kosten_per_client (€) and
    ontbreekt, which names what a year lacks. Nothing is interpolated."""
    view = pd.DataFrame({"realisatie": realisatie}).join(clients, how="outer")
    view.index.name = "jaar"
    view["kosten_per_client"] = view["realisatie"] * 1e6 / view["clienten"]
    view["definitie"] = view["definitie"].fillna("")
    view["ontbreekt"] = np.select(
        [view["clienten"].isna(), view["realisatie"].isna()],
        ["geen cliëntaantal gepubliceerd", "geen realisatie gepubliceerd"],
        "",
    )
    return view


def complete_years(view: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Clients and realisatie in euros (not € mln, so effects compare with the microdata) of
    the years of published_view that have both, for decompose.aggregate_published."""
    both = view.dropna(subset=["clienten", "realisatie"])
    return both["clienten"], both["realisatie"] * 1e6
