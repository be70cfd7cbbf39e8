import pandas as pd
import pytest

from helpers.data import sources


@pytest.fixture
def wmo():
    posts = [
        "Beschermd Wonen ZiN",
        "Beschermd Wonen ZiN - incidenteel",
        "Beschermd Wonen PGB",
        "Begeleiding ZiN",
        "Lasten Wmo totaal",
    ]
    return pd.DataFrame(
        {
            "post": posts * 2 + ["Lasten Wmo totaal"],
            "jaar": [2017] * 5 + [2018] * 5 + [2018],
            "stand": ["realisatie"] * 10 + ["prognose"],
            "waarde": [20.0, -1.0, 3.0, 10.0, 50.0, 21.0, 0.5, 2.5, 11.0, 52.0, 99.0],
        }
    )


def test_wmo_excl_bw_subtracts_the_three_bw_posts(wmo):
    out = sources.wmo_excl_bw(wmo)
    assert out.to_dict() == pytest.approx({2017: 28.0, 2018: 28.0})  # 50-22, 52-24


def test_wmo_excl_bw_without_bw_posts_names_the_year(wmo):
    with pytest.raises(ValueError, match=r"\[2018\]"):
        sources.wmo_excl_bw(wmo[~((wmo["jaar"] == 2018) & wmo["post"].str.startswith("Besch"))])


def test_side_by_side_difference_is_visitatie_minus_monitor():
    visitatie = pd.DataFrame(
        {
            "domein": ["J", "J"],
            "grootheid": ["realisatie"] * 2,
            "jaar": [2017, 2018],
            "waarde": [35.0, 33.8],
        }
    )
    monitor = pd.DataFrame(
        {
            "domein": ["J", "J"],
            "grootheid": ["realisatie"] * 2,
            "jaar": [2017, 2018],
            "vindplaats": ["t"] * 2,
            "waarde": [34.0, 0.0],
            "reden": ["r"] * 2,
        }
    )
    out = sources.side_by_side(visitatie, monitor)
    assert out["verschil"].tolist() == pytest.approx([1.0, 33.8])
    assert out.loc[0, "verschil_pct"] == pytest.approx(100 / 34)
    assert pd.isna(out.loc[1, "verschil_pct"])  # no percentage of zero


def test_side_by_side_without_counterpart_is_an_error():
    visitatie = pd.DataFrame(
        {"domein": ["J"], "grootheid": ["saldo"], "jaar": [2017], "waarde": [1.0]}
    )
    monitor = pd.DataFrame(
        {
            "domein": ["J"],
            "grootheid": ["saldo"],
            "jaar": [2019],
            "vindplaats": ["t"],
            "waarde": [1.0],
            "reden": ["r"],
        }
    )
    with pytest.raises(ValueError, match="J saldo 2019"):
        sources.side_by_side(visitatie, monitor)


def test_published_counterparts_show_the_known_disagreements():
    from helpers.data import published

    monitor = sources.monitor_counterparts(
        published.load("monitor_2018/financien_pijlers").data,
        published.load("monitor_2018/financien_jeugd").data,
        published.load("monitor_2018/financien_wmo").data,
    )
    out = sources.side_by_side(published.load("visitatie_2021/begroting_realisatie").data, monitor)
    row = out.set_index(["domein", "grootheid", "jaar", "vindplaats"])
    # Jeugdhulp saldo 2017: visitatie prints -6,0, the monitor -8,6 (= 25,6 - 34,2).
    assert row.loc[("Jeugdhulp", "saldo", 2017, "tabel 2.3"), "verschil"] == pytest.approx(2.6)
    # Wmo excl. BW 2018 derived from §5.5: 66,0 - (25,2 - 0,9 + 3,1) = 38,6 vs 38,9.
    derived = row.xs("Wmo excl. BW", level="domein").xs(2018, level="jaar")
    assert derived["monitor"].min() == pytest.approx(38.6)
    assert len(out) == 16
