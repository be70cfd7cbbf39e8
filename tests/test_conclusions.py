"""Generated sentences say what the numbers say, for any numbers."""

import pandas as pd

from helpers.display import conclusions


def test_listing_in_dutch():
    assert conclusions.listing([2016]) == "2016"
    assert conclusions.listing([2016, 2017, 2019]) == "2016, 2017 en 2019"


def test_deficit_years_per_domain():
    saldo = pd.DataFrame(
        {2016: [-8.6, -5.0, 1.3], 2017: [-13.4, -6.0, -0.1], 2018: [1.7, -1.3, 0.5]},
        index=["Sociaal domein", "Jeugdhulp", "Wmo"],
    )
    text = conclusions.deficit_years(saldo)
    assert "Sociaal domein had een tekort in 2016 en 2017." in text
    assert "Jeugdhulp had in alle 3 jaren een tekort." in text
    assert "Wmo had een tekort in 2017." in text


def test_deficit_share_says_more_than_all_only_above_100():
    shares = pd.DataFrame(
        {2018: [None, None, None], 2019: [105.4, 78.4, -83.8], 2017: [44.8, 0.7, 54.5]},
        index=["Jeugdhulp", "Wmo", "rest"],
    )
    text = conclusions.deficit_share_of(shares, ["Jeugdhulp", "Wmo"])
    assert "2018" not in text  # no deficit, no share
    assert "In 2019 lag meer dan het hele tekort bij Jeugdhulp en Wmo samen (183,8%)" in text
    assert "In 2017 lag 45,5% van het tekort bij Jeugdhulp en Wmo." in text


def test_largest_growth_names_the_year():
    growth = pd.Series({2017: -2.8, 2018: -1.7, 2019: 10.0})
    assert "naar 2019 (10,0%" in conclusions.largest_growth(growth, "realisatie")


def test_trend_summary_depends_on_the_intervals():
    table = pd.DataFrame(
        {"ci_laag": [-9.9, 0.5], "ci_hoog": [13.5, 2.0], "n": [4, 4]}, index=["A", "B"]
    )
    assert conclusions.trend_summary(table) == (
        "Een lineaire trend over 4 jaar is van nul te onderscheiden bij B."
    )
    assert "bij geen van de domeinen" in conclusions.trend_summary(table.iloc[:1])


def test_clearest_differences_name_the_favourable_side():
    table = pd.DataFrame(
        {
            "indicator": ["lage inkomens", "werkenden", "jeugdhulpgebruik"],
            "groep": ["NL", "groep", "NL"],
            "index": [139.0, 89.0, 148.0],
            "gunstig": ["lager", "hoger", ""],
        }
    )
    text = conclusions.clearest_differences(table, "Gemeente X", 10)
    assert text.startswith("Gemeente X wijkt het duidelijkst af")
    assert "lage inkomens (index 139 tegenover NL; de ongunstige kant)" in text
    assert "jeugdhulpgebruik (index 148 tegenover NL)" in text
    assert "Bij geen enkele indicator" in conclusions.clearest_differences(table.iloc[0:0], "X", 10)


def test_in_words_and_multiples_and_largest_gap():
    words = pd.DataFrame(
        {
            "indicator": ["bijstandsontvangers"] * 2,
            "groep": ["sterk stedelijk", "grootte"],
            "periode": "2019",
            "vindplaats": "§6",
            "waarde": ["hoger", "lager"],
        }
    )
    assert conclusions.in_words(words, "X").startswith(
        "Bijstandsontvangers (2019, §6): X ligt hoger dan sterk stedelijk en lager dan grootte"
    )
    indices = pd.DataFrame({"indicator": ["6.72", "6.72", "6.2"], "index": [328.0, 384.0, 44.0]})
    assert conclusions.multiples_of_groups(indices, "X") == (
        "X ligt bij 6.72 op 3,3 tot 3,8 keer het niveau van de vergelijkingsgroepen."
    )
    gap = pd.DataFrame(
        {"verschil_euro": [102_000_000.0, -3_800_000.0, 98_200_000.0]},
        index=["6.72", "6.2", "Som"],
    )
    assert conclusions.largest_gap(gap, "Som", "X", "G") == (
        "Tegenover G zit het grootste verschil bij 6.72: € 102,0 mln meer, "
        "tegen € 98,2 mln meer over alle taakvelden samen."
    )
