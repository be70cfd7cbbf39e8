"""Iv3 taakvelden: the Wmo plan 2024–2026 per taakveld, and a crosswalk between its codes and
the codes the visitation report uses for 2019.

The Wmo plan prints sub-taakvelden with a capital letter (6.71A–C, 6.81A–B), as in the Iv3
letter scheme (6.71a–d); the visitation report (Iv3 2019) only has the parents (6.71, 6.81).
Iv3 later renumbered the letter codes into a third digit (6.71a–d -> 6.711–6.714).
"""

import numpy as np
import pandas as pd

from helpers.methods import finance

CROSSWALK_SOURCE = (
    "Crosswalk (aanname, niet uit een bron van dit project): de codes en namen van het Wmo-plan "
    "zijn zoals gedrukt (wmo_plan_2024/begroting_taakvelden); de Iv3-codes van 2019 zoals in het "
    "visitatierapport (visitatie_2021/iv3_per_inwoner). Dat een lettercode onder de ouder van "
    "2019 valt (6.71A -> 6.71) volgt uit de Iv3-systematiek. De koppeling Groepsbegeleiding = "
    "6.71c Dagbesteding (Wmo) is een aanname. De hernummering 6.71a–d -> 6.711–6.714 is "
    "overgenomen uit de projectnotities (STACK-NOTES: 'vanaf 2024'; een andere openbare bron "
    "noemt 2025) en is niet gecontroleerd tegen het Iv3-informatievoorschrift; voor 6.81a–b "
    "is de nieuwe code niet vastgesteld en daarom leeg. Controleer dit tegen het "
    "informatievoorschrift van het jaar in kwestie voordat u er bedragen mee koppelt."
)

_CROSSWALK = pd.DataFrame(
    [
        ("6.1", "Samenkracht en burgerparticipatie", "6.1", "6.1", "6.1"),
        ("6.2", "Wijkteams", "6.2", "6.2", "6.2"),
        ("6.6", "Maatwerkvoorzieningen Wmo", "6.6", "6.6", "6.6"),
        ("6.71A", "Huishoudelijke verzorging", "6.71", "6.71a Huishoudelijke hulp (Wmo)", "6.711"),
        ("6.71B", "Individuele begeleiding", "6.71", "6.71b Begeleiding (Wmo)", "6.712"),
        ("6.71C", "Groepsbegeleiding", "6.71", "6.71c Dagbesteding (Wmo)", "6.713"),
        (None, None, "6.71", "6.71d Overige maatwerkarrangementen (Wmo)", "6.714"),
        ("6.81A", "Beschermd wonen (WMO)", "6.81", "6.81a Beschermd wonen (Wmo)", None),
        (
            "6.81B",
            "Maatschappelijke- en vrouwenopvang (WMO)",
            "6.81",
            "6.81b Maatschappelijke- en vrouwenopvang (Wmo)",
            None,
        ),
        ("7.1", "Volksgezondheid", "7.1", "7.1", "7.1"),
    ],
    columns=[
        "taakveld_plan",
        "omschrijving_plan",
        "iv3_2019",
        "iv3_lettercode",
        "iv3_driecijferig",
    ],
)


def crosswalk() -> pd.DataFrame:
    """The crosswalk table (see CROSSWALK_SOURCE for its source and assumptions)."""
    return _CROSSWALK.copy()


def iv3_2019(codes: pd.Series) -> pd.Series:
    """The Iv3 2019 code (as in the visitation report) of each taakveld code of the plan."""
    known = _CROSSWALK.dropna(subset=["taakveld_plan"]).set_index("taakveld_plan")["iv3_2019"]
    unknown = ~codes.isin(known.index)
    if unknown.any():
        row = codes.index[unknown][0]
        raise KeyError(
            f"Taakveld {codes[row]!r} (rij {row}) staat niet in de crosswalk; "
            f"bekend: {', '.join(known.index)}."
        )
    return codes.map(known).rename("iv3_2019")


def posts(begroting: pd.DataFrame) -> pd.DataFrame:
    """The posts of the Wmo begroting, without the printed total."""
    return begroting[begroting["taakveld"] != "Totaal"]


def by_taakveld(begroting: pd.DataFrame) -> pd.DataFrame:
    """Sum of the posts per taakveld (rows, in printed order) and year (columns), € mln."""
    parts = posts(begroting)
    wide = parts.pivot_table(
        index=["taakveld", "taakveld_naam"],
        columns="jaar",
        values="waarde",
        aggfunc="sum",
        sort=False,
    )
    wide.columns.name = None
    return wide


def printed_totals(begroting: pd.DataFrame) -> pd.DataFrame:
    """Per year the printed TOTAAL against the sum of the posts, as claims for claims.check
    (the total is printed with one decimal)."""
    sums = posts(begroting).groupby("jaar")["waarde"].sum()
    printed = begroting[begroting["taakveld"] == "Totaal"].set_index("jaar")["waarde"]
    return pd.DataFrame(
        {
            "bewering": "totaal " + printed.index.astype(str),
            "berekend": sums.reindex(printed.index),
            "gedrukt": printed,
            "decimalen": 1,
            "relatie": "gelijk",
        }
    )


def decline(wide: pd.DataFrame, van: int, tot: int) -> pd.DataFrame:
    """Change per taakveld between two years and its share of the total change (in %; a
    taakveld that rises while the total falls gets a negative share)."""
    out = finance.change(wide, van, tot)
    total = out["verschil"].sum()
    share = 100 * out["verschil"] / total if total != 0 else np.nan
    return out.assign(aandeel_totale_verandering_pct=share)


def compare_iv3(
    wide: pd.DataFrame,
    iv3: pd.DataFrame,
    jaar: int,
    inwoners: float,
    groepen: tuple[str, ...] = ("Maastricht",),
) -> pd.DataFrame:
    """Per Iv3 2019 code: the plan's begroting for `jaar` (€ mln, summed over the sub-codes),
    that amount per inhabitant for the given number of inhabitants, and next to it the 2019 Iv3
    realisatie and begroot per inhabitant of each group, where the codes match."""
    plan = wide[jaar].rename("begroting_plan_mln").reset_index()
    plan["iv3_2019"] = iv3_2019(plan["taakveld"]).to_numpy()
    per_code = plan.groupby("iv3_2019", sort=False).agg(
        taakvelden_plan=("taakveld", ", ".join), begroting_plan_mln=("begroting_plan_mln", "sum")
    )
    per_code["plan_per_inwoner"] = 1e6 * per_code["begroting_plan_mln"] / inwoners
    selected = iv3[iv3["groep"].isin(groepen)]
    iv3_wide = selected.pivot_table(
        index="taakveld", columns=["groep", "grootheid"], values="waarde", aggfunc="first"
    )
    iv3_wide.columns = [f"iv3_2019_{g}_{q}" for g, q in iv3_wide.columns]
    return per_code.join(iv3_wide, how="left")
