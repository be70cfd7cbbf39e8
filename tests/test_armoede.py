import pandas as pd
import pytest

from helpers.chapters import armoede
from helpers.data import claims, published


@pytest.fixture(scope="module")
def series():
    return armoede.indicator_series(
        published.load("draaiknoppen_2017/armoede_huishoudens").data,
        published.load("draaiknoppen_2017/armoede_kerncijfers").data,
        published.load("armoede_aanvalsplan/armoede_indicator").data,
        published.load("visitatie_2021/kengetallen").data,
    )


def test_indicator_series_keeps_definitions_apart(series):
    assert series["definitie"].nunique() == 5
    assert series["reeks"].nunique() == 9  # 5 definitions, CBS ones for 3 areas each
    memo = series[(series["definitie"] == armoede.MEMO_110) & (series["eenheid"] == "aantal")]
    assert memo["jaar"].tolist() == [2014, 2015, 2016]
    assert memo["waarde"].tolist() == [9037, 9142, 9320]
    cbs_nl = series[(series["definitie"] == armoede.CBS_LAAG) & (series["gebied"] == "Nederland")]
    assert cbs_nl["waarde"].tolist() == [8.2]
    langdurig = series[series["definitie"] == armoede.LANGDURIG_110]
    assert set(langdurig["jaar"]) == {2018}


def test_implied_households_shows_the_break_between_memo_and_plan(series):
    out = armoede.implied_households(series)
    memo = out.loc[(armoede.MEMO_110, 2016)]
    # 9.320 is 16,1% rounded: between 9320/0,1615 and 9320/0,1605
    assert memo["totaal_min"] == pytest.approx(9320 / 0.1615)
    assert memo["totaal_max"] == pytest.approx(9320 / 0.1605)
    plan = out.loc[(armoede.STIMULANSZ_110, 2019)]
    assert plan["totaal_min"] > memo["totaal_max"] + 10_000


def test_income_sources_on_common_groups():
    memo = pd.DataFrame({"inkomensbron": ["arbeid", "sociale voorziening"], "waarde": [16.0, 36.0]})
    plan = pd.DataFrame(
        {"weergave": ["tekst"], "inkomensbron": ["inkomen als werknemer"], "waarde": [9.7]}
    )
    out = armoede.income_sources(memo, plan)
    assert out["groep"].tolist() == [
        "werk in loondienst",
        "sociale voorziening (bijstand)",
        "werk in loondienst",
    ]
    assert out["weergave"].tolist() == ["memo 2017", "memo 2017", "aanvalsplan tekst"]


def test_income_sources_names_an_unknown_label():
    memo = pd.DataFrame({"inkomensbron": ["loterij"], "waarde": [1.0]})
    with pytest.raises(KeyError, match="rij 0, kolom inkomensbron: 'loterij'"):
        armoede.income_sources(memo, memo.assign(weergave="tekst").iloc[0:0])


@pytest.fixture
def budget():
    return pd.DataFrame(
        {
            "post": ["a", "b", "c", "Budget", "Totaal"],
            "soort": ["regeling", "regeling", "regeling", "budget", "totaal"],
            "open_einde": [True, True, False, False, False],
            "waarde": [60.0, 30.0, 10.0, 80.0, 101.0],
        }
    )


def test_open_end_share_by_hand(budget):
    out = armoede.open_end_share(budget)
    assert out.loc["open einde", "bedrag"] == 90
    assert out.loc["open einde", "aandeel_som_pct"] == pytest.approx(90.0)
    assert out.loc["open einde", "aandeel_totaal_pct"] == pytest.approx(100 * 90 / 101)
    assert out.loc["som van de posten", "bedrag"] == 100
    assert out.loc["budget (gedrukt)", "bedrag"] == 80


def test_open_end_share_of_the_published_budget():
    out = armoede.open_end_share(published.load("armoede_aanvalsplan/armoedebudget_2018").data)
    assert out.loc["open einde", "bedrag"] == 10_822_084
    assert out.loc["som van de posten", "bedrag"] == 11_471_947


def test_budget_posts_largest_first(budget):
    out = armoede.budget_posts(budget)
    assert out["post"].tolist() == ["a", "b", "c"]
    assert out["regelingtype"].tolist() == ["open einde", "open einde", "geen open einde"]


def test_income_source_totals_show_the_text_adds_to_99_9():
    sources = armoede.income_sources(
        published.load("draaiknoppen_2017/armoede_inkomensbronnen").data,
        published.load("armoede_aanvalsplan/inkomensbronnen").data,
    )
    out = claims.check(armoede.income_source_totals(sources))
    assert out["berekend"].tolist() == pytest.approx([100.0, 99.9, 100.0])
    assert out["klopt"].tolist() == [True, False, True]


def test_moved_schemes_finds_wajong_moved_and_aow_added_but_not_bijstand():
    memo = pd.DataFrame(
        {"inkomensbron": ["sociale voorziening", "inkomstenverzekeringen"], "waarde": [36.0, 40.0]}
    )
    plan = pd.DataFrame(
        {
            "weergave": ["tekst", "tekst", "grafieklegenda", "grafieklegenda"],
            "inkomensbron": [
                "bijstandsuitkering",
                "uitkering inkomensverzekering (WW, WAO, WIA, AOW)",
                "Uitkering sociale voorzieningen",
                "Uitkering inkomensverzekering (WW, AOW, WAO, Wajong, WIA)",
            ],
            "waarde": [38.8, 45.0, 38.8, 45.0],
        }
    )
    out = armoede.moved_schemes(armoede.income_sources(memo, plan))
    assert out.index.tolist() == ["Wajong", "AOW"]
    assert out.loc["Wajong"].tolist() == [
        "sociale voorziening (bijstand)",
        armoede.NOT_NAMED,
        "uitkering inkomensverzekering",
    ]
    assert out.loc["AOW", "memo 2017"] == armoede.NOT_NAMED
    assert out.loc["AOW", "aanvalsplan tekst"] == "uitkering inkomensverzekering"
