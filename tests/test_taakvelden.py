import pandas as pd
import pytest

from helpers.chapters import taakvelden
from helpers.data import claims, published


@pytest.fixture
def begroting():
    rows = [
        ("6.1", "Samenkracht", "p1", 2024, 5.0),
        ("6.1", "Samenkracht", "p1", 2026, 3.0),
        ("6.71A", "Maatwerk 18+", "hh", 2024, 10.0),
        ("6.71A", "Maatwerk 18+", "hh", 2026, 9.0),
        ("6.71B", "Maatwerk 18+", "ib", 2024, 4.0),
        ("6.71B", "Maatwerk 18+", "ib", 2026, 5.0),
        ("Totaal", "Totaal", "TOTAAL", 2024, 19.0),
        ("Totaal", "Totaal", "TOTAAL", 2026, 17.1),
    ]
    return pd.DataFrame(rows, columns=["taakveld", "taakveld_naam", "post", "jaar", "waarde"])


def test_iv3_2019_maps_subcodes_to_their_parent():
    codes = pd.Series(["6.1", "6.71A", "6.71C", "6.81B"])
    assert taakvelden.iv3_2019(codes).tolist() == ["6.1", "6.71", "6.71", "6.81"]


def test_iv3_2019_names_an_unknown_code():
    with pytest.raises(KeyError, match="'6.72' \\(rij 1\\)"):
        taakvelden.iv3_2019(pd.Series(["6.1", "6.72"]))


def test_crosswalk_splits_6_71_and_6_81_as_iv3_does_from_2023():
    cw = taakvelden.crosswalk()
    letters = cw[cw["iv3_2019"] == "6.71"]
    assert letters["iv3_vanaf_2023"].str[:5].tolist() == ["6.71a", "6.71b", "6.71c", "6.71d"]
    assert cw.loc[cw["iv3_2019"] == "6.81", "iv3_vanaf_2023"].str[:5].tolist() == ["6.81a", "6.81b"]
    # every letter code of the plan is its Iv3 sub-taakveld with a capital letter
    plan = cw.dropna(subset=["taakveld_plan"])
    lettered = plan[plan["taakveld_plan"].str[-1].str.isalpha()]
    assert (lettered["taakveld_plan"].str.lower() == lettered["iv3_vanaf_2023"].str[:5]).all()


def test_label_adds_the_plans_name_to_the_code():
    out = taakvelden.label(pd.Series(["6.71A", "6.1", "9.9"]))
    assert out.tolist() == [
        "6.71A Huishoudelijke verzorging",
        "6.1 Samenkracht en burgerparticipatie",
        "9.9",
    ]
    assert taakvelden.labels()["6.81B"] == "6.81B Maatschappelijke- en vrouwenopvang (WMO)"


def test_by_taakveld_and_printed_totals(begroting):
    wide = taakvelden.by_taakveld(begroting)
    assert wide.loc[("6.71A", "Maatwerk 18+"), 2026] == 9.0
    out = claims.check(taakvelden.printed_totals(begroting))
    # 2024: 19,0 = 19; 2026: 17,0 against printed 17,1 -> does not hold
    assert out["berekend"].tolist() == [19.0, 17.0]
    assert out["klopt"].tolist() == [True, False]


def test_decline_shares_of_the_total_change(begroting):
    out = taakvelden.decline(taakvelden.by_taakveld(begroting), 2024, 2026)
    # changes −2, −1, +1: total −2; shares 100%, 50%, −50%
    assert out["verschil"].tolist() == [-2.0, -1.0, 1.0]
    assert out["aandeel_totale_verandering_pct"].tolist() == pytest.approx([100.0, 50.0, -50.0])


def test_compare_iv3_sums_subcodes_and_joins_per_inhabitant(begroting):
    iv3 = pd.DataFrame(
        {
            "taakveld": ["6.71", "6.71"],
            "groep": ["Maastricht", "Maastricht"],
            "grootheid": ["realisatie", "begroot"],
            "waarde": [357.0, 159.0],
        }
    )
    out = taakvelden.compare_iv3(taakvelden.by_taakveld(begroting), iv3, 2024, inwoners=100_000)
    assert out.loc["6.71", "taakvelden_plan"] == "6.71A, 6.71B"
    assert out.loc["6.71", "begroting_plan_mln"] == 14.0
    assert out.loc["6.71", "plan_per_inwoner"] == pytest.approx(140.0)
    assert out.loc["6.71", "iv3_2019_Maastricht_realisatie"] == 357.0
    assert pd.isna(out.loc["6.1", "iv3_2019_Maastricht_realisatie"])


def test_published_wmo_totals_hold_at_printed_precision():
    begroting = published.load("wmo_plan_2024/begroting_taakvelden").data
    out = claims.check(taakvelden.printed_totals(begroting))
    assert out["berekend"].round(3).tolist() == [80.462, 78.793, 75.457]
    assert out["klopt"].all()
