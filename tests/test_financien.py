import pandas as pd
import pytest

from helpers.chapters import financien
from helpers.data import gebieden, published
from helpers.notebook import ParameterError


@pytest.fixture(scope="module")
def data():
    return financien.dataset()


def test_panel_is_in_the_2023_indeling_with_one_row_per_domain_gemeente_year(data):
    assert set(data.panel["code"]) <= set(gebieden.indeling(2023).index)
    assert not data.panel.duplicated(["domein", "code", "jaar"]).any()


def test_maastricht_2016_partial_report_is_excluded_and_listed(data):
    listed = data.uitgesloten[(data.uitgesloten["code"] == "GM0935")]
    assert set(zip(listed["jaar"], listed["maatstaf"], strict=True)) == {
        (2016, "begroot"),
        (2016, "gerealiseerd"),
    }
    row = data.panel[(data.panel["code"] == "GM0935") & (data.panel["jaar"] == 2016)]
    assert row[["begroot", "gerealiseerd"]].isna().all().all()


def test_groningen_2018_is_the_sum_of_groningen_haren_and_ten_boer_when_all_reported(data):
    from helpers.data import reeksen

    raw = reeksen.load("jeugdzorg_kosten").data.set_index(["code", "jaar"])["gerealiseerd"]
    parts = [raw.get((code, 2018)) for code in ("GM0014", "GM0017", "GM0009")]
    got = data.panel.set_index(["domein", "code", "jaar"]).loc[("jeugdzorg", "GM0014", 2018)]
    if all(p is not None and not pd.isna(p) for p in parts):
        assert got["gerealiseerd"] == pytest.approx(sum(parts))
        assert got["voorgangers"] == 3
    else:
        assert pd.isna(got["gerealiseerd"])


def test_unknown_gemeente_stops_with_a_parameter_error(data):
    with pytest.raises(ParameterError, match="Haren"):
        financien.resolve("Haren", data.gemeenten)  # merged into Groningen in 2019
    assert financien.resolve("maastricht", data.gemeenten) == "GM0935"


def test_budget_table_nederland_is_the_sum_over_gemeenten_with_both_figures(data):
    table = financien.budget_table(data, "GM0935", "gemeentegrootte")
    nl = table[
        (table["groep"] == "Nederland") & (table["domein"] == "wmo") & (table["jaar"] == 2022)
    ]
    rows = data.panel[(data.panel["domein"] == "wmo") & (data.panel["jaar"] == 2022)].dropna(
        subset=["begroot", "gerealiseerd"]
    )
    assert nl["gerealiseerd"].iloc[0] == pytest.approx(rows["gerealiseerd"].sum())
    assert nl["gemeenten"].iloc[0] == len(rows)


def test_volume_and_cost_per_client_add_up_to_the_change(data):
    split = financien.volume_and_price(data, "GM0935", "stedelijkheid")
    assert (split["volume"] + split["kosten_per_client"] - split["totaal"]).abs().max() < 1e-3
    assert (split["kosten_tot"] - split["kosten_van"] - split["totaal"]).abs().max() < 1e-3


def test_maastricht_sources_side_by_side_and_empty_for_other_gemeenten(data):
    monitor = published.load("monitor_2018/financien_pijlers")
    visitatie = published.load("visitatie_2021/begroting_realisatie")
    table = financien.maastricht_sources(data, "GM0935", monitor, visitatie)
    row = table[
        (table["domein"] == "jeugdzorg")
        & (table["jaar"] == 2018)
        & (table["grootheid"] == "realisatie")
    ].iloc[0]
    assert row["cbs"] == pytest.approx(37.341) and row["visitatie_2021"] == 33.8
    assert row["monitor_2018"] == 34.2
    assert financien.maastricht_sources(data, "GM0917", monitor, visitatie).empty


def iv3_frame():
    # two taakvelden, three gemeenten; A and B share the centrumfunctie class, C not
    rows = []
    for code, inwoners, klasse, lasten in (
        ("A", 100.0, "sterk", (1000.0, 500.0)),
        ("B", 300.0, "sterk", (900.0, 0.0)),
        ("C", 100.0, "zonder", (100.0, 100.0)),
    ):
        for taakveld, amount in zip(("6.1", "6.81a"), lasten, strict=True):
            rows.append(
                {
                    "code": code,
                    "gemeente": code,
                    "taakveld_code": taakveld,
                    "taakveld": taakveld,
                    "lasten": amount,
                    "inwoners": inwoners,
                    "gemeentegrootte": "20000tot50000inwoners",
                    "stedelijkheid": "nietstedelijk",
                    "centrumfunctie": klasse,
                    "sociale_structuur": "goed",
                }
            )
    return pd.DataFrame(rows)


def test_iv3_groups_are_weighted_by_inwoners():
    out = financien.iv3_comparison(iv3_frame(), "A")
    centrum = out[out["groep"] == "centrumfunctie"].set_index("taakveld_code")["per_inwoner"]
    assert centrum["6.1"] == pytest.approx((1000 + 900) / 400)
    assert centrum["6.81a"] == pytest.approx(500 / 400)
    own = out[out["groep"] == "gemeente"].set_index("taakveld_code")["per_inwoner"]
    assert own["6.1"] == 10 and own["6.81a"] == 5


def test_centrum_caveat_splits_the_difference_into_6_81_and_the_rest():
    comparison = financien.iv3_comparison(iv3_frame(), "A")
    caveat = financien.centrum_caveat(comparison).set_index("groep")
    row = caveat.loc["centrumfunctie"]
    assert row["waarvan_6_81"] == pytest.approx(5 - 1.25)
    assert row["verschil_zonder_6_81"] == pytest.approx(10 - 4.75)
    assert row["verschil_sociaal_domein"] == pytest.approx(
        row["waarvan_6_81"] + row["verschil_zonder_6_81"]
    )


def test_prognose_backtest_table_has_the_columns_the_issue_asks_for(data):
    table = financien.accuracy(financien.backtest(data, "gemeentegrootte"))
    assert list(table.columns) == [
        "methode",
        "domein",
        "jaar",
        "gemeenten",
        "mape",
        "mdape",
        "bias",
    ]
    assert {"begroting", "naief"} <= set(table["methode"])
    assert set(table["domein"]) == {"jeugdzorg", "wmo"}
