"""Rounding and suppression on hand-checked tables."""

import numpy as np
import pandas as pd
import pytest

from helpers.microdata.disclosure import (
    protect_balance,
    protect_counts,
    protect_with_costs,
    round_counts,
)

NA = pd.NA


def test_round_counts_half_up_to_five():
    counts = pd.Series([12, 13, 7, 8, 0, 2, 3, 15, None], dtype="Int64")
    assert round_counts(counts).tolist() == [10, 15, 5, 10, 0, 0, 5, 15, NA]


def test_round_counts_half_up_with_an_even_base():
    assert round_counts(pd.Series([14, 15, 25]), base=10).tolist() == [10, 20, 30]


@pytest.mark.parametrize("bad", [-1, 2.5])
def test_round_counts_refuses_what_is_not_a_count(bad):
    with pytest.raises(ValueError, match="gehele getallen van 0 of meer"):
        round_counts(pd.Series([4, bad]))


def test_primary_suppression_and_rounding_without_totals():
    table = pd.DataFrame({"categorie": ["a", "b", "c", "d"], "clienten": [12, 13, 7, 8]})
    protected = protect_counts(table, ["clienten"])
    assert protected["clienten"].tolist() == [10, 15, NA, 10]
    assert protected["categorie"].tolist() == ["a", "b", "c", "d"]


def test_a_row_with_one_small_cell_and_its_total_loses_a_second_cell():
    table = pd.DataFrame({"a": [3], "b": [20], "c": [12], "totaal": [35]})
    protected = protect_counts(table, ["a", "b", "c", "totaal"], total_col="totaal")
    # 3 is secret; 35 - 20 - 12 would give it away, so the next-smallest cell (12) goes too
    assert protected.iloc[0].tolist() == [NA, 20, NA, 35]


def test_without_a_total_in_the_table_only_the_small_cell_is_suppressed():
    table = pd.DataFrame({"a": [3], "b": [20], "c": [12]})
    assert protect_counts(table, ["a", "b", "c"]).iloc[0].tolist() == [NA, 20, 10]


def test_secondary_suppression_runs_through_rows_and_columns_until_stable():
    table = pd.DataFrame(
        {"a": [3, 30, 33], "b": [20, 40, 60], "c": [12, 50, 62], "totaal": [35, 120, 155]},
        index=["r1", "r2", "totaal"],
    )
    protected = protect_counts(
        table, ["a", "b", "c", "totaal"], total_row="totaal", total_col="totaal"
    )
    # r1: a (3) primary, c (12) to protect row r1; columns a and c then have one secret
    # each, so r2.a (30) and r2.c (50) follow; totals 33 -> 35, 62 -> 60.
    expected = pd.DataFrame(
        {"a": [NA, NA, 35], "b": [20, 40, 60], "c": [NA, NA, 60], "totaal": [35, 120, 155]},
        index=["r1", "r2", "totaal"],
        dtype="Int64",
    )
    pd.testing.assert_frame_equal(protected, expected)


def test_a_row_with_two_secret_cells_needs_no_extra_suppression():
    table = pd.DataFrame({"a": [2], "b": [3], "c": [10], "totaal": [15]})
    protected = protect_counts(table, ["a", "b", "c", "totaal"], total_col="totaal")
    assert protected.iloc[0].tolist() == [NA, NA, 10, 15]


def test_the_total_goes_when_no_other_cell_is_left():
    table = pd.DataFrame({"clienten": [5, 20]}, index=["wijk A", "totaal"])
    protected = protect_counts(table, ["clienten"], total_row="totaal")
    assert protected["clienten"].tolist() == [NA, NA]


def test_protect_with_costs_hides_costs_of_suppressed_counts():
    table = pd.DataFrame(
        {
            "clienten": [3, 50, 120, 173],
            "kosten": [9000.0, 100000.0, 360000.0, 469000.0],
            "kosten_per_client": [3000.0, 2000.0, 3000.0, 2711.0],
        },
        index=["verblijf", "pleegzorg", "ambulant", "totaal"],
    )
    protected = protect_with_costs(
        table, "clienten", ["kosten", "kosten_per_client"], total_row="totaal"
    )
    # verblijf (3) is secret; the total would reveal it, so pleegzorg (50, next smallest) goes too
    assert protected["clienten"].tolist() == [NA, NA, 120, 175]
    assert np.isnan(protected.loc[["verblijf", "pleegzorg"], "kosten"]).all()
    assert np.isnan(protected.loc[["verblijf", "pleegzorg"], "kosten_per_client"]).all()
    assert protected.loc["ambulant", "kosten"] == 360000.0
    assert protected.loc["totaal", "kosten_per_client"] == 2711.0


def test_protect_balance_hides_a_second_flow_where_the_balance_would_reveal_one():
    # stock(t) = stock(t-1) + in(t) - out(t) holds in every row after the first.
    table = pd.DataFrame(
        {
            "stock": [100, 98, 73, 6, 20],
            "in": [None, 20, 5, 13, 16],
            "out": [None, 22, 30, 80, 2],
        },
        index=[2015, 2016, 2017, 2018, 2019],
    )
    protected = protect_balance(table, "stock", "in", "out")
    # 2016: nothing below 8, only rounded. 2017: in = 5 is suppressed, so out goes too (the
    # only open flow). 2018: stock 6 is suppressed, so the smaller flow (13) goes too, never a
    # stock. 2019: two cells of its balance (stock 2018, out 2) are suppressed already.
    assert protected["stock"].tolist() == [100, 100, 75, NA, 20]
    assert protected["in"].tolist() == [NA, 20, NA, NA, 15]
    assert protected["out"].tolist() == [NA, 20, NA, 80, NA]


def test_protect_balance_first_row_has_no_balance():
    # The first row has flows, but no stock before it: its suppressed stock reveals nothing.
    table = pd.DataFrame({"stock": [5, 12], "in": [20, 9], "out": [30, 2]})
    protected = protect_balance(table, "stock", "in", "out")
    # Row 1: stock of row 0 (5) and out (2) suppressed: two cells, no secondary suppression.
    assert protected["stock"].tolist() == [NA, 10]
    assert protected["in"].tolist() == [20, 10]
    assert protected["out"].tolist() == [30, NA]
