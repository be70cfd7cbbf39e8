"""Plausibility, identifiers, credits and the hard stop of reading an export. Every file is
generated in tmp_path; rows in = used + rejected holds for every export read."""

import numpy as np
import pandas as pd
import pytest
from exportfiles import HEADER, assert_balanced, row, write_csv

from helpers.microdata import plausibility
from helpers.microdata.reading import (
    ExportError,
    UnusableExportError,
    read_export,
    require_usable,
)


def years(counts: dict, **fields):
    """Rows with a distinct arrangement each: {jaar: number of rows}."""
    lines = []
    for jaar, n in counts.items():
        lines += [
            row(jaar=jaar, arrangement=f"a{jaar}_{i}", begin=f"{jaar}-01-01", **fields)
            for i in range(n)
        ]
    return lines


def reasons(export, column):
    return export.rejected.loc[export.rejected["kolom"] == column, "reden"].tolist()


# --- jaar, leeftijd, dates against jaar, arrangements ------------------------------------------


def test_a_stray_year_outside_the_export_is_rejected(tmp_path):
    # one row of 2091 against 20 rows in each year of the export: 5%, a stray value
    lines = years({2018: 20, 2019: 20}) + [row(jaar=2091, arrangement="x", begin="2018-01-01")]
    export = read_export(write_csv(tmp_path, lines))
    assert export.rejected[["rij", "kolom", "waarde"]].values.tolist() == [[42, "jaar", "2091"]]
    assert reasons(export, "jaar")[0].startswith(
        "jaar 2091 valt buiten de jaren van de export (2018–2019)"
    )
    assert_balanced(export)


def test_a_gap_in_the_years_refuses_the_file(tmp_path):
    lines = years({2016: 20, 2017: 20, 2019: 20})
    with pytest.raises(ExportError, match="lopen van 2016 tot en met 2019, maar 2018 ontbreekt"):
        read_export(write_csv(tmp_path, lines))


def test_a_nearly_empty_year_inside_the_range_is_a_gap(tmp_path):
    # 2017 holds 3 rows against 40 in the busiest year: less than 10%.
    lines = years({2016: 40, 2017: 3, 2018: 40})
    with pytest.raises(ExportError, match="maar 2017 ontbreekt of heeft vrijwel geen rijen"):
        read_export(write_csv(tmp_path, lines))


def test_export_years_keeps_a_year_with_10_percent_of_the_busiest():
    jaar = pd.Series([2018] * 20 + [2019] * 2, dtype="float64")
    assert plausibility.export_years(jaar) == (2018, 2019)
    assert plausibility.export_years(pd.Series([2018.0] * 21 + [2019.0] * 2)) == (2018, 2018)


def test_a_gap_of_many_years_is_named_as_a_range():
    jaar = pd.Series([2018.0] * 5 + [2019.0] * 5 + [2091.0] * 5 + [2093.0] * 5)
    with pytest.raises(ValueError, match="maar 2020–2090, 2092 ontbreekt"):
        plausibility.export_years(jaar)


@pytest.mark.parametrize(("age", "rejected"), [(-1, True), (0, False), (23, False), (24, True)])
def test_leeftijd_outside_0_to_23_is_rejected(tmp_path, age, rejected):
    export = read_export(write_csv(tmp_path, [row(leeftijd=age), row(arrangement="a2")]))
    assert reasons(export, "leeftijd") == (["leeftijd buiten 0–23 jaar"] if rejected else [])
    assert_balanced(export)


def test_dates_that_do_not_fit_the_year_of_the_costs_are_rejected(tmp_path):
    lines = [
        row(jaar=2019, arrangement="a1", begin="2018-01-01", end="31-12-2018"),
        row(jaar=2018, arrangement="a2", begin="2019-01-01"),
        row(jaar=2018, arrangement="a3", begin="2018-12-31", end="2019-01-01"),
        row(jaar=2019, arrangement="a4", begin="2018-01-01", end="2019-01-01"),
    ]
    export = read_export(write_csv(tmp_path, lines))
    assert export.rejected[["rij", "kolom", "reden"]].values.tolist() == [
        [2, "einddatum", "arrangement eindigde vóór het jaar waarin de kosten zijn geboekt"],
        [3, "begindatum", "arrangement begon na het jaar waarin de kosten zijn geboekt"],
    ]
    assert export.data["arrangement_id"].tolist() == ["a3", "a4"]
    assert_balanced(export)


def test_an_arrangement_of_two_clients_is_rejected_in_all_its_rows(tmp_path):
    lines = [
        row(client="c1", jaar=2018, arrangement="a1"),
        row(client="c1", jaar=2019, arrangement="a1"),
        row(client="c2", jaar=2020, arrangement="a1", begin="2020-01-01"),
        row(client="c3", jaar=2018, arrangement="a2"),
    ]
    export = read_export(write_csv(tmp_path, lines))
    report = export.rejected
    assert report["rij"].tolist() == [2, 3, 4]
    assert set(report["reden"]) == {
        "arrangement_id komt voor bij meer dan één client_id (rijen 2, 3, 4)"
    }
    assert set(report["waarde"]) == {""}  # identifiers are never shown
    assert_balanced(export)


# --- costs: outliers, cents ---------------------------------------------------------------------


def test_a_cost_far_beyond_its_category_is_listed_for_review_not_rejected(tmp_path):
    # log cost: 40 values spread around ln 1000; one value 1000 times the median
    costs = np.round(1000 * np.exp(np.random.default_rng(3).normal(0, 0.5, 40)), 2)
    lines = [row(arrangement=f"a{i}", kosten=k) for i, k in enumerate([*costs, 1_000_000])]
    export = read_export(write_csv(tmp_path, lines))
    assert export.rejected.empty and len(export.data) == 41
    assert export.review[["rij", "kolom", "waarde"]].values.tolist() == [[42, "kosten", "1000000"]]
    assert export.review.loc[0, "reden"].startswith(
        "ter controle: kosten uitzonderlijk hoog voor ambulant"
    )
    assert_balanced(export)


def test_cost_outliers_follow_the_robust_z_rule():
    # ln costs 0, ±1 (MAD 1): z = ln(k) / 1.4826; 5 * 1.4826 = 7.41, so e^7.5 is out, e^7.3 in
    log_costs = np.r_[np.zeros(10), np.ones(10), -np.ones(10), 7.3, 7.5]
    kosten = pd.Series(np.exp(log_costs))
    categorie = pd.Series(["ambulant"] * len(kosten), dtype="category")
    outlier, reason = plausibility.cost_outliers(kosten, categorie)
    assert outlier.tolist() == [False] * 31 + [True]
    assert reason.iloc[0].startswith(
        "ter controle: kosten uitzonderlijk hoog voor ambulant, 1.808 keer"
    )
    # fewer than 30 positive costs in a category: not judged
    assert not plausibility.cost_outliers(kosten[10:], categorie[10:])[0].any()


def test_costs_in_cents_refuse_the_file(tmp_path):
    lines = [row(arrangement=f"a{i}", kosten=k) for i, k in enumerate([250000, 780000, 1200000])]
    with pytest.raises(
        ExportError, match="lijken centen te zijn.*€ 780.000.*deel de kolom door 100"
    ):
        read_export(write_csv(tmp_path, lines))


def test_large_costs_with_cents_are_euros(tmp_path):
    lines = [row(arrangement=f"a{i}", kosten=k) for i, k in enumerate([250000.5, 780000, 1200000])]
    assert len(read_export(write_csv(tmp_path, lines)).data) == 3


# --- identifiers --------------------------------------------------------------------------------


def elfproof(rng, n):
    """n random numbers that pass the elfproef."""
    found = []
    while len(found) < n:
        digits = rng.integers(0, 10, 9)
        if digits[0] and (digits @ np.array([9, 8, 7, 6, 5, 4, 3, 2, -1])) % 11 == 0:
            found.append("".join(map(str, digits)))
    return found


def failing(rng, n):
    found = []
    while len(found) < n:
        digits = rng.integers(0, 10, 9)
        if digits[0] and (digits @ np.array([9, 8, 7, 6, 5, 4, 3, 2, -1])) % 11:
            found.append("".join(map(str, digits)))
    return found


@pytest.mark.parametrize(
    "form", [lambda b: b, lambda b: f"BSN{b}", lambda b: f"{b[:4]}.{b[4:6]}.{b[6:]}"]
)
def test_a_column_where_a_quarter_of_the_values_are_bsns_is_refused(tmp_path, form):
    rng = np.random.default_rng(7)
    ids = [form(b) for b in elfproof(rng, 25)] + failing(rng, 75)
    lines = [row(client=c, arrangement=f"a{i}") for i, c in enumerate(ids)]
    with pytest.raises(ExportError) as caught:
        read_export(write_csv(tmp_path, lines))
    message = str(caught.value)
    assert "kolom 'client_id' halen 25% van de verschillende waarden de elfproef" in message
    assert not any(i in message for i in ids)


def test_a_bsn_column_outside_the_contract_is_refused(tmp_path):
    rng = np.random.default_rng(8)
    ids = elfproof(rng, 30)
    lines = [row(arrangement=f"a{i}") + f",{b}" for i, b in enumerate(ids)]
    with pytest.raises(ExportError, match="kolom 'relatienummer' halen 100%") as caught:
        read_export(write_csv(tmp_path, lines, header=HEADER + ",relatienummer"))
    assert not any(i in str(caught.value) for i in ids)


@pytest.mark.parametrize(
    "names",
    [
        ["Jan de Vries", "Fatima el Amrani", "Piet van der Berg", "Anna Jansen"],
        ["J. de Vries", "A.B. Jansen", "K. Bakker", "S. van Dijk"],
        ["Vries, Jan de", "Jansen, Anna", "Bakker, K.", "Dijk, Sanne van"],
    ],
)
def test_client_ids_that_are_names_are_refused(tmp_path, names):
    lines = [row(client=f'"{n}"', arrangement=f"a{i}") for i, n in enumerate(names)]
    path = write_csv(tmp_path, lines)
    with pytest.raises(
        ExportError, match="kolom 'client_id' zijn 100% .* naam van een persoon"
    ) as c:
        read_export(path)
    assert not any(n in str(c.value) for n in names)


def test_a_column_called_naam_is_refused_and_providers_may_have_names(tmp_path):
    lines = [row(arrangement=f"a{i}") + ",x" for i in range(3)]
    with pytest.raises(ExportError, match="kolom 'Naam' lijkt naar haar naam namen van personen"):
        read_export(write_csv(tmp_path, lines, header=HEADER + ",Naam"))
    providers = [line.replace(",p1,", ",Praktijk de Vries,") for line in lines]
    export = read_export(write_csv(tmp_path, providers, header=HEADER + ",opmerking"))
    assert len(export.data) == 3


def test_no_identifier_value_in_the_error_of_on_error_raise(tmp_path):
    lines = [row(client="geheim7", arrangement="a1"), row(client="geheim7", arrangement="a1")]
    with pytest.raises(ExportError) as caught:
        read_export(write_csv(tmp_path, lines), on_error="raise")
    message = str(caught.value)
    assert "kolom 'arrangement_id'" in message
    assert "geheim7" not in message and "'a1'" not in message


# --- credits ------------------------------------------------------------------------------------


def test_a_credit_is_netted_into_the_arrangement_year(tmp_path):
    lines = [
        row(arrangement="a1", kosten="100"),
        row(arrangement="a2", kosten="50"),
        row(arrangement="a1", kosten="-30", categorie="overig"),
    ]
    export = read_export(write_csv(tmp_path, lines, header=HEADER))
    assert export.rejected.empty
    assert export.data[["arrangement_id", "kosten", "categorie"]].values.tolist() == [
        ["a1", 70.0, "ambulant"],
        ["a2", 50.0, "ambulant"],
    ]
    assert export.netted.values.tolist() == [[4, 2, -30.0]]
    assert export.rows_used == 3 and len(export.data) == 2
    assert_balanced(export)


def test_credits_net_eenheden_too(tmp_path):
    lines = [
        row(arrangement="a1", kosten="100") + ",10",
        row(arrangement="a1", kosten="-40") + ",-4",
    ]
    export = read_export(write_csv(tmp_path, lines, header=HEADER + ",eenheden"))
    assert export.data[["kosten", "eenheden"]].values.tolist() == [[60.0, 6.0]]


def test_a_net_amount_that_stays_negative_rejects_the_rows_with_clear_reasons(tmp_path):
    lines = [
        row(arrangement="a1", kosten="100"),
        row(arrangement="a1", kosten="-130"),
        row(arrangement="a2"),
    ]
    export = read_export(write_csv(tmp_path, lines))
    assert export.rejected[["rij", "kolom", "reden"]].values.tolist() == [
        [2, "kosten", "blijft negatief na verrekening met de creditering(en) in rij 3"],
        [3, "kosten", "creditering verrekend met een rij die is afgewezen (rij 2)"],
    ]
    assert export.netted.empty and export.data["arrangement_id"].tolist() == ["a2"]
    assert_balanced(export)


def test_a_credit_next_to_two_cost_rows_is_not_netted(tmp_path):
    lines = [
        row(arrangement="a1", kosten="100"),
        row(arrangement="a1", kosten="80"),
        row(arrangement="a1", kosten="-30"),
        row(arrangement="a2"),
    ]
    export = read_export(write_csv(tmp_path, lines))
    assert export.rejected["rij"].unique().tolist() == [2, 3, 4]
    assert reasons(export, "kosten")[0].startswith("negatief bedrag (creditering) dat niet")
    assert_balanced(export)


# --- the hard stop ------------------------------------------------------------------------------


def test_a_clean_export_passes_the_hard_stop(tmp_path):
    export = read_export(write_csv(tmp_path, years({2018: 20, 2019: 20})))
    assert require_usable(export) is export


def test_too_many_rejected_rows_stop_the_analysis_with_the_report(tmp_path):
    lines = years({2018: 20, 2019: 20})
    lines[3] = lines[3].replace(",ZiN,", ",zin,")
    lines[25] = lines[25].replace(",huisarts,", ",school,")
    lines[30] = lines[30].replace(",huisarts,", ",school,")
    export = read_export(write_csv(tmp_path, lines))
    assert_balanced(export)
    with pytest.raises(UnusableExportError) as caught:
        require_usable(export)
    message = str(caught.value)
    assert message.startswith("export.csv: er is te veel afgewezen")
    assert "- jaar 2019: 2 van 20 rijen afgewezen (10,0%)" in message
    assert "- het hele bestand: 3 van 40 rijen afgewezen (7,5%)" in message
    assert "jaar 2018" not in message  # 1 of 20 rows: 5%, not more
    assert "kolom verwijzer: onbekende verwijzer; toegestaan" in message
    assert "2 rij(en), bijvoorbeeld rij 27, 32" in message
    assert "export.rejected" in message
    # with a limit of 10% the export is usable
    assert require_usable(export, max_rejected_rows=0.1, max_rejected_euros=0.1) is export


def test_rejected_euros_stop_the_analysis_even_when_few_rows_are_rejected(tmp_path):
    lines = years({2018: 50}, kosten="100")
    lines[0] = row(jaar=2018, arrangement="duur", begin="2018-01-01", kosten="900", leeftijd=30)
    export = read_export(write_csv(tmp_path, lines))
    with pytest.raises(
        UnusableExportError,
        match=r"1 van 50 rijen afgewezen \(2,0%\) en € 900 van € 5.800 \(15,5%\)",
    ):
        require_usable(export)


def test_a_year_of_which_every_row_is_rejected_is_named(tmp_path):
    lines = years({2018: 30}) + years({2019: 10}, end="2017-12-31")
    export = read_export(write_csv(tmp_path, lines))
    with pytest.raises(UnusableExportError) as caught:
        require_usable(export, max_rejected_rows=0.5, max_rejected_euros=0.5)
    assert "- jaar 2019: alle 10 rijen zijn afgewezen." in str(caught.value)
    assert "jaar 2018" not in str(caught.value)


def test_all_rows_rejected(tmp_path):
    lines = [row(arrangement=f"a{i}", leeftijd=40) for i in range(3)]
    with pytest.raises(UnusableExportError, match="het hele bestand: alle 3 rijen zijn afgewezen"):
        require_usable(read_export(write_csv(tmp_path, lines)))
