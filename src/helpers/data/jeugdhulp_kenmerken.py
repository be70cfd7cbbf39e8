"""Per gemeente: the share of jongeren with jeugdhulp (CBS 85098NED) and characteristics of its
population (CBS Kerncijfers wijken en buurten), for a model of expected use.

Sources and their years (stated, because they differ):

* outcome: 85098NED *Indicatoren jeugdzorg in natura; gemeenten*, ``JongerenMetJeugdhulpInNatura_1``:
  % of jongeren tot 18 jaar with jeugdhulp in natura in the year, from the multi-year series
  (2021 and 2022 final; the separate 2022 export is the provisional ``2022*``). Regions are names:
  they are matched to the GM codes of that year's indeling.
* population and households: KWB rows of the same year (``year`` 2021 or 2022 in the recorded
  file; whole counts only, since the copy lost its decimal separators).
* bijstand, arbeidsongeschiktheid, opleiding and households around the social minimum: only in
  the KWB 2021 rows (the income figures of a KWB refer to an earlier year). For 2022 they are
  summed over the gemeenten that merged on 1 January 2022 (``MERGERS_2022``).
* stedelijkheid (omgevingsadressendichtheid) and grootteklasse: CBS *Gebieden in Nederland* of the
  year.

``p_hh_osm`` (% households with an income below or around the social minimum) lost its decimal
point in the recorded copy: every gemeente value is an integer from 10 to 999 and the values
carry their trailing zero (``110`` for 11,0), so the value is ten times the percentage; the
Nederland row agrees with the household-weighted mean of the gemeenten on that reading
(tested). The other income percentages are not used.
"""

from functools import cache

import numpy as np
import pandas as pd

from helpers.data import external, gebieden, statline

OUTCOME = "cbs_reeksen/85098ned"
KWB = "cbs/kwb_2021"
YEARS = (2021, 2022)

# Gemeenten of 2021 that merged on 1 January 2022: new (or continuing) code -> codes of 2021.
MERGERS_2022 = {
    "GM1980": ("GM0398", "GM0416"),  # Dijk en Waard: Heerhugowaard, Langedijk
    "GM1982": ("GM0756", "GM0786", "GM0815", "GM1684", "GM1702"),  # Land van Cuijk
    "GM1991": ("GM0856", "GM1685"),  # Maashorst: Uden, Landerd
    "GM0439": ("GM0439", "GM0370"),  # Purmerend with Beemster
}

# Display names of the characteristics (the model's predictors), in order.
LABELS = {
    "jong_0_14": "inwoners 0–14 jaar (%)",
    "jong_15_24": "inwoners 15–24 jaar (%)",
    "ouder_65": "inwoners 65 jaar en ouder (%)",
    "hh_kinderen": "huishoudens met kinderen (%)",
    "hh_eenpersoons": "eenpersoonshuishoudens (%)",
    "niet_westers": "niet-westerse migratieachtergrond (%)",
    "woz": "gemiddelde WOZ-waarde (× € 1.000)",
    "bijstand": "bijstandsuitkeringen per 1.000 inwoners (2021)",
    "ao": "arbeidsongeschiktheidsuitkeringen per 1.000 inwoners (2021)",
    "laagopgeleid": "laagopgeleiden (% met bekend niveau, 2021)",
    "sociaal_minimum": "huishoudens rond sociaal minimum (%, KWB 2021)",
    "dichtheid": "omgevingsadressendichtheid (ln adressen per km²)",
}


def code_map_2022(codes: pd.Index) -> pd.Series:
    """GM code of 2022 for each code of 2021 (unchanged unless it merged)."""
    merged = {old: new for new, olds in MERGERS_2022.items() for old in olds}
    return pd.Series([merged.get(c, c) for c in codes], index=codes)


@cache
def _indeling(jaar: int) -> pd.DataFrame:
    return gebieden.indeling(jaar)


@cache
def _read(snapshot_id: str, **options) -> pd.DataFrame:
    """A recorded CSV as text, read once per process (callers never modify it)."""
    return pd.read_csv(external.path(snapshot_id), dtype=str, **options)


def _names_to_codes(names: pd.Series, jaar: int) -> pd.Series:
    """GM codes for CBS region names of ``jaar``; names of other regions give NA. CBS adds
    ``(gemeente)`` or a province abbreviation (``Beek (L.)``) where a name is ambiguous."""
    indeling = _indeling(jaar)
    by_name = pd.Series(indeling.index, index=indeling["naam"])
    if by_name.index.duplicated().any():
        raise ValueError(f"Dubbele gemeentenamen in de indeling van {jaar}.")
    plain = names.str.replace(r" \((?:gemeente|[A-Z]{1,2}\.)\)$", "", regex=True)
    exact = names.map(by_name)
    return exact.fillna(plain.map(by_name))


def jeugdhulp(jaar: int) -> pd.DataFrame:
    """% jongeren (tot 18 jaar) with jeugdhulp in natura per gemeente of ``jaar`` (index GM code;
    NA where CBS suppressed it) and, in ``attrs['nederland']``, the national figure."""
    if jaar not in YEARS:
        raise ValueError(f"Jeugdhulp per gemeente: geen {jaar}; wel {', '.join(map(str, YEARS))}.")
    raw = _read(OUTCOME, sep=";", encoding="utf-8-sig")
    region = statline.text(raw["RegioS"])
    period = statline.text(raw["Perioden"])
    rows = period == str(jaar)
    value = statline.number(raw["JongerenMetJeugdhulpInNatura_1"])[rows]
    codes = _names_to_codes(region[rows], jaar)
    out = pd.DataFrame({"percentage": value.astype(float).to_numpy()}, index=codes.to_numpy())
    out = out[out.index.notna()]
    out.index.name = "code"
    expected = _indeling(jaar).index
    missing = expected.difference(out.index)
    if len(missing):
        raise ValueError(f"85098NED {jaar}: geen rij voor {', '.join(missing)}.")
    out = out.loc[expected]
    out.attrs["nederland"] = float(value[region[rows] == "Nederland"].iloc[0])
    return out


def _kwb_gemeenten(year: int) -> pd.DataFrame:
    raw = _read(KWB)
    rows = (statline.text(raw["recs"]) == "Gemeente") & (raw["year"] == str(year))
    table = raw[rows].set_index(statline.text(raw.loc[rows, "gwb_code"]))
    table.index.name = "code"
    return table


def _counts(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: statline.number(table[c]).astype(float) for c in columns})


def socio_economic_2021() -> pd.DataFrame:
    """Counts from the KWB 2021 rows (indeling 2021): inwoners, huishoudens, bijstand, ao,
    opleiding, and households around the social minimum (``p_hh_osm`` / 10 × huishoudens)."""
    columns = ["a_inw", "a_hh", "a_soz_wb", "a_soz_ao", "a_opl_lg", "a_opl_md", "a_opl_hg"]
    table = _kwb_gemeenten(2021)
    counts = _counts(table, columns)
    osm = statline.number(table["p_hh_osm"]).astype(float)
    out_of_range = (osm < 10) | (osm > 999) | (osm % 1 != 0)
    if out_of_range.any():
        raise ValueError(
            f"KWB 2021 p_hh_osm: {osm[out_of_range].iloc[0]} bij {osm[out_of_range].index[0]} "
            "past niet bij de herstelregel (geheel getal 10–999 = tien keer het percentage)."
        )
    counts["hh_osm"] = osm / 10 / 100 * counts["a_hh"]
    return counts


def kenmerken(jaar: int) -> pd.DataFrame:
    """Per gemeente of ``jaar`` (index GM code): the characteristics in ``LABELS``, ``jongeren``
    (inwoners 0–24 jaar, the size used for precision), ``inwoners``, ``grootteklasse`` and
    ``naam``."""
    if jaar not in YEARS:
        raise ValueError(f"Kenmerken per gemeente: geen {jaar}; wel {', '.join(map(str, YEARS))}.")
    indeling = _indeling(jaar)
    own = _counts(
        _kwb_gemeenten(jaar),
        ["a_inw", "a_00_14", "a_15_24", "a_65_oo", "a_hh", "a_hh_m_k", "a_1p_hh", "a_nw_all"],
    )
    own["woz"] = statline.number(_kwb_gemeenten(jaar)["g_wozbag"]).astype(float)
    ses = socio_economic_2021()
    if jaar == 2022:
        ses = ses.groupby(code_map_2022(ses.index)).sum(min_count=1)
    own, ses = own.reindex(indeling.index), ses.reindex(indeling.index)
    out = pd.DataFrame(index=indeling.index)
    out["naam"] = indeling["naam"]
    out["jong_0_14"] = own["a_00_14"] / own["a_inw"] * 100
    out["jong_15_24"] = own["a_15_24"] / own["a_inw"] * 100
    out["ouder_65"] = own["a_65_oo"] / own["a_inw"] * 100
    out["hh_kinderen"] = own["a_hh_m_k"] / own["a_hh"] * 100
    out["hh_eenpersoons"] = own["a_1p_hh"] / own["a_hh"] * 100
    out["niet_westers"] = own["a_nw_all"] / own["a_inw"] * 100
    out["woz"] = own["woz"]
    out["bijstand"] = ses["a_soz_wb"] / ses["a_inw"] * 1000
    out["ao"] = ses["a_soz_ao"] / ses["a_inw"] * 1000
    opleiding = ses[["a_opl_lg", "a_opl_md", "a_opl_hg"]].sum(axis=1, min_count=3)
    out["laagopgeleid"] = ses["a_opl_lg"] / opleiding * 100
    out["sociaal_minimum"] = ses["hh_osm"] / ses["a_hh"] * 100
    out["dichtheid"] = np.log(indeling["omgevingsadressendichtheid"].astype(float))
    out["jongeren"] = own["a_00_14"] + own["a_15_24"]
    out["inwoners"] = own["a_inw"]
    out["grootteklasse"] = indeling["grootteklasse"]
    return out
