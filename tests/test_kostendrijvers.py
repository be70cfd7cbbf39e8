"""helpers.chapters.kostendrijvers: effect tables, the answer sentence and the published view, with
answers worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from helpers.chapters import kostendrijvers as k
from helpers.data import jeugd_series
from helpers.display import effects
from helpers.methods import decompose
from helpers.microdata import protected, reading_report

# Effects in euros with units: 1 + (−0,5) + 2 + 3 + 1,5 = 7 mln; prijs = 3 + 1,5.
WITH_UNITS = pd.Series(
    {
        "volume": 1e6,
        "stapeling": -0.5e6,
        "mix": 2e6,
        "intensiteit": 3e6,
        "tarief": 1.5e6,
        "prijs": 4.5e6,
        "totaal": 7e6,
    }
)
WITHOUT_UNITS = pd.Series(
    {"volume": 1e6, "stapeling": 0.5e6, "mix": 0.5e6, "prijs": 2e6, "totaal": 4e6}
)


def test_components_do_not_overlap_and_add_up():
    assert decompose.components(WITH_UNITS).index.to_list() == [
        "volume",
        "stapeling",
        "mix",
        "intensiteit",
        "tarief",
    ]
    assert decompose.components(WITH_UNITS).sum() == WITH_UNITS["totaal"]
    assert decompose.components(WITHOUT_UNITS).index.to_list() == [
        "volume",
        "stapeling",
        "mix",
        "prijs",
    ]


def test_effects_table_marks_the_split_of_prijs():
    table = effects.effects_table(WITH_UNITS)
    assert table.columns.to_list() == ["effect", "euro", "deel_van", "omschrijving"]
    assert table["omschrijving"].iloc[0] == "Volume (cliënten)"
    assert table["effect"].to_list() == [
        "volume",
        "stapeling",
        "mix",
        "prijs",
        "intensiteit",
        "tarief",
        "totaal",
    ]
    top = table[(table["deel_van"] == "") & (table["effect"] != "totaal")]
    assert top["euro"].sum() == 7e6
    assert table.loc[table["deel_van"] == "prijs", "euro"].sum() == 4.5e6


def test_drivers_group_complexity_and_tariff():
    assert k.drivers(WITH_UNITS).to_dict() == {"volume": 1e6, "complexer": 4.5e6, "duurder": 1.5e6}
    assert k.drivers(WITHOUT_UNITS).to_dict() == {"volume": 1e6, "complexer": 1e6, "prijs": 2e6}


def test_answer_with_units_gives_shares_and_the_largest_group():
    text = k.answer(WITH_UNITS, 2018, 2019, k.source(True, None))
    assert text.startswith(
        "Tussen 2018 en 2019 stegen de kosten in de synthetische gegevens met € 7,0 mln. In de "
        "synthetische gegevens komt van die verandering € 1,0 mln"
    )
    # 1/7 = 14%, 4,5/7 = 64%, 1,5/7 = 21%.
    assert "€ 1,0 mln (14%) door het aantal cliënten (volume)" in text
    assert "€ 4,5 mln (64%) door meer, andere of zwaardere hulp per cliënt" in text
    assert "(stapeling, mix, intensiteit)" in text
    assert "€ 1,5 mln (21%) door het tarief per eenheid" in text
    assert text.endswith(
        "Antwoord voor de synthetische gegevens: vooral complexer: meer, zwaardere of langere "
        "hulp per cliënt."
    )


def test_answer_without_units_cannot_tell_heavier_from_dearer():
    text = k.answer(WITHOUT_UNITS, 2017, 2018, k.source(False, "Heerlen"))
    assert "de kosten in de export van Heerlen met" in text
    assert "€ 1,0 mln (25%) door meer, andere of zwaardere hulp per cliënt (stapeling, mix)" in text
    assert "€ 2,0 mln (50%) door de kosten per arrangement" in text
    assert "Antwoord voor de export van Heerlen: vooral duurder per arrangement" in text
    assert "zonder eenheden niet te onderscheiden" in text


def test_answer_omits_shares_when_effects_offset_each_other():
    # A fall of 0,5 mln made of +3 volume and −4 complexer and +0,5 tarief.
    effects = pd.Series(
        {
            "volume": 3e6,
            "stapeling": -1e6,
            "mix": -1e6,
            "intensiteit": -2e6,
            "tarief": 0.5e6,
            "prijs": -1.5e6,
            "totaal": -0.5e6,
        }
    )
    text = k.answer(effects, 2016, 2017, "de synthetische gegevens")
    assert "daalden de kosten in de synthetische gegevens met € 0,5 mln" in text
    assert "%" not in text
    assert "werken tegen elkaar in" in text
    assert text.endswith(
        "Antwoord voor de synthetische gegevens: vooral minder complex: minder, lichtere of "
        "kortere hulp per cliënt."
    )


def test_group_effects_adds_the_row_total_and_sorts():
    table = pd.DataFrame({"volume": [1.0, 5.0], "mix": [-3.0, 1.0]}, index=["a", "b"])
    out = effects.group_effects(table)
    assert out.index.to_list() == ["b", "a"]
    assert out["totaal"].to_list() == [6.0, -2.0]


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


def test_row_balance_counts_distinct_rejected_rows():
    rejected = pd.DataFrame({"rij": [3, 3, 7], "kolom": ["kosten", "jaar", "kosten"]})
    balance = reading_report.row_balance(10, 8, rejected)
    assert balance.to_dict() == {"rijen in bestand": 10, "gebruikt": 8, "afgewezen": 2}
    with pytest.raises(ValueError, match="10 in het bestand, 7 gebruikt en 2 afgewezen"):
        reading_report.row_balance(10, 7, rejected)


def test_rejection_reasons_count_rows_per_reason():
    rejected = pd.DataFrame(
        {
            "rij": [3, 4, 4, 7],
            "kolom": ["kosten", "kosten", "kosten", "jaar"],
            "reden": ["negatief", "negatief", "negatief", "geen geheel getal"],
        }
    )
    reasons = reading_report.rejection_reasons(rejected)
    assert reasons.to_dict("records") == [
        {"kolom": "kosten", "reden": "negatief", "rijen": 2},
        {"kolom": "jaar", "reden": "geen geheel getal", "rijen": 1},
    ]


ZIN = pd.DataFrame({"jaar": [2015, 2016], "waarde": [2036.0, 2368.0]})
KERN = pd.DataFrame(
    {
        "grootheid": ["jeugdigen met jeugdhulp", "groei jeugdigen met jeugdhulp", "inzet"],
        "jaar": [2018, 2018, 2018],
        "waarde": [2865.0, 1.6, 1.6],
    }
)


def test_published_clients_keep_printed_counts_and_derive_the_year_before():
    clients = jeugd_series.published_clients(ZIN, KERN)
    assert clients.index.to_list() == [2015, 2016, 2017, 2018]
    assert clients.loc[[2015, 2016, 2018], "clienten"].to_list() == [2036.0, 2368.0, 2865.0]
    # 2865 / 1,016 = 2819,88…
    assert clients.loc[2017, "clienten"] == pytest.approx(2819.8819, abs=1e-4)
    assert clients.loc[2016, "definitie"].startswith("ZiN-cliënten")
    assert "afgeleid" in clients.loc[2017, "definitie"]


def test_published_view_names_missing_years_and_never_fills_them():
    clients = jeugd_series.published_clients(ZIN, KERN)
    realisatie = pd.Series({2016: 34.6, 2017: 35.0, 2018: 33.8, 2019: 41.4})
    view = jeugd_series.published_view(realisatie, clients)
    assert view.index.to_list() == [2015, 2016, 2017, 2018, 2019]
    assert view.loc[2019, "ontbreekt"] == "geen cliëntaantal gepubliceerd"
    assert np.isnan(view.loc[2019, "clienten"])
    assert np.isnan(view.loc[2019, "kosten_per_client"])
    assert view.loc[2015, "ontbreekt"] == "geen realisatie gepubliceerd"
    # 34,6 mln / 2.368 = € 14.611,49
    assert view.loc[2016, "kosten_per_client"] == pytest.approx(14611.4865, abs=1e-4)
    clients_both, cost_both = jeugd_series.complete_years(view)
    assert clients_both.index.to_list() == cost_both.index.to_list() == [2016, 2017, 2018]
    assert cost_both[2018] == pytest.approx(33.8e6)


def test_answer_published_splits_volume_and_cost_per_client():
    effects = pd.Series(
        {"volume": 0.5e6, "stapeling": 0.0, "mix": 0.0, "prijs": -1.7e6, "totaal": -1.2e6}
    )
    text = k.answer_published(effects, 2017, 2018)
    assert text.startswith(
        "Tussen 2017 en 2018 daalde de gepubliceerde realisatie van Maastricht met € 1,2 mln: "
        "€ 0,5 mln door het aantal jeugdigen en € −1,7 mln door de kosten per jeugdige."
    )


def test_cross_check_difference_and_share_of_total():
    lmdi = pd.Series({"volume": 3.0, "mix": 1.0, "totaal": 4.0})
    shapley = pd.Series({"volume": 2.0, "mix": 2.0, "totaal": 4.0})
    table = effects.cross_check(lmdi, shapley)
    assert table["verschil"].to_list() == [1.0, -1.0, 0.0]
    assert table["verschil_pct"].to_list() == [25.0, -25.0, 0.0]


def test_multiplicative_table_product_is_the_total_factor():
    table = effects.multiplicative_table(pd.Series({"volume": 1.1, "prijs": 1.2}))
    assert table.loc["totaal", "factor"] == pytest.approx(1.32)
    assert table["verandering_pct"].to_list() == pytest.approx([10.0, 20.0, 32.0])


def test_data_statement_says_synthetic_or_names_the_export():
    text = k.data_statement(None)
    assert "SYNTHETISCHE" in text and "illustreert de methode" in text
    balance = pd.Series({"rijen in bestand": 10, "gebruikt": 8, "afgewezen": 2})
    text = k.data_statement("Heerlen", "export.csv", balance)
    assert text == (
        "Deze uitvoering draait op de eigen export 'export.csv' van Heerlen: 10 rijen in het "
        "bestand, waarvan 8 gebruikt en 2 afgewezen (zie het afwijzingsrapport). Deze aantallen "
        "zijn niet afgerond en alleen voor de eigen analyse: ze gaan niet mee naar de "
        "weggeschreven tabellen."
    )


def test_calibration_display_keeps_small_figures_readable():
    report = pd.DataFrame(
        {
            "grootheid": ["jeugdigen", "inzet"],
            "jaar": [2018, 2018],
            "doel": [2865.0, 1.6],
            "herkomst": ["gepubliceerd", "afgeleid"],
            "synthetisch": [2865.0, 1.6004],
            "afwijking_pct": [0.0, 0.025],
        }
    )
    shown = effects.calibration_display(report)
    assert shown.loc[("jeugdigen", 2018)].to_list() == ["2.865", "gepubliceerd", "2.865", "0,00%"]
    assert shown.loc[("inzet", 2018)].to_list() == ["1,60", "afgeleid", "1,60", "0,03%"]


# --- disclosure control -------------------------------------------------------------------------


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


# --- small groups merged before the decomposition per group -------------------------------------


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
        decompose.components(decompose.lmdi(decompose.aggregate(merged), 2018, 2019))
    )
    # 2018: 100·(55 + 6 + 45) = 10600; 2019: 110·(78 + 45) = 13530.
    assert per_group["totaal"].sum() == pytest.approx(13530 - 10600)
    assert set(per_group.index) == {"a", protected.MERGED_GROUP}


@pytest.mark.parametrize(
    ("names", "text"),
    [
        ([], "Geen categorieën samengevoegd."),
        (["b"], f"Samengevoegd tot „{protected.MERGED_GROUP}”: b."),
        (["a", "b", "c"], f"Samengevoegd tot „{protected.MERGED_GROUP}”: a, b en c."),
    ],
)
def test_merged_statement_names_the_groups_only(names, text):
    assert k.merged_statement(names, "categorieën") == text


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
