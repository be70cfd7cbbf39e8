"""Bijlage II of the visitation report: a gemeente's kengetallen next to its control groups.

Two sources feed the same long table (indicator, groep, periode, eenheid, waarde, vindplaats):
the CBS cache in ``data/cbs/`` when it holds the gemeente and year, otherwise the figures
published in Bijlage II, which exist for Maastricht in 2019 only. `choose_source` decides and
says which it used; any other gemeente without cached CBS data stops with the command that
fetches it.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data import cbs, published
from helpers.methods import peers
from helpers.notebook import ParameterError

PUBLISHED_GEMEENTE = "Maastricht"
PUBLISHED_CODE = "GM0935"
PUBLISHED_JAAR = 2019
IV3_GROUPS = ("100.000 tot 150.000 inwoners", "sterk stedelijk")
IV3_TOTAL = "Totaal"
BASE_UNITS = {"inwoners": "aantal", "omgevingsadressendichtheid": "adressen per km²"}
# Which side of an index is the favourable one, where the indicator has one; use of help (jeugdhulp,
# Wmo, beschermd wonen, re-integratie) and context (density, mantelzorg) get no direction: a high
# use says nothing by itself about good or bad policy.
FAVOURABLE = {
    "werkzame beroepsbevolking": "hoger",
    "huishoudens met een laag inkomen": "lager",
    "huishoudens met een langdurig laag inkomen": "lager",
    "cliëntervaring Wmo: ik vind de kwaliteit van de ondersteuning die ik krijg goed": "hoger",
    "cliëntervaring Wmo: de medewerker en ik hebben in het gesprek samen naar oplossingen gezocht": (
        "hoger"
    ),
    "cliëntervaring Wmo: de ondersteuning die ik krijg past bij mijn hulpvraag": "hoger",
}
# Indicators whose own figure and group figures are printed in different units but compared by the
# source as one measure; an index for them rests on that assumption, stated here.
SAME_MEASURE = {
    "re-integratievoorzieningen": (
        "Bijlage II §7 drukt de eigen waarde per 1.000 inwoners en die van de controlegroepen als "
        "'procent', maar vergelijkt ze ('lager dan de controlegroepen'); de index neemt aan dat "
        "alle vier per 1.000 inwoners zijn."
    ),
}
DEVIATION = 10  # index points from 100 from which an indicator counts as clearly different
SOURCE_CBS = "CBS StatLine (cache in data/cbs/)"
SOURCE_PUBLISHED = "gepubliceerde cijfers van Bijlage II (data/published/visitatie_2021/)"


@dataclass(frozen=True)
class SourceChoice:
    gemeente: str  # name as shown, e.g. "Maastricht"
    bron: str  # SOURCE_CBS or SOURCE_PUBLISHED
    melding: str  # Dutch sentence: which source and why
    gemeenten: pd.DataFrame | None = None  # all gemeenten of the year (CBS only)
    code: str | None = None  # GM code (CBS only)


def own_groups(gemeente: str) -> tuple[str, ...]:
    """Labels under which a gemeente's own figure is printed (beschermd wonen: its region)."""
    return (gemeente, f"beschermd wonen-regio {gemeente}")


def is_published_gemeente(gemeente: str) -> bool:
    """True for Maastricht given by name or GM code ('Maastricht', 'GM0935', '0935', '935')."""
    text = gemeente.strip()
    digits = text.upper().removeprefix("GM")
    code = "GM" + digits.zfill(4) if digits.isdigit() else None
    return text.casefold() == PUBLISHED_GEMEENTE.casefold() or code == PUBLISHED_CODE


def choose_source(gemeente: str, jaar: int, cache_dir: Path | None = None) -> SourceChoice:
    """CBS from the cache when it has the gemeente and year; the published Bijlage II figures
    for Maastricht 2019 otherwise; any other case stops with the `make data-cbs` command."""
    try:
        cbs.indicators(gemeente, jaar, cache_dir=cache_dir)
    except cbs.CbsCacheMissError:
        if is_published_gemeente(gemeente) and jaar == PUBLISHED_JAAR:
            return SourceChoice(
                gemeente=PUBLISHED_GEMEENTE,
                bron=SOURCE_PUBLISHED,
                melding=(
                    f"Gebruikt: {SOURCE_PUBLISHED}. De CBS-cache heeft geen gegevens voor "
                    f"{gemeente} {jaar}; met `make data-cbs GEMEENTE={gemeente} JAAR={jaar}` "
                    "rekent dit notebook met CBS-cijfers."
                ),
            )
        raise ParameterError(
            f"Geen gegevens voor gemeente={gemeente!r}, jaar={jaar}: gepubliceerde cijfers van "
            f"Bijlage II zijn er alleen voor {PUBLISHED_GEMEENTE} {PUBLISHED_JAAR}, en de "
            f"CBS-cache (data/cbs/) heeft ze niet. Haal ze op met "
            f"`make data-cbs GEMEENTE={gemeente} JAAR={jaar}` (netwerk nodig) en draai het "
            "notebook opnieuw."
        ) from None
    except LookupError as exc:
        raise ParameterError(f"Parameter gemeente={gemeente!r}: {exc}") from exc
    kerncijfers = cbs.TABLES["kerncijfers"]
    names = cbs.codes(kerncijfers.id, kerncijfers.region, offline=True, cache_dir=cache_dir)
    code = cbs.gemeente_code(gemeente, names)
    frame = cbs.gemeenten(jaar, offline=True, cache_dir=cache_dir)
    name = frame.set_index("gemeente_code").loc[code, "gemeente"].removesuffix(" (gemeente)")
    return SourceChoice(
        gemeente=name,
        bron=SOURCE_CBS,
        melding=f"Gebruikt: {SOURCE_CBS}, {name} ({code}), {jaar}.",
        gemeenten=frame,
        code=code,
    )


def values(choice: SourceChoice, jaar: int) -> pd.DataFrame:
    """The long table of the chosen source: `cbs_values` or `published_values`."""
    if choice.bron == SOURCE_CBS:
        return cbs_values(choice, jaar)
    return published_values(
        published.load("visitatie_2021/kengetallen").data,
        published.load("visitatie_2021/jeugdhulpgebruik").data,
    )


def in_words(choice: SourceChoice) -> pd.DataFrame:
    """Comparisons Bijlage II gives only in words (bijstand: 'meer dan' / 'minder dan' the
    groups), for the published figures; none for figures from CBS."""
    table = published.load("visitatie_2021/vergelijkingen_in_woorden").data
    return table if choice.bron == SOURCE_PUBLISHED else table.iloc[0:0]


def published_values(kengetallen: pd.DataFrame, jeugdhulpgebruik: pd.DataFrame) -> pd.DataFrame:
    """The kengetallen of Bijlage II plus jeugdhulpgebruik (§3.1) as one long table."""
    jeugd = jeugdhulpgebruik.rename(columns={"gebied": "groep"}).assign(
        vindplaats="§3.1", indicator="jeugdhulpgebruik", eenheid="% van de jeugdigen tot 18 jaar"
    )
    columns = ["vindplaats", "indicator", "groep", "periode", "eenheid", "waarde"]
    return pd.concat([kengetallen[columns], jeugd[columns]], ignore_index=True)


def cbs_values(choice: SourceChoice, jaar: int) -> pd.DataFrame:
    """The CBS indicators of the chosen gemeente and the weighted average of each Bijlage II
    control group (`peers.BIJLAGE_II_GROUPS`), in the long layout of `published_values`."""
    if choice.gemeenten is None:
        raise ValueError("cbs_values: de keuze gebruikt geen CBS-gegevens.")
    frame = choice.gemeenten
    names = [name for name, _m, _x, _u in cbs.INDICATORS]
    units = {name: unit for name, _m, _x, unit in cbs.INDICATORS}
    long = frame.melt(
        id_vars=["gemeente_code"], value_vars=names, var_name="indicator", value_name="per_inwoner"
    )
    out = peers.group_table(long, frame, choice.code, own_label=choice.gemeente)
    base = (
        frame.loc[frame["gemeente_code"] == choice.code, list(BASE_UNITS)]
        .melt(var_name="indicator", value_name="waarde")
        .assign(groep=choice.gemeente)
    )
    both = pd.concat([base, out], ignore_index=True)
    return both.assign(
        vindplaats="CBS StatLine",
        periode=str(jaar),
        eenheid=both["indicator"].map(units | BASE_UNITS),
    )[["vindplaats", "indicator", "groep", "periode", "eenheid", "waarde"]]


def inwoners(values: pd.DataFrame, gemeente: str) -> float:
    """The gemeente's own 'inwoners' figure from the long table."""
    rows = values[(values["indicator"] == "inwoners") & (values["groep"] == gemeente)]
    if len(rows) != 1:
        raise ValueError(f"{len(rows)} rijen 'inwoners' voor {gemeente}, verwacht precies 1.")
    return float(rows["waarde"].iloc[0])


def indices(
    values: pd.DataFrame, gemeente: str, groups: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """`peers.index_vs_groups` of the long table of `published_values`/`cbs_values`, with the
    gemeente's own figure printed under one of `own_groups(gemeente)`, plus per row:
    ``gunstig`` (`FAVOURABLE`: 'hoger', 'lager' or empty) and ``kanttekening``. Where own and
    group figure are printed in different units the index is left out, unless the indicator is
    in `SAME_MEASURE`: then it is computed and the assumption is the kanttekening."""
    table = peers.index_vs_groups(values, own_groups(gemeente), groups, keep=("eenheid", "periode"))
    own_units = values[values["groep"].isin(own_groups(gemeente))].set_index("indicator")["eenheid"]
    other_unit = table["indicator"].map(own_units).ne(table["eenheid"]) & table["gemeente"].notna()
    assumed = table["indicator"].map(SAME_MEASURE)
    table["index"] = table["index"].mask(other_unit & assumed.isna())
    table["gunstig"] = table["indicator"].map(FAVOURABLE).fillna("")
    table["kanttekening"] = assumed.where(other_unit, "").fillna("eenheden verschillen; geen index")
    return table


def clearest_differences(indices: pd.DataFrame, threshold: float = DEVIATION) -> pd.DataFrame:
    """Per indicator its index furthest from 100, for the indicators where that is at least
    `threshold` points from 100; furthest first. Columns: indicator, groep, index, gunstig."""
    shown = indices.dropna(subset=["index"])
    distance = (shown["index"] - 100).abs()
    furthest = shown.loc[distance.groupby(shown["indicator"], sort=False).idxmax()]
    furthest = furthest[(furthest["index"] - 100).abs() >= threshold]
    order = (furthest["index"] - 100).abs().sort_values(ascending=False).index
    return furthest.loc[order, ["indicator", "groep", "index", "gunstig"]].reset_index(drop=True)


def iv3_values(iv3: pd.DataFrame, grootheid: str = "realisatie") -> pd.DataFrame:
    """Iv3 € per inwoner per taakveld (without the printed total) in the long layout, one
    indicator per taakveld ('6.72 Maatwerkdienstverlening 18-')."""
    rows = iv3[(iv3["grootheid"] == grootheid) & (iv3["taakveld"] != IV3_TOTAL)]
    return rows.assign(
        vindplaats="Bijlage II §8",
        indicator=rows["taakveld"] + " " + rows["omschrijving"],
        periode=rows["jaar"].astype(str),
        eenheid="€ per inwoner",
    )[["vindplaats", "indicator", "groep", "periode", "eenheid", "waarde"]]


def iv3_per_taakveld(
    iv3: pd.DataFrame, gemeente: str, controlegroep: str
) -> tuple[pd.Series, pd.Series]:
    """The gemeente's and the control group's Iv3 realisatie € per inwoner per taakveld (without
    the printed total), the input of `peers.gap_to_peers`. Without Iv3 figures for the gemeente
    its series is NaN."""
    if controlegroep not in IV3_GROUPS:
        raise ParameterError(
            f"Parameter controlegroep={controlegroep!r} staat niet in de Iv3-tabel; "
            f"beschikbaar: {', '.join(IV3_GROUPS)}."
        )
    values = iv3_values(iv3)
    wide = values.pivot(index="indicator", columns="groep", values="waarde").rename_axis(
        index="taakveld", columns=None
    )
    own = wide.get(gemeente, pd.Series(np.nan, index=wide.index))
    return own.rename("gemeente"), wide[controlegroep].rename("controlegroep")
