"""helpers.microdata.protected: disclosure control of every table the cost-driver chapter derives
from client-level data, with answers worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from helpers.display import effects
from helpers.methods import decompose
from helpers.microdata import disclosure, protected, synthetic

AGG = pd.DataFrame(
    {
        "jaar": [2018, 2018, 2019],
        "categorie": ["ambulant", "verblijf", "ambulant"],
        "clienten_jaar": [4, 4, 5],
        "arrangementen": [6, 2, 10],
        "kosten": [600.0, 4000.0, 1500.0],
        "eenheden": np.nan,
    }
)


def test_key_figures_per_year():
    figures = protected.key_figures(AGG)
    assert figures.loc[2018].to_dict() == {
        "clienten": 4,
        "arrangementen": 8,
        "kosten": 4600.0,
        "arrangementen_per_client": 2.0,
        "kosten_per_client": 1150.0,
    }
    assert figures.loc[2019, "kosten_per_client"] == 300.0


def test_group_figures_cost_per_arrangement():
    figures = protected.group_figures(AGG, [2018])
    assert figures.index.to_list() == [("ambulant", 2018), ("verblijf", 2018)]
    assert figures["kosten_per_arrangement"].to_list() == [100.0, 2000.0]


def counts(values: dict) -> dict:
    """NA as None, as Series.to_dict() gives it for Int64."""
    return {key: None if value is pd.NA else value for key, value in values.items()}


def aggregate_table(cells: dict[tuple[int, str], tuple[int, float]], clients: dict[int, int]):
    """An aggregate table (decompose.aggregate) from {(jaar, categorie): (arrangementen, kosten)}."""
    return pd.DataFrame(
        [
            {
                "jaar": jaar,
                "categorie": cat,
                "clienten_jaar": clients[jaar],
                "arrangementen": n,
                "kosten": cost,
            }
            for (jaar, cat), (n, cost) in cells.items()
        ]
    )


def test_protected_key_figures_hide_costs_of_a_suppressed_client_count():
    agg = aggregate_table(
        {(2018, "a"): (30, 3000.0), (2018, "b"): (20, 1000.0), (2019, "a"): (12, 600.0)},
        {2018: 42, 2019: 5},
    )
    table = protected.protected_key_figures(agg)
    # 2018: 42 -> 40, 50 arrangements; ratios from the exact counts: 50/42, 4000/42.
    assert table.loc[2018, ["clienten", "arrangementen"]].to_list() == [40, 50]
    assert table.loc[2018, "kosten_per_client"] == pytest.approx(4000 / 42)
    # 2019: 5 clients is suppressed, and with it the costs; 12 arrangements -> 10.
    assert pd.isna(table.loc[2019, "clienten"]) and table.loc[2019, "arrangementen"] == 10
    assert table.loc[2019, ["kosten", "arrangementen_per_client", "kosten_per_client"]].isna().all()


def test_protected_group_figures_suppress_a_second_group_against_the_year_total():
    agg = aggregate_table(
        {
            (2018, "a"): (30, 3000.0),
            (2018, "b"): (20, 4000.0),
            (2018, "c"): (5, 2500.0),
            (2019, "a"): (40, 4400.0),
            (2019, "b"): (13, 1300.0),
            (2019, "c"): (9, 900.0),
        },
        {2018: 50, 2019: 55},
    )
    table = protected.protected_group_figures(agg, [2018, 2019])
    # 2018: c (5) is suppressed; 55 - 30 - 20 would reveal it, so b (the smallest other) too.
    # 2019: nothing below 8; 13 -> 15, 9 -> 10.
    assert table["arrangementen"].to_dict() == counts(
        {
            ("a", 2018): 30,
            ("a", 2019): 40,
            ("b", 2018): pd.NA,
            ("b", 2019): 15,
            ("c", 2018): pd.NA,
            ("c", 2019): 10,
        }
    )
    hidden = [("b", 2018), ("c", 2018)]
    assert table.loc[hidden, ["kosten", "kosten_per_arrangement"]].isna().all(axis=None)
    assert table.loc[("b", 2019), ["kosten", "kosten_per_arrangement"]].to_list() == [1300, 100]


def test_protected_group_figures_show_a_group_absent_in_a_year_as_suppressed():
    agg = aggregate_table(
        {
            (2018, "a"): (30, 3000.0),
            (2018, "b"): (20, 1000.0),
            (2019, "a"): (40, 4000.0),
            (2019, "b"): (13, 1300.0),
            (2019, "d"): (12, 1200.0),
        },
        {2018: 45, 2019: 60},
    )
    table = protected.protected_group_figures(agg, [2018, 2019])
    # d in 2018 (0) shows as "–" like 1-7, and 50 - 30 - 20 would reveal it: b is suppressed.
    in_2018 = table.index.get_level_values("jaar") == 2018
    assert table.loc[in_2018, "arrangementen"].to_dict() == counts(
        {("a", 2018): 30, ("b", 2018): pd.NA, ("d", 2018): pd.NA}
    )
    assert table.loc[("d", 2019), "arrangementen"] == 10


def durations_data() -> pd.DataFrame:
    """22 arrangements of 22 clients: 10 ambulant of 10 days, 9 pleegzorg of 2 days (2019) and
    3 verblijf from 1-1-2018 to 30-6-2019 (546 days), none running at 31-12-2019."""
    spells = [("ambulant", "2019-01-01", "2019-01-10", [2019])] * 10
    spells += [("pleegzorg", "2019-03-01", "2019-03-02", [2019])] * 9
    spells += [("verblijf", "2018-01-01", "2019-06-30", [2018, 2019])] * 3
    rows = [
        {
            "client_id": f"c{i}",
            "arrangement_id": f"a{i}",
            "categorie": cat,
            "begindatum": pd.Timestamp(begin),
            "einddatum": pd.Timestamp(end),
            "jaar": jaar,
        }
        for i, (cat, begin, end, years) in enumerate(spells)
        for jaar in years
    ]
    return pd.DataFrame(rows)


def test_protected_durations_round_counts_and_statistics():
    table = protected.protected_durations(durations_data()).set_index("niveau")
    # 22 -> 20; none running (0) is suppressed. Median of 9×2, 10×10, 3×546 days = 10;
    # mean 1756/22 = 79.8 -> 80; longer than a year 3/22 = 0.13636 -> 0.136.
    for level in ("arrangement", "traject"):
        row = table.loc[level]
        assert row["aantal"] == 20 and pd.isna(row["lopend"])
        assert row[["mediaan_dagen", "gemiddelde_dagen", "aandeel_langer_dan_jaar"]].to_list() == [
            10,
            80,
            0.136,
        ]


def test_protected_durations_per_group_protect_arrangements_against_their_total():
    table = protected.protected_durations(durations_data(), by="categorie")
    table = table.set_index(["niveau", "categorie"])["aantal"]
    # Arrangements add up to 22: verblijf (3) suppressed, so pleegzorg (9, the smallest other) too.
    assert table.loc["arrangement"].to_dict() == counts(
        {"ambulant": 10, "pleegzorg": pd.NA, "verblijf": pd.NA}
    )
    # Trajectories within a group do not add up to all trajectories: no second suppression.
    assert table.loc["traject"].to_dict() == counts(
        {"ambulant": 10, "pleegzorg": 10, "verblijf": pd.NA}
    )
    stats = protected.protected_durations(durations_data(), by="categorie").set_index(
        ["niveau", "categorie"]
    )
    assert stats.loc[("arrangement", "pleegzorg"), list(protected.STATISTIC_DECIMALS)].isna().all()
    assert stats.loc[("traject", "pleegzorg"), "gemiddelde_dagen"] == 2


def microdata(cells: dict[tuple[int, str], tuple[int, int]]) -> pd.DataFrame:
    """Arrangement rows from {(jaar, group): (arrangements, clients)}: arrangement i goes to client
    i mod clients of that group, and costs 100·(i + 1) in 2018 and 110·(i + 1) later."""
    frames = [
        pd.DataFrame(
            {
                "jaar": jaar,
                "categorie": group,
                "arrangement_id": [f"{jaar}{group}{i}" for i in range(n)],
                "client_id": [f"{group}{i % clients}" for i in range(n)],
                "kosten": (100.0 if jaar <= 2018 else 110.0) * np.arange(1, n + 1),
            }
        )
        for (jaar, group), (n, clients) in cells.items()
    ]
    return pd.concat(frames, ignore_index=True)


def test_merge_small_groups_by_arrangements_or_clients_in_either_year():
    data = microdata(
        {
            (2017, "c"): (2, 2),
            (2018, "a"): (10, 10),
            (2019, "a"): (10, 10),
            (2018, "b"): (8, 8),
            (2019, "b"): (8, 8),
            (2018, "c"): (5, 5),
            (2019, "c"): (5, 5),
            (2018, "d"): (9, 9),
            (2019, "d"): (9, 3),  # 9 arrangements but 3 clients: too small
        }
    )
    merged, names = protected.merge_small_groups(data, "categorie", [2018, 2019])
    # b has exactly 8 and stays; c and d together have 14 arrangements in both years and
    # 14 clients in 2018, 5 + 3 = 8 in 2019: no second step.
    assert names == ["c", "d"]
    groups = merged.groupby("jaar")["categorie"].unique().map(sorted).to_dict()
    assert groups == {2017: ["c"], 2018: ["a", "b", protected.MERGED_GROUP], 2019: groups[2018]}
    assert len(merged) == len(data) and merged["kosten"].equals(data["kosten"])


def test_merge_small_groups_adds_the_smallest_other_group_when_the_merged_one_is_too_small():
    data = microdata(
        {
            (2018, "a"): (12, 12),
            (2019, "a"): (12, 12),
            (2018, "b"): (20, 20),
            (2019, "b"): (9, 9),
            (2018, "c"): (3, 3),
            (2019, "c"): (3, 3),
            (2019, "d"): (2, 2),  # absent in 2018: 0 there
        }
    )
    # c + d have 3 in 2018 and 5 in 2019: b (9 in 2019) is smaller than a (12).
    assert protected.merge_small_groups(data, "categorie", [2018, 2019])[1] == ["b", "c", "d"]


def test_merge_small_groups_of_a_tiny_gemeente_merges_everything():
    data = microdata({(2018, "a"): (3, 3), (2019, "a"): (4, 4), (2019, "b"): (2, 2)})
    merged, names = protected.merge_small_groups(data, "categorie", [2018, 2019])
    assert names == ["a", "b"] and (merged["categorie"] == protected.MERGED_GROUP).all()


def test_merge_small_groups_keeps_the_total_change_of_the_effects():
    data = microdata(
        {
            (2018, "a"): (10, 8),
            (2019, "a"): (12, 9),
            (2018, "b"): (3, 3),
            (2019, "b"): (9, 9),
            (2018, "c"): (9, 9),
        }
    )
    merged, names = protected.merge_small_groups(data, "categorie", [2018, 2019])
    assert names == ["b", "c"]
    per_group = effects.group_effects(
        decompose.components(
            decompose.effects(decompose.aggregate(merged), 2018, 2019, per_group=True)
        )
    )
    # 2018: 100·(55 + 6 + 45) = 10600; 2019: 110·(78 + 45) = 13530.
    assert per_group["totaal"].sum() == pytest.approx(13530 - 10600)
    assert set(per_group.index) == {"a", protected.MERGED_GROUP}


def test_protected_flows_hide_a_second_flow_against_the_balance():
    # Clients 0-19 in 2018; in 2019 client 0 leaves and clients 20-23 enter: uitstroom 1 is
    # suppressed, and with it instroom (4, the only other flow), never clienten.
    data = pd.DataFrame(
        {
            "jaar": [2018] * 20 + [2019] * 23,
            "client_id": list(range(20)) + list(range(1, 24)),
        }
    )
    table = protected.protected_flows(data)
    assert table["clienten"].tolist() == [20, 25]
    assert table.loc[2019, ["instroom", "uitstroom", "herinstroom"]].isna().all()


# --- derived figures come from protected counts only -------------------------------------------


def test_counts_for_derived_figures_round_and_stand_in_for_small_counts():
    counts = pd.Series([0, 1, 2, 3, 7, 8, 12, 13, 2867])
    result = disclosure.counts_for_derived_figures(counts)
    assert result.tolist() == [0, 5, 5, 5, 5, 10, 10, 15, 2865]


def test_aggregate_uses_protected_counts_and_keeps_costs_exact():
    data = synthetic.generate(scale=0.02)
    exact = decompose.aggregate(data)
    shown = protected.aggregate(data)
    assert (shown["arrangementen"] % 5 == 0).all() and (shown["clienten_jaar"] % 5 == 0).all()
    assert (shown.loc[exact["arrangementen"].between(1, 7), "arrangementen"] == 5).all()
    pd.testing.assert_series_equal(shown["kosten"], exact["kosten"])
    # The decomposition still adds up exactly to the change in cost.
    per_year = data.groupby("jaar")["kosten"].sum()
    result = decompose.effects(shown, 2018, 2019)
    assert result["totaal"] == pytest.approx(per_year[2019] - per_year[2018], abs=1e-6)
    assert decompose.components(result).sum() == pytest.approx(result["totaal"], abs=1e-6)


def test_derived_figures_do_not_change_with_counts_within_their_rounding():
    """Two exports whose counts round alike give the same effects, factors and costs per
    client: so no combination of them can tell the two apart, whatever the attack."""
    data = synthetic.generate(scale=0.05)
    base = protected.aggregate(data)
    # One more arrangement without cost for a client in the largest 2019 cell (its count
    # changes by 1, e.g. 91 -> 92), chosen so that every rounded count stays the same.
    exact = decompose.aggregate(data)
    cell = exact[exact["jaar"] == 2019].sort_values("arrangementen").iloc[-1]
    count = int(cell["arrangementen"])
    assert (2 * (count + 1) + 5) // 10 == (2 * count + 5) // 10, "kies een ander voorbeeld"
    donor = data[(data["jaar"] == 2019) & (data["categorie"] == cell["categorie"])].iloc[[0]]
    extra = donor.assign(arrangement_id="EXTRA", kosten=0.0, eenheden=0.0)
    changed = protected.aggregate(pd.concat([data, extra], ignore_index=True))
    assert decompose.aggregate(pd.concat([data, extra]))["arrangementen"].sum() == (
        exact["arrangementen"].sum() + 1
    )
    pd.testing.assert_frame_equal(changed, base)
    for years in [(2018, 2019), (2015, 2019)]:
        pd.testing.assert_series_equal(
            decompose.effects(changed, *years), decompose.effects(base, *years)
        )
    pd.testing.assert_frame_equal(protected.key_figures(changed), protected.key_figures(base))


def test_units_counted_in_stuks_are_protected_like_counts():
    data = pd.DataFrame(
        {
            "client_id": ["a", "b", "c"],
            "jaar": [2018, 2018, 2018],
            "arrangement_id": ["x", "y", "z"],
            "categorie": ["ambulant", "ambulant", "verblijf"],
            "eenheid": ["stuks (output)", "stuks (output)", "etmaal"],
            "kosten": [1_000.0, 1_000.0, 20_000.0],
            "eenheden": [1.0, 2.0, 101.5],
        }
    )
    shown = protected.aggregate(data).set_index("categorie")["eenheden"]
    assert shown.to_dict() == {"ambulant": 5.0, "verblijf": 101.5}
