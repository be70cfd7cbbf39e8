"""Iv3 taakvelden: the Wmo plan 2024–2026 per taakveld, and a crosswalk between its codes and
the codes the visitation report uses for 2019.

The taakvelden are prescribed by the BBV (Besluit begroting en verantwoording provincies en
gemeenten); their codes and definitions per year are in the Iv3-informatievoorschrift of the
ministry of BZK. Until 2022 Iv3 has 6.71 Maatwerkdienstverlening 18+ and 6.81 Geëscaleerde zorg
18+ (so does the visitation report, Iv3 2019); from the begroting and jaarrekening 2023 they are
split into lettered sub-taakvelden (6.71a–d, 6.81a–b). The Wmo plan prints these with a capital
letter (6.71A–C, 6.81A–B).
"""

import numpy as np
import pandas as pd

from helpers.methods import finance

CROSSWALK_SOURCE = (
    "Bron van de indeling: het Besluit begroting en verantwoording provincies en gemeenten (BBV) "
    "schrijft de taakvelden voor; de Iv3-informatievoorschriften van het ministerie van BZK geven "
    "per jaar hun codes en definities. Tot en met 2022 kent Iv3 de taakvelden 6.71 "
    "Maatwerkdienstverlening 18+ en 6.81 Geëscaleerde zorg 18+; die gebruikt ook het "
    "visitatierapport (Bijlage II §8, Iv3 2019). Het Iv3-informatievoorschrift gemeenten en "
    "gemeenschappelijke regelingen 2023 (hoofdstuk 1, 'Belangrijkste wijzigingen') deelt ze vanaf "
    "de begroting en de jaarrekening 2023 op in 6.71a Hulp bij het huishouden (Wmo), 6.71b "
    "Begeleiding (Wmo), 6.71c Dagbesteding (Wmo) en 6.71d Overige maatwerkarrangementen (Wmo), en "
    "in 6.81a Beschermd wonen (Wmo) en 6.81b Maatschappelijke- en vrouwenopvang (Wmo); verantwoorden "
    "op de oude 6.71 en 6.81 is dan niet meer toegestaan. Hetzelfde voorschrift noemt 6.2 Wijkteams "
    "voortaan 6.2 Toegang en eerstelijnsvoorzieningen. De lettercodes van het plan (6.71A–C, "
    "6.81A–B) zijn die subtaakvelden met een hoofdletter; een subtaakveld telt op tot zijn taakveld "
    "van 2019. Aanname: 6.71C Groepsbegeleiding van het plan is 6.71c Dagbesteding (begeleiding in "
    "groepsverband); het plan zegt dat niet. Het plan heeft geen post op 6.71d. Controleer codes "
    "van latere jaren tegen het informatievoorschrift van dat jaar voordat u er bedragen mee koppelt."
)

_CROSSWALK = pd.DataFrame(
    [
        ("6.1", "Samenkracht en burgerparticipatie", "6.1", "6.1"),
        ("6.2", "Wijkteams", "6.2", "6.2 Toegang en eerstelijnsvoorzieningen"),
        ("6.6", "Maatwerkvoorzieningen Wmo", "6.6", "6.6"),
        ("6.71A", "Huishoudelijke verzorging", "6.71", "6.71a Hulp bij het huishouden (Wmo)"),
        ("6.71B", "Individuele begeleiding", "6.71", "6.71b Begeleiding (Wmo)"),
        ("6.71C", "Groepsbegeleiding", "6.71", "6.71c Dagbesteding (Wmo)"),
        (None, None, "6.71", "6.71d Overige maatwerkarrangementen (Wmo)"),
        ("6.81A", "Beschermd wonen (WMO)", "6.81", "6.81a Beschermd wonen (Wmo)"),
        (
            "6.81B",
            "Maatschappelijke- en vrouwenopvang (WMO)",
            "6.81",
            "6.81b Maatschappelijke- en vrouwenopvang (Wmo)",
        ),
        ("7.1", "Volksgezondheid", "7.1", "7.1"),
    ],
    columns=["taakveld_plan", "omschrijving_plan", "iv3_2019", "iv3_vanaf_2023"],
)


def crosswalk() -> pd.DataFrame:
    """The crosswalk table (see CROSSWALK_SOURCE for its source and assumptions)."""
    return _CROSSWALK.copy()


def labels() -> pd.Series:
    """A reader's label per taakveld code of the plan (index): the code and the plan's own name
    for it ('6.71A' -> '6.71A Huishoudelijke verzorging')."""
    plan = _CROSSWALK.dropna(subset=["taakveld_plan"]).set_index("taakveld_plan")
    return (plan.index + " " + plan["omschrijving_plan"]).rename("label")


def label(codes: pd.Series) -> pd.Series:
    """labels() for each code; a code that is not in the crosswalk keeps just its code."""
    return codes.map(labels()).fillna(codes)


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
