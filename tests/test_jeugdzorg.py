"""Loaders of the recorded CBS jeugdzorg and kerncijfers tables: codes, secret cells, bases of the
85098NED percentages, the proven decimal rules of the KWB copy, and joins across indelingen."""

import pandas as pd
import pytest

from helpers.data import gebieden, jeugdzorg, kerncijfers


def test_85098ned_2022_has_nederland_and_every_gemeente_of_2022_by_code():
    table = jeugdzorg.indicatoren_2022()
    assert table.loc["NL01", list(jeugdzorg.NAMES)].tolist() == [13.2, 8.8, 1.2, 46.3, 0.3]
    assert table["voorlopig"].all() and (table["jaar"] == 2022).all()
    gemeenten_2022 = gebieden.indeling(2022).index
    assert gemeenten_2022.isin(table.index).all()
    # the other rows are the gemeenten merged on 1 January 2022, with empty rows
    merged = table.index.difference(gemeenten_2022).drop("NL01")
    assert set(merged) == set(gebieden.wijzigingen(2021, 2022).query("alleen_in == 2021")["code"])
    assert table.loc[merged, list(jeugdzorg.NAMES)].isna().all().all()


def test_labels_with_cbs_suffixes_get_their_own_code():
    table = jeugdzorg.indicatoren_2022()
    assert table.loc["GM0014", "naam"] == "Groningen (gemeente)"
    assert table.loc["GM0888", "naam"] == "Beek (L.)"
    with pytest.raises(LookupError, match="rij 1: 'Atlantis'"):
        gebieden.codes_for_labels(pd.Series(["Maastricht", "Atlantis"]), "toets")


def test_secret_cells_are_missing_never_zero():
    table = jeugdzorg.indicatoren_2022()
    assert pd.isna(table.loc["GM0060", "jeugdhulp_met_verblijf"])  # Ameland
    assert (table[list(jeugdzorg.NAMES)] != 0).all().all()
    counts = jeugdzorg.jongeren(2022).loc["GM0088"]  # Schiermonnikoog
    assert counts["jongeren"] == 15 and pd.isna(counts["leeftijd_0_4"])


def test_counts_are_multiples_of_five_and_parts_add_up_nationally():
    nl = jeugdzorg.jongeren(2022).loc["NL01"]
    assert nl["jongeren"] == 461_985
    # rounded parts: within 5 per part of the rounded total
    assert abs(sum(nl[c] for c in jeugdzorg.LEEFTIJD) - nl["jongeren"]) <= 5 * 4
    # the eight verwijzers of this table cover 92,6% of the trajecten; the rest is not split out
    assert nl["trajecten"] - sum(nl[c] for c in jeugdzorg.VERWIJZERS) == 51_385


def test_2022_counts_agree_between_the_two_recorded_copies():
    """The KWB copy carries the same 2022 jeugdzorg counts as the cbsodata export."""
    raw = pd.read_csv(gebieden.external.path("cbs/kwb_2021"), dtype=str)
    raw = raw[(raw["recs"].str.strip() == "Gemeente") & (raw["year"] == "2022")]
    other = pd.to_numeric(raw.set_index(raw["gwb_code"].str.strip())["TotaalTrajectenInNatura_9"])
    own = jeugdzorg.jongeren(2022)["trajecten"]
    common = own.index.intersection(other.index)
    assert len(common) == 345
    pd.testing.assert_series_equal(
        own[common].astype(float), other[common].astype(float), check_names=False
    )


def test_2021_counts_are_in_the_indeling_of_2021():
    counts = jeugdzorg.jongeren(2021)
    assert len(counts) == 352 and set(counts.index) == set(gebieden.indeling(2021).index)
    assert counts.loc["GM0935", "jongeren"] == 2855


def test_jeugdhulp_is_a_percentage_of_all_jongeren_under_18_not_under_23():
    """CBS count of jongeren under 18 met jeugdzorg / jeugdhulp % gives the base; it matches the
    population 0–17 estimated from the KWB 2022 age bands, not the population 0–22."""
    rates = jeugdzorg.indicatoren_2022()["jeugdhulp"].astype(float) / 100
    counts = jeugdzorg.jongeren(2022)
    kwb = kerncijfers.kwb(2022)
    under_18 = counts[["leeftijd_0_4", "leeftijd_4_12", "leeftijd_12_18"]].sum(axis=1, skipna=False)
    implied = (under_18 / rates).dropna()
    to_18 = kwb["inwoners_0_15"] + 0.3 * kwb["inwoners_15_25"]
    to_23 = kwb["inwoners_0_15"] + 0.8 * kwb["inwoners_15_25"]
    assert (implied / to_18).median() == pytest.approx(1.02, abs=0.02)
    assert (implied / to_23).median() == pytest.approx(0.81, abs=0.03)
    # Nederland: 444.540 under 18 / 13,2% = 3,37 mln; 0–17 estimated 3,36 mln
    assert implied["NL01"] / to_18["NL01"] == pytest.approx(1.0, abs=0.01)


def test_verblijf_is_a_percentage_of_jongeren_met_jeugdhulp():
    """A percentage of all jongeren could not exceed the jeugdhulp percentage; verblijf does."""
    table = jeugdzorg.indicatoren_2022()
    assert (table["jeugdhulp_met_verblijf"] > table["jeugdhulp"]).any()
    assert (table["jeugdbescherming_met_verblijf"] > 50).any()


def test_series_has_whole_years_by_code_and_drops_aggregates():
    reeks = jeugdzorg.indicatoren_reeks()
    assert reeks.loc[("GM0935", 2021), "jeugdhulp"] == 17.7
    assert set(reeks.index.get_level_values("jaar")) == {2021, 2022, 2023}
    assert reeks.index.get_level_values("code").str.fullmatch(r"NL01|GM\d{4}").all()


def test_wmo_per_1000_lost_no_decimals():
    kwb = kerncijfers.kwb(2021).drop("NL01")
    computed = kwb["wmo_clienten"] / kwb["inwoners"] * 1000
    assert ((kwb["wmo_per_1000"] - computed).abs().dropna() <= 0.5).all()
    assert ((kwb["wmo_per_1000"] * 10 - computed).abs().dropna() > 5).all()


def test_sociaal_minimum_lost_one_decimal():
    raw = pd.read_csv(gebieden.external.path("cbs/kwb_2021"), dtype=str)
    raw = raw[(raw["recs"].str.strip() == "Gemeente") & (raw["year"] == "2021")]
    whole = pd.to_numeric(raw["p_hh_osm"])
    assert raw["p_hh_osm"].str.fullmatch(r"\d+").all()
    assert whole.max() > 100 and whole.min() >= 10  # not whole percentages; no lost trailing 0
    kwb = kerncijfers.kwb(2021)
    assert kwb.loc["GM0014", "sociaal_minimum_pct"] == 11.0  # copy: 110
    assert kwb.loc["NL01", "sociaal_minimum_pct"] == 6.7


def test_a_column_without_a_proven_rule_is_refused():
    with pytest.raises(KeyError, match="geen bewezen herstelregel"):
        kerncijfers.recover(pd.Series(["21"]), "g_hhgro")
    with pytest.raises(ValueError, match="past niet"):
        kerncijfers.recover(pd.Series(["110", "7"]), "p_hh_osm")


def test_population_2021_joins_across_the_merger_to_the_indeling_2022():
    """70072NED (indeling 2022) = KWB 2021 summed over the merged gemeenten, up to boundary
    corrections of at most 10 inwoners."""
    kwb = kerncijfers.kwb(2021)[["naam", "inwoners"]]
    summed = gebieden.herindelen(kwb, 2021, 2022).drop("NL01")["inwoners"]
    regional = kerncijfers.regionaal_2021()["inwoners"]
    assert set(summed.index) == set(regional.index)
    assert (summed - regional.reindex(summed.index)).abs().max() <= 10
    assert summed["GM0439"] == regional["GM0439"]  # Purmerend with Beemster


def test_mergers_between_indelingen_are_explained_from_the_cbs_code_list():
    changes = gebieden.wijzigingen(2021, 2022).set_index("code")
    assert len(changes) == 13 and (changes["reden"] != "").all()
    assert changes.loc["GM0370", "reden"] == (
        "opgeheven per 01-01-2022, overgegaan naar Purmerend (GM0439)"
    )
    later = gebieden.wijzigingen(2022, 2024).set_index("code")
    assert later.loc["GM0457", "reden"].startswith("opgeheven per 24-03-2022")  # Weesp
    assert len(gebieden.indeling(2021)) - 10 + 3 == 345
    assert gebieden.overgang(2021, 2022)["GM1685"] == "GM1991"


def test_region_members_by_code_or_name():
    zuid_limburg = gebieden.leden("JZ41", 2022)
    assert len(zuid_limburg) == 16 and "GM0935" in zuid_limburg.index
    assert list(gebieden.leden("Zuid-Limburg", 2022).index) == list(zuid_limburg.index)
    with pytest.raises(LookupError, match="niet gevonden"):
        gebieden.leden("JZ99", 2022)


def test_loaders_read_once_and_hand_out_copies():
    first = jeugdzorg.indicatoren_2022()
    first.loc["GM0935", "jeugdhulp"] = 99.0
    assert jeugdzorg.indicatoren_2022().loc["GM0935", "jeugdhulp"] == 17.1
    table = gebieden.indeling(2022)
    table.loc["GM0935", "naam"] = "Atlantis"
    assert gebieden.indeling(2022).loc["GM0935", "naam"] == "Maastricht"


def test_region_cli_prints_codes_or_stops(capsys):
    assert gebieden.main(["JZ41"]) == 0
    assert len(capsys.readouterr().out.split()) == 16
    assert gebieden.main(["JZ99"]) == 1
    assert "niet gevonden" in capsys.readouterr().err
