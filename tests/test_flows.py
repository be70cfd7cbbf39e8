"""Stock and flows and durations on a hand-made three-year example with answers worked out by hand.

Clients and years (2016, 2017, 2018):
    A: 2016 2017 2018      B: 2016            C: 2016 and 2018 (returns: herinstroom 2018)
    D: 2017 2018           E: 2018            F: 2017
"""

import pandas as pd
import pytest

from helpers.microdata.flows import (
    arrangement_durations,
    client_trajectories,
    duration_summary,
    stock_and_flows,
)

ROWS = [
    # client, jaar, arrangement, categorie, begindatum, einddatum
    ("A", 2016, "a1", "ambulant", "2016-01-01", None),
    ("A", 2017, "a1", "ambulant", "2016-01-01", None),
    ("A", 2018, "a1", "ambulant", "2016-01-01", None),
    ("B", 2016, "b1", "verblijf", "2016-03-01", "2016-03-31"),
    ("C", 2016, "c1", "ambulant", "2016-06-01", "2016-06-30"),
    ("C", 2018, "c2", "ambulant", "2018-02-01", "2018-02-28"),
    ("D", 2017, "d1", "ambulant", "2017-01-01", "2017-12-31"),
    ("D", 2018, "d2", "verblijf", "2018-01-01", "2018-01-10"),
    ("E", 2018, "e1", "ambulant", "2018-05-01", None),
    ("F", 2017, "f1", "ambulant", "2017-03-01", "2017-03-10"),
    ("F", 2017, "f2", "ambulant", "2017-03-12", "2017-03-20"),
    ("F", 2017, "f3", "ambulant", "2017-03-15", "2017-03-25"),
]


def frame(rows):
    df = pd.DataFrame(
        rows,
        columns=["client_id", "jaar", "arrangement_id", "categorie", "begindatum", "einddatum"],
    )
    return df.assign(
        begindatum=pd.to_datetime(df["begindatum"]), einddatum=pd.to_datetime(df["einddatum"])
    )


@pytest.fixture
def df():
    return frame(ROWS)


def test_stock_and_flows(df):
    table = stock_and_flows(df)
    assert table["jaar"].tolist() == [2016, 2017, 2018]
    assert table["clienten"].tolist() == [3, 3, 4]
    assert table["instroom"].tolist() == [pd.NA, 2, 2]  # 2017: D, F; 2018: C, E
    assert table["uitstroom"].tolist() == [pd.NA, 2, 1]  # 2017: B, C; 2018: F
    assert table["herinstroom"].tolist() == [pd.NA, pd.NA, 1]  # 2018: C
    # clienten(t) = clienten(t-1) + instroom(t) - uitstroom(t)
    stock = table["clienten"]
    assert (stock.shift() + table["instroom"] - table["uitstroom"])[1:].tolist() == [3, 4]


def test_stock_and_flows_refuses_a_missing_year(df):
    with pytest.raises(ValueError, match="ontbreekt: 2017"):
        stock_and_flows(df[df["jaar"] != 2017])


def test_arrangement_durations(df):
    durations = arrangement_durations(df).set_index("arrangement_id")
    assert durations["duur_dagen"].to_dict() == {
        "a1": 366 + 365 + 365,  # 2016 is a leap year; running, cut off at 31-12-2018
        "b1": 31,
        "c1": 30,
        "c2": 28,
        "d1": 365,
        "d2": 10,
        "e1": 245,  # 1 May to 31 December
        "f1": 10,
        "f2": 9,
        "f3": 11,
    }
    assert durations.index[durations["lopend"]].tolist() == ["a1", "e1"]
    assert durations.loc["a1", "einddatum"] == pd.Timestamp("2018-12-31")
    assert durations.loc["d2", "categorie"] == "verblijf"


def test_recorded_end_date_wins_over_an_empty_one():
    df = frame(
        [
            ("A", 2017, "a1", "ambulant", "2017-01-01", None),
            ("A", 2018, "a1", "ambulant", "2017-01-01", "2018-01-31"),
        ]
    )
    row = arrangement_durations(df).iloc[0]
    assert (row["einddatum"], row["duur_dagen"], row["lopend"]) == (
        pd.Timestamp("2018-01-31"),
        365 + 31,
        False,
    )


def test_peildatum_cuts_off_arrangements_ending_later():
    df = frame([("A", 2018, "a1", "ambulant", "2018-01-01", "2018-03-31")])
    row = arrangement_durations(df, peildatum="2018-02-28").iloc[0]
    assert (row["einddatum"], row["duur_dagen"], row["lopend"]) == (
        pd.Timestamp("2018-02-28"),
        59,
        True,
    )


def test_peildatum_before_a_begindatum_is_refused(df):
    # c2, d2 and e1 start in 2018
    with pytest.raises(ValueError, match="peildatum 31-12-2017 ligt vóór de begindatum van 3"):
        arrangement_durations(df, peildatum="2017-12-31")


def test_client_trajectories_merge_adjacent_and_overlapping_arrangements(df):
    trajectories = client_trajectories(df)
    assert trajectories.groupby("client_id")["duur_dagen"].apply(list).to_dict() == {
        "A": [1096],
        "B": [31],
        "C": [30, 28],  # 19 months apart: two trajectories
        "D": [375],  # d2 starts the day after d1 ends: 365 + 10
        "E": [245],
        "F": [10, 14],  # one free day before f2; f2 and f3 overlap: 12-25 March
    }
    assert trajectories.loc[trajectories["lopend"], "client_id"].tolist() == ["A", "E"]


def test_duration_summary(df):
    summary = duration_summary(df).set_index("niveau")
    # arrangements: 9 10 10 11 28 30 31 245 365 1096 -> median (28+30)/2, mean 1835/10
    # trajectories: 10 14 28 30 31 245 375 1096 -> median (30+31)/2, mean 1829/8
    assert summary.loc["arrangement"].tolist() == [10, 2, 29.0, 183.5, 0.1]
    assert summary.loc["traject"].tolist() == [8, 2, 30.5, 228.625, 0.25]
    assert summary.columns.tolist() == [
        "aantal",
        "lopend",
        "mediaan_dagen",
        "gemiddelde_dagen",
        "aandeel_langer_dan_jaar",
    ]


def test_duration_summary_per_categorie(df):
    summary = duration_summary(df, by="categorie").set_index(["niveau", "categorie"])
    # verblijf: b1 31 and d2 10 days; within verblijf D's d2 is a trajectory of its own
    assert summary.loc[("arrangement", "verblijf")].tolist() == [2, 0, 20.5, 20.5, 0.0]
    assert summary.loc[("traject", "verblijf")].tolist() == [2, 0, 20.5, 20.5, 0.0]
    # ambulant trajectories: A 1096, C 30 and 28, D 365, E 245, F 10 and 14
    assert summary.loc[("traject", "ambulant"), "aantal"] == 7
    assert summary.loc[("traject", "ambulant"), "aandeel_langer_dan_jaar"] == pytest.approx(1 / 7)
