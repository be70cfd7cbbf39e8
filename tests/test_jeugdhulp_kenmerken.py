"""Outcome and characteristics per gemeente: names matched to codes, the 2022 mergers proven by
population counts, and the decimal rule of the social-minimum share checked against Nederland."""

import pandas as pd
import pytest

from helpers.data import external, gebieden
from helpers.data import jeugdhulp_kenmerken as jk


def test_the_2022_mergers_cover_every_ceased_gemeente_and_add_up_to_70072ned():
    codes_2021, codes_2022 = gebieden.indeling(2021).index, gebieden.indeling(2022).index
    mapped = jk.code_map_2022(codes_2021)
    assert set(mapped) == set(codes_2022)
    kwb = jk.socio_economic_2021()["a_inw"]
    summed = kwb.groupby(jk.code_map_2022(kwb.index)).sum()
    pop = pd.read_csv(external.path("cbs/70072ned_2021")).set_index("gm")["v01_pop"]
    # 1 January 2021 population, indeling 2022: the merged gemeenten add up exactly; elsewhere the
    # two CBS releases differ by at most 10 inwoners (a handful of gemeenten, later corrections)
    difference = summed.reindex(pop.index) - pop
    assert (difference[list(jk.MERGERS_2022)] == 0).all()
    assert difference.abs().max() <= 10 and (difference != 0).sum() <= 10


def test_social_minimum_decimal_rule_agrees_with_the_nederland_row():
    counts = jk.socio_economic_2021()
    raw = pd.read_csv(external.path(jk.KWB), dtype=str)
    nederland = raw[(raw["recs"].str.strip() == "Land") & (raw["year"] == "2021")]
    national = float(nederland["p_hh_osm"].iloc[0]) / 10
    weighted = counts["hh_osm"].sum() / counts["a_hh"].sum() * 100
    assert weighted == pytest.approx(national, abs=0.15)


def test_outcome_has_every_gemeente_with_names_like_beek_l_matched():
    for jaar in jk.YEARS:
        table = jk.jeugdhulp(jaar)
        assert table.index.equals(gebieden.indeling(jaar).index)
    table = jk.jeugdhulp(2022)
    assert table.loc["GM0935", "percentage"] == 17.3  # Maastricht, 85098NED 2022
    assert table.loc["GM0888", "percentage"] == pytest.approx(16.3, abs=3)  # Beek (L.) present
    assert table.attrs["nederland"] == 13.5


def test_characteristics_from_counts_by_hand():
    k = jk.kenmerken(2022).loc["GM0935"]
    # KWB 2022 Maastricht: a_inw 121151, a_00_14 12524, a_15_24 23594
    assert k["jong_0_14"] == pytest.approx(12524 / 121151 * 100)
    assert k["jongeren"] == 12524 + 23594
    # KWB 2021: a_soz_wb 3680, a_inw 120227; p_hh_osm 96 -> 9,6%
    assert k["bijstand"] == pytest.approx(3680 / 120227 * 1000)
    assert k["sociaal_minimum"] == pytest.approx(9.6)


def test_other_years_are_refused():
    with pytest.raises(ValueError, match="2021, 2022"):
        jk.kenmerken(2019)
