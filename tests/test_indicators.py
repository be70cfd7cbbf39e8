import numpy as np
import pandas as pd
import pytest

from helpers.methods import indicators


@pytest.fixture
def bezwaar():
    """Jeugd, bezwaarschriften 2017 and 2018 (monitor 2018, §3.5), plus a year without any."""
    return pd.DataFrame(
        {
            "jaar": [2017] * 3 + [2018] * 3 + [2019] * 2,
            "uitkomst": ["Ongegrond", "Deels gegrond", "Totaal"] * 2 + ["Ongegrond", "Totaal"],
            "waarde": [3, 2, 5, 3, 0, 5, 0, 0],
        }
    )


def test_share_of_total_per_group(bezwaar):
    out = indicators.share_of_total(bezwaar, "uitkomst", by=["jaar"])
    shares = out.set_index(["jaar", "uitkomst"])["aandeel_pct"]
    assert shares[(2017, "Ongegrond")] == pytest.approx(60.0)
    assert shares[(2017, "Deels gegrond")] == pytest.approx(40.0)
    assert shares[(2018, "Deels gegrond")] == 0.0
    assert shares[(2018, "Totaal")] == pytest.approx(100.0)
    assert np.isnan(shares[(2019, "Ongegrond")])
    assert out["waarde"].tolist() == bezwaar["waarde"].tolist()


def test_share_of_total_without_groups():
    klachten = pd.DataFrame(
        {"afhandeling": ["Ingetrokken", "Bemiddeld", "Ongegrond", "Totaal"], "waarde": [1, 2, 1, 4]}
    )
    out = indicators.share_of_total(klachten, "afhandeling")
    assert out["aandeel_pct"].tolist() == pytest.approx([25.0, 50.0, 25.0, 100.0])


def test_share_of_total_names_the_group_without_a_total(bezwaar):
    no_total_2018 = bezwaar.drop(index=5)
    with pytest.raises(ValueError, match="2018"):
        indicators.share_of_total(no_total_2018, "uitkomst", by=["jaar"])
    with pytest.raises(ValueError, match="niet precies één rij 'Totaal'"):
        indicators.share_of_total(pd.concat([bezwaar, bezwaar.tail(1)]), "uitkomst", by=["jaar"])


def test_with_remainder_adds_the_unnamed_part():
    verwijzers = pd.Series({"team Jeugd": 47, "huisarts": 27, "justitie": 11, "GI": 8})
    out = indicators.with_remainder(verwijzers, "overig")
    assert out["overig"] == 7
    assert out.sum() == 100
    assert list(out.index) == ["team Jeugd", "huisarts", "justitie", "GI", "overig"]


def test_with_remainder_refuses_shares_above_the_whole():
    with pytest.raises(ValueError, match="meer dan 100"):
        indicators.with_remainder(pd.Series({"a": 60, "b": 50}), "overig")


def test_per_unit_days_per_placement():
    dagen = pd.Series({2017: 1197.0, 2018: 934.0, 2019: 10.0})
    plaatsingen = pd.Series({2017: 7.0, 2018: 7.0, 2019: 0.0, 2020: 3.0})
    out = indicators.per_unit(dagen, plaatsingen)
    assert out[2017] == pytest.approx(171.0)
    assert out[2018] == pytest.approx(133.428571, abs=1e-6)
    assert np.isnan(out[2019])
    assert np.isnan(out[2020])


def test_one_in_n_percent():
    assert indicators.one_in_n_percent(8) == pytest.approx(12.5)
    assert indicators.one_in_n_percent(4) == pytest.approx(25.0)


def test_printed_range():
    assert indicators.printed_range(1.6, 1).tolist() == pytest.approx([1.6, 1.55, 1.65])
    assert indicators.printed_range(2865, None).tolist() == [2865, 2865, 2865]
    frame = indicators.printed_range(pd.Series({2017: 1.7, 2018: 1.6}), 1)
    assert frame.loc[2017].tolist() == pytest.approx([1.7, 1.65, 1.75])
    assert frame.loc[2018].tolist() == pytest.approx([1.6, 1.55, 1.65])


def test_implied_previous_inverts_growth_over_the_rounding_interval():
    # 110 after +10% (printed without decimals): 100; growth between 9,5% and 10,5%.
    out = indicators.implied_previous(110, 10, decimals=0)
    assert out["schatting"] == pytest.approx(100.0)
    assert out["min"] == pytest.approx(110 / 1.105)
    assert out["max"] == pytest.approx(110 / 1.095)


def test_range_product():
    a = pd.Series({"schatting": 2.0, "min": 1.0, "max": 3.0})
    b = pd.Series({"schatting": 10.0, "min": 9.0, "max": 11.0})
    assert indicators.range_product(a, b).tolist() == [20.0, 9.0, 33.0]
    with pytest.raises(ValueError, match="niet-negatieve"):
        indicators.range_product(-a, b)
    frames = indicators.range_product(
        pd.DataFrame({2017: a, 2018: b}).T, pd.DataFrame({2017: b, 2018: b}).T
    )
    assert frames.loc[2017].tolist() == [20.0, 9.0, 33.0]
    assert frames.loc[2018].tolist() == [100.0, 81.0, 121.0]


def test_printed_or_derived_prefers_the_printed_figure():
    out = indicators.printed_or_derived(
        pd.Series({2018: 2865.0}), pd.Series({2017: 2819.9, 2018: 9999.0})
    )
    assert out.loc[2017].tolist() == [2819.9, "afgeleid"]
    assert out.loc[2018].tolist() == [2865.0, "gedrukt"]


def test_cost_per_client_only_where_both_are_known():
    out = indicators.cost_per_client(
        pd.Series({2016: 2.0, 2017: 3.0, 2018: 4.5}), pd.Series({2017: 1500.0, 2018: 1500.0})
    )
    assert list(out.index) == [2017, 2018]
    assert out.loc[2017, "kosten_per_client"] == pytest.approx(2000.0)
    assert out.loc[2018, "kosten_per_client"] == pytest.approx(3000.0)
    # 3,0 mln printed with one decimal: between 2,95 and 3,05 mln.
    assert out.loc[2017, "kosten_min"] == pytest.approx(2_950_000 / 1500)
    assert out.loc[2017, "kosten_max"] == pytest.approx(3_050_000 / 1500)


def test_total_without_removes_incidental_posts():
    wide = pd.DataFrame(
        {"2017": [26.7, -1.3, 34.1], "2018": [26.5, -0.3, 34.2]},
        index=["ZiN", "incidenteel", "Totaal"],
    )
    out = indicators.total_without(wide, "Totaal", ["incidenteel"])
    assert out.tolist() == pytest.approx([35.4, 34.5])
    with pytest.raises(KeyError, match="PGB"):
        indicators.total_without(wide, "Totaal", ["PGB"])


def test_parts_vs_total_shows_where_the_table_does_not_add_up():
    vervoer = pd.DataFrame(
        {
            "vervoerswijze": ["Aangepast", "OV", "Totaal"] * 2,
            "jaar": [2017] * 3 + [2018] * 3,
            "waarde": [204, 90, 294, 265, 83, 347],
        }
    )
    out = indicators.parts_vs_total(vervoer, "vervoerswijze")
    assert out.loc[2017].tolist() == [294, 294, 0, True]
    assert out.loc[2018].tolist() == [348, 347, -1, False]


def test_parts_vs_total_allows_the_rounding_of_every_part_and_of_the_total():
    # 3 parts and a total printed with 1 decimal: the sum may differ by (3 + 1) × 0,05 = 0,2
    table = pd.DataFrame(
        {
            "post": ["a", "b", "c", "Totaal"] * 2,
            "jaar": [2017] * 4 + [2018] * 4,
            "waarde": [1.1, 2.1, 3.1, 6.5, 1.1, 2.1, 3.1, 6.6],
        }
    )
    out = indicators.parts_vs_total(table, "post", decimals=1)
    assert out["verschil"].tolist() == pytest.approx([0.2, 0.3])
    assert out["klopt"].tolist() == [True, False]


def test_change_from_base():
    out = indicators.change_from_base(
        pd.Series([200.0, 250.0, 150.0], index=["K1", "K2", "K3"]), "K1"
    )
    assert out.tolist() == pytest.approx([0.0, 25.0, -25.0])
    with pytest.raises(ValueError, match="basiswaarde"):
        indicators.change_from_base(pd.Series([0.0, 1.0]), 0)


def test_share_and_growth_of_numbers_and_series():
    assert indicators.share(643, 1002) == pytest.approx(64.171657, abs=1e-6)
    assert np.isnan(indicators.share(1, 0))
    assert indicators.growth(878, 1002) == pytest.approx(14.123007, abs=1e-6)
    assert indicators.growth(1733, 2080) == pytest.approx(20.023081, abs=1e-6)
    out = indicators.share(pd.Series([1.0, 2.0]), pd.Series([4.0, 0.0]))
    assert out[0] == pytest.approx(25.0)
    assert np.isnan(out[1])


def test_weighted_mean_gives_more_weight_to_busy_months():
    assert indicators.weighted_mean([10, 40], [3, 1]) == pytest.approx(17.5)
    assert indicators.weighted_mean([10, 40], [1, 1]) == pytest.approx(25.0)
    with pytest.raises(ValueError, match="2 waarden maar 1 gewichten"):
        indicators.weighted_mean([10, 40], [1])
    with pytest.raises(ValueError, match="niet allemaal 0"):
        indicators.weighted_mean([10, 40], [0, 0])


def test_overlap_by_inclusion_exclusion():
    # monitor 2018, §6.5: incidentele and periodieke bijzondere bijstand, 6.406 unique persons
    assert indicators.overlap(5617, 2457, 6406) == 1668
    assert indicators.overlap(5, 3, 8) == 0
    with pytest.raises(ValueError, match="tussen 5 en 8"):
        indicators.overlap(5, 3, 4)


def test_combined_share_over_procedures():
    # Wmo bezwaar and beroep 2018 (§5.3): (22 + 26 + 4 + 1) / (74 + 7)
    wmo = pd.DataFrame(
        {
            "procedure": ["bezwaar"] * 4 + ["beroep"] * 4,
            "uitkomst": ["Ingetrokken", "Ongegrond", "Gegrond", "Totaal"] * 2,
            "jaar": 2018,
            "waarde": [22, 26, 26, 74, 4, 1, 2, 7],
        }
    )
    out = indicators.combined_share(wmo, "uitkomst", ["Ingetrokken", "Ongegrond"])
    assert out.loc[2018].tolist() == pytest.approx([53, 81, 100 * 53 / 81])
    with pytest.raises(ValueError, match="Vervallen"):
        indicators.combined_share(wmo, "uitkomst", ["Vervallen"])


def test_against_printed_flags_a_percentage_that_is_not_the_rounded_share():
    shares = pd.DataFrame({"uitkomst": ["Ingetrokken", "Gegrond"], "aandeel_pct": [6.498, 30.0]})
    printed = pd.DataFrame({"uitkomst": ["Gegrond", "Ingetrokken"], "waarde": [31.0, 6.0]})
    out = indicators.against_printed(shares, printed, on=["uitkomst"])
    assert out["gedrukt_pct"].tolist() == [6.0, 31.0]
    assert out["verschil_pctpunt"].tolist() == pytest.approx([-0.498, 1.0])
    assert out["afronding_klopt"].tolist() == [True, False]


def test_against_printed_accepts_a_share_exactly_half_a_point_away():
    # 1/8 = 12,5%: rounds to 12% (half to even) and to 13% (half up); both hold
    shares = pd.DataFrame({"uitkomst": ["a", "b", "c"], "aandeel_pct": [12.5, 12.5, 12.5]})
    printed = pd.DataFrame({"uitkomst": ["a", "b", "c"], "waarde": [12.0, 13.0, 14.0]})
    out = indicators.against_printed(shares, printed, on=["uitkomst"])
    assert out["afronding_klopt"].tolist() == [True, True, False]
