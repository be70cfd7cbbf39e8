"""The published jeugd series of Maastricht aligned per year: realisatie jeugdhulp next to the
client counts the sources give, for the decomposition of published totals."""

import numpy as np
import pandas as pd

# The gemeente these published series describe; they are shown on its pages only.
GEMEENTE = "Maastricht"


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
