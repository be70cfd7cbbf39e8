"""Poverty figures across sources: the armoede-indicator under its different definitions, the
income sources of low-income households, and the armoedebudget by kind of regeling.

The sources measure "armoede" in different ways (inkomen tot 110% WSM from the memo of 2017 and
from the Minimascan of Stimulansz, CBS laag inkomen, langdurig laag inkomen). Figures of
different definitions are kept apart as separate series — never joined into one line.
"""

import numpy as np
import pandas as pd

from helpers.methods import rounding

MEMO_110 = "tot 110% WSM (memo draaiknoppen 2017)"
STIMULANSZ_110 = "tot 110% WSM (Minimascan Stimulansz, aanvalsplan)"
LANGDURIG_110 = "> 4 jaar tot 110% WSM (CBS voorlopig, aanvalsplan)"
CBS_LAAG = "laag inkomen (CBS, visitatierapport)"
CBS_LANGDURIG = "langdurig laag inkomen (CBS, visitatierapport)"

_SERIES_COLUMNS = ["definitie", "gebied", "jaar", "eenheid", "waarde"]

# Common groups for the income-source labels of the memo (2017) and the aanvalsplan (text and
# chart legend): the labels differ, the groups are what the three lists have in common.
INKOMENSBRON_GROEP = {
    "arbeid": "werk in loondienst",
    "inkomen als werknemer": "werk in loondienst",
    "eigen onderneming": "eigen onderneming",
    "inkomen als zelfstandige": "eigen onderneming",
    "inkomstenverzekeringen": "uitkering inkomensverzekering",
    "uitkering inkomensverzekering (WW, WAO, WIA, AOW)": "uitkering inkomensverzekering",
    "Uitkering inkomensverzekering (WW, AOW, WAO, Wajong, WIA)": "uitkering inkomensverzekering",
    "sociale voorziening": "sociale voorziening (bijstand)",
    "bijstandsuitkering": "sociale voorziening (bijstand)",
    "Uitkering sociale voorzieningen": "sociale voorziening (bijstand)",
}


# The schemes (regelingen) each label names as examples, as printed: the memo in its text
# ("denk aan bijstand, WAJONG"; "denk aan WW, WAO, WIA"), the aanvalsplan in its text and its
# chart legend. A label that names no scheme is absent. Which scheme falls under which group
# differs between the lists, so their shares are not comparable group by group.
INKOMENSBRON_REGELINGEN = {
    "sociale voorziening": ("bijstand", "Wajong"),
    "inkomstenverzekeringen": ("WW", "WAO", "WIA"),
    "uitkering inkomensverzekering (WW, WAO, WIA, AOW)": ("WW", "WAO", "WIA", "AOW"),
    "bijstandsuitkering": ("bijstand",),
    "Uitkering inkomensverzekering (WW, AOW, WAO, Wajong, WIA)": (
        "WW",
        "AOW",
        "WAO",
        "Wajong",
        "WIA",
    ),
}
NOT_NAMED = "niet genoemd"


def indicator_series(
    memo_huishoudens: pd.DataFrame,
    memo_kerncijfers: pd.DataFrame,
    plan_indicator: pd.DataFrame,
    visitatie_kengetallen: pd.DataFrame,
) -> pd.DataFrame:
    """One tidy table of the poverty indicator from the three sources, with a column
    `definitie` that separates the series (columns definitie, gebied, jaar, eenheid, waarde,
    and `reeks`: definitie and gebied, one line in a chart)."""
    memo_count = memo_huishoudens.assign(definitie=MEMO_110, eenheid="aantal")
    memo_pct = memo_kerncijfers[
        memo_kerncijfers["grootheid"] == "aandeel huishoudens in armoede"
    ].assign(definitie=MEMO_110)
    langdurig = plan_indicator["grootheid"].str.contains("langer dan 4 jaar")
    plan = plan_indicator.assign(definitie=np.where(langdurig, LANGDURIG_110, STIMULANSZ_110))
    cbs_rows = visitatie_kengetallen["indicator"].isin(
        ["huishoudens met een laag inkomen", "huishoudens met een langdurig laag inkomen"]
    )
    cbs = visitatie_kengetallen[cbs_rows]
    cbs = cbs.assign(
        definitie=cbs["indicator"].map(
            {
                "huishoudens met een laag inkomen": CBS_LAAG,
                "huishoudens met een langdurig laag inkomen": CBS_LANGDURIG,
            }
        ),
        gebied=cbs["groep"],
        jaar=pd.to_numeric(cbs["periode"], errors="raise"),
        eenheid="%",
    )
    parts = [
        frame.assign(gebied=frame.get("gebied", "Maastricht"))[_SERIES_COLUMNS]
        for frame in (memo_count, memo_pct, plan, cbs)
    ]
    out = pd.concat(parts, ignore_index=True).astype({"jaar": "int64", "waarde": "float64"})
    return out.assign(reeks=out["definitie"] + " — " + out["gebied"])


def implied_households(series: pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """Per definition and year where both a count and a percentage are printed: the total
    number of households they imply (an interval, as the percentage is rounded). Different
    totals for one concept show a break in definition or base."""
    maastricht = series[series["gebied"] == "Maastricht"]
    wide = maastricht.pivot_table(
        index=["definitie", "jaar"], columns="eenheid", values="waarde", aggfunc="first"
    ).reindex(columns=["aantal", "%"])
    both = wide.dropna()
    low, high = rounding.implied_base(both["aantal"], both["%"], decimals)
    return pd.DataFrame(
        {"aantal": both["aantal"], "percentage": both["%"], "totaal_min": low, "totaal_max": high}
    )


def income_sources(memo: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """The income sources of households up to 110% WSM from the memo and the aanvalsplan (text
    and chart legend), on common groups (long: groep, weergave, inkomensbron, waarde)."""
    both = pd.concat(
        [
            memo.assign(weergave="memo 2017"),
            plan.assign(weergave="aanvalsplan " + plan["weergave"]),
        ],
        ignore_index=True,
    )
    groups = both["inkomensbron"].map(INKOMENSBRON_GROEP)
    if groups.isna().any():
        row = groups.index[groups.isna()][0]
        raise KeyError(
            f"Inkomensbronnen, rij {row}, kolom inkomensbron: {both.loc[row, 'inkomensbron']!r} "
            "heeft geen groep in armoede.INKOMENSBRON_GROEP."
        )
    return both.assign(groep=groups)[["groep", "weergave", "inkomensbron", "waarde"]]


def moved_schemes(sources: pd.DataFrame) -> pd.DataFrame:
    """Per scheme named in any list of income sources (from income_sources): the group it
    falls under in each list (weergave), or NOT_NAMED. Only the schemes the lists treat
    differently: named under different groups (Wajong: sociale voorziening in the memo,
    inkomensverzekering in the aanvalsplan legend), or missing from a list whose label for that
    group does name schemes (AOW is not among the memo's "WW, WAO, WIA"). A scheme missing only
    where a label names no scheme at all (bijstand in the legend) is not counted as different."""
    named = sources.assign(regeling=sources["inkomensbron"].map(INKOMENSBRON_REGELINGEN))
    names_schemes = named.set_index(["weergave", "groep"])["regeling"].notna()
    exploded = named.explode("regeling").dropna(subset=["regeling"])
    table = exploded.pivot_table(
        index="regeling", columns="weergave", values="groep", aggfunc="first", sort=False
    ).reindex(columns=sources["weergave"].unique())
    table.columns.name = None
    moved = table.nunique(axis=1) > 1
    home = table.bfill(axis=1).iloc[:, 0]
    missing_where_named = pd.DataFrame(
        {
            w: table[w].isna() & home.map(lambda g, w=w: bool(names_schemes.get((w, g), False)))
            for w in table.columns
        }
    ).any(axis=1)
    return table[moved | missing_where_named].fillna(NOT_NAMED)


def _open_end_label(flags: pd.Series) -> pd.Series:
    return flags.map({True: "open einde", False: "geen open einde"})


def budget_posts(budget: pd.DataFrame) -> pd.DataFrame:
    """The posts (regelingen) of the armoedebudget, largest first, labelled by kind."""
    posts = budget[budget["soort"] == "regeling"]
    return posts.assign(regelingtype=_open_end_label(posts["open_einde"])).sort_values(
        "waarde", ascending=False
    )[["post", "regelingtype", "waarde"]]


def open_end_share(budget: pd.DataFrame) -> pd.DataFrame:
    """Amount per kind of regeling, with its share of the sum of the posts and of the printed
    total, and the printed budget and total as rows of their own."""
    posts = budget[budget["soort"] == "regeling"]
    printed_total = budget.loc[budget["soort"] == "totaal", "waarde"].sum()
    per_kind = posts.groupby(_open_end_label(posts["open_einde"]))["waarde"].sum()
    amounts = pd.concat(
        [
            per_kind.reindex(["open einde", "geen open einde"], fill_value=0),
            pd.Series(
                {
                    "som van de posten": posts["waarde"].sum(),
                    "totaal (gedrukt)": printed_total,
                    "budget (gedrukt)": budget.loc[budget["soort"] == "budget", "waarde"].sum(),
                }
            ),
        ]
    )
    return pd.DataFrame(
        {
            "bedrag": amounts,
            "aandeel_som_pct": 100 * amounts / posts["waarde"].sum(),
            "aandeel_totaal_pct": 100 * amounts / printed_total,
        }
    ).rename_axis("onderdeel")


def income_source_totals(sources: pd.DataFrame) -> pd.DataFrame:
    """Per list of income sources (weergave): the sum of its shares against the 100% a
    distribution must add up to, as claims for claims.check (shares printed with one decimal)."""
    sums = sources.groupby("weergave", sort=False)["waarde"].sum()
    return pd.DataFrame(
        {
            "bewering": "aandelen " + sums.index + " tellen op tot 100%",
            "berekend": sums,
            "gedrukt": 100.0,
            "decimalen": 1,
            "relatie": "gelijk",
        }
    )
