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
from helpers.display import fmt
from helpers.methods import peers
from helpers.notebook import ParameterError

PUBLISHED_GEMEENTE = "Maastricht"
PUBLISHED_CODE = "GM0935"
PUBLISHED_JAAR = 2019
IV3_GROUPS = ("100.000 tot 150.000 inwoners", "sterk stedelijk")
IV3_TOTAL = "Totaal"
BASE_UNITS = {"inwoners": "aantal", "omgevingsadressendichtheid": "adressen per km²"}
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


def formatted(values: pd.DataFrame) -> pd.DataFrame:
    """The long table for display: each value with its unit, with as many decimals as printed."""
    shown = [fmt.as_printed(v, u) for v, u in zip(values["waarde"], values["eenheid"], strict=True)]
    return values.drop(columns=["waarde", "eenheid"]).assign(waarde=shown)


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
    wide = peers.index_vs_groups(long, frame, choice.code)
    groups = ["gemeente"] + [g.name for g in peers.BIJLAGE_II_GROUPS]
    out = (
        wide[groups]
        .rename(columns={"gemeente": choice.gemeente})
        .rename_axis("indicator")
        .reset_index()
        .melt(id_vars="indicator", var_name="groep", value_name="waarde")
    )
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


def index_vs_groups(
    values: pd.DataFrame, gemeente: str, groups: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Per indicator and comparison group: the gemeente's value, the group's value and
    index = gemeente / groep × 100.

    ``values`` is the long table of `published_values`/`cbs_values`. The gemeente's own figure
    is the row whose groep is one of `own_groups(gemeente)`; comparison rows are ``groups`` (all
    other groups when None). An indicator without an own figure keeps NaN (shown as missing).
    """
    own_labels = own_groups(gemeente)
    is_own = values["groep"].isin(own_labels)
    own = values[is_own][["indicator", "groep", "waarde"]].rename(
        columns={"groep": "eigen_cijfer", "waarde": "gemeente"}
    )
    doubled = own.duplicated("indicator")
    if doubled.any():
        raise ValueError(
            f"Meer dan één eigen cijfer voor indicator '{own[doubled]['indicator'].iloc[0]}'."
        )
    compare = values[~is_own if groups is None else values["groep"].isin(groups)]
    out = compare.rename(columns={"waarde": "groep_waarde"}).merge(own, on="indicator", how="left")
    out["index"] = 100 * out["gemeente"] / out["groep_waarde"].where(out["groep_waarde"] != 0)
    return out[
        [
            "indicator",
            "eenheid",
            "periode",
            "groep",
            "eigen_cijfer",
            "gemeente",
            "groep_waarde",
            "index",
        ]
    ].reset_index(drop=True)


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


def gap_to_peers(
    iv3: pd.DataFrame, gemeente: str, controlegroep: str, inwoners: float
) -> pd.DataFrame:
    """Scenario 'spend as the control group does': per taakveld the gemeente's and the group's
    € per inwoner (realisatie), the difference per inwoner and × inwoners in euros
    (`peers.gap_to_peers`), plus a row 'Som taakvelden'. Without Iv3 figures for the gemeente
    its columns stay NaN."""
    if controlegroep not in IV3_GROUPS:
        raise ParameterError(
            f"Parameter controlegroep={controlegroep!r} staat niet in de Iv3-tabel; "
            f"beschikbaar: {', '.join(IV3_GROUPS)}."
        )
    values = iv3_values(iv3)
    index = values.assign(taakveld=values["indicator"]).pivot(
        index="taakveld", columns="groep", values="waarde"
    )
    own = index.get(gemeente, pd.Series(np.nan, index=index.index))
    out = pd.DataFrame({"gemeente": own, "controlegroep": index[controlegroep]})
    out["verschil_per_inwoner"] = out["gemeente"] - out["controlegroep"]
    out["verschil_euro"] = peers.gap_to_peers(out["gemeente"], out["controlegroep"], inwoners)
    total = out.sum(min_count=1).to_frame("Som taakvelden").T
    return pd.concat([out, total]).rename_axis("taakveld")
