import pandas as pd
import pytest

from helpers.data import gebieden, reference

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


@pytest.mark.parametrize("jaar", range(2016, 2025))
def test_mutations_list_every_gemeente_that_leaves_and_only_existing_successors(jaar):
    before, after = gebieden.indeling(jaar - 1), gebieden.indeling(jaar)
    table = gebieden.mutations()
    step = table[table["jaar"] == jaar]
    assert set(step["van"]) == set(before.index) - set(after.index)
    assert set(step["naar"]) <= set(after.index)


def test_mutation_names_are_those_of_the_indelingen():
    for row in reference.rows("herindelingen"):
        jaar = int(row["jaar"])
        assert gebieden.indeling(jaar - 1).loc[row["van"], "naam"] == row["van_naam"], row
        assert gebieden.indeling(jaar).loc[row["naar"], "naam"] == row["naar_naam"], row


@pytest.mark.parametrize("jaar", range(2016, 2025))
def test_mutations_add_up_in_inwoners(jaar):
    # a successor has (within 2%) the inwoners of itself and the gemeenten merged into it;
    # successors that took over part of a divided gemeente are checked on the total
    before, after = gebieden.indeling(jaar - 1), gebieden.indeling(jaar)
    table = gebieden.mutations()
    step = table[table["jaar"] == jaar]
    receivers = set(step.loc[step["verdeeld"], "naar"])
    for naar, rows in step[~step["verdeeld"]].groupby("naar"):
        if naar in receivers:
            continue
        expected = before["inwoners"].get(naar, 0) + before.loc[rows["van"], "inwoners"].sum()
        assert after.loc[naar, "inwoners"] / expected == pytest.approx(1, abs=0.02), naar
    if receivers:
        divided = step[step["verdeeld"]].drop_duplicates("van")
        involved = set(step.loc[step["naar"].isin(receivers), "van"])
        expected = before.loc[list(involved), "inwoners"].sum() + sum(
            before["inwoners"].get(code, 0) for code in receivers
        )
        got = after.loc[list(receivers), "inwoners"].sum()
        assert got / expected == pytest.approx(1, abs=0.02), list(divided["van"])


def test_successors_follow_chains_and_mark_divided_gemeenten():
    succ = gebieden.successors(2018, 2023)
    assert succ.loc["GM0017", "naar"] == "GM0014"  # Haren -> Groningen (2019)
    assert succ.loc["GM0935", "naar"] == "GM0935"
    assert succ.loc["GM0788", "verdeeld"] and pd.isna(succ.loc["GM0788", "naar"])  # Haaren 2021
    assert succ.loc["GM0457", "naar"] == "GM0363"  # Weesp -> Amsterdam (2023)


def test_to_indeling_sums_predecessors_only_when_all_reported():
    values = pd.DataFrame(
        {
            "code": ["GM0014", "GM0017", "GM0009", "GM0014", "GM0017", "GM0935", "GM0080"],
            "jaar": [2018, 2018, 2018, 2017, 2017, 2017, 2017],
            "kosten": [100.0, 10.0, 5.0, 90.0, 9.0, 50.0, 70.0],
        }
    )
    out, listed = gebieden.to_indeling(values, 2023, ["kosten"])
    out = out.set_index(["code", "jaar"])
    assert (
        out.loc[("GM0014", 2018), "kosten"] == 115 and out.loc[("GM0014", 2018), "voorgangers"] == 3
    )
    assert pd.isna(out.loc[("GM0014", 2017), "kosten"])  # Ten Boer 2017 missing
    assert out.loc[("GM0935", 2017), "kosten"] == 50
    assert pd.isna(out.loc[("GM0080", 2017), "kosten"])  # Leeuwarden took part of Littenseradiel
    reasons = listed.set_index(["code", "jaar"])["reden"]
    assert "niet van alle voorgangers" in reasons[("GM0014", 2017)]
    assert "verdeelde gemeente" in reasons[("GM0080", 2017)]
