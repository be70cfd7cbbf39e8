"""Jeugdzorg per gemeente from the recorded CBS tables: the five indicators of 85098NED and the
counts of *Jongeren met jeugdzorg in natura; wijken* (age, household, trajecten by verwijzer).

Every table is keyed by CBS region code (``NL01`` for Nederland, ``GM0935`` …) with the name
CBS printed, and validated with pandera. CBS conventions are kept: a secret cell (``.`` or
empty) is missing, never 0; counts are rounded by CBS to multiples of 5; ``2022*`` is
provisional.

The base of each 85098NED percentage ("zie toelichting") differs; ``INDICATOREN`` names it with
where it was established. The 85098NED exports carry labels only; they are translated to codes
with CBS's own code list (``gebieden.codes_for_labels``), never matched on names between tables.
"""

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from helpers.data import external, gebieden, statline


@dataclass(frozen=True)
class Indicator:
    name: str
    label: str
    column: str  # column title in the StatLine export
    code: str  # measure key of the 85098NED series (OData v3)
    basis: str  # the population the percentage is taken of
    basis_bron: str


INDICATOREN = (
    Indicator(
        "jeugdhulp",
        "jongeren met jeugdhulp",
        "Jongeren met jeugdhulp in natura (% (zie toelichting))",
        "JongerenMetJeugdhulpInNatura_1",
        "alle jongeren tot 18 jaar",
        "CBS, Landelijke Jeugdmonitor (Statistische Trends 2021, §3): 'het percentage jongeren tot "
        "18 jaar met jeugdhulp in natura ten opzichte van alle jongeren tot 18 jaar'; nagerekend "
        "met de aantallen per leeftijd (zie de toets van deze module).",
    ),
    Indicator(
        "jeugdhulp_met_verblijf",
        "jongeren met jeugdhulp met verblijf",
        "Jongeren met jeugdh. met verbl. in nat. (% (zie toelichting))",
        "JongerenMetJeugdhMetVerblInNat_2",
        "jongeren met jeugdhulp in natura, tot 23 jaar",
        "CBS, Jeugdhulp 2019: 'Bijna 43 duizend jongeren kregen in 2019 jeugdhulp met verblijf. "
        "Dat is 10 procent van alle jongeren met jeugdhulp'; 85098NED Nederland 2019*: 9,7%.",
    ),
    Indicator(
        "jeugdbescherming",
        "jongeren met jeugdbescherming",
        "Jongeren met jeugdbescherming (% (zie toelichting))",
        "JongerenMetJeugdbescherming_3",
        "alle jongeren tot 18 jaar",
        "CBS-definitie zoals overgenomen in gemeentelijke monitors: 'aandeel jongeren tot 18 jaar "
        "met jeugdbescherming'; jeugdbescherming is een maatregel voor minderjarigen.",
    ),
    Indicator(
        "jeugdbescherming_met_verblijf",
        "jongeren met jeugdbescherming én jeugdhulp met verblijf",
        "Jeugdbesch. en jeugdh. met verbl. in nat (% (zie toelichting))",
        "JeugdbeschEnJeugdhMetVerblInNat_4",
        "jongeren met jeugdbescherming",
        "Afgeleid uit de titel en de grootte: waarden tot boven 60% kunnen geen aandeel van alle "
        "jongeren zijn; de toelichting van CBS zelf is niet in de vastgelegde gegevens.",
    ),
    Indicator(
        "jeugdreclassering",
        "jongeren met jeugdreclassering",
        "Jongeren met jeugdreclassering (% (zie toelichting))",
        "JongerenMetJeugdreclassering_5",
        "alle jongeren van 12 tot 23 jaar",
        "CBS-definitie zoals overgenomen door het NJi en gemeentelijke monitors: 'aandeel "
        "jongeren van 12 tot 23 jaar met jeugdreclassering' (CBS: personen van 12 tot en met 22 "
        "jaar).",
    ),
)
NAMES = tuple(i.name for i in INDICATOREN)

# Counts of "Jongeren met jeugdzorg in natura; wijken": CBS key → our name. "Jongeren" are
# persons under 23 with jeugdhulp in natura, jeugdbescherming or jeugdreclassering (CBS,
# 85984NED: JongerenMetJeugdzorgInNatura). The eight verwijzers do not add up to the trajecten
# (Nederland 2022: 643.710 of 695.095): the rest is not split out in this table.
COUNTS = {
    "TotaalJongerenMetJeugdzorgInNatura_1": "jongeren",
    "k_0Tot4Jaar_2": "leeftijd_0_4",
    "k_4Tot12Jaar_3": "leeftijd_4_12",
    "k_12Tot18Jaar_4": "leeftijd_12_18",
    "k_18Tot23Jaar_5": "leeftijd_18_23",
    "ThuiswonendKindInEenouderhuishouden_6": "eenouderhuishouden",
    "ThuiswonendKindBijEenPaar_7": "bij_paar",
    "AnderHuishouden_8": "ander_huishouden",
    "TotaalTrajectenInNatura_9": "trajecten",
    "GemeentelijkeToegang_10": "gemeentelijke_toegang",
    "Huisarts_11": "huisarts",
    "Jeugdarts_12": "jeugdarts",
    "GecertificeerdeInstelling_13": "gecertificeerde_instelling",
    "MedischSpecialist_14": "medisch_specialist",
    "RechterOfficierVanJustitie_15": "rechter_ovj",
    "GeenVerwijzer_16": "geen_verwijzer",
    "VerwijzerOnbekend_17": "verwijzer_onbekend",
}
LEEFTIJD = ("leeftijd_0_4", "leeftijd_4_12", "leeftijd_12_18", "leeftijd_18_23")
HUISHOUDEN = ("eenouderhuishouden", "bij_paar", "ander_huishouden")
VERWIJZERS = (
    "gemeentelijke_toegang",
    "huisarts",
    "jeugdarts",
    "gecertificeerde_instelling",
    "medisch_specialist",
    "rechter_ovj",
    "geen_verwijzer",
    "verwijzer_onbekend",
)
LABELS = {
    "leeftijd_0_4": "0 tot 4 jaar",
    "leeftijd_4_12": "4 tot 12 jaar",
    "leeftijd_12_18": "12 tot 18 jaar",
    "leeftijd_18_23": "18 tot 23 jaar",
    "eenouderhuishouden": "thuiswonend in eenouderhuishouden",
    "bij_paar": "thuiswonend bij een paar",
    "ander_huishouden": "ander huishouden",
    "gemeentelijke_toegang": "gemeentelijke toegang",
    "huisarts": "huisarts",
    "jeugdarts": "jeugdarts",
    "gecertificeerde_instelling": "gecertificeerde instelling",
    "medisch_specialist": "medisch specialist",
    "rechter_ovj": "rechter of officier van justitie",
    "geen_verwijzer": "geen verwijzer",
    "verwijzer_onbekend": "verwijzer onbekend",
} | {i.name: i.label for i in INDICATOREN}

_CODE = pa.Column(str, pa.Check.str_matches(r"^(NL01|GM\d{4})$"))
INDICATOREN_SCHEMA = pa.DataFrameSchema(
    {
        "naam": pa.Column(str),
        "jaar": pa.Column(int, pa.Check.between(2015, 2030)),
        "voorlopig": pa.Column(bool),
    }
    | {name: pa.Column("Float64", pa.Check.between(0, 100), nullable=True) for name in NAMES},
    index=pa.Index(str, pa.Check.str_matches(r"^(NL01|GM\d{4})$"), name="code", unique=True),
    strict=True,
)
JONGEREN_SCHEMA = pa.DataFrameSchema(
    {"naam": pa.Column(str), "jaar": pa.Column(int)}
    | {
        name: pa.Column("Float64", [pa.Check.ge(0), pa.Check(lambda s: s % 5 == 0)], nullable=True)
        for name in COUNTS.values()
    },
    index=pa.Index(str, pa.Check.str_matches(r"^(NL01|GM\d{4})$"), name="code", unique=True),
    strict=True,
)
del _CODE


@external.cached_table
def indicatoren_2022() -> pd.DataFrame:
    """85098NED for 2022* (provisional) as exported from StatLine: Nederland and every region of
    the export (the 345 gemeenten of 2022 and the gemeenten merged on 1 January 2022, whose rows
    are empty), one column per indicator in % (missing = secret)."""
    raw = pd.read_csv(external.path("cbs/85098ned_2022"), sep=";", dtype=str, encoding="utf-8-sig")
    missing = [i.column for i in INDICATOREN if i.column not in raw.columns]
    if missing:
        raise ValueError(f"85098NED-export: kolommen {missing} ontbreken.")
    out = _indicators(raw, "Regio's", "column", "85098NED-export")
    return INDICATOREN_SCHEMA.validate(out)


@external.cached_table
def indicatoren_reeks() -> pd.DataFrame:
    """85098NED for the whole years 2021–2023 from the series copy (one later release, 2022 and
    earlier definitive): columns as ``indicatoren_2022``, index (``code``, ``jaar``). Half-years
    and regions other than gemeenten and Nederland (landsdelen, provincies, COROP, size
    classes) are left out."""
    raw = pd.read_csv(
        external.path("cbs_reeksen/85098ned"), sep=";", dtype=str, encoding="utf-8-sig"
    )
    raw["Perioden"] = raw["Perioden"].str.replace("half jaar", "halfjaar")
    period = statline.periods(raw["Perioden"])
    # landsdelen, provincies, COROP ("Limburg (PV)") and size classes are not gemeenten
    aggregate = statline.text(raw["RegioS"]).str.contains(r"\([A-Z]{2}\)$| inwoners(?: of meer)?$")
    keep = period["halfjaar"].isna() & ~aggregate
    raw = raw[keep]
    out = _indicators(raw, "RegioS", "code", "85098NED-reeks")
    frames = [INDICATOREN_SCHEMA.validate(part) for _, part in out.groupby("jaar")]
    return pd.concat(frames).set_index("jaar", append=True)


def _indicators(raw: pd.DataFrame, region: str, key: str, source: str) -> pd.DataFrame:
    """The five indicators of an 85098NED copy by region code; ``key`` names the attribute of
    ``Indicator`` that is the copy's column name (``column`` or ``code``)."""
    regions = raw[region]
    period = statline.periods(raw["Perioden"])
    out = pd.DataFrame(
        {
            "naam": statline.text(regions).astype(str),
            "jaar": period["jaar"],
            "voorlopig": period["voorlopig"],
        }
        | {i.name: statline.number(raw[getattr(i, key)]) for i in INDICATOREN}
    )
    out.index = pd.Index(gebieden.codes_for_labels(regions, source), name="code")
    return out


@external.cached_table
def jongeren(jaar: int) -> pd.DataFrame:
    """Jongeren met jeugdzorg in natura per gemeente (and Nederland where CBS gives it): total,
    by age, by household, and trajecten by verwijzer; counts rounded to 5 by CBS, secret cells
    missing. 2022 from the cbsodata export (Nederland + 345 gemeenten), 2021 from the copy joined
    to the Kerncijfers wijken en buurten (352 gemeenten of 2021; no row for Nederland)."""
    if jaar == 2022:
        raw = pd.read_csv(external.path("cbs/jeugdzorg_wijken_2022"), dtype=str)
        codes, names = statline.text(raw["Codering_20"]), statline.text(raw["Gemeentenaam_18"])
        names = names.mask(codes == gebieden.NEDERLAND, "Nederland")
    elif jaar == 2021:
        raw = pd.read_csv(external.path("cbs/kwb_2021"), dtype=str)
        raw = raw[(statline.text(raw["recs"]) == "Gemeente") & (raw["year"] == "2021")]
        codes, names = statline.text(raw["gwb_code"]), statline.text(raw["regio"])
    else:
        raise ValueError(
            f"Jongeren met jeugdzorg per gemeente: geen gegevens voor {jaar}; wel 2021, 2022."
        )
    out = pd.DataFrame({"naam": names.astype(str), "jaar": jaar})
    for key, name in COUNTS.items():
        out[name] = statline.number(raw[key])
    out.index = pd.Index(codes.astype(str), name="code")
    return JONGEREN_SCHEMA.validate(out)
