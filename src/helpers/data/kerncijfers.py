"""Kerncijfers per gemeente from the recorded CBS tables: *Kerncijfers wijken en buurten* (KWB)
and a selection of 70072NED *Regionale kerncijfers Nederland*; keyed by region code.

The KWB copy lost its decimal separators (``p_hh_osm=110`` is 11,0%). Whole counts are used as
they are; a percentage or ratio is used only with a recovery rule proven for that column
(``DECIMALS``, each rule with its proof, tested in tests/test_kerncijfers.py); every other
column of the copy is not used. The copy holds KWB 2021 (352 gemeenten, population on
1 January 2021) and, for the rows of 2022, KWB 2022 values of part of the columns (345
gemeenten, population on 1 January 2022 — equal to 03759ned for 343 of them); bijstand, Wmo and
income are filled for 2021 only.
"""

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from helpers.data import external, gebieden, statline


@dataclass(frozen=True)
class Decimals:
    """How many decimals a KWB column lost in the copy, and why we know."""

    divisor: int
    proof: str


DECIMALS = {
    "p_wmo_t": Decimals(
        1,
        "Wmo-cliënten per 1.000 inwoners heeft bij CBS geen decimalen (85984NED: Decimals 0); in "
        "de kopie ligt elke waarde binnen 0,5 van Wmo-cliënten / inwoners × 1.000.",
    ),
    "p_hh_osm": Decimals(
        10,
        "Huishoudens onder of rond het sociaal minimum heeft bij CBS één decimaal (85984NED: "
        "Decimals 1); de kopie heeft alleen hele getallen van 15 tot 135, wat als procent onmogelijk "
        "is (boven 100), en geen enkel getal van één cijfer (dus geen weggevallen eindnul).",
    ),
}

# KWB short code → our name; counts (a_…) are used as they are.
KWB = {
    "a_inw": "inwoners",
    "a_00_14": "inwoners_0_15",
    "a_15_24": "inwoners_15_25",
    "a_hh": "huishoudens",
    "ste_oad": "omgevingsadressendichtheid",
    "ste_mvs": "stedelijkheid",
    "a_soz_wb": "bijstand",
    "a_wmo_t": "wmo_clienten",
    "p_wmo_t": "wmo_per_1000",
    "p_hh_osm": "sociaal_minimum_pct",
}
LABELS = {
    "inwoners": "inwoners",
    "inwoners_0_15": "inwoners 0 tot 15 jaar",
    "inwoners_15_25": "inwoners 15 tot 25 jaar",
    "huishoudens": "huishoudens",
    "omgevingsadressendichtheid": "omgevingsadressendichtheid (adressen per km²)",
    "stedelijkheid": "stedelijkheid (1 zeer sterk … 5 niet stedelijk)",
    "bijstand": "personen met bijstand",
    "bijstand_per_1000": "personen met bijstand per 1.000 inwoners",
    "wmo_clienten": "Wmo-cliënten",
    "wmo_per_1000": "Wmo-cliënten per 1.000 inwoners",
    "sociaal_minimum_pct": "huishoudens onder of rond het sociaal minimum (%)",
}

KWB_SCHEMA = pa.DataFrameSchema(
    {"naam": pa.Column(str), "jaar": pa.Column(int)}
    | {
        name: pa.Column("Float64", pa.Check.ge(0), nullable=name not in ("inwoners", "huishoudens"))
        for name in KWB.values()
    }
    | {
        "stedelijkheid": pa.Column("Float64", pa.Check.isin([1, 2, 3, 4, 5])),
        "sociaal_minimum_pct": pa.Column("Float64", pa.Check.between(0, 100), nullable=True),
    },
    index=pa.Index(str, pa.Check.str_matches(r"^(NL01|GM\d{4})$"), name="code", unique=True),
    strict=True,
)


def recover(raw: pd.Series, column: str) -> pd.Series:
    """A KWB ratio or percentage with the decimals the copy lost, by the proven rule of
    ``DECIMALS``; an error for a column without a proven rule or a value that breaks it."""
    if column not in DECIMALS:
        raise KeyError(
            f"KWB-kolom {column!r}: geen bewezen herstelregel voor de decimalen; gebruik alleen "
            f"hele aantallen of een kolom uit {sorted(DECIMALS)}."
        )
    values = statline.text(raw)
    rule = DECIMALS[column]
    # pandas wrote whole floats as "71.0": a trailing ".0" is a float, not a lost separator
    digits = values.str.replace(r"\.0$", "", regex=True)
    bad = values.notna() & ~digits.str.fullmatch(r"\d+").fillna(False)
    if rule.divisor > 1:
        bad |= digits.str.len().lt(2).fillna(False)
    if bad.any():
        raise ValueError(
            f"KWB-kolom {column!r}, rij {values.index[bad][0]}: {values[bad].iloc[0]!r} past niet "
            f"bij de herstelregel (÷ {rule.divisor})."
        )
    return statline.number(digits) / rule.divisor


@external.cached_table
def kwb(jaar: int) -> pd.DataFrame:
    """Kerncijfers wijken en buurten per gemeente and for Nederland (``NL01``), 2021 or 2022,
    with ``bijstand_per_1000`` computed from the counts."""
    if jaar not in (2021, 2022):
        raise ValueError(f"Kerncijfers wijken en buurten: geen kopie voor {jaar}; wel 2021, 2022.")
    raw = pd.read_csv(external.path("cbs/kwb_2021"), dtype=str)
    raw = raw[raw["year"] == str(jaar)]
    raw = raw[statline.text(raw["recs"]).isin(["Gemeente", "Land"])]
    codes = statline.text(raw["gwb_code"]).replace("NL00", gebieden.NEDERLAND)
    out = pd.DataFrame({"naam": statline.text(raw["regio"]).astype(str), "jaar": jaar})
    for key, name in KWB.items():
        out[name] = recover(raw[key], key) if key in DECIMALS else statline.number(raw[key])
    out.index = pd.Index(codes.astype(str), name="code")
    out = KWB_SCHEMA.validate(out)
    out["bijstand_per_1000"] = out["bijstand"] / out["inwoners"] * 1000
    return out


# 70072NED selection: column of the copy → (our name, Dutch label)
REGIONAAL = {
    "v01_pop": ("inwoners", "bevolking op 1 januari 2021"),
    "v57_density": ("bevolkingsdichtheid", "inwoners per km² land"),
    "v43_nl": ("nederlandse_achtergrond_pct", "personen met een Nederlandse achtergrond (%)"),
    "v122_disposable": ("besteedbaar_inkomen", "gemiddeld besteedbaar inkomen (× € 1.000)"),
    "v132_income": ("persoonlijk_inkomen", "gemiddeld persoonlijk inkomen (× € 1.000)"),
    "v142_wealth": ("vermogen", "mediaan vermogen van huishoudens (× € 1.000)"),
    "v153_pension": ("aow_pct", "AOW-uitkeringen (zoals vastgelegd)"),
    "v212_distance_hospital": ("afstand_ziekenhuis", "afstand tot ziekenhuis (km)"),
    "v216_distance_school": ("afstand_school", "afstand tot school (km)"),
    "v225_density_restaurants": ("restaurants", "restaurants (zoals vastgelegd)"),
    "c_65plus": ("ouder_dan_65_pct", "inwoners van 65 jaar of ouder (%)"),
}


@external.cached_table
def regionaal_2021() -> pd.DataFrame:
    """The 70072NED selection for the 345 gemeenten of the indeling 2022 (population on
    1 January 2021; the period of the other measures is not in the source). The labels of the
    less clear measures are kept as recorded."""
    raw = pd.read_csv(external.path("cbs/70072ned_2021"), dtype=str)
    out = pd.DataFrame({"naam": statline.text(raw["municipality"]).astype(str)})
    for key, (name, _label) in REGIONAAL.items():
        out[name] = statline.number(raw[key])
    out.index = pd.Index(statline.text(raw["gm"]).astype(str), name="code")
    schema = pa.DataFrameSchema(
        {"naam": pa.Column(str), "inwoners": pa.Column("Float64", pa.Check.gt(0))},
        index=pa.Index(str, pa.Check.str_matches(r"^GM\d{4}$"), unique=True),
    )
    return schema.validate(out)
