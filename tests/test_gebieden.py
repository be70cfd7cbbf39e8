import pandas as pd
import pytest

from helpers.data import gebieden

# Numbers of gemeenten per year (CBS, Gebieden in Nederland).
COUNTS = {
    2015: 393,
    2016: 390,
    2017: 388,
    2018: 380,
    2019: 355,
    2020: 355,
    2021: 352,
    2022: 345,
    2023: 342,
    2024: 342,
}


@pytest.mark.parametrize("jaar", sorted(COUNTS))
def test_each_year_has_its_own_gemeenten_with_all_regions(jaar):
    table = gebieden.indeling(jaar)
    assert len(table) == COUNTS[jaar]
    assert table.index.is_unique and table.index.str.fullmatch(r"GM\d{4}").all()
    assert table["provincie_code"].str.fullmatch(r"PV\d{2}").all()
    assert table["jeugdzorgregio_code"].str.fullmatch(r"JZ\d{2}").all()
    assert table["stedelijkheid"].between(1, 5).all()
    assert (table["inwoners"] > 0).all()


def test_maastricht_2022_is_in_zuid_limburg_and_zeer_sterk_stedelijk():
    row = gebieden.indeling(2022).loc["GM0935"]
    assert row["naam"] == "Maastricht"
    assert row["provincie"] == "Limburg" and row["jeugdzorgregio"] == "Zuid-Limburg"
    assert row["stedelijkheid"] == 1 and row["grootteklasse"] == "100 000 tot 150 000 inwoners"


NAMES = pd.Series(
    {
        "GM0935": "Maastricht",
        "GM0796": "'s-Hertogenbosch",
        "GM1900": "Súdwest-Fryslân",
        "GM0893": "Bergen (L.)",
        "GM0373": "Bergen (NH.)",
        "GM0882": "Landgraaf",
    }
)


@pytest.mark.parametrize(
    "query, code",
    [
        ("Maastricht", "GM0935"),
        ("  maastricht ", "GM0935"),
        ("GM0935", "GM0935"),
        ("935", "GM0935"),
        ("'s-Hertogenbosch", "GM0796"),
        ("’s-hertogenbosch", "GM0796"),
        ("Sudwest-Fryslan", "GM1900"),
        ("Bergen (NH.)", "GM0373"),
    ],
)
def test_resolve_accepts_names_with_diacritics_apostrophes_and_codes(query, code):
    assert gebieden.resolve(query, NAMES) == code


def test_an_ambiguous_name_names_every_candidate():
    with pytest.raises(
        LookupError, match=r"niet eenduidig: Bergen \(L\.\) \(GM0893\), Bergen \(NH\.\)"
    ):
        gebieden.resolve("Bergen", NAMES)


def test_an_unknown_name_suggests_the_closest():
    with pytest.raises(LookupError, match="bedoelt u: Maastricht"):
        gebieden.resolve("Maastrict", NAMES)


def test_an_unknown_code_is_an_error():
    with pytest.raises(LookupError, match="GM9999"):
        gebieden.resolve("GM9999", NAMES)
